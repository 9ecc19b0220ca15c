#!/usr/bin/env bash
# Prints the path of a Python interpreter that can import Selenium, after making sure Debian's
# Chromium and chromedriver are installed: apt-get (when root) installs chromium and
# chromium-driver, and pip installs Selenium into .build-test/venv (git-ignored). `make test`
# runs this, then Tests/Browser/briefing_test.py with the interpreter it prints. Selenium drives
# the system's chromedriver directly (no driver download).
# Messages go to stderr; only the interpreter's path goes to stdout.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/../lib/python-venv.sh"
if ! command -v chromium >/dev/null 2>&1 || ! command -v chromedriver >/dev/null 2>&1; then
  apt_install python-with-selenium chromium chromium-driver
fi
python_with python-with-selenium ACTORGRAPH_BROWSER_PYTHON 'import selenium' "selenium==${SELENIUM_VERSION:-4.51.0}"
