#!/bin/sh
# Runs every fact program in order (called by `make run`, from this directory).
# Prints one PASS/FAIL line per fact, with the measured numbers from each mode's
# own PASS/FAIL line; the full output of every run goes to build/logs/.
cd "$(dirname "$0")" || exit 2
mkdir -p build/logs
limit=${FACT8_LIMIT:-60}
failed=0
start=$(date +%s)

# fact "N title" "mode args" ...
fact() {
    n=$1; title=$2; shift 2
    status=PASS; summary=""
    for m in "$@"; do
        log="build/logs/fact$n-$(echo "$m" | tr ' ' '_').log"
        # shellcheck disable=SC2086
        build/fact${n}_* $m >"$log" 2>&1
        rc=$?
        raw=$(grep -E '^(PASS|FAIL|INFO):' "$log" | tail -1)
        line=$(printf '%s' "$raw" | sed -E 's/^(PASS|FAIL): //')
        [ -n "$line" ] || line="no result line (exit $rc)"
        case $raw in INFO:*) ;; *) [ $rc -eq 0 ] || status=FAIL ;; esac
        summary="$summary${summary:+ | }[$m] $line"
    done
    [ $status = PASS ] || failed=$((failed + 1))
    printf '%s fact%s %s: %s\n' "$status" "$n" "$title" "$summary"
}

fact 1 "agmemread leftover"        bug fix drain
fact 2 "agerrors() sticky max"     bug fix
fact 3 "error text via agseterrf"  bug fix agerr
fact 4 "threads crash"             bug fix
fact 5 "gvContext per render leaks" bug fix cluster
fact 6 "fdp/sfdp nondeterminism"   bug fix
fact 7 "unnamed graph title"       bug fix
fact 8 "dot runtime, no interrupt" "$limit"
fact 9 "cluster order (detread)"   bug fix
echo "$failed fact(s) failed; $(( $(date +%s) - start )) s; logs in build/logs/"
[ $failed -eq 0 ]
