#!/usr/bin/env python3
"""Times the peer graph libraries (igraph, networkit, rustworkx, networkx) on the
standard graphs of generate.py, for comparison with ActorGraph's Swift core.

    .build-bench/venv/bin/python Benchmarks/peers/peers.py \\
        [--graphs s1k,s20k,s200k] [--libraries igraph,networkit,rustworkx,networkx] \\
        [--measures load,components,pagerank,eigenvector,betweenness,closeness] \\
        [--threads 2] [--repeats 3] [--limit 600] [--json .build-bench/peers.json]

Every measurement (library, measure, graph, repeat) runs in a fresh
subprocess of this script (`--worker`), so memory numbers and caches start
clean and a measurement that exceeds --limit seconds is killed (SIGALRM, whose
default action ends the process even inside C/Rust code) and reported as
'>limit' without blocking the rest.  A measure whose first run takes less than
FAST_SECONDS is run --repeats times in total (each in its own subprocess) and
the median is reported; a slower one is run once.

What is timed (time.perf_counter, in the worker, imports and interpreter
start-up excluded):

* load -- from the edge file to a ready weighted directed graph.  Parsing is
  the SAME for every library: numpy.loadtxt(int64) of the whole file (about
  0.12 s per million edges here; the libraries' own text readers are not
  used, as not all of them read a 4-column signed list), then the library's fastest
  bulk-construction path from those arrays (see build_graph).  The note gives
  the parse / build split.  The per-edge value stored is the signed weight
  sign*weight (one number carries both), in the most compact form the library
  allows: a C double for networkit, a Python int for the others.
* memory_bytes_per_edge (on the load record) -- growth of the process's
  resident set (/proc/self/statm) from just before to just after building the
  graph from the already-parsed arrays, after gc.collect() and malloc_trim(0)
  on both sides, divided by the number of edges.  Node storage is included
  (it is part of the graph); parser buffers are not.
* components -- weakly connected components (membership of every node).
* pagerank -- alpha 0.85, unweighted, directed, dangling mass spread uniformly;
  tolerance 1e-6 where the library takes one (igraph's PRPACK solver has none
  and solves to ~1e-10).
* eigenvector -- eigenvector centrality of the undirected simple view
  (reciprocal edges collapsed), unweighted.  The undirected graph is built
  before the clock starts.  Power iteration (networkit, rustworkx): tol 1e-6;
  ARPACK (igraph, networkx's _numpy variant): library default tolerance.
* betweenness -- exact, unweighted, directed, not normalised (n BFS).
* closeness -- unweighted, out-distances where the library lets one choose,
  Wasserman-Faust style for disconnected graphs (n BFS).
* louvain, leiden -- modularity communities (resolution 1) of the COMMUNITY
  VIEW, the same for every library: negative edges dropped, the rest read as
  undirected with the weights of reciprocal edges summed (community_view), so
  a weighted simple undirected graph.  louvain: igraph community_multilevel,
  networkit PLM (defaults: no refinement, turbo), networkx
  louvain_communities(seed=1).  leiden: igraph
  community_leiden(objective_function="modularity") with its default
  n_iterations=2 and beta=0.01, networkit ParallelLeiden (defaults: 3
  iterations).  rustworkx has neither.  Every record's note carries the
  modularity of the result computed ONE way for all, outside the clock:
  igraph's Graph.modularity on the community view with its weights
  ("Q=0.xxxxxx"), and the number of communities.

For the algorithm measures each library's graph is built unweighted (the
measures are unweighted, and networkit would otherwise use the weights),
outside the timed region.  Threads: --threads sets RAYON_NUM_THREADS
(rustworkx, before import), OMP_NUM_THREADS and networkit.setNumberOfThreads.  igraph is single-threaded
except for PageRank (its PRPACK solver is built with OpenMP, so
OMP_NUM_THREADS applies); networkx is pure Python and single-threaded.  Their
records still carry the requested count and say so in the note.  Thread pools
(OpenMP, rayon) are started by a tiny run before the clock starts.
"""

import argparse
import json
import os
import platform
import signal
import statistics
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.abspath(os.path.join(HERE, "..", ".."))
sys.path.insert(0, HERE)

LIBRARIES = ["igraph", "networkit", "rustworkx", "networkx"]
MEASURES = ["load", "components", "pagerank", "eigenvector", "betweenness", "closeness", "louvain", "leiden"]
HEAVY = {"betweenness", "closeness"}          # O(n m): only on small graphs by default
COMMUNITY = {"louvain", "leiden"}
# (library, measure) pairs that exist; others are recorded as skipped
COMMUNITY_SUPPORT = {("igraph", "louvain"), ("igraph", "leiden"), ("networkit", "louvain"),
                     ("networkit", "leiden"), ("networkx", "louvain")}
FAST_SECONDS = 2.0
SETUP_ALLOWANCE = 900                         # seconds a worker may spend parsing/building, on top of --limit
RESULT_TAG = "PEERS-RESULT "
SINGLE_THREADED = {"igraph": "igraph's C core is single-threaded here",
                   "networkx": "networkx is pure Python: single-threaded"}


# --------------------------------------------------------------------------- worker

def rss_bytes():
    with open("/proc/self/statm") as f:
        return int(f.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")


def settle():
    """Collect garbage and hand free heap pages back to the OS, so RSS means 'live'."""
    import gc
    gc.collect()
    try:
        import ctypes
        ctypes.CDLL("libc.so.6").malloc_trim(0)
    except (OSError, AttributeError):
        pass


def parse_edges(path):
    """The one parser used for every library: numpy.loadtxt -> int64 arrays."""
    import numpy as np
    a = np.loadtxt(path, dtype=np.int64, comments="#", ndmin=2)
    if a.shape[1] != 4:
        raise ValueError("%s: expected 4 columns, got %d" % (path, a.shape[1]))
    src = np.ascontiguousarray(a[:, 0])
    dst = np.ascontiguousarray(a[:, 1])
    sw = np.ascontiguousarray(a[:, 2] * a[:, 3])     # signed weight
    return src, dst, sw


def undirected_pairs(src, dst):
    """Unique undirected pairs (u < v) of a directed edge list: the simple undirected view."""
    import numpy as np
    u = np.minimum(src, dst)
    v = np.maximum(src, dst)
    n = int(max(src.max(), dst.max())) + 1
    key = np.unique(u * n + v)
    return key // n, key % n


def community_view(src, dst, sw):
    """The graph the community measures share: negative edges dropped, the rest undirected
    (u < v) with the weights of reciprocal (and any parallel) edges summed."""
    import numpy as np
    keep = sw > 0
    src, dst, w = src[keep], dst[keep], sw[keep]
    u = np.minimum(src, dst)
    v = np.maximum(src, dst)
    n = int(max(src.max(), dst.max())) + 1
    key, inverse = np.unique(u * n + v, return_inverse=True)
    weight = np.bincount(inverse.ravel(), weights=w.astype(np.float64))
    return key // n, key % n, weight


def community_quality(n, u, v, w, membership):
    """'Q=...; communities=...' of a membership, by igraph's modularity on the community view."""
    import igraph as ig
    import numpy as np
    g = ig.Graph(n=n, directed=False)
    g.add_edges(np.column_stack((u, v)))
    q = g.modularity(list(membership), weights=w.tolist(), resolution=1.0, directed=False)
    return "Q=%.6f; communities=%d" % (q, len(set(membership)))


def library_version(lib):
    mod = __import__(lib)
    return getattr(mod, "__version__", "?")


def build_graph(lib, n, src, dst, w=None, directed=True):
    """Each library's fastest bulk path from numpy arrays to its graph type.

    w is None for an unweighted graph."""
    if lib == "igraph":
        import igraph as ig
        import numpy as np
        edges = np.column_stack((src, dst))
        # add_edges(ndarray) is ~2x faster than Graph(n, edges=ndarray) in igraph 1.0.0
        g = ig.Graph(n=n, directed=directed)
        g.add_edges(edges, attributes={"weight": w.tolist()} if w is not None else None)
        return g
    if lib == "networkit":
        import networkit as nk
        import numpy as np
        if w is not None:
            data = (w.astype(np.float64), (src, dst))
        else:
            data = (src, dst)
        return nk.graph.GraphFromCoo(data, n=n, weighted=w is not None, directed=directed)
    if lib == "rustworkx":
        import rustworkx as rx
        cls = rx.PyDiGraph if directed else rx.PyGraph
        g = cls(multigraph=True, node_count_hint=n, edge_count_hint=len(src))
        g.add_nodes_from(range(n))
        if w is not None:
            g.extend_from_weighted_edge_list(list(zip(src.tolist(), dst.tolist(), w.tolist())))
        else:
            g.extend_from_edge_list(list(zip(src.tolist(), dst.tolist())))
        return g
    if lib == "networkx":
        import networkx as nx
        g = nx.DiGraph() if directed else nx.Graph()
        g.add_nodes_from(range(n))
        if w is not None:
            g.add_weighted_edges_from(zip(src.tolist(), dst.tolist(), w.tolist()))
        else:
            g.add_edges_from(zip(src.tolist(), dst.tolist()))
        return g
    raise ValueError(lib)


def top(values):
    """'top=node:value' of a centrality result (a list, dict or mapping), for cross-checks."""
    if hasattr(values, "items"):
        node, val = max(values.items(), key=lambda kv: (kv[1], -kv[0]))
    else:
        values = list(values)
        node = max(range(len(values)), key=lambda i: (values[i], -i))
        val = values[node]
    return "top=%d:%.6g" % (node, val)


def algorithm(lib, measure, g):
    """Returns (callable to time, note describing parameters). g is already built."""
    if lib == "igraph":
        if measure == "components":
            return (lambda: "components=%d" % len(g.connected_components(mode="weak")),
                    "connected_components(mode=weak)")
        if measure == "pagerank":
            return (lambda: top(g.pagerank(directed=True, damping=0.85, weights=None,
                                           implementation="prpack")),
                    "pagerank(prpack, damping 0.85; no tol parameter, PRPACK solves to ~1e-10)")
        if measure == "eigenvector":
            # g is undirected already; igraph 1.0.0 rejects directed=False ("Invalid mode")
            return (lambda: top(g.eigenvector_centrality(weights=None)),
                    "eigenvector_centrality (ARPACK, default tol) on the undirected simple graph")
        if measure == "betweenness":
            return (lambda: top(g.betweenness(directed=True, weights=None)),
                    "betweenness(directed, unweighted)")
        if measure == "closeness":
            return (lambda: top(g.closeness(mode="out", weights=None, normalized=True)),
                    "closeness(mode=out, normalized; only reachable nodes counted)")
        if measure == "louvain":
            return (lambda: g.community_multilevel(weights="weight", resolution=1.0).membership,
                    "community_multilevel(weights, resolution 1)")
        if measure == "leiden":
            return (lambda: g.community_leiden(objective_function="modularity", weights="weight",
                                               resolution=1.0).membership,
                    "community_leiden(modularity, weights, resolution 1, beta 0.01, n_iterations 2 (default))")
    if lib == "networkit":
        import networkit as nk
        if measure in COMMUNITY:
            def run():
                if measure == "louvain":
                    algo = nk.community.PLM(g, refine=False, gamma=1.0)
                else:
                    algo = nk.community.ParallelLeiden(g, gamma=1.0)
                algo.run()
                return algo.getPartition().getVector()
            return run, ("PLM(refine=False, gamma 1, par balanced, turbo)" if measure == "louvain"
                         else "ParallelLeiden(gamma 1, iterations 3, randomize)")
        if measure == "components":
            def run():
                cc = nk.components.WeaklyConnectedComponents(g)
                cc.run()
                return "components=%d" % cc.numberOfComponents()
            return run, "WeaklyConnectedComponents"
        if measure == "pagerank":
            sh = nk.centrality.SinkHandling
            # networkit 11.3 spells it DistributeSinks (DISTRIBUTE_SINKS in its docs)
            distribute = getattr(sh, "DISTRIBUTE_SINKS", None) or sh.DistributeSinks

            def run():
                pr = nk.centrality.PageRank(g, damp=0.85, tol=1e-6, distributeSinks=distribute)
                pr.run()
                return top(pr.scores())
            return run, "PageRank(damp 0.85, tol 1e-6, DISTRIBUTE_SINKS)"
        if measure == "eigenvector":
            def run():
                ev = nk.centrality.EigenvectorCentrality(g, tol=1e-6)
                ev.run()
                return top(ev.scores())
            return run, "EigenvectorCentrality(tol 1e-6, power iteration) on the undirected simple graph"
        if measure == "betweenness":
            def run():
                bc = nk.centrality.Betweenness(g, normalized=False)
                bc.run()
                return top(bc.scores())
            return run, "Betweenness(exact, directed, unweighted)"
        if measure == "closeness":
            def run():
                cl = nk.centrality.Closeness(g, True, nk.centrality.ClosenessVariant.GENERALIZED)
                cl.run()
                return top(cl.scores())
            return run, "Closeness(normalized, GENERALIZED variant)"
    if lib == "rustworkx":
        import rustworkx as rx
        if measure == "components":
            return (lambda: "components=%d" % len(rx.weakly_connected_components(g)),
                    "weakly_connected_components")
        if measure == "pagerank":
            return (lambda: top(rx.pagerank(g, alpha=0.85, tol=1e-6, max_iter=1000)),
                    "pagerank(alpha 0.85, tol 1e-6)")
        if measure == "eigenvector":
            return (lambda: top(rx.eigenvector_centrality(g, tol=1e-6, max_iter=1000)),
                    "eigenvector_centrality(tol 1e-6, max_iter 1000, power iteration) on the undirected simple graph")
        if measure == "betweenness":
            return (lambda: top(rx.digraph_betweenness_centrality(g, normalized=False, endpoints=False)),
                    "digraph_betweenness_centrality(exact, unweighted)")
        if measure == "closeness":
            g.reverse()   # in place, untimed: rustworkx (like networkx) uses in-distances on a digraph
            return (lambda: top(rx.closeness_centrality(g, wf_improved=True)),
                    "closeness_centrality(wf_improved) on the reversed graph: out-distances")
    if lib == "networkx":
        import networkx as nx
        if measure == "louvain":
            def run():
                comms = nx.community.louvain_communities(g, weight="weight", resolution=1.0, seed=1)
                membership = [0] * g.number_of_nodes()
                for i, c in enumerate(comms):
                    for x in c:
                        membership[x] = i
                return membership
            return run, "louvain_communities(weight, resolution 1, seed 1)"
        if measure == "components":
            return (lambda: "components=%d" % sum(1 for _ in nx.weakly_connected_components(g)),
                    "weakly_connected_components")
        if measure == "pagerank":
            return (lambda: top(nx.pagerank(g, alpha=0.85, tol=1e-6, weight=None)),
                    "pagerank(alpha 0.85, tol 1e-6, scipy backend)")
        if measure == "eigenvector":
            # eigenvector_centrality_numpy (ARPACK) refuses disconnected graphs
            # (AmbiguousSolution), so the pure-Python power iteration it is
            return (lambda: top(nx.eigenvector_centrality(g, tol=1e-6, max_iter=1000, weight=None)),
                    "eigenvector_centrality(tol 1e-6, max_iter 1000, power iteration) on the undirected simple graph")
        if measure == "betweenness":
            return (lambda: top(nx.betweenness_centrality(g, normalized=False, weight=None)),
                    "betweenness_centrality(exact, unweighted)")
        if measure == "closeness":
            rg = g.reverse(copy=False)
            return (lambda: top(nx.closeness_centrality(rg, wf_improved=True)),
                    "closeness_centrality(wf_improved) on the reversed view: out-distances")
    raise ValueError((lib, measure))


def csv_import(lib, path):
    """Reads a CSV edge list with string ids (header source,target,kind,sign,weight) into the
    library's graph, the way a user of that library would, keeping the other columns as edge
    attributes where the library has them. Returns (graph, note)."""
    import csv
    if lib == "igraph":
        import igraph as ig
        with open(path, newline="") as f:
            rows = csv.reader(f)
            header = next(rows)
            g = ig.Graph.TupleList(rows, directed=False, edge_attrs=header[2:])
        return g, "csv.reader + Graph.TupleList(edge_attrs=kind,sign,weight as text), names kept"
    if lib == "networkx":
        import networkx as nx
        with open(path) as f:
            next(f)
            g = nx.parse_edgelist(f, delimiter=",", nodetype=str,
                                  data=[("kind", str), ("sign", str), ("weight", float)])
        return g, "parse_edgelist(delimiter=',', data=kind,sign,weight) into a Graph (parallel edges merged)"
    # NetworKit and rustworkx have no reader for string ids: the csv module and a dict do it.
    with open(path, newline="") as f:
        rows = csv.reader(f)
        next(rows)
        index = {}
        src, dst, w = [], [], []
        for row in rows:
            a = index.setdefault(row[0], len(index))
            b = index.setdefault(row[1], len(index))
            src.append(a)
            dst.append(b)
            w.append(float(row[4]) if len(row) > 4 and row[4] else 1.0)
    n = len(index)
    if lib == "networkit":
        import networkit as nk
        import numpy as np
        g = nk.graph.GraphFromCoo((np.asarray(w, dtype=np.float64), (np.asarray(src, dtype=np.int64), np.asarray(dst, dtype=np.int64))),
                                  n=n, weighted=True, directed=False)
        return g, "csv.reader + dict ids (no string-id reader) + GraphFromCoo, weights only"
    if lib == "rustworkx":
        import rustworkx as rx
        g = rx.PyGraph(multigraph=True, node_count_hint=n, edge_count_hint=len(src))
        g.add_nodes_from(list(index))
        g.extend_from_weighted_edge_list(list(zip(src, dst, w)))
        return g, "csv.reader + dict ids (no string-id reader) + extend_from_weighted_edge_list, weights only"
    raise ValueError(lib)


def worker(lib, measure, path, threads, limit):
    """Runs one measurement and prints one RESULT_TAG line of JSON."""
    result = {"library": lib, "version": library_version(lib)}
    if measure == "csv import":
        signal.alarm(limit)
        t0 = time.perf_counter()
        g, note = csv_import(lib, path)
        t1 = time.perf_counter()
        signal.alarm(0)
        result.update(seconds=t1 - t0, memory_bytes_per_edge=None, note=note)
        return result
    if lib == "networkit":
        import networkit as nk
        nk.setNumberOfThreads(threads)
        try:
            nk.setLogLevel("ERROR")
        except AttributeError:
            pass

    # warm numpy's text reader up (its first call pays lazy imports), outside the clock
    import io
    import numpy as np
    np.loadtxt(io.StringIO("# a b c d\n0 1 2 3\n"), dtype=np.int64, comments="#", ndmin=2)

    if measure == "load":
        settle()
        t0 = time.perf_counter()
        src, dst, w = parse_edges(path)
        t1 = time.perf_counter()
        n = int(max(src.max(), dst.max())) + 1
        n = max(n, nodes_hint(path))
        settle()
        before = rss_bytes()
        signal.alarm(limit)
        t2 = time.perf_counter()
        g = build_graph(lib, n, src, dst, w, directed=True)
        t3 = time.perf_counter()
        signal.alarm(0)
        settle()
        after = rss_bytes()
        result.update(seconds=(t1 - t0) + (t3 - t2),
                      memory_bytes_per_edge=(after - before) / len(src),
                      note="parse %.3f s (numpy.loadtxt, shared) + build %.3f s; %s"
                           % (t1 - t0, t3 - t2, build_note(lib)))
        del g
        return result

    src, dst, sw = parse_edges(path)
    n = max(int(max(src.max(), dst.max())) + 1, nodes_hint(path))
    if measure in COMMUNITY:
        u, v, w = community_view(src, dst, sw)
        del src, dst, sw
        g = build_graph(lib, n, u, v, w, directed=False)
        fn, note = algorithm(lib, measure, g)
        warm_threads(lib)
        settle()
        signal.alarm(limit)
        t0 = time.perf_counter()
        membership = fn()
        t1 = time.perf_counter()
        signal.alarm(0)
        result.update(seconds=t1 - t0, memory_bytes_per_edge=None,
                      note="%s; %s" % (note, community_quality(n, u, v, w, membership)))
        return result
    if measure == "eigenvector":
        u, v = undirected_pairs(src, dst)
        g = build_graph(lib, n, u, v, None, directed=False)
    else:
        g = build_graph(lib, n, src, dst, None, directed=True)
    del src, dst
    fn, note = algorithm(lib, measure, g)
    warm_threads(lib)
    settle()
    signal.alarm(limit)
    t0 = time.perf_counter()
    check = fn()
    t1 = time.perf_counter()
    signal.alarm(0)
    result.update(seconds=t1 - t0, memory_bytes_per_edge=None, note="%s; %s" % (note, check))
    return result


def warm_threads(lib):
    """Start the library's thread pool outside the clock (a tiny parallel run).

    A fresh process otherwise pays thread creation inside the first timed call,
    which on a loaded 2-core machine was seen to cost up to 0.6 s (OpenMP)."""
    if lib == "networkit":
        import networkit as nk
        import numpy as np
        ring = np.array([0, 1, 2], dtype=np.int64)
        tiny = nk.graph.GraphFromCoo((ring, np.roll(ring, 1)), n=3, directed=True)
        nk.centrality.PageRank(tiny).run()
    elif lib == "igraph":
        import igraph as ig
        ig.Graph([(0, 1), (1, 2), (2, 0)], directed=True).pagerank(implementation="prpack")
    elif lib == "rustworkx":
        import rustworkx as rx
        tiny = rx.PyDiGraph()
        tiny.extend_from_edge_list([(0, 1), (1, 2), (2, 0)])
        rx.digraph_betweenness_centrality(tiny, parallel_threshold=1)


def build_note(lib):
    return {
        "igraph": "Graph(n).add_edges(ndarray, attributes) with a Python-int weight list",
        "networkit": "GraphFromCoo((w, (src, dst))), double weights",
        "rustworkx": "PyDiGraph + extend_from_weighted_edge_list(list of tuples), int payloads",
        "networkx": "DiGraph.add_weighted_edges_from(zip(...)), int weights",
    }[lib]


def nodes_hint(path):
    """n from generate.py's manifest (isolated top ids would otherwise be lost), else 0."""
    try:
        with open(os.path.join(os.path.dirname(path), "manifest.json")) as f:
            name = os.path.basename(path).rsplit(".", 1)[0]
            return int(json.load(f)[name]["nodes"])
    except (OSError, ValueError, KeyError):
        return 0


def worker_main(args):
    # SIGALRM's default action terminates the process, even inside C or Rust code.
    signal.signal(signal.SIGALRM, signal.SIG_DFL)
    res = worker(args.worker_lib, args.worker_measure, args.worker_path, args.threads, args.limit)
    sys.stdout.write(RESULT_TAG + json.dumps(res) + "\n")
    sys.stdout.flush()


# --------------------------------------------------------------------------- parent

def thread_env(threads):
    env = dict(os.environ)
    t = str(threads)
    env.update(RAYON_NUM_THREADS=t, OMP_NUM_THREADS=t, OPENBLAS_NUM_THREADS=t,
               MKL_NUM_THREADS=t, PYTHONHASHSEED="0")
    return env


def run_once(lib, measure, path, args):
    """One fresh subprocess. Returns dict with status ok/timeout/error."""
    cmd = [sys.executable, os.path.abspath(__file__), "--worker", lib, measure, path,
           "--threads", str(args.threads), "--limit", str(args.limit)]
    try:
        p = subprocess.run(cmd, env=thread_env(args.threads), capture_output=True, text=True,
                           timeout=args.limit + SETUP_ALLOWANCE)
    except subprocess.TimeoutExpired:
        return {"status": "timeout", "note": "setup + run exceeded %d s" % (args.limit + SETUP_ALLOWANCE)}
    if p.returncode == -signal.SIGALRM:
        return {"status": "timeout", "note": ">%d s (killed by the time limit)" % args.limit}
    for line in p.stdout.splitlines():
        if line.startswith(RESULT_TAG):
            d = json.loads(line[len(RESULT_TAG):])
            d["status"] = "ok"
            return d
    tail = (p.stderr.strip().splitlines() or ["exit %d" % p.returncode])[-1]
    if p.returncode == -signal.SIGKILL:
        tail = "killed (SIGKILL: out of memory?)"
    return {"status": "error", "note": tail[:300]}


def measure_record(lib, version, graph, measure, path, meta, args):
    rec = {"library": lib, "version": version, "graph": graph, "nodes": meta.get("nodes"),
           "edges": meta.get("edges"), "measure": measure, "seconds": None, "status": "ok",
           "threads": args.threads, "runs": [], "memory_bytes_per_edge": None, "note": ""}
    first = run_once(lib, measure, path, args)
    if first["status"] != "ok":
        rec.update(status=first["status"], note=first["note"])
        return rec
    runs = [first]
    if first["seconds"] < FAST_SECONDS:
        for _ in range(args.repeats - 1):
            r = run_once(lib, measure, path, args)
            if r["status"] != "ok":
                break
            runs.append(r)
    secs = [r["seconds"] for r in runs]
    rec["seconds"] = statistics.median(secs)
    rec["runs"] = [round(s, 6) for s in secs]
    mems = [r["memory_bytes_per_edge"] for r in runs if r.get("memory_bytes_per_edge") is not None]
    if mems:
        rec["memory_bytes_per_edge"] = round(statistics.median(mems), 2)
    note = runs[0]["note"]
    if len(runs) > 1:
        note += "; median of %d runs" % len(runs)
    if lib == "igraph" and measure == "pagerank":
        note += "; PRPACK is igraph's one OpenMP kernel (OMP_NUM_THREADS)"
    elif lib in SINGLE_THREADED:
        note += "; " + SINGLE_THREADED[lib]
    rec["note"] = note
    return rec


def versions(libs):
    out = {}
    for lib in libs:
        p = subprocess.run([sys.executable, "-c", "import %s; print(%s.__version__)" % (lib, lib)],
                           capture_output=True, text=True)
        out[lib] = p.stdout.strip() if p.returncode == 0 else None
    return out


def csv_list(value, allowed, what):
    items = [x.strip() for x in value.split(",") if x.strip()]
    bad = [x for x in items if x not in allowed]
    if bad:
        raise SystemExit("unknown %s: %s (choose from %s)" % (what, ",".join(bad), ",".join(allowed)))
    return items


def main(argv=None):
    ap = argparse.ArgumentParser(description="Peer graph-library benchmark (see the module docstring).")
    ap.add_argument("--graphs", default="s1k,s20k,s200k", help="subset of s1k,s20k,s200k,s1m")
    ap.add_argument("--libraries", default=",".join(LIBRARIES))
    ap.add_argument("--measures", default=",".join(MEASURES))
    ap.add_argument("--graph-dir", default=os.path.join(ROOT, ".build-bench", "graphs"))
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--repeats", type=int, default=3, help="runs of a fast (< %g s) measure; the median is reported" % FAST_SECONDS)
    ap.add_argument("--limit", type=int, default=600, help="seconds per measurement before it is killed and reported as >limit")
    ap.add_argument("--heavy-max-nodes", type=int, default=20_000,
                    help="betweenness/closeness run only on graphs with at most this many nodes")
    ap.add_argument("--json", default=os.path.join(ROOT, ".build-bench", "peers.json"))
    ap.add_argument("--import-csv", metavar="FILE",
                    help="instead: time each library reading this CSV edge list (string ids; ImportBenchmark writes it)")
    ap.add_argument("--import-graph", default="csv5m", help="the graph name of --import-csv records")
    ap.add_argument("--worker", nargs=3, metavar=("LIB", "MEASURE", "PATH"), help=argparse.SUPPRESS)
    args = ap.parse_args(argv)

    if args.worker:
        args.worker_lib, args.worker_measure, args.worker_path = args.worker
        return worker_main(args)
    if args.import_csv:
        return import_main(args)

    import generate
    graphs = csv_list(args.graphs, list(generate.SIZES), "graph")
    libs = csv_list(args.libraries, LIBRARIES, "library")
    measures = csv_list(args.measures, MEASURES, "measure")

    # make sure the edge files exist (no-op when the manifest matches)
    import contextlib
    with contextlib.redirect_stdout(sys.stderr):     # stdout carries only the table
        generate.main(["--out", args.graph_dir, "--sizes", ",".join(graphs)])
    with open(os.path.join(args.graph_dir, "manifest.json")) as f:
        manifest = json.load(f)

    vers = versions(libs)
    print("python %s on %s, %d cores; threads=%d repeats=%d limit=%d s"
          % (platform.python_version(), platform.machine(), os.cpu_count() or 0,
             args.threads, args.repeats, args.limit), file=sys.stderr)
    print("versions: " + ", ".join("%s %s" % kv for kv in vers.items()), file=sys.stderr)

    records = []
    t_all = time.perf_counter()
    for graph in graphs:
        meta = manifest[graph]
        path = os.path.join(args.graph_dir, meta["file"])
        for measure in measures:
            heavy = measure in HEAVY and meta["nodes"] > args.heavy_max_nodes
            for lib in libs:
                if vers[lib] is None:
                    rec = {"status": "error", "note": "%s does not import" % lib}
                elif measure in COMMUNITY and (lib, measure) not in COMMUNITY_SUPPORT:
                    rec = {"status": "skipped", "note": "%s has no %s" % (lib, measure)}
                elif lib == "networkx" and measure in COMMUNITY and meta["nodes"] > args.heavy_max_nodes:
                    rec = {"status": "skipped",
                           "note": "networkx's pure-Python Louvain skipped above %d nodes (--heavy-max-nodes)"
                                   % args.heavy_max_nodes}
                elif heavy:
                    rec = {"status": "skipped",
                           "note": "O(nm) measure skipped above %d nodes (--heavy-max-nodes)" % args.heavy_max_nodes}
                else:
                    t0 = time.perf_counter()
                    rec = measure_record(lib, vers[lib], graph, measure, path, meta, args)
                    print("  %-6s %-12s %-10s %-8s %10s  (%.1f s wall)  %s"
                          % (graph, measure, lib, rec["status"],
                             "-" if rec["seconds"] is None else "%.4f" % rec["seconds"],
                             time.perf_counter() - t0, rec["note"]), file=sys.stderr, flush=True)
                if "library" not in rec:
                    rec = {"library": lib, "version": vers[lib], "graph": graph, "nodes": meta["nodes"],
                           "edges": meta["edges"], "measure": measure, "seconds": None,
                           "threads": args.threads, "runs": [], "memory_bytes_per_edge": None, **rec}
                if rec["status"] in ("timeout",):
                    rec["limit"] = args.limit
                records.append(rec)
                # write as we go: a long run that is interrupted keeps what it measured
                write_json(args.json, records)

    print("total %.0f s; JSON: %s" % (time.perf_counter() - t_all, args.json), file=sys.stderr)
    import table
    print(table.render(records, []))
    return 0


def import_main(args):
    """--import-csv: one 'csv import' record per library. The records carry --threads so the
    table pairs them with ActorGraph's, but every reader here is single-threaded (the note says so)."""
    libs = csv_list(args.libraries, LIBRARIES, "library")
    vers = versions(libs)
    with open(args.import_csv) as f:
        edges = sum(1 for _ in f) - 1
    records = []
    for lib in libs:
        t0 = time.perf_counter()
        if vers[lib] is None:
            rec = {"library": lib, "version": None, "graph": args.import_graph, "measure": "csv import", "seconds": None,
                   "threads": args.threads, "status": "error", "note": "%s does not import" % lib, "runs": []}
        else:
            rec = measure_record(lib, vers[lib], args.import_graph, "csv import", args.import_csv,
                                 {"nodes": None, "edges": edges}, args)
            if lib not in SINGLE_THREADED and rec["status"] == "ok":
                rec["note"] += "; the csv module's reader is single-threaded"
            if rec["status"] == "timeout":
                rec["limit"] = args.limit
        print("  %-6s %-12s %-10s %-8s %10s  (%.1f s wall)  %s"
              % (args.import_graph, "csv import", lib, rec["status"],
                 "-" if rec["seconds"] is None else "%.3f" % rec["seconds"],
                 time.perf_counter() - t0, rec["note"]), file=sys.stderr, flush=True)
        records.append(rec)
        write_json(args.json, records)
    return 0


def write_json(path, records):
    os.makedirs(os.path.dirname(os.path.abspath(path)), exist_ok=True)
    tmp = path + ".tmp"
    with open(tmp, "w") as f:
        json.dump(records, f, indent=1)
        f.write("\n")
    os.replace(tmp, path)


if __name__ == "__main__":
    sys.exit(main())
