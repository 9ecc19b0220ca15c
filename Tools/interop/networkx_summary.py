#!/usr/bin/env python3
"""Print what networkx reads from a GraphML, GEXF or node-link JSON file, as one JSON object.

    Tools/interop/networkx_summary.py FILE            # .graphml, .gexf or .json
    Tools/interop/networkx_summary.py --format gexf FILE

The format comes from the extension (.graphml/.xml -> GraphML, .gexf -> GEXF,
.json -> node-link); for another extension it is sniffed from the content
(<graphml, <gexf, or a JSON object). --format overrides both.

Output (one line, keys sorted, so two runs on the same file print the same bytes):

    {"directed": bool, "multigraph": bool, "nodes": n, "edges": m,
     "graph": {graph attributes},
     "node_attributes": {node id: {name: value}},
     "edge_attributes": [[u, v, {name: value}], ...]}

- Node ids are printed as text (networkx's GraphML and GEXF readers give strings;
  node-link ids that are JSON numbers are printed as their decimal text, "0").
- edge_attributes is sorted by (u, v, then the attributes as sorted JSON). For a
  multigraph each parallel edge is its own entry; its networkx key is left out
  (GraphML/GEXF readers make it from the edge id, node-link from `key`).
- Node-link files are read with nx.node_link_graph(data, edges=KEY), KEY being
  "edges" when the object has an "edges" list and "links" otherwise (networkx
  3.4+ writes "edges" by default, older versions "links").
- networkx's GEXF reader also reports each node's `label` and each edge's `id`
  (and a graph `mode`); they are printed like any other attribute. The readers'
  declared-default entries (graph keys node_default, edge_default) are left out. Values keep the types networkx gives them (GraphML/GEXF: by the
  declared attr.type; node-link: the JSON types). Floats that are not finite are
  printed as strings ("nan", "inf").

Needs python3 with networkx (.build-bench/venv from Benchmarks/peers/setup.sh has it).
Exit status 2 on an unreadable file or unknown format.
"""

import argparse
import json
import math
import sys
from pathlib import Path

import networkx as nx


# The GraphML and GEXF readers store the declared attribute defaults in G.graph under these keys;
# they are not graph attributes of the file, so the summary leaves them out.
READER_DEFAULTS = ("node_default", "edge_default")


def sniff(path):
    ext = path.suffix.lower()
    if ext in (".graphml", ".xml"):
        return "graphml"
    if ext == ".gexf":
        return "gexf"
    if ext == ".json":
        return "node-link"
    head = path.read_bytes()[:4096].decode("utf-8", errors="replace").lstrip("\ufeff \t\r\n")
    if head.startswith("{"):
        return "node-link"
    if "<graphml" in head:
        return "graphml"
    if "<gexf" in head:
        return "gexf"
    return None


def load(path, fmt):
    if fmt == "graphml":
        return nx.read_graphml(path)
    if fmt == "gexf":
        return nx.read_gexf(path)
    data = json.loads(Path(path).read_text(encoding="utf-8"))
    key = "edges" if isinstance(data.get("edges"), list) else "links"
    return nx.node_link_graph(data, edges=key)


def plain(value):
    """A JSON-safe, deterministic form of an attribute value."""
    if isinstance(value, bool) or value is None or isinstance(value, (int, str)):
        return value
    if isinstance(value, float):
        return value if math.isfinite(value) else repr(value)
    if isinstance(value, dict):
        return {str(k): plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [plain(v) for v in value]
    return str(value)


def node_text(n):
    return n if isinstance(n, str) else json.dumps(n) if not isinstance(n, (int, float)) else str(n)


def summary(G):
    nodes = {node_text(n): {str(k): plain(v) for k, v in d.items()} for n, d in G.nodes(data=True)}
    if G.is_multigraph():
        raw = ((u, v, d) for u, v, _, d in G.edges(keys=True, data=True))
    else:
        raw = G.edges(data=True)
    edges = []
    for u, v, d in raw:
        u, v = node_text(u), node_text(v)
        if not G.is_directed() and v < u:
            u, v = v, u      # undirected: report each pair in one order
        edges.append([u, v, {str(k): plain(x) for k, x in d.items()}])
    edges.sort(key=lambda e: (e[0], e[1], json.dumps(e[2], sort_keys=True)))
    return {
        "nodes": G.number_of_nodes(),
        "edges": G.number_of_edges(),
        "directed": G.is_directed(),
        "multigraph": G.is_multigraph(),
        "graph": {str(k): plain(v) for k, v in G.graph.items() if k not in READER_DEFAULTS},
        "node_attributes": nodes,
        "edge_attributes": edges,
    }


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("file", type=Path)
    parser.add_argument("--format", choices=["graphml", "gexf", "node-link"])
    args = parser.parse_args(argv)
    fmt = args.format or sniff(args.file)
    if fmt is None:
        print(f"networkx_summary: cannot tell the format of {args.file} (use --format)", file=sys.stderr)
        return 2
    try:
        G = load(args.file, fmt)
    except Exception as e:  # noqa: BLE001 - report any reader failure the same way
        print(f"networkx_summary: networkx could not read {args.file} as {fmt}: {type(e).__name__}: {e}",
              file=sys.stderr)
        return 2
    print(json.dumps(summary(G), sort_keys=True, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
