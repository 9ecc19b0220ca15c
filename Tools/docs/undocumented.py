#!/usr/bin/env python3
"""Lists every public symbol of the library modules that has no doc comment, from the symbol
graphs swift-docc-plugin extracted (run `make docs` first; `make docs-check` does both).

    python3 Tools/docs/undocumented.py [BUILD_DIR]

Symbols the compiler synthesises or inherits (no location in Sources/) and extension blocks are
not counted. Exit status 1 when any symbol is undocumented. Standard library only.
"""
import glob
import json
import os
import sys

MODULES = ["ActorGraphModel", "ActorGraphFormats", "ActorGraphAnalysis", "ActorGraphRendering",
           "ActorGraphBriefing", "NetworkAnalysis", "ActorGraphKit"]


def main():
    build = sys.argv[1] if len(sys.argv) > 1 else ".build"
    missing, total, seen = [], 0, set()
    for module in MODULES:
        graphs = glob.glob(os.path.join(build, "*", "extracted-symbols", "*", module, "*.symbols.json"))
        if not graphs:
            sys.exit(f"undocumented.py: no symbol graphs for {module} under {build}; run `make docs` first")
        for path in sorted(graphs):
            for symbol in json.load(open(path))["symbols"]:
                uri = symbol.get("location", {}).get("uri", "")
                if "/Sources/" not in uri or symbol["kind"]["identifier"] == "swift.extension":
                    continue
                if symbol.get("accessLevel") not in ("public", "open"):
                    continue
                key = symbol["identifier"]["precise"]
                if key in seen:
                    continue
                seen.add(key)
                total += 1
                if not symbol.get("docComment"):
                    line = symbol["location"]["position"]["line"] + 1
                    where = "Sources/" + uri.split("/Sources/", 1)[1] + f":{line}"
                    missing.append(f"{where}: {'/'.join(symbol['pathComponents'])}")
    for line in sorted(missing):
        print(line)
    print(f"{total - len(missing)} of {total} public symbols documented", file=sys.stderr)
    sys.exit(1 if missing else 0)


if __name__ == "__main__":
    main()
