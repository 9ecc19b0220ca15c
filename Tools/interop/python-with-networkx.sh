#!/usr/bin/env bash
# Prints the path of a Python interpreter that can import networkx, installing what is missing:
# python3 itself (apt-get, when root), then networkx with pip into .build-test/venv (git-ignored)
# when the system python3 lacks it. `make test` runs this and passes the result to the tests as
# ACTORGRAPH_PYTHON (NetworkxReadsOursTests has networkx read our GraphML, GEXF and node-link).
# Messages go to stderr; only the interpreter's path goes to stdout.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/../lib/python-venv.sh"
python_with python-with-networkx ACTORGRAPH_PYTHON 'import networkx' "networkx==${NETWORKX_VERSION:-3.6.1}"
