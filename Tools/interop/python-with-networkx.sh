#!/usr/bin/env bash
# Prints the path of a Python interpreter that can import networkx, installing what is missing:
# python3 itself (apt-get, when root), then networkx with pip into .build-test/venv (git-ignored)
# when the system python3 lacks it. `make test` runs this and passes the result to the tests as
# ACTORGRAPH_PYTHON (NetworkxReadsOursTests has networkx read our GraphML, GEXF and node-link).
# Messages go to stderr; only the interpreter's path goes to stdout.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
VENV="$ROOT/.build-test/venv"
VERSION="${NETWORKX_VERSION:-3.6.1}"

has_networkx() { "$1" -c 'import networkx' >/dev/null 2>&1; }

if [[ -n "${ACTORGRAPH_PYTHON:-}" ]] && has_networkx "$ACTORGRAPH_PYTHON"; then echo "$ACTORGRAPH_PYTHON"; exit 0; fi
if [[ -x "$VENV/bin/python" ]] && has_networkx "$VENV/bin/python"; then echo "$VENV/bin/python"; exit 0; fi
if command -v python3 >/dev/null 2>&1 && has_networkx python3; then command -v python3; exit 0; fi

apt_install() {
  if [[ "$(id -u)" == 0 ]] && command -v apt-get >/dev/null 2>&1; then
    echo "python-with-networkx: installing $* with apt-get" >&2
    DEBIAN_FRONTEND=noninteractive apt-get update -qq >&2
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$@" >/dev/null
  else
    echo "python-with-networkx: $* missing; install with: sudo apt-get install $*" >&2
    exit 1
  fi
}

command -v python3 >/dev/null 2>&1 || apt_install python3 python3-venv
if [[ ! -x "$VENV/bin/python" ]]; then
  python3 -m venv "$VENV" >&2 2>/dev/null || { rm -rf "$VENV"; apt_install python3-venv; python3 -m venv "$VENV" >&2; }
fi
echo "python-with-networkx: installing networkx $VERSION into $VENV with pip" >&2
"$VENV/bin/python" -m pip install --quiet --disable-pip-version-check "networkx==$VERSION" >&2
has_networkx "$VENV/bin/python" || { echo "python-with-networkx: networkx still cannot be imported" >&2; exit 1; }
echo "$VENV/bin/python"
