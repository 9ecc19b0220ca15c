#!/usr/bin/env python3
"""Generate the two classic example graphs, deterministically.

    python3 graphs/tools/make_classic_graphs.py            # (re)write graphs/karate-club.yaml
                                                          # and graphs/florentine-families.yaml
    python3 graphs/tools/make_classic_graphs.py --check    # exit 1 if either file is out of date

Needs networkx (written against 3.6.1). Output depends only on networkx's built-in data and the
data embedded below, never on dict or set iteration order.

Karate club: Zachary (1977) as networkx.karate_club_graph() ships it: 34 members, 78 ties, edge
`weight` = number of contexts in which the pair interacted, node `club` = the club each member
joined after the split ('Mr. Hi' or 'Officer').

Florentine families: Padgett's 16 families as distributed with UCINET (padgett.dat: PADGM
marriage, PADGB business; padgw.dat: wealth, priorates, total ties). The marriage ties are taken
from networkx.florentine_families_graph() (15 families, Pucci omitted as isolated) and checked
against the UCINET PADGM matrix embedded below. The business ties and the attributes are embedded
below; they were checked against two independent copies:
  1. UCINET padgett.dat / padgw.dat as printed by read.dl() in the README of the R package
     multigraph (github.com/mplex/multigraph), and
  2. statnet's R package ergm, data(florentine): flobusiness and the vertex attributes of
     flomarriage, as exported to GraphML in the ergmx 0.5.0 wheel on PyPI (ergmx/data/).
Both give the same 15 business ties and the same attribute values.
"""

import argparse
import os
import re
import sys

import networkx as nx

HERE = os.path.dirname(os.path.abspath(__file__))
GRAPHS = os.path.dirname(HERE)

# ---------------------------------------------------------------------------------------------
# Embedded data: Padgett's Florentine families (UCINET padgett.dat, padgw.dat)
# ---------------------------------------------------------------------------------------------

# UCINET order and the 9-letter labels of the DL file.
FAMILIES = [
    ("Acciaiuoli", "ACCIAIUOL"), ("Albizzi", "ALBIZZI"), ("Barbadori", "BARBADORI"),
    ("Bischeri", "BISCHERI"), ("Castellani", "CASTELLAN"), ("Ginori", "GINORI"),
    ("Guadagni", "GUADAGNI"), ("Lamberteschi", "LAMBERTES"), ("Medici", "MEDICI"),
    ("Pazzi", "PAZZI"), ("Peruzzi", "PERUZZI"), ("Pucci", "PUCCI"), ("Ridolfi", "RIDOLFI"),
    ("Salviati", "SALVIATI"), ("Strozzi", "STROZZI"), ("Tornabuoni", "TORNABUON"),
]

# padgw.dat: WEALTH (net wealth in 1427, thousands of lira), #PRIORS (seats on the civic
# council, 1282-1344), #TIES (business or marriage ties in Padgett's full data set of 116
# families; Breiger & Pattison 1986, p. 239). The distributed files give 0 priorates for six
# families; they are kept as distributed.
ATTRIBUTES = {
    "Acciaiuoli": (10, 53, 2), "Albizzi": (36, 65, 3), "Barbadori": (55, 0, 14),
    "Bischeri": (44, 12, 9), "Castellani": (20, 22, 18), "Ginori": (32, 0, 9),
    "Guadagni": (8, 21, 14), "Lamberteschi": (42, 0, 14), "Medici": (103, 53, 54),
    "Pazzi": (48, 0, 7), "Peruzzi": (49, 42, 32), "Pucci": (3, 0, 1), "Ridolfi": (27, 38, 4),
    "Salviati": (10, 35, 5), "Strozzi": (146, 74, 29), "Tornabuoni": (48, 0, 7),
}

# PADGM and PADGB, rows and columns in FAMILIES order (symmetric 0/1 matrices).
PADGM = """
0000000010000000
0000011010000000
0000100010000000
0000001000100010
0010000000100010
0100000000000000
0101000100000001
0000001000000000
1110000000001101
0000000000000100
0001100000000010
0000000000000000
0000000010000011
0000000011000000
0001100000101000
0000001010001000
"""
PADGB = """
0000000000000000
0000000000000000
0000110010100000
0000001100100000
0010000100100000
0010000010000000
0001000100000000
0001101000100000
0010010001000101
0000000010000000
0011100100000000
0000000000000000
0000000000000000
0000000010000000
0000000000000000
0000000010000000
"""


def matrix_edges(text):
    rows = [r for r in text.split() if r]
    names = [f for f, _ in FAMILIES]
    assert len(rows) == len(names) and all(len(r) == len(names) for r in rows)
    edges = set()
    for i, row in enumerate(rows):
        for j, c in enumerate(row):
            assert c == rows[j][i], f"matrix not symmetric at {names[i]}, {names[j]}"
            if c == "1" and i < j:
                edges.add((names[i], names[j]))
            assert not (c == "1" and i == j), "self-tie"
    return edges


# ---------------------------------------------------------------------------------------------
# YAML writing: one flow mapping per line, scalars quoted only when needed
# ---------------------------------------------------------------------------------------------

_PLAIN = re.compile(r"^[A-Za-z][A-Za-z0-9 ._()'/-]*$")
_RESERVED = {"true", "false", "yes", "no", "on", "off", "null", "y", "n", "~"}


def scalar(v):
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, (int, float)):
        return repr(v)
    s = str(v)
    if (_PLAIN.match(s) and s.lower() not in _RESERVED and not s.endswith(" ")
            and ": " not in s and " #" not in s):
        return s
    return '"' + s.replace("\\", "\\\\").replace('"', '\\"') + '"'


def flow(pairs):
    parts = []
    for k, v in pairs:
        if isinstance(v, list):
            parts.append(f"{k}: [{', '.join(scalar(x) for x in v)}]")
        else:
            parts.append(f"{k}: {scalar(v)}")
    return "{ " + ", ".join(parts) + " }"


# ---------------------------------------------------------------------------------------------
# Karate club
# ---------------------------------------------------------------------------------------------

def karate_yaml():
    G = nx.karate_club_graph()
    assert G.number_of_nodes() == 34 and G.number_of_edges() == 78, "unexpected networkx karate data"
    names = {0: "Mr. Hi (instructor)", 33: "John A. (administrator/president)"}
    out = [
        "# ActorGraph example: Zachary's karate club (a real split).",
        "# Generated by graphs/tools/make_classic_graphs.py from networkx.karate_club_graph()",
        f"# (networkx {nx.__version__}); do not edit by hand: change the script and rerun it.",
        "# Actor m(i+1) is networkx node i, i.e. member i+1 of Zachary's matrices.",
        "actorgraph: 1",
        "title: Zachary's karate club, 1970-1972",
        "description: " + scalar(
            "Friendship ties among the 34 members of a university karate club that split in two after "
            "a dispute between the instructor (Mr. Hi, m1) and the club's administrator (John A., m34). "
            "club is the club each member joined after the split; weight is the number of contexts "
            "in which the pair interacted, as networkx gives it."),
        "sources:",
        "  zachary1977: " + flow([
            ("title", "An Information Flow Model for Conflict and Fission in Small Groups"),
            ("date", 1977), ("author", "Wayne W. Zachary"),
            ("note", "Journal of Anthropological Research 33(4):452-473. Club membership after the "
                     "split from Table 1 ('Club After Fission') and Table 3")]),
        "  networkx: " + flow([
            ("title", "NetworkX karate_club_graph()"), ("author", "NetworkX developers"),
            ("url", "https://networkx.org/documentation/stable/reference/generated/"
                    "networkx.generators.social.karate_club_graph.html"),
            ("note", f"networkx {nx.__version__}: 34 nodes, 78 weighted edges, node attribute club")]),
        "kinds:",
        "  relations:",
        "    friendship: " + flow([("label", "Friendship"), ("sign", "positive"),
                                   ("directed", False), ("color", "#1b7837")]),
        "actors:",
    ]
    for i in sorted(G.nodes()):
        club = G.nodes[i]["club"]
        assert club in ("Mr. Hi", "Officer")
        line = flow([("name", names.get(i, f"Member {i + 1}")), ("kind", "person"), ("club", club)])
        if club == "Mr. Hi":
            line = line.replace("club: Mr. Hi", 'club: "Mr. Hi"')
        out.append(f"  m{i + 1}: {line}")
    out.append("relations:")
    for u, v in sorted(tuple(sorted(e)) for e in G.edges()):
        w = G.edges[u, v]["weight"]
        out.append("  - " + flow([("kind", "friendship"), ("between", [f"m{u + 1}", f"m{v + 1}"]),
                                  ("weight", w)]))
    return "\n".join(out) + "\n"


# ---------------------------------------------------------------------------------------------
# Florentine families
# ---------------------------------------------------------------------------------------------

def family_id(name):
    return name.lower()


def florentine_yaml():
    names = [f for f, _ in FAMILIES]
    G = nx.florentine_families_graph()
    nx_marriage = {tuple(sorted(e, key=names.index)) for e in G.edges()}
    assert len(nx_marriage) == 20 and G.number_of_nodes() == 15, "unexpected networkx florentine data"
    assert nx_marriage == matrix_edges(PADGM), "networkx marriage ties differ from UCINET PADGM"
    business = matrix_edges(PADGB)
    assert len(business) == 15
    assert set(G.nodes()) == set(names) - {"Pucci"}

    out = [
        "# ActorGraph example: Padgett's Florentine families (marriage and business ties).",
        "# Generated by graphs/tools/make_classic_graphs.py; do not edit by hand: change the script",
        "# and rerun it. Marriage ties: networkx.florentine_families_graph() (identical to UCINET",
        "# PADGM). Business ties and attributes: UCINET PADGB and padgw.dat, embedded in the script",
        "# and checked against statnet's ergm data(florentine). Pucci has no ties among these 16",
        "# families and is kept, so it is reported as an isolated actor.",
        "actorgraph: 1",
        "title: Florentine families, c. 1430",
        "description: " + scalar(
            "Marriage and business ties among 16 elite Florentine families in the years before the "
            "Medici took power in 1434. The Medici sit at the centre of a marriage network whose "
            "other members are barely tied to each other, while the oligarchs around the Strozzi and "
            "Albizzi are densely tied among themselves (Padgett & Ansell 1993). Business ties are "
            "recorded financial ties (loans, credits, joint partnerships), symmetrised in the data."),
        "sources:",
        "  padgett-ansell-1993: " + flow([
            ("title", "Robust Action and the Rise of the Medici, 1400-1434"), ("date", 1993),
            ("author", "John F. Padgett and Christopher K. Ansell"),
            ("url", "https://doi.org/10.1086/230190"),
            ("note", "American Journal of Sociology 98(6):1259-1319")]),
        "  breiger-pattison-1986: " + flow([
            ("title", "Cumulated social roles: The duality of persons and their algebras"),
            ("date", 1986), ("author", "Ronald L. Breiger and Philippa E. Pattison"),
            ("note", "Social Networks 8(3):215-256; the 16-family subset of Padgett's data, and "
                     "the source networkx cites")]),
        "  ucinet: " + flow([
            ("title", "Padgett's Florentine families, UCINET data sets PADGM, PADGB and PADGW"),
            ("author", "John F. Padgett (coder); distributed with UCINET"),
            ("note", "padgett.dat (PADGM marriage, PADGB business, 16 x 16 symmetric) and padgw.dat "
                     "(wealth, priorates, total ties); the same data as statnet's ergm "
                     "data(florentine) flomarriage and flobusiness")]),
        "  networkx: " + flow([
            ("title", "NetworkX florentine_families_graph()"), ("author", "NetworkX developers"),
            ("note", f"networkx {nx.__version__}: the 20 marriage ties among 15 families, Pucci omitted")]),
        "kinds:",
        "  actors:",
        "    family: " + flow([("label", "Family"), ("shape", "box")]),
        "  relations:",
        "    marriage: " + flow([("label", "Marriage"), ("sign", "positive"), ("directed", False),
                                 ("color", "#1b9e77")]),
        "    business: " + flow([("label", "Business"), ("sign", "positive"), ("directed", False),
                                 ("color", "#d95f02"), ("line", "dashed")]),
        "actors:",
    ]
    for name in sorted(names):
        wealth, priorates, ties = ATTRIBUTES[name]
        pairs = [("name", name), ("kind", "family"), ("wealth", wealth), ("priorates", priorates),
                 ("total-ties", ties)]
        if name == "Pucci":
            pairs.append(("note", "no marriage or business ties with the other 15 families; "
                                  "omitted from networkx's florentine_families_graph()"))
        out.append(f"  {family_id(name)}: {flow(pairs)}")
    out.append("relations:")
    for kind, edges, locator in (("marriage", nx_marriage, "ucinet PADGM"),
                                 ("business", business, "ucinet PADGB")):
        for a, b in sorted(tuple(sorted((family_id(x), family_id(y)))) for x, y in edges):
            out.append("  - " + flow([("kind", kind), ("between", [a, b]), ("cite", locator)]))
    return "\n".join(out) + "\n"


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--check", action="store_true", help="fail if a generated file is out of date")
    ap.add_argument("--output-dir", default=GRAPHS, help="where to write (default: graphs/)")
    args = ap.parse_args()
    stale = 0
    for fname, text in (("karate-club.yaml", karate_yaml()),
                        ("florentine-families.yaml", florentine_yaml())):
        path = os.path.join(args.output_dir, fname)
        if args.check:
            current = open(path, encoding="utf-8").read() if os.path.exists(path) else None
            if current != text:
                print(f"{path} is out of date: run graphs/tools/make_classic_graphs.py")
                stale += 1
            continue
        tmp = path + ".tmp"
        with open(tmp, "w", encoding="utf-8") as f:
            f.write(text)
        os.replace(tmp, path)
        print(f"wrote {path}")
    return 1 if stale else 0


if __name__ == "__main__":
    sys.exit(main())
