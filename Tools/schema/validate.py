#!/usr/bin/env python3
"""Validates graph files against a JSON Schema with jsonschema (draft 2020-12).

Usage: validate.py SCHEMA FILE...   Prints one JSON object: file -> list of "path: message".
YAML is read as the YAML language server reads it (YAML 1.2: 2010-01-07 is text, not a date).
The schema itself is checked against the draft's metaschema first.
"""
import json
import sys

import jsonschema
import yaml


class Yaml12Loader(yaml.SafeLoader):
    pass


# YAML 1.2's core schema has no timestamps: keep dates as text, as the language server does.
Yaml12Loader.yaml_implicit_resolvers = {
    key: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for key, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def main() -> None:
    with open(sys.argv[1], encoding="utf-8") as f:
        schema = json.load(f)
    jsonschema.Draft202012Validator.check_schema(schema)
    validator = jsonschema.Draft202012Validator(schema)
    out = {}
    for path in sys.argv[2:]:
        with open(path, encoding="utf-8") as f:
            document = json.load(f) if path.endswith(".json") else yaml.load(f, Loader=Yaml12Loader)
        out[path] = sorted("/".join(str(p) for p in e.absolute_path) + ": " + e.message
                           for e in validator.iter_errors(document))
    print(json.dumps(out, sort_keys=True))


if __name__ == "__main__":
    main()
