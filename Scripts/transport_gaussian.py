#!/usr/bin/env python3
"""Gaussian -> Gaussian check of `icnn transport`, scored with numpy alone (independent of swift-icnn's metrics).

usage: python3 Scripts/transport_gaussian.py ICNN_BINARY DIM SEED [extra `icnn transport fit` flags...]

Draws P = N(m_P, S_P), Q = N(m_Q, S_Q) with random moments (S = B B^T / d + 0.3 I), n = 5000 samples per side,
fits a map with `icnn transport fit`, applies it to 1000 fresh samples of P with `icnn transport apply`, and prints
L2-UVP (100 E|T^(x) - T(x)|^2 / Var Q, percent), the cosine of displacements and the exact W2^2, with the closed
form T(x) = m_Q + A (x - m_P), A = S_P^-1/2 (S_P^1/2 S_Q S_P^1/2)^1/2 S_P^-1/2.
"""
import os
import subprocess
import sys
import tempfile
import time

import numpy as np


def sqrtm(s):
    w, v = np.linalg.eigh(s)
    return (v * np.sqrt(np.clip(w, 0, None))) @ v.T


def main():
    binary, d, seed = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
    extra = sys.argv[4:]
    rng = np.random.default_rng(seed)

    def covariance():
        b = rng.standard_normal((d, d))
        return b @ b.T / d + 0.3 * np.eye(d)

    mp, sp = rng.standard_normal(d), covariance()
    mq, sq = rng.standard_normal(d), covariance()
    n = 5000
    source = rng.multivariate_normal(mp, sp, n)
    target = rng.multivariate_normal(mq, sq, n)
    test = rng.multivariate_normal(mp, sp, 1000)
    rp = sqrtm(sp)
    irp = np.linalg.inv(rp)
    a = irp @ sqrtm(rp @ sq @ rp) @ irp
    truth = mq + (test - mp) @ a
    w2 = np.sum((mp - mq) ** 2) + np.trace(sp) + np.trace(sq) - 2 * np.trace(sqrtm(rp @ sq @ rp))

    columns = ",".join(f"c{k}" for k in range(d))
    with tempfile.TemporaryDirectory() as folder:
        def write(name, x):
            np.savetxt(os.path.join(folder, name), x, delimiter=",", header=columns, comments="")

        write("source.csv", source)
        write("target.csv", target)
        write("test.csv", test)
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
    uvp = 100 * np.mean(np.sum((pushed - truth) ** 2, axis=1)) / np.trace(sq)
    # The linear (Bures) baseline: the Gaussian map between the samples' means and covariances.
    cp, cq = np.cov(source.T).reshape(d, d), np.cov(target.T).reshape(d, d)
    rcp = sqrtm(cp)
    ircp = np.linalg.inv(rcp)
    bures = target.mean(0) + (test - source.mean(0)) @ (ircp @ sqrtm(rcp @ cq @ rcp) @ ircp)
    bures_uvp = 100 * np.mean(np.sum((bures - truth) ** 2, axis=1)) / np.trace(sq)
    dp, dt = pushed - test, truth - test
    cosine = np.sum(dp * dt) / np.sqrt(np.sum(dp * dp) * np.sum(dt * dt))
    dual = [line for line in fit.stdout.splitlines() if line.startswith("W2² (dual)")]
    print(f"d={d} seed={seed}: L2-UVP {uvp:.3f} %, cosine {cosine:.4f}, exact W2² {w2:.4f}, "
          f"{dual[0] if dual else 'no dual estimate'}, fit {seconds:.1f} s; Bures baseline L2-UVP {bures_uvp:.3f} %")


if __name__ == "__main__":
    main()
