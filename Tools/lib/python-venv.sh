# Sourced by Tools/interop/python-with-networkx.sh, python-with-jsonschema.sh and
# Tools/browser/python-with-selenium.sh: the one way `make test` finds or makes a Python that can
# import what a test needs.
#
#   python_with NAME OVERRIDE CHECK PIP-SPEC...
#
# prints the path of the first interpreter that passes CHECK (Python code; it must not fail):
# $OVERRIDE if that variable names one, .build-test/venv (git-ignored, shared by the three), or the
# system python3; otherwise it installs python3 and python3-venv with apt-get (when root), makes
# the venv, pip-installs the PIP-SPECs into it and checks again. Messages go to stderr, prefixed
# with NAME; only the interpreter's path goes to stdout.

apt_install() { # NAME PACKAGE...
  local name="$1"; shift
  if [[ "$(id -u)" == 0 ]] && command -v apt-get >/dev/null 2>&1; then
    echo "$name: installing $* with apt-get" >&2
    DEBIAN_FRONTEND=noninteractive apt-get update -qq >&2
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$@" >/dev/null
  else
    echo "$name: $* missing; install with: sudo apt-get install $*" >&2
    exit 1
  fi
}

python_with() { # NAME OVERRIDE CHECK PIP-SPEC...
  local name="$1" override="${!2:-}" check="$3"; shift 3
  local root venv
  root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
  venv="$root/.build-test/venv"
  usable() { "$1" -c "$check" >/dev/null 2>&1; }
  if [[ -n "$override" ]] && usable "$override"; then echo "$override"; return; fi
  if [[ -x "$venv/bin/python" ]] && usable "$venv/bin/python"; then echo "$venv/bin/python"; return; fi
  if command -v python3 >/dev/null 2>&1 && usable python3; then command -v python3; return; fi
  command -v python3 >/dev/null 2>&1 || apt_install "$name" python3 python3-venv
  if [[ ! -x "$venv/bin/python" ]]; then
    python3 -m venv "$venv" >&2 2>/dev/null || { rm -rf "$venv"; apt_install "$name" python3-venv; python3 -m venv "$venv" >&2; }
  fi
  echo "$name: installing $* into $venv with pip" >&2
  "$venv/bin/python" -m pip install --quiet --disable-pip-version-check "$@" >&2
  usable "$venv/bin/python" || { echo "$name: $* still cannot be imported" >&2; exit 1; }
  echo "$venv/bin/python"
}
