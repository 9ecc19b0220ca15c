#!/usr/bin/env bash
# Creates the benchmark's Python environment at .build-bench/venv (git-ignored by
# the `.build-*/` line of .gitignore) and installs the pinned peer libraries of
# requirements.txt. Idempotent: a stamp file holding the md5 of requirements.txt
# and of the interpreter's version skips the reinstall when nothing changed.
#
#   bash Benchmarks/peers/setup.sh            # from anywhere
#   PYTHON=python3.12 bash Benchmarks/peers/setup.sh
#   FORCE=1 bash Benchmarks/peers/setup.sh    # reinstall
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"
BENCH="${BENCH_DIR:-$ROOT/.build-bench}"
VENV="$BENCH/venv"
REQ="$HERE/requirements.txt"
STAMP="$VENV/.peers-stamp"
PYTHON="${PYTHON:-python3}"

command -v "$PYTHON" >/dev/null || { echo "setup.sh: $PYTHON not found" >&2; exit 1; }
want="$(md5sum "$REQ" | cut -d' ' -f1) $("$PYTHON" -c 'import sys; print("%d.%d" % sys.version_info[:2])')"

if [[ "${FORCE:-0}" != 1 && -x "$VENV/bin/python" && -f "$STAMP" && "$(cat "$STAMP")" == "$want" ]]; then
  echo "setup.sh: $VENV is up to date (stamp $STAMP)"
  exit 0
fi

start=$(date +%s.%N)
mkdir -p "$BENCH"
if [[ ! -x "$VENV/bin/python" ]]; then
  "$PYTHON" -m venv "$VENV" || {
    echo "setup.sh: '$PYTHON -m venv' failed; on Debian: apt-get install python3-venv" >&2; exit 1; }
fi
rm -f "$STAMP"
# Binary wheels only: a source build of igraph or networkit would need a C++
# toolchain, CMake and 10+ minutes on 2 cores; fail loudly instead.
"$VENV/bin/python" -m pip install --quiet --disable-pip-version-check \
  --only-binary=:all: -r "$REQ"
"$VENV/bin/python" - <<'PY'
import igraph, networkit, rustworkx, networkx, numpy, scipy, psutil
print("setup.sh: igraph %s, networkit %s, rustworkx %s, networkx %s, numpy %s, scipy %s, psutil %s"
      % (igraph.__version__, networkit.__version__, rustworkx.__version__,
         networkx.__version__, numpy.__version__, scipy.__version__, psutil.__version__))
PY
echo "$want" > "$STAMP"
end=$(date +%s.%N)
printf 'setup.sh: installed into %s in %.1f s\n' "$VENV" "$(echo "$end - $start" | bc -l 2>/dev/null || python3 -c "print($end-$start)")"
