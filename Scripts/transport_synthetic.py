#!/usr/bin/env python3
"""The HyCNN paper's synthetic transport maps, run through `icnn transport`, scored with numpy.

usage: python3 Scripts/transport_synthetic.py ICNN_BINARY MAP DIM SEED [extra `icnn transport fit` flags...]

MAP is identity (P = N(0, I)), scaling (x_i -> (1 + sin(i)/2) x_i, i = 1..d, P = N(0, I)), sign (x -> x + sign(x),
P = Unif[-1, 1]^d) or cube (x -> 4x^3, P = Unif[-1, 1]^d). n = 5000 samples per side (the target is T applied to an
independent source sample), 1000 test points; prints the map MSE mean |T^(x) - T(x)|^2 (the paper's metric).
"""
import os
import subprocess
import sys
import tempfile
import time

import numpy as np


def main():
    binary, kind, d, seed = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
    extra = sys.argv[5:]
    rng = np.random.default_rng(seed)
    if kind in ("identity", "scaling"):
        draw = lambda n: rng.standard_normal((n, d))
    else:
        draw = lambda n: rng.uniform(-1, 1, (n, d))
    factors = 1 + np.sin(np.arange(1, d + 1)) / 2
    maps = {
        "identity": lambda x: x,
        "scaling": lambda x: x * factors,
        "sign": lambda x: x + np.sign(x),
        "cube": lambda x: 4 * x ** 3,
    }
    t = maps[kind]
    source, target, test = draw(5000), t(draw(5000)), draw(1000)
    columns = ",".join(f"c{k}" for k in range(d))
    with tempfile.TemporaryDirectory() as folder:
        for name, x in (("source.csv", source), ("target.csv", target), ("test.csv", test)):
            np.savetxt(os.path.join(folder, name), x, delimiter=",", header=columns, comments="")
        start = time.time()
        fit = subprocess.run(
            [binary, "transport", "fit", "--source", "source.csv", "--target", "target.csv", "--seed", str(seed),
             "--out", "map.safetensors", *extra],
            cwd=folder, capture_output=True, text=True)
        seconds = time.time() - start
        if fit.returncode != 0:
            sys.exit(fit.stderr)
        subprocess.run([binary, "transport", "apply", "--map", "map.safetensors", "--data", "test.csv",
                        "--out", "pushed.csv"], cwd=folder, check=True)
        pushed = np.loadtxt(os.path.join(folder, "pushed.csv"), delimiter=",", skiprows=1)
    mse = np.mean(np.sum((pushed - t(test)) ** 2, axis=1))
    print(f"{kind} d={d} seed={seed} {' '.join(extra)}: map MSE {mse:.4f}, fit {seconds:.1f} s")


if __name__ == "__main__":
    main()
