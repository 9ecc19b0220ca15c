#!/usr/bin/env bash
# `make fuzz`: coverage-guided fuzzing of every reader with libFuzzer (FuzzTesting/).
#
# 1. Makes sure the Swift toolchain can link `-sanitize=fuzzer` (a probe harness); when it cannot
#    and we are root, installs Debian's clang runtime (libclang-rt-dev) and puts its libFuzzer
#    beside the toolchain's own clang runtime.
# 2. Builds the harnesses (release, --sanitize=fuzzer) and `actorgraph` (for the seeds).
# 3. Seeds each reader from graphs/*.yaml converted to its format and from the interop fixtures
#    (Tests/ActorGraphFormatsTests/Fixtures), beside the committed corpus FuzzTesting/Corpus/<reader>/.
# 4. Runs each harness for FUZZ_SECONDS (default 60) with its dictionary; a crash or a broken
#    promise is copied to FuzzTesting/FailCases/<reader>/ (replayed by FuzzFailCaseTests in
#    `make test`) and the run goes on with the next reader.
# 5. Minimises the corpus (-merge=1) back into FuzzTesting/Corpus/<reader>/.
# 6. Prints a table (executions, libFuzzer's final cov: and ft:, corpus, findings), also written to
#    .build-fuzz/summary.md. Exits 1 when a harness found something.
#
# FUZZ_READERS="DOT GraphML" picks readers (the table keeps the other readers' last rows);
# FUZZ_MAX_LEN (default 1024) bounds an input's size while fuzzing; FUZZ_CORPUS_MAX_LEN (default
# 256) while merging into the committed corpus (about 270 KB for the nine readers, ~85% of the features).
set -uo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$ROOT"
SECONDS_PER_READER="${FUZZ_SECONDS:-60}"
MAX_LEN="${FUZZ_MAX_LEN:-1024}"
CORPUS_MAX_LEN="${FUZZ_CORPUS_MAX_LEN:-256}"
# Swift's own crash handler would take the signal before libFuzzer could save the input.
export SWIFT_BACKTRACE=enable=no
READERS=(${FUZZ_READERS:-YAML JSON CSV DOT GraphML GEXF NodeLink Pajek EdgeList})
OUT="$ROOT/.build-fuzz"
FUZZ="$ROOT/FuzzTesting"
SWIFT="${SWIFT:-swift}"

say() { echo "fuzz: $*" >&2; }
fail() { echo "fuzz: $*" >&2; exit 2; }

# The reader's folder name (Corpus/, FailCases/, Dictionaries/) and the extension its seeds have.
folder() { case "$1" in NodeLink) echo node-link ;; EdgeList) echo edge-list ;; *) echo "$1" | tr 'A-Z' 'a-z' ;; esac; }

# 1. libFuzzer's runtime.
probe() {
  local dir; dir="$(mktemp -d)"
  printf '@_cdecl("LLVMFuzzerTestOneInput") public func f(_ p: UnsafeRawPointer, _ n: Int) -> CInt { 0 }\n' > "$dir/p.swift"
  swiftc -sanitize=fuzzer -parse-as-library "$dir/p.swift" -o "$dir/p" >"$dir/log" 2>&1 && "$dir/p" -runs=1 >/dev/null 2>&1
  local rc=$?
  [[ $rc == 0 ]] || cat "$dir/log" >&2
  rm -rf "$dir"
  return $rc
}
if ! probe; then
  if [[ "$(id -u)" == 0 ]] && command -v apt-get >/dev/null 2>&1; then
    say "the toolchain cannot link -sanitize=fuzzer; installing Debian's clang runtime (libclang-rt-dev)"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq && apt-get install -y -qq --no-install-recommends libclang-rt-dev >/dev/null || fail "apt-get install libclang-rt-dev failed"
    resource="$(dirname "$(readlink -f "$(command -v swiftc)")")/../lib/clang"
    version="$(ls "$resource" | sort -V | tail -1)"
    target="$resource/$version/lib/linux"
    mkdir -p "$target"
    for lib in $(find /usr/lib/llvm-*/lib/clang -name 'libclang_rt.fuzzer*-x86_64.a' 2>/dev/null); do
      [[ -e "$target/$(basename "$lib")" ]] || cp "$lib" "$target/"
    done
    probe || fail "still cannot link -sanitize=fuzzer after installing libclang-rt-dev"
  else
    fail "the Swift toolchain cannot link -sanitize=fuzzer (libclang_rt.fuzzer is missing); as root: apt-get install libclang-rt-dev"
  fi
fi

# 2. Builds.
say "building the harnesses (release, --sanitize=fuzzer) and actorgraph"
(cd "$FUZZ" && "$SWIFT" build -c release --sanitize=fuzzer) >&2 || fail "the harnesses do not build"
"$SWIFT" build --product actorgraph >&2 || fail "actorgraph does not build"
BIN="$FUZZ/.build/release"
AG="$ROOT/.build/debug/actorgraph"

# 3. Seeds.
rm -rf "$OUT/seeds" "$OUT/work" "$OUT/merged" "$OUT/findings"
mkdir -p "$OUT/seeds" "$OUT/logs" "$OUT/findings"
FIXTURES="$ROOT/Tests/ActorGraphFormatsTests/Fixtures"
for r in "${READERS[@]}"; do mkdir -p "$OUT/seeds/$(folder "$r")" "$FUZZ/Corpus/$(folder "$r")"; done
natives=(graphs/*.yaml "$FIXTURES/interchange/every-field.yaml")
for f in "${natives[@]}"; do
  base="$(basename "$f" .yaml)"
  [[ -d "$OUT/seeds/yaml" ]] && cp "$f" "$OUT/seeds/yaml/"
  for pair in json:json csv:csv dot:dot graphml:graphml gexf:gexf node-link:node-link.json pajek:net; do
    dir="${pair%%:*}"; ext="${pair#*:}"
    [[ -d "$OUT/seeds/$dir" ]] || continue
    "$AG" convert -q "$f" "$OUT/seeds/$dir/$base.$ext" >/dev/null 2>&1 || say "seed: $f could not be converted to .$ext"
  done
done
copy_fixtures() { local dir="$1"; shift; [[ -d "$OUT/seeds/$dir" ]] || return 0; for f in "$@"; do [[ -e "$f" ]] && cp "$f" "$OUT/seeds/$dir/"; done; }
copy_fixtures graphml "$FIXTURES"/interop/*.graphml
copy_fixtures gexf "$FIXTURES"/interop/*.gexf
copy_fixtures dot "$FIXTURES"/interop/*.dot
copy_fixtures pajek "$FIXTURES"/interop/*.net
copy_fixtures csv "$FIXTURES"/interop/*.csv
copy_fixtures edge-list "$FIXTURES"/interop/*.ncol
copy_fixtures node-link "$FIXTURES"/interop/nx-*.json
if [[ -d "$OUT/seeds/edge-list" ]]; then
  for f in "$OUT"/seeds/csv/*.csv; do [[ -e "$f" ]] && tr ',' ' ' < "$f" > "$OUT/seeds/edge-list/$(basename "$f" .csv).ncol"; done
  # networkx's write_edgelist: 'a b {data}'.
  printf 'a b {}\nb c {"weight": 2}\n# comment\n' > "$OUT/seeds/edge-list/nx-edgelist.ncol"
fi

# 4. Fuzzing, 5. merging.
summary="$OUT/summary.md"
mkdir -p "$OUT/rows"
found=0
for r in "${READERS[@]}"; do
  d="$(folder "$r")"
  mkdir -p "$OUT/work/$d" "$OUT/findings/$d" "$OUT/merged/$d"
  log="$OUT/logs/$d.log"
  say "$r: fuzzing for ${SECONDS_PER_READER}s (log: $log)"
  "$BIN/Fuzz$r" -max_total_time="$SECONDS_PER_READER" -max_len="$MAX_LEN" -timeout=20 -rss_limit_mb=4096 \
    -dict="$FUZZ/Dictionaries/$d.dict" -artifact_prefix="$OUT/findings/$d/" -print_final_stats=1 \
    "$OUT/work/$d" "$FUZZ/Corpus/$d" "$OUT/seeds/$d" > "$log" 2>&1
  rc=$?
  findings="none"
  shopt -s nullglob
  artifacts=("$OUT/findings/$d"/*)
  shopt -u nullglob
  if [[ $rc != 0 || ${#artifacts[@]} -gt 0 ]]; then
    found=1
    mkdir -p "$FUZZ/FailCases/$d"
    names=()
    for a in "${artifacts[@]}"; do
      name="$(basename "$a")"
      cp "$a" "$FUZZ/FailCases/$d/$name"
      names+=("$name")
    done
    reason="$(grep -m1 -E 'Fatal error|ERROR: libFuzzer|==ERROR|ParseDictionaryFile' "$log" | sed -E 's/.*(Fatal error|ERROR|ParseDictionaryFile)/\1/' | cut -c1-120)"
    findings="exit $rc: ${names[*]:-no artifact} ${reason}"
    say "$r: FOUND: $findings"
  fi
  # Minimise: the committed corpus, the new inputs and the seeds, to a set with the same coverage.
  "$BIN/Fuzz$r" -merge=1 -max_len="$CORPUS_MAX_LEN" -timeout=20 -rss_limit_mb=4096 \
    "$OUT/merged/$d" "$FUZZ/Corpus/$d" "$OUT/work/$d" "$OUT/seeds/$d" > "$OUT/logs/$d.merge.log" 2>&1
  if [[ $? == 0 ]] && [[ -n "$(ls -A "$OUT/merged/$d")" ]]; then
    rm -rf "$FUZZ/Corpus/$d"
    mv "$OUT/merged/$d" "$FUZZ/Corpus/$d"
  else
    say "$r: the merge failed (see $OUT/logs/$d.merge.log); the committed corpus is unchanged"
  fi
  execs="$(awk '/^stat::number_of_executed_units:/ {print $2; exit}' "$log")"
  speed="$(awk '/^stat::average_exec_per_sec:/ {print $2; exit}' "$log")"
  last="$(grep -E '^#[0-9]+' "$log" | tail -1)"
  if [[ -z "$execs" ]]; then execs="$(echo "$last" | sed -E 's/^#([0-9]+).*/\1/')"; fi
  cov="$(echo "$last" | grep -o 'cov: [0-9]*' | awk '{print $2}')"
  ft="$(echo "$last" | grep -o 'ft: [0-9]*' | awk '{print $2}')"
  files="$(find "$FUZZ/Corpus/$d" -type f | wc -l)"
  bytes="$(find "$FUZZ/Corpus/$d" -type f -printf '%s\n' | awk '{s += $1} END {print s + 0}')"
  echo "| $r | ${execs:-?} | ${speed:-?} | ${cov:-?} | ${ft:-?} | $files, $bytes | $findings |" > "$OUT/rows/$d.md"
done
{
  echo "| reader | executions | exec/s | cov | ft | corpus (files, bytes) | findings |"
  echo "|---|---:|---:|---:|---:|---|---|"
  for r in YAML JSON CSV DOT GraphML GEXF NodeLink Pajek EdgeList; do
    [[ -f "$OUT/rows/$(folder "$r").md" ]] && cat "$OUT/rows/$(folder "$r").md"
  done
} > "$summary"
echo >&2
cat "$summary"
exit $found
