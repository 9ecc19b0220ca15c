#!/usr/bin/env python3
"""The actor-level benchmark: every actorgraph command on seeded synthetic actor graphs.

Runs each command of the release build once per graph size as a child process and reports its
wall time, its CPU time (user + system) and its peak memory (the child's maximum resident set
size, from wait4), next to the targets of issue 14. Standard library only.

    python3 Benchmarks/actors/bench.py                      # 2k/8k and 20k/100k
    python3 Benchmarks/actors/bench.py --sizes 2000:8000    # one size
    python3 Benchmarks/actors/bench.py --only fissures,claims --limit 120

The graphs come from Benchmarks/ActorGraphGenerator (seed 1 unless --seed), written once under
.build-bench/actors/ and reused. A command whose options this build does not have (the reduced
render views before they landed) is reported as "n/a", never as a failure; one that runs past
--limit seconds is stopped and reported as "> LIMIT s".
"""

import argparse
import json
import os
import re
import signal
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
BIN = os.path.join(ROOT, ".build", "release", "actorgraph")
GENERATOR = os.path.join(ROOT, ".build", "release", "ActorGraphGenerator")
OUT = os.path.join(ROOT, ".build-bench", "actors")

# The positive kinds of the synthetic graphs (built-in and declared), for centrality.
POSITIVE = "coalition,alliance,patronage,membership,support,command,pact"


def commands(graph, focus, workdir):
    """(name, arguments, required options) per row, in table order."""
    svg = os.path.join(workdir, "out.svg")
    return [
        ("check", ["check", graph], []),
        ("summary", ["summary", graph], []),
        ("centrality --measure all (positive kinds)", ["centrality", graph, "--measure", "all", "--relations", POSITIVE], []),
        ("factions (balance)", ["factions", graph, "--method", "balance"], []),
        ("factions --method louvain", ["factions", graph, "--method", "louvain"], []),
        ("factions --method leiden", ["factions", graph, "--method", "leiden"], []),
        ("factions --method spectral", ["factions", graph, "--method", "spectral"], []),
        ("factions --method girvan-newman", ["factions", graph, "--method", "girvan-newman"], []),
        ("balance", ["balance", graph], []),
        ("fissures", ["fissures", graph], []),
        ("brokers (k = 2)", ["brokers", graph], []),
        ("brokers --k 3", ["brokers", graph, "--k", "3"], []),
        ("patronage", ["patronage", graph], []),
        ("claims", ["claims", graph], []),
        ("robustness", ["robustness", graph], []),
        ("diff --from 2012 --to 2016", ["diff", graph, "--from", "2012", "--to", "2016"], []),
        ("render", ["render", graph, "-o", svg], []),
        ("render --cluster factions --highlight fissures",
         ["render", graph, "--cluster", "factions", "--highlight", "fissures", "-o", svg], []),
        ("render --top 50", ["render", graph, "--top", "50", "-o", svg], ["--top"]),
        ("render --focus X --depth 1", ["render", graph, "--focus", focus, "--depth", "1", "-o", svg], ["--focus", "--depth"]),
        ("render --collapse factions", ["render", graph, "--collapse", "factions", "-o", svg], ["--collapse"]),
    ]


def target(name, size):
    """The target of issue 14 for a row at a size (actors), as (seconds, text)."""
    if size <= 2000:
        return 5, "≤ 5 s"
    heavy = ("fissures", "claims", "robustness", "diff")
    if name.startswith(heavy):
        return 60, "≤ 60 s"
    if name.startswith("factions") or name.startswith(("render --top", "render --focus", "render --collapse")):
        return 10, "≤ 10 s"
    return None, "≤ 1 GB"


def generate(actors, relations, seed):
    path = os.path.join(OUT, f"actors-{actors}-{relations}-seed{seed}.yaml")
    if not os.path.exists(path):
        os.makedirs(OUT, exist_ok=True)
        subprocess.run([GENERATOR, "--actors", str(actors), "--relations", str(relations), "--seed", str(seed), "-o", path],
                       check=True)
    return path


def best_connected(path):
    """The actor named in the most relations: the --focus of the ego-network row."""
    counts = {}
    pattern = re.compile(r"(?:between: \[([^,\]]+), ([^\]]+)\]|from: ([^,}]+), to: ([^,}]+))")
    with open(path, encoding="utf-8") as f:
        for line in f:
            if not line.startswith("  - {"):
                continue
            m = pattern.search(line)
            if not m:
                continue
            for g in m.groups():
                if g:
                    counts[g.strip()] = counts.get(g.strip(), 0) + 1
    return max(sorted(counts), key=lambda a: counts[a])


def run(args, limit):
    """Runs the command; returns (status, wall s, cpu s, peak MiB, last stderr line)."""
    err = tempfile.TemporaryFile()
    start = time.monotonic()
    proc = subprocess.Popen([BIN] + args, stdout=subprocess.DEVNULL, stderr=err, start_new_session=True)
    deadline = start + limit
    status, usage = None, None
    while True:
        pid, st, ru = os.wait4(proc.pid, os.WNOHANG)
        if pid != 0:
            status, usage = st, ru
            break
        if time.monotonic() > deadline:
            os.killpg(proc.pid, signal.SIGKILL)
            _, status, usage = os.wait4(proc.pid, 0)
            proc.returncode = -9
            err.close()
            return ("timeout", time.monotonic() - start, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024, "")
        time.sleep(0.01)
    wall = time.monotonic() - start
    proc.returncode = os.waitstatus_to_exitcode(status)
    err.seek(0)
    lines = [l for l in err.read().decode("utf-8", "replace").splitlines() if l.strip()]
    err.close()
    code = proc.returncode
    state = "ok" if code == 0 else ("refused" if code == 1 else f"exit {code}")
    return (state, wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024, lines[-1] if lines else "")


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sizes", default="2000:8000,20000:100000", help="ACTORS:RELATIONS,… (default: %(default)s)")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--limit", type=float, default=300, help="seconds per command before it is stopped (default: %(default)s)")
    ap.add_argument("--only", default="", help="comma-separated row prefixes to run (default: all)")
    ap.add_argument("--json", default=os.path.join(OUT, "actors.json"))
    a = ap.parse_args()
    for exe in (BIN, GENERATOR):
        if not os.path.exists(exe):
            sys.exit(f"{exe} is missing: run 'make bench-actors' (it builds both in release mode)")
    help_text = subprocess.run([BIN, "render", "--help"], capture_output=True, text=True).stdout
    sizes = [tuple(int(x) for x in s.split(":")) for s in a.sizes.split(",") if s]
    only = [o.strip() for o in a.only.split(",") if o.strip()]
    results = {}
    names = []
    with tempfile.TemporaryDirectory() as workdir:
        for actors, relations in sizes:
            graph = generate(actors, relations, a.seed)
            focus = best_connected(graph)
            label = f"{actors // 1000}k/{relations // 1000}k" if actors >= 1000 else f"{actors}/{relations}"
            print(f"== {label}: {os.path.relpath(graph, ROOT)} (focus: {focus})", file=sys.stderr)
            for name, args, needs in commands(graph, focus, workdir):
                if name not in names:
                    names.append(name)
                if only and not any(name.startswith(o) for o in only):
                    continue
                if any(opt not in help_text for opt in needs):
                    results[(name, label)] = {"status": "n/a"}
                    print(f"   {name:50} n/a (this build has no {' '.join(needs)})", file=sys.stderr)
                    continue
                state, wall, cpu, mib, last = run(args, a.limit)
                results[(name, label)] = {"status": state, "wall": wall, "cpu": cpu, "peak_mib": mib, "message": last}
                note = f"  [{last[:90]}]" if state not in ("ok",) and last else ""
                print(f"   {name:50} {state:8} {wall:8.2f} s wall {cpu:8.2f} s cpu {mib:8.0f} MiB{note}", file=sys.stderr)
    labels = [f"{x // 1000}k/{y // 1000}k" if x >= 1000 else f"{x}/{y}" for x, y in sizes]
    sizes_by_label = dict(zip(labels, [s[0] for s in sizes]))

    def cell(name, label):
        r = results.get((name, label))
        if r is None:
            return "", ""
        if r["status"] == "n/a":
            return "n/a", ""
        if r["status"] == "timeout":
            return f"> {a.limit:.0f} s", f"{r['peak_mib']:.0f} MB"
        t = f"{r['wall']:.2f} s" if r["wall"] < 10 else f"{r['wall']:.1f} s"
        if r["status"] == "refused":
            t += " (refused)"
        elif r["status"] != "ok":
            t += f" ({r['status']})"
        s, _ = target(name, sizes_by_label[label])
        if s is not None and r["wall"] > s:
            t += " ✗"
        if r["peak_mib"] > 1024:
            t += " ✗ memory"
        return t, f"{r['peak_mib']:.0f} MB"

    header = "| command | " + " | ".join(f"{l} time | {l} peak memory" for l in labels) + " | target |"
    rule = "|---|" + "---|---|" * len(labels) + "---|"
    rows = [header, rule]
    for name in names:
        if only and not any(name.startswith(o) for o in only):
            continue
        cells = []
        for l in labels:
            cells += list(cell(name, l))
        tgt = " / ".join(f"{l}: {target(name, sizes_by_label[l])[1]}" for l in labels)
        rows.append(f"| `{name}` | " + " | ".join(cells) + f" | {tgt} |")
    print("\n".join(rows))
    os.makedirs(os.path.dirname(a.json), exist_ok=True)
    with open(a.json, "w") as f:
        json.dump({"sizes": labels, "seed": a.seed, "limit": a.limit,
                   "rows": [{"command": n, "size": l, **r} for (n, l), r in results.items()]}, f, indent=1)
    print(f"(JSON: {os.path.relpath(a.json, ROOT)}; wall time on this machine's cores, peak memory = the child's max RSS)",
          file=sys.stderr)


if __name__ == "__main__":
    main()
