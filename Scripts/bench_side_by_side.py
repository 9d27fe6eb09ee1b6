#!/usr/bin/env python3
"""Times the reference FICNN in icnn, JAX and PyTorch in the same sitting, alternating, and prints medians.

The shared machine's speed drifts by tens of percent within minutes, so figures taken at different times do not
compare; this script runs the three in turn, ROUNDS times, and reports per cell the median over rounds of each
framework, so all three see the same conditions. Within a round the three run back to back on one configuration
at a time (--no-per-config: each runs all configurations before the next starts). JAX and PyTorch come from
../shared/bench (outside the project; install them as its README says); a framework that fails to run is reported
and left out. Before each configuration of each round (each round, with --no-per-config) it runs `icnn bench
cores`, and at the end it prints every round's ratios beside each CPU's speed at the time.

    python3 Scripts/bench_side_by_side.py --icnn .build/release/icnn --rounds 3 --configs 0,1,2,3

With --gemm it compares the matrix multiply instead: `icnn bench engine --configs none` (ours and OpenBLAS, which
that command times alternately in one process) against PyTorch's torch.mm (MKL on x86), on the issue's three shapes
with 1 and 2 threads, in alternating rounds; it prints the median GFLOP/s over the rounds.
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


def probe_cores(binary):
    """Each CPU's one-thread 1024x256x256 rate in GFLOP/s (`icnn bench cores --json`), or [] when it fails."""
    try:
        out = subprocess.run([binary, "bench", "cores", "--json"], check=True, capture_output=True, text=True).stdout
        return [json.loads(line)["gflops"] for line in out.splitlines() if line.startswith("{")]
    except (subprocess.CalledProcessError, OSError, KeyError, ValueError):
        return []


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


GEMM_SHAPES = [(256, 64, 64), (1024, 256, 256), (4096, 1024, 1024)]

TORCH_GEMM = """
import json, sys, time, torch
samples = int(sys.argv[1])
for threads in (1, 2):
    torch.set_num_threads(threads)
    for m, k, n in json.loads(sys.argv[2]):
        a, b = torch.randn(m, k), torch.randn(k, n)
        reps = max(1, int(2e8 / (2 * m * k * n)))
        for _ in range(3):
            a @ b
        times = []
        for _ in range(samples):
            start = time.perf_counter()
            for _ in range(reps):
                a @ b
            times.append((time.perf_counter() - start) / reps)
        times.sort()
        print(json.dumps({"m": m, "k": k, "n": n, "threads": threads,
                          "gflops": 2 * m * k * n / times[len(times) // 2] * 1e-9}))
"""


def gemm_rounds(args):
    """Alternates icnn's GEMM section (with OpenBLAS) and torch.mm; prints median GFLOP/s per shape and thread count."""
    figures = {}  # (m, k, n, threads) -> {"icnn": [...], "OpenBLAS": [...], "PyTorch (MKL)": [...]}

    def add(key, name, value):
        if value is not None:
            figures.setdefault(key, {}).setdefault(name, []).append(value)

    for r in range(args.rounds):
        out = subprocess.run([args.icnn, "bench", "engine", "--configs", "none", "--json"],
                             check=True, capture_output=True, text=True).stdout
        for line in out.splitlines():
            row = json.loads(line)
            if row.get("kind") == "gemm":
                key = (row["m"], row["k"], row["n"], row["threads_requested"])
                add(key, "icnn", row["gflops"])
                add(key, "OpenBLAS", row["openblas_gflops"])
        try:
            out = subprocess.run([sys.executable, "-c", TORCH_GEMM, str(args.samples), json.dumps(GEMM_SHAPES)],
                                 check=True, capture_output=True, text=True).stdout
            for line in out.splitlines():
                row = json.loads(line)
                add((row["m"], row["k"], row["n"], row["threads"]), "PyTorch (MKL)", row["gflops"])
        except (subprocess.CalledProcessError, OSError, ValueError) as error:
            print(f"round {r + 1}: PyTorch failed: {error}", file=sys.stderr)
        print(f"round {r + 1} done", file=sys.stderr, flush=True)
    names = ["icnn", "OpenBLAS", "PyTorch (MKL)"]
    print(f"Median GFLOP/s over {args.rounds} alternating rounds:")
    print("| M×K×N | threads | " + " | ".join(names) + " |")
    print("|---" * (2 + len(names)) + "|")
    for key in sorted(figures, key=lambda k: (k[0] * k[1] * k[2], k[3])):
        cells = [f"{statistics.median(figures[key][n]):.1f}" if n in figures[key] else "–" for n in names]
        print(f"| {key[0]}×{key[1]}×{key[2]} | {key[3]} | " + " | ".join(cells) + " |")


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
    parser.add_argument("--per-config", action=argparse.BooleanOptionalAction, default=True,
                        help="alternate the frameworks per configuration (default) rather than per whole round")
    parser.add_argument("--gemm", action="store_true",
                        help="compare the matrix multiply (icnn, OpenBLAS, PyTorch's MKL) instead of the networks")
    args = parser.parse_args()
    if args.gemm:
        gemm_rounds(args)
        return
    runners = {
        "icnn": lambda configs: run_icnn(args.icnn, configs, args.samples),
        "jax": lambda configs: run_reference("jax_ficnn.py", args.bench, configs, args.samples, args.threads),
        "pytorch": lambda configs: run_reference("torch_ficnn.py", args.bench, configs, args.samples, args.threads),
    }
    # Within a round the frameworks run back to back on one configuration at a time (with --per-config, the
    # default): this machine's speed flips between two levels for seconds to minutes at a time, and a framework
    # that ran all configurations in one slow stretch would lose every cell of that round.
    groups = [[c] for c in args.configs.split(",")] if args.per_config else [args.configs.split(",")]
    order = list(runners)
    by_round = {name: {} for name in runners}  # name -> {(round, configuration): (train, double backward)}
    cores = {}  # (round, configuration) -> each CPU's one-thread rate just before the group ran
    for r in range(args.rounds):
        for group in groups:
            rates = probe_cores(args.icnn)
            cores.update({(r, CONFIGS[int(c)]): rates for c in group})
            if rates:
                print(f"round {r + 1} cores (1024x256x256, one thread, GFLOP/s): "
                      + ", ".join(f"{x:.0f}" for x in rates), file=sys.stderr, flush=True)
            # Rotate who goes first, so no framework always runs right after another's warm-up or cool-down.
            for name in order[r % len(order):] + order[:r % len(order)]:
                try:
                    cells = runners[name](",".join(group))
                except (subprocess.CalledProcessError, OSError, KeyError, ValueError) as error:
                    print(f"round {r + 1}: {name} failed: {error}", file=sys.stderr)
                    continue
                by_round[name].update({(r, k): v for k, v in cells.items()})
                summary = ", ".join(f"{k}: {v[0]:.3f} / {v[1]:.3f}" for k, v in sorted(cells.items()))
                print(f"round {r + 1} {name} (train / double backward ms): {summary}", file=sys.stderr, flush=True)
    names = [n for n in runners if by_round[n]]
    print(f"Medians over {args.rounds} alternating rounds, {args.threads} threads, ms (train | double backward):")
    print("| (d, width, depth, batch) | " + " | ".join(f"train {n}" for n in names) + " | "
          + " | ".join(f"double backward {n}" for n in names) + " |")
    print("|---" * (1 + 2 * len(names)) + "|")
    for i in [int(c) for c in args.configs.split(",")]:
        key = CONFIGS[i]
        cols = [[], []]
        for k in range(2):
            for n in names:
                values = [v[k] for (_, c), v in by_round[n].items() if c == key]
                cols[k].append(f"{statistics.median(values):.3g}" if values else "–")
        print(f"| {key} | " + " | ".join(cols[0]) + " | " + " | ".join(cols[1]) + " |")
    paired_summary(args, by_round, names)
    round_table(args, by_round, names, cores)


def ratio_header(lead, others):
    """A markdown table header: the `lead` columns, then train and double backward against each other framework."""
    columns = lead + [f"train vs {n}" for n in others] + [f"double backward vs {n}" for n in others]
    print("| " + " | ".join(columns) + " |")
    print("|---" * len(columns) + "|")


def round_table(args, by_round, names, cores):
    """Every round's ratios beside the state of the cores just before it: on this machine one vCPU is often slowed,
    which caps what two threads can do for every framework (docs/ENGINE.md, session 13)."""
    if "icnn" not in names or len(names) < 2 or not any(cores.values()):
        return
    others = [n for n in names if n != "icnn"]
    print("\nPer round: each CPU's one-thread 1024x256x256 GFLOP/s just before, then icnn / other:")
    ratio_header(["(d, width, depth, batch)", "round", "cores"], others)
    for i in [int(c) for c in args.configs.split(",")]:
        key = CONFIGS[i]
        for r in range(args.rounds):
            if (r, key) not in by_round["icnn"]:
                continue
            cols = []
            for k in range(2):
                for n in others:
                    theirs = by_round[n].get((r, key))
                    cols.append(f"{by_round['icnn'][(r, key)][k] / theirs[k]:.3f}" if theirs else "–")
            rates = " / ".join(f"{x:.0f}" for x in cores.get((r, key), [])) or "–"
            print(f"| {key} | {r + 1} | {rates} | " + " | ".join(cols) + " |")


def paired_summary(args, by_round, names):
    """Per round and cell, icnn's time over each other framework's (they ran minutes apart at most): the median
    ratio and how many rounds icnn was the faster. Steadier than the ratio of medians when the machine drifts."""
    if "icnn" not in names or len(names) < 2:
        return
    others = [n for n in names if n != "icnn"]
    print("\nicnn / other, per round (median ratio, rounds icnn was faster / rounds):")
    ratio_header(["(d, width, depth, batch)"], others)
    for i in [int(c) for c in args.configs.split(",")]:
        key = CONFIGS[i]
        cols = []
        for k in range(2):
            for n in others:
                pairs = [(by_round["icnn"][(r, key)][k], by_round[n][(r, key)][k]) for r in range(args.rounds)
                         if (r, key) in by_round["icnn"] and (r, key) in by_round[n]]
                if not pairs:
                    cols.append("–")
                    continue
                ratio = statistics.median(a / b for a, b in pairs)
                wins = sum(a < b for a, b in pairs)
                cols.append(f"{ratio:.3f} ({wins}/{len(pairs)})")
        print(f"| {key} | " + " | ".join(cols) + " |")


if __name__ == "__main__":
    main()
