#!/usr/bin/env python3
"""Check ActorGraph example graphs (format version 1) independently of the Swift validator.

Usage: python3 graphs/tools/check_graphs.py [FILE.yaml ...]   (default: every graphs/*.yaml)

Checks what DESIGN.md section 3 asks of a file: the version key comes first; sources, kinds, actors
and relations use only the allowed keys; every actor id used (between, from/to, claimed-by, and the
field disputed-by) is declared; no self-loops; directed kinds use
from/to and undirected kinds between; dates are partial ISO dates with until >= since; weights are
positive numbers; confidence is low/medium/high or a number in 0...1; every cite names a declared
source; relation ids are unique; free attributes are scalars; one actor or relation per line; each
quote occurs in one of the relation's cited paragraphs (cite "SOURCE ¶N" of a source with a text),
compared with whitespace runs as one space and curly quotes and dashes straightened.
Then checks the minimums each example promises (counts, kinds, claimants) and prints a summary.
Needs PyYAML. Exit status 0 when every file passes, 1 otherwise.
"""

import datetime
import glob
import os
import re
import sys

import yaml

BUILTIN_ACTOR_KINDS = {"party", "faction", "gang", "person", "government", "security-force",
                       "neighborhood", "ethnic-group", "organization", "media"}
# kind -> (sign, directed)
BUILTIN_RELATION_KINDS = {
    "coalition": ("positive", False), "alliance": ("positive", False),
    "patronage": ("positive", True), "membership": ("positive", True), "support": ("positive", True),
    "conflict": ("negative", False), "rivalry": ("negative", False), "opposition": ("negative", True),
    "stronghold": ("unsigned", True), "presence": ("unsigned", True),
}
SIGNS = {"positive", "negative", "unsigned"}
LINES = {"solid", "dashed", "dotted", "bold"}
SOURCE_KEYS = {"title", "date", "author", "url", "text", "note"}
ACTOR_KIND_KEYS = {"label", "shape", "fill", "color"}
RELATION_KIND_KEYS = {"label", "sign", "directed", "color", "line", "arrowhead"}
ACTOR_KEYS = {"name", "kind", "aliases", "role", "note"}
RELATION_KEYS = {"kind", "between", "from", "to", "since", "until", "weight", "sign", "cite", "quote",
                 "claimed-by", "disputed-by", "confidence", "note", "id"}
TOP_KEYS = {"actorgraph", "title", "description", "sources", "kinds", "actors", "relations"}
DATE_RE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")
COLOR_RE = re.compile(r"^#[0-9a-fA-F]{6}$")

# What each example promises (graphs/README.md).
EXPECTATIONS = {
    "karachi-2010.yaml": {"min_actors": 20, "min_relations": 30, "min_claimants": 3,
                          "kinds": {"coalition", "conflict", "patronage", "membership", "stronghold"}},
    "florentine-families.yaml": {"actors": 16, "relations_by_kind": {"marriage": 20, "business": 15}},
    "karate-club.yaml": {"actors": 34, "relations_by_kind": {"friendship": 78}},
    "synthetic-2000.yaml": {"actors": 2000, "min_relations": 8000, "min_claimants": 3,
                            "kinds": {"coalition", "conflict", "patronage", "membership", "stronghold"}},
}


def is_scalar(v):
    return isinstance(v, (str, int, float, bool, datetime.date))


def partial_date(v):
    """Return a sortable (y, m, d) tuple for a partial ISO date, or None if malformed."""
    if isinstance(v, datetime.date):
        return (v.year, v.month, v.day)
    if isinstance(v, int) and not isinstance(v, bool):
        v = str(v)
    if not isinstance(v, str):
        return None
    m = DATE_RE.match(v)
    if not m:
        return None
    y, mo, d = int(m.group(1)), int(m.group(2) or 0), int(m.group(3) or 0)
    if m.group(2) and not 1 <= mo <= 12:
        return None
    if m.group(3):
        try:
            datetime.date(y, mo, d)
        except ValueError:
            return None
    return (y, mo, d)


def span_start(t):
    return t


def span_end(t):
    # a partial date ends at the end of its period
    y, m, d = t
    return (y, m or 13, d or 32)


def paragraphs(text):
    """The text's paragraphs marked "¶N" at the start of a line: number -> text, each running to
    the next mark or the first blank line."""
    out, current, lines = {}, None, []
    for ln in text.splitlines():
        m = re.match(r"^\s*¶\s*(\d+)", ln)
        if m:
            if current is not None:
                out[current] = " ".join(lines)
            current, lines = int(m.group(1)), [ln]
        elif current is not None and not ln.strip():
            out[current] = " ".join(lines)
            current, lines = None, []
        elif current is not None:
            lines.append(ln)
    if current is not None:
        out[current] = " ".join(lines)
    return out


def normal(s):
    for a, b in (("\u2019", "'"), ("\u2018", "'"), ("\u201c", '"'), ("\u201d", '"'), ("\u2013", "-"), ("\u2014", "-")):
        s = s.replace(a, b)
    return " ".join(s.split())


def check_quotes(name, path, doc, errors):
    """Every quote of a relation citing 'SOURCE ¶N' of a source with a text is in one of those paragraphs."""
    texts = {}
    for sid, s in (doc.get("sources") or {}).items():
        if isinstance(s, dict) and "text" in s:
            full = os.path.join(os.path.dirname(path), s["text"])
            if not os.path.exists(full):
                errors.append(f"{name}: source {sid}: text {s['text']!r} not found")
                continue
            texts[sid] = paragraphs(open(full, encoding="utf-8").read())
    verified = 0
    for i, r in enumerate(doc.get("relations") or []):
        if not isinstance(r, dict) or "quote" not in r:
            continue
        quotes = r["quote"] if isinstance(r["quote"], list) else [r["quote"]]
        cites = r.get("cite", [])
        cites = cites if isinstance(cites, list) else [cites]
        cited = []
        for c in cites:
            m = re.match(r"^(\S+)\s+¶(\d+)$", str(c))
            if m and m.group(1) in texts:
                para = texts[m.group(1)].get(int(m.group(2)))
                if para is None:
                    errors.append(f"{name}: relation {i + 1}: {c} names no paragraph of the text")
                else:
                    cited.append(normal(para))
        for q in quotes:
            if not cited:
                continue
            if any(normal(q) in p for p in cited):
                verified += 1
            else:
                errors.append(f"{name}: relation {i + 1}: quote {q!r} is not in {', '.join(map(str, cites))}")
    return verified


def check_file(path):
    errors, warnings = [], []
    name = os.path.basename(path)
    text = open(path, encoding="utf-8").read()
    doc = yaml.safe_load(text)
    if not isinstance(doc, dict):
        return [f"{name}: not a mapping"], [], None

    first = next((ln for ln in text.splitlines() if ln.strip() and not ln.lstrip().startswith("#")), "")
    if not first.startswith("actorgraph:"):
        errors.append(f"{name}: the first key must be 'actorgraph', found {first!r}")
    if doc.get("actorgraph") != 1:
        errors.append(f"{name}: actorgraph must be 1")
    for k in doc:
        if k not in TOP_KEYS:
            errors.append(f"{name}: unknown top-level key {k!r}")
    if not isinstance(doc.get("title"), str):
        errors.append(f"{name}: title must be a string")

    # layout: one actor / one relation per line
    section = None
    for no, ln in enumerate(text.splitlines(), 1):
        if re.match(r"^[a-z]", ln):
            section = ln.split(":")[0]
            continue
        if not ln.strip() or ln.lstrip().startswith("#"):
            continue
        if section == "actors" and not re.match(r"^  [A-Za-z0-9_.-]+: \{.*\}$", ln):
            errors.append(f"{name}:{no}: an actor must be one flow mapping on one line")
        if section == "relations" and not re.match(r"^  - \{.*\}$", ln):
            errors.append(f"{name}:{no}: a relation must be one flow mapping on one line")

    sources = doc.get("sources") or {}
    for sid, s in sources.items():
        if not isinstance(s, dict) or "title" not in s:
            errors.append(f"{name}: source {sid}: needs a title")
            continue
        for k, v in s.items():
            if k not in SOURCE_KEYS:
                errors.append(f"{name}: source {sid}: unknown key {k!r}")
        if "date" in s and partial_date(s["date"]) is None:
            errors.append(f"{name}: source {sid}: malformed date {s['date']!r}")

    actor_kinds = set(BUILTIN_ACTOR_KINDS)
    rel_kinds = dict(BUILTIN_RELATION_KINDS)
    kinds = doc.get("kinds") or {}
    for k in kinds:
        if k not in ("actors", "relations"):
            errors.append(f"{name}: kinds: unknown key {k!r}")
    for kid, spec in (kinds.get("actors") or {}).items():
        for k, v in spec.items():
            if k not in ACTOR_KIND_KEYS:
                errors.append(f"{name}: actor kind {kid}: unknown key {k!r}")
            if k in ("fill", "color") and not COLOR_RE.match(str(v)):
                errors.append(f"{name}: actor kind {kid}: {k} must be #rrggbb, got {v!r}")
        actor_kinds.add(kid)
    for kid, spec in (kinds.get("relations") or {}).items():
        for k, v in spec.items():
            if k not in RELATION_KIND_KEYS:
                errors.append(f"{name}: relation kind {kid}: unknown key {k!r}")
        sign, directed = BUILTIN_RELATION_KINDS.get(kid, (None, None))
        sign = spec.get("sign", sign)
        directed = spec.get("directed", directed)
        if sign not in SIGNS:
            errors.append(f"{name}: relation kind {kid}: sign must be one of {sorted(SIGNS)}")
        if not isinstance(directed, bool):
            errors.append(f"{name}: relation kind {kid}: directed must be true or false")
        if "color" in spec and not COLOR_RE.match(str(spec["color"])):
            errors.append(f"{name}: relation kind {kid}: color must be #rrggbb")
        if "line" in spec and spec["line"] not in LINES:
            errors.append(f"{name}: relation kind {kid}: line must be one of {sorted(LINES)}")
        rel_kinds[kid] = (sign, directed)

    actors = doc.get("actors") or {}
    for aid, a in actors.items():
        if not isinstance(a, dict):
            errors.append(f"{name}: actor {aid}: not a mapping")
            continue
        if not isinstance(a.get("name"), str):
            errors.append(f"{name}: actor {aid}: name must be a string, got {a.get('name')!r}")
        if a.get("kind") not in actor_kinds:
            errors.append(f"{name}: actor {aid}: unknown kind {a.get('kind')!r}")
        if "aliases" in a and not (isinstance(a["aliases"], list) and all(isinstance(x, str) for x in a["aliases"])):
            errors.append(f"{name}: actor {aid}: aliases must be a list of strings")
        for k in ("role", "note"):
            if k in a and not isinstance(a[k], str):
                errors.append(f"{name}: actor {aid}: {k} must be a string, got {a[k]!r}")
        for k, v in a.items():
            if k not in ACTOR_KEYS and not is_scalar(v):
                errors.append(f"{name}: actor {aid}: free attribute {k} must be a scalar")

    def need_actor(where, x):
        if x not in actors:
            errors.append(f"{name}: {where}: unknown actor id {x!r}")

    rel_ids = set()
    used = set()
    claimants = {}
    by_kind = {}
    for i, r in enumerate(doc.get("relations") or [], 1):
        where = f"relation {i}"
        if not isinstance(r, dict):
            errors.append(f"{name}: {where}: not a mapping")
            continue
        kind = r.get("kind")
        if kind not in rel_kinds:
            errors.append(f"{name}: {where}: unknown kind {kind!r}")
            continue
        by_kind[kind] = by_kind.get(kind, 0) + 1
        sign, directed = rel_kinds[kind]
        if directed:
            if "between" in r:
                errors.append(f"{name}: {where}: {kind} is directed: use from/to, not between")
            ends = [r.get("from"), r.get("to")]
            if None in ends:
                errors.append(f"{name}: {where}: {kind} needs from and to")
        else:
            if "from" in r or "to" in r:
                errors.append(f"{name}: {where}: {kind} is undirected: use between, not from/to")
            ends = r.get("between")
            if not (isinstance(ends, list) and len(ends) == 2):
                errors.append(f"{name}: {where}: {kind} needs between: [a, b]")
                ends = [None, None]
        for e in ends:
            if e is not None:
                need_actor(where, e)
                used.add(e)
        if ends[0] is not None and ends[0] == ends[1]:
            errors.append(f"{name}: {where}: self-loop on {ends[0]}")
        dates = {}
        for k in ("since", "until"):
            if k in r:
                t = partial_date(r[k])
                if t is None:
                    errors.append(f"{name}: {where}: malformed {k} {r[k]!r}")
                else:
                    dates[k] = t
        if "since" in dates and "until" in dates and span_end(dates["until"]) < span_start(dates["since"]):
            errors.append(f"{name}: {where}: until is before since")
        if "weight" in r:
            w = r["weight"]
            if isinstance(w, bool) or not isinstance(w, (int, float)) or w <= 0:
                errors.append(f"{name}: {where}: weight must be a number > 0, got {w!r}")
        if "sign" in r and r["sign"] not in SIGNS:
            errors.append(f"{name}: {where}: sign must be one of {sorted(SIGNS)}")
        if "cite" in r:
            cites = r["cite"] if isinstance(r["cite"], list) else [r["cite"]]
            for c in cites:
                if not isinstance(c, str) or not c.strip():
                    errors.append(f"{name}: {where}: cite must be a string 'SOURCE-ID LOCATOR'")
                    continue
                sid = c.split()[0]
                if sid not in sources:
                    errors.append(f"{name}: {where}: cite names undeclared source {sid!r}")
        if "claimed-by" in r:
            cl = r["claimed-by"] if isinstance(r["claimed-by"], list) else [r["claimed-by"]]
            for c in cl:
                need_actor(where + " claimed-by", c)
                claimants.setdefault(c, 0)
                claimants[c] += 1
        if "disputed-by" in r:
            dl = r["disputed-by"] if isinstance(r["disputed-by"], list) else [r["disputed-by"]]
            for c in dl:
                need_actor(where + " disputed-by", c)
        if "confidence" in r:
            c = r["confidence"]
            ok = c in ("low", "medium", "high") or (
                isinstance(c, (int, float)) and not isinstance(c, bool) and 0 <= c <= 1)
            if not ok:
                errors.append(f"{name}: {where}: confidence must be low/medium/high or 0...1")
        if "id" in r:
            if r["id"] in rel_ids or r["id"] in actors:
                errors.append(f"{name}: {where}: duplicate id {r['id']!r}")
            rel_ids.add(r["id"])
        if "note" in r and not isinstance(r["note"], str):
            errors.append(f"{name}: {where}: note must be a string")
        for k, v in r.items():
            if k not in RELATION_KEYS and k != "disputed-by" and not is_scalar(v):
                errors.append(f"{name}: {where}: free attribute {k} must be a scalar")

    isolated = sorted(set(actors) - used)
    for a in isolated:
        warnings.append(f"{name}: warning: isolated actor {a}")

    exp = EXPECTATIONS.get(name)
    n_rel = len(doc.get("relations") or [])
    if exp:
        if "actors" in exp and len(actors) != exp["actors"]:
            errors.append(f"{name}: expected {exp['actors']} actors, found {len(actors)}")
        if "min_actors" in exp and len(actors) < exp["min_actors"]:
            errors.append(f"{name}: expected at least {exp['min_actors']} actors, found {len(actors)}")
        if "min_relations" in exp and n_rel < exp["min_relations"]:
            errors.append(f"{name}: expected at least {exp['min_relations']} relations, found {n_rel}")
        if "min_claimants" in exp and len(claimants) < exp["min_claimants"]:
            errors.append(f"{name}: expected at least {exp['min_claimants']} claimants, found {len(claimants)}")
        for k in exp.get("kinds", ()):
            if k not in by_kind:
                errors.append(f"{name}: expected a {k} relation")
        for k, n in exp.get("relations_by_kind", {}).items():
            if by_kind.get(k, 0) != n:
                errors.append(f"{name}: expected {n} {k} relations, found {by_kind.get(k, 0)}")

    quotes = check_quotes(name, path, doc, errors)
    summary = {"actors": len(actors), "relations": n_rel, "by_kind": by_kind,
               "claimants": claimants, "isolated": isolated, "quotes": quotes}
    return errors, warnings, summary


def main(argv):
    here = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    files = argv[1:] or sorted(glob.glob(os.path.join(here, "*.yaml")) + glob.glob(os.path.join(here, "large", "*.yaml")))
    failed = 0
    for f in files:
        errors, warnings, s = check_file(f)
        for m in errors + warnings:
            print(m)
        if s:
            kinds = ", ".join(f"{k} {n}" for k, n in sorted(s["by_kind"].items()))
            claim = ", ".join(f"{k} {n}" for k, n in sorted(s["claimants"].items())) or "none"
            print(f"{os.path.basename(f)}: {s['actors']} actors, {s['relations']} relations ({kinds}); "
                  f"claimants: {claim}; {s['quotes']} quotes found; {'FAIL' if errors else 'ok'}")
        failed += bool(errors)
    print(f"{len(files) - failed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
