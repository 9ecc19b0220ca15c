#!/usr/bin/env bash
# Prints the path of a Python interpreter that can import jsonschema and yaml (PyYAML), installing
# what is missing: python3 itself (apt-get, when root), then jsonschema and PyYAML with pip into
# .build-test/venv (git-ignored, shared with python-with-networkx.sh). `make test` passes the result
# to the tests as ACTORGRAPH_SCHEMA_PYTHON (GraphSchemaTests validates the example graphs against
# `actorgraph schema` with it). Messages go to stderr; only the interpreter's path goes to stdout.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
VENV="$ROOT/.build-test/venv"
JSONSCHEMA="${JSONSCHEMA_VERSION:-4.23.0}"
PYYAML="${PYYAML_VERSION:-6.0.2}"

usable() { "$1" -c 'import jsonschema, yaml; jsonschema.Draft202012Validator' >/dev/null 2>&1; }

if [[ -n "${ACTORGRAPH_SCHEMA_PYTHON:-}" ]] && usable "$ACTORGRAPH_SCHEMA_PYTHON"; then echo "$ACTORGRAPH_SCHEMA_PYTHON"; exit 0; fi
if [[ -x "$VENV/bin/python" ]] && usable "$VENV/bin/python"; then echo "$VENV/bin/python"; exit 0; fi

apt_install() {
  if [[ "$(id -u)" == 0 ]] && command -v apt-get >/dev/null 2>&1; then
    echo "python-with-jsonschema: installing $* with apt-get" >&2
    DEBIAN_FRONTEND=noninteractive apt-get update -qq >&2
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$@" >/dev/null
  else
    echo "python-with-jsonschema: $* missing; install with: sudo apt-get install $*" >&2
    exit 1
  fi
}

command -v python3 >/dev/null 2>&1 || apt_install python3 python3-venv
if [[ ! -x "$VENV/bin/python" ]]; then
  python3 -m venv "$VENV" >&2 2>/dev/null || { rm -rf "$VENV"; apt_install python3-venv; python3 -m venv "$VENV" >&2; }
fi
echo "python-with-jsonschema: installing jsonschema $JSONSCHEMA and PyYAML $PYYAML into $VENV with pip" >&2
"$VENV/bin/python" -m pip install --quiet --disable-pip-version-check "jsonschema==$JSONSCHEMA" "PyYAML==$PYYAML" >&2
usable "$VENV/bin/python" || { echo "python-with-jsonschema: jsonschema still cannot be imported" >&2; exit 1; }
echo "$VENV/bin/python"
