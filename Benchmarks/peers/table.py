#!/usr/bin/env python3
"""Merges the peers' JSON and ActorGraph's JSON into one Markdown table.

    python3 Benchmarks/peers/table.py PEERS.json [ACTORGRAPH.json] [--out FILE.md]

Both files hold a JSON list of records (or an object whose "results" is that
list) with the schema documented in README.md:

    {"library", "version", "graph", "measure", "seconds", "threads", "note",
     "memory_bytes_per_edge", optional "status", "limit", "runs", "nodes", "edges"}

Rows are (graph, measure, threads); columns are each peer library's seconds,
ActorGraph's seconds and the ratio actorgraph / best peer, the best peer being
the fastest one that finished at the SAME thread count.  A ratio below 1 means
ActorGraph is faster.  After each graph's load row comes a "memory B/edge"
row, compared the same way (lower is better).  Cells: '>600' a measurement
killed at its 600 s limit, 'error' a failure, '-' not run.

Standard library only, so it runs with any python3.
"""

import argparse
import json
import sys

PEER_ORDER = ["igraph", "networkit", "rustworkx", "networkx"]
GRAPH_ORDER = ["s1k", "s20k", "s200k", "s1m"]
MEASURE_ORDER = ["load", "components", "pagerank", "eigenvector", "betweenness", "closeness", "louvain", "leiden"]
ACTORGRAPH = "actorgraph"
MEMORY = "memory B/edge"
COMMUNITY = {"louvain", "leiden"}    # their notes carry "Q=<modularity>", shown on a row of its own
QUALITY = "modularity Q"


def quality(r):
    """The modularity a community record's note reports (Q=...), or None."""
    if r is None or status(r) != "ok":
        return None
    import re
    m = re.search(r"\bQ=(-?[0-9.]+)", r.get("note", ""))
    return float(m.group(1)) if m else None


def load(path):
    with open(path) as f:
        data = json.load(f)
    if isinstance(data, dict):
        data = data.get("results", [])
    if not isinstance(data, list):
        raise SystemExit("%s: expected a list of records" % path)
    for i, r in enumerate(data):
        missing = [k for k in ("library", "graph", "measure", "seconds", "threads") if k not in r]
        if missing:
            raise SystemExit("%s: record %d lacks %s" % (path, i, ", ".join(missing)))
    return data


def status(r):
    if r.get("status"):
        return r["status"]
    return "ok" if r.get("seconds") is not None else "error"


def fmt_seconds(x):
    if x >= 100:
        return "%.0f" % x
    if x >= 10:
        return "%.1f" % x
    if x >= 1:
        return "%.2f" % x
    if x >= 0.01:
        return "%.3f" % x
    return "%.2g" % x


def cell(r, memory=False):
    if r is None:
        return "-"
    if memory:
        v = r.get("memory_bytes_per_edge")
        return "-" if v is None else "%.1f" % v
    st = status(r)
    if st == "ok":
        return fmt_seconds(r["seconds"])
    if st == "timeout":
        return ">%s" % r.get("limit", "limit")
    if st == "skipped":
        return "-"
    return "error"


def ratio(ag, peers, memory=False):
    """actorgraph / best peer, as text."""
    if ag is None:
        return "-"
    if memory:
        a = ag.get("memory_bytes_per_edge")
        vals = [p["memory_bytes_per_edge"] for p in peers if p.get("memory_bytes_per_edge")]
        if a is None or not vals:
            return "-"
        return "%.2f" % (a / min(vals))
    if status(ag) != "ok":
        return "-"
    done = [p["seconds"] for p in peers if status(p) == "ok"]
    if done:
        best = min(done)
        return "%.3g" % (ag["seconds"] / best) if best > 0 else "-"
    limits = [p.get("limit") for p in peers if status(p) == "timeout" and p.get("limit")]
    if limits:
        # every peer was killed: the best peer took longer than its limit
        return "<%.3g" % (ag["seconds"] / max(limits))
    return "-"


def order_key(seq, value):
    return (seq.index(value), "") if value in seq else (len(seq), str(value))


def render(peer_records, ag_records):
    peers = {}
    libs = []
    for r in peer_records:
        if r["library"] == ACTORGRAPH:
            ag_records = list(ag_records) + [r]
            continue
        peers[(r["graph"], r["measure"], r["threads"], r["library"])] = r
        if r["library"] not in libs:
            libs.append(r["library"])
    libs.sort(key=lambda l: order_key(PEER_ORDER, l))
    ag = {(r["graph"], r["measure"], r["threads"]): r for r in ag_records}

    rows = sorted({k[:3] for k in peers} | set(ag),
                  key=lambda k: (order_key(GRAPH_ORDER, k[0]), order_key(MEASURE_ORDER, k[1]), k[2]))
    with_ag = bool(ag_records)
    head = ["graph", "measure", "threads"] + ["%s s" % l for l in libs]
    if with_ag:
        head += ["actorgraph s", "actorgraph / best peer"]
    out = ["| " + " | ".join(head) + " |", "|" + "|".join(["---"] * 3 + ["---:"] * (len(head) - 3)) + "|"]

    def line(graph, label, threads, key_measure, memory):
        ps = [peers.get((graph, key_measure, threads, l)) for l in libs]
        cells = [graph, label, str(threads)] + [cell(p, memory) for p in ps]
        if with_ag:
            a = ag.get((graph, key_measure, threads))
            cells += [cell(a, memory), ratio(a, [p for p in ps if p], memory)]
        out.append("| " + " | ".join(cells) + " |")

    def quality_line(graph, threads, key_measure):
        ps = [peers.get((graph, key_measure, threads, l)) for l in libs]
        qs = [quality(p) for p in ps]
        cells = [graph, "%s %s" % (key_measure, QUALITY), str(threads)] + ["-" if q is None else "%.6f" % q for q in qs]
        if with_ag:
            a = quality(ag.get((graph, key_measure, threads)))
            known = [q for q in qs if q is not None]
            cells += ["-" if a is None else "%.6f" % a,
                      "-" if a is None or not known else "%+.6f vs best" % (a - max(known))]
        out.append("| " + " | ".join(cells) + " |")

    for graph, measure, threads in rows:
        line(graph, measure, threads, measure, False)
        if measure == "load":
            line(graph, MEMORY, threads, "load", True)
        if measure in COMMUNITY:
            quality_line(graph, threads, measure)

    vers = {}
    for r in list(peer_records) + list(ag_records):
        if r.get("version"):
            vers.setdefault(r["library"], r["version"])
    if vers:
        out.append("")
        out.append("Versions: " + ", ".join("%s %s" % (l, vers[l]) for l in
                                            sorted(vers, key=lambda l: order_key(PEER_ORDER + [ACTORGRAPH], l))) + ".")
    if with_ag:
        out.append("Ratio: actorgraph seconds (or bytes per edge) / the best peer's at the same thread "
                   "count; < 1 means ActorGraph is faster (smaller). Modularity rows: the Q each result "
                   "reaches (higher is better), and actorgraph's minus the best peer's.")
    return "\n".join(out)


def main(argv=None):
    ap = argparse.ArgumentParser(description="Markdown table of peers vs ActorGraph.")
    ap.add_argument("peers", help="JSON written by peers.py")
    ap.add_argument("actorgraph", nargs="?", help="JSON written by the Swift benchmark (same schema)")
    ap.add_argument("--out", help="also write the table to this file")
    args = ap.parse_args(argv)
    text = render(load(args.peers), load(args.actorgraph) if args.actorgraph else [])
    print(text)
    if args.out:
        with open(args.out, "w") as f:
            f.write(text + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
