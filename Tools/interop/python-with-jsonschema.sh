#!/usr/bin/env bash
# Prints the path of a Python interpreter that can import jsonschema and yaml (PyYAML), installing
# what is missing: python3 itself (apt-get, when root), then jsonschema and PyYAML with pip into
# .build-test/venv (git-ignored, shared with python-with-networkx.sh). `make test` passes the result
# to the tests as ACTORGRAPH_SCHEMA_PYTHON (GraphSchemaTests validates the example graphs against
# `actorgraph schema` with it). Messages go to stderr; only the interpreter's path goes to stdout.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/../lib/python-venv.sh"
python_with python-with-jsonschema ACTORGRAPH_SCHEMA_PYTHON 'import jsonschema, yaml; jsonschema.Draft202012Validator' \
  "jsonschema==${JSONSCHEMA_VERSION:-4.23.0}" "PyYAML==${PYYAML_VERSION:-6.0.2}"
