#!/usr/bin/env bash
# Prints the path of a Python interpreter that can import Selenium, after making sure Debian's
# Chromium and chromedriver are installed: apt-get (when root) installs chromium and
# chromium-driver, and pip installs Selenium into .build-test/venv (git-ignored). `make test`
# runs this, then Tests/Browser/briefing_test.py with the interpreter it prints. Selenium drives
# the system's chromedriver directly (no driver download).
# Messages go to stderr; only the interpreter's path goes to stdout.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
VENV="$ROOT/.build-test/venv"
VERSION="${SELENIUM_VERSION:-4.51.0}"

apt_install() {
  if [[ "$(id -u)" == 0 ]] && command -v apt-get >/dev/null 2>&1; then
    echo "python-with-selenium: installing $* with apt-get" >&2
    DEBIAN_FRONTEND=noninteractive apt-get update -qq >&2
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$@" >/dev/null
  else
    echo "python-with-selenium: $* missing; install with: sudo apt-get install $*" >&2
    exit 1
  fi
}

if ! command -v chromium >/dev/null 2>&1 || ! command -v chromedriver >/dev/null 2>&1; then
  apt_install chromium chromium-driver
fi

has_selenium() { "$1" -c 'import selenium' >/dev/null 2>&1; }
if [[ -n "${ACTORGRAPH_BROWSER_PYTHON:-}" ]] && has_selenium "$ACTORGRAPH_BROWSER_PYTHON"; then echo "$ACTORGRAPH_BROWSER_PYTHON"; exit 0; fi
if [[ -x "$VENV/bin/python" ]] && has_selenium "$VENV/bin/python"; then echo "$VENV/bin/python"; exit 0; fi

command -v python3 >/dev/null 2>&1 || apt_install python3 python3-venv
if [[ ! -x "$VENV/bin/python" ]]; then
  python3 -m venv "$VENV" >&2 2>/dev/null || { rm -rf "$VENV"; apt_install python3-venv; python3 -m venv "$VENV" >&2; }
fi
echo "python-with-selenium: installing selenium $VERSION into $VENV with pip" >&2
"$VENV/bin/python" -m pip install --quiet --disable-pip-version-check "selenium==$VERSION" >&2
has_selenium "$VENV/bin/python" || { echo "python-with-selenium: selenium still cannot be imported" >&2; exit 1; }
echo "$VENV/bin/python"
