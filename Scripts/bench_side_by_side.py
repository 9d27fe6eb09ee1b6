#!/usr/bin/env python3
"""Times the reference FICNN in icnn, JAX and PyTorch in the same sitting, alternating, and prints medians.

The shared machine's speed drifts by tens of percent within minutes, so figures taken at different times do not
compare; this script runs the three in turn, ROUNDS times, and reports per cell the median over rounds of each
framework, so all three see the same conditions. JAX and PyTorch come from ../shared/bench (outside the project;
install them as its README says); a framework that fails to run is reported and left out.

    python3 Scripts/bench_side_by_side.py --icnn .build/release/icnn --rounds 3 --configs 0,1,2,3
"""
import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile

CONFIGS = [(2, 64, 3, 256), (16, 128, 4, 1024), (64, 512, 4, 1024), (128, 1024, 4, 4096)]


def run_icnn(binary, configs, samples):
    out = subprocess.run(
        [binary, "bench", "engine", "--configs", configs, "--skip-gemm", "--samples", str(samples), "--json"],
        check=True, capture_output=True, text=True).stdout
    cells = {}
    for line in out.splitlines():
        row = json.loads(line)
        if row.get("kind") == "network":
            key = (row["d"], row["width"], row["depth"], row["batch"])
            cells[key] = (row["train_ms"], row["double_backward_ms"])
    return cells


def run_reference(script, bench, configs, samples, threads):
    with tempfile.TemporaryDirectory() as folder:
        path = os.path.join(folder, "out.json")
        subprocess.run([sys.executable, script, "--threads", str(threads), "--configs", configs,
                        "--samples", str(samples), "--out", path],
                       check=True, capture_output=True, text=True, cwd=bench)
        with open(path) as f:
            results = json.load(f)["results"]
    return {(r["d"], r["h"], r["L"], r["B"]): (1e3 * r["train_step"]["median_s"],
                                               1e3 * r["double_backward_step"]["median_s"]) for r in results}


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--icnn", default=os.path.join(here, "..", ".build", "release", "icnn"))
    parser.add_argument("--bench", default=os.path.join(here, "..", "..", "shared", "bench"),
                        help="the folder with jax_ficnn.py and torch_ficnn.py")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--configs", default="0,1,2,3")
    parser.add_argument("--samples", type=int, default=7)
    parser.add_argument("--threads", type=int, default=2)
    args = parser.parse_args()
    runners = {
        "icnn": lambda: run_icnn(args.icnn, args.configs, args.samples),
        "jax": lambda: run_reference("jax_ficnn.py", args.bench, args.configs, args.samples, args.threads),
        "pytorch": lambda: run_reference("torch_ficnn.py", args.bench, args.configs, args.samples, args.threads),
    }
    rounds = {name: [] for name in runners}
    for r in range(args.rounds):
        for name, run in runners.items():
            try:
                cells = run()
            except (subprocess.CalledProcessError, OSError, KeyError, ValueError) as error:
                print(f"round {r + 1}: {name} failed: {error}", file=sys.stderr)
                continue
            rounds[name].append(cells)
            summary = ", ".join(f"{k}: {v[0]:.3f} / {v[1]:.3f}" for k, v in sorted(cells.items()))
            print(f"round {r + 1} {name} (train / double backward ms): {summary}", file=sys.stderr, flush=True)
    names = [n for n in runners if rounds[n]]
    print(f"Medians over {args.rounds} alternating rounds, {args.threads} threads, ms (train | double backward):")
    print("| (d, width, depth, batch) | " + " | ".join(f"train {n}" for n in names) + " | "
          + " | ".join(f"double backward {n}" for n in names) + " |")
    print("|---" * (1 + 2 * len(names)) + "|")
    for i in [int(c) for c in args.configs.split(",")]:
        key = CONFIGS[i]
        cols = [[], []]
        for k in range(2):
            for n in names:
                values = [cells[key][k] for cells in rounds[n] if key in cells]
                cols[k].append(f"{statistics.median(values):.3g}" if values else "–")
        print(f"| {key} | " + " | ".join(cols[0]) + " | " + " | ".join(cols[1]) + " |")


if __name__ == "__main__":
    main()
