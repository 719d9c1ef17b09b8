#!/bin/sh
# Runs the test suites and ends with one line CI can read:
#   N passed, N failed
#
#   tests/run.sh [all|unit|e2e] [PATTERN]
#
# Unit tests are cmocka programs run with TAP output; e2e tests are shell
# scripts (tests/e2e/tNNNN-*.sh) that print TAP lines through lib-e2e.sh.
# Every "ok" line counts as a pass, every "not ok" as a failure; a program
# that exits non-zero without a "not ok" counts as one failure.
BUILD=${BUILD:-build}
what=${1:-all}
pattern=${2:-}
root=$(cd "$(dirname "$0")/.." && pwd)
BUILD=$(cd "$root" && cd "$BUILD" && pwd) || exit 1
export BUILD
pass=0
fail=0
failed=""
log=$(mktemp)
trap 'rm -f "$log"' EXIT

count() {
	# count NAME OUTPUT-FILE RC
	p=$(grep -c '^ok ' "$2")
	f=$(grep -c '^not ok ' "$2")
	if [ "$3" -ne 0 ] && [ "$f" -eq 0 ]; then
		f=1
	fi
	pass=$((pass + p))
	fail=$((fail + f))
	if [ "$f" -ne 0 ]; then
		failed="$failed $1"
		echo "--- $1: $f failed (exit $3)"
		grep -v '^ok ' "$2" | head -n 80
	else
		echo "$1: $p passed"
	fi
}

if [ "$what" = all ] || [ "$what" = unit ]; then
	for t in "$BUILD"/tests/test_*; do
		[ -x "$t" ] || continue
		name=$(basename "$t")
		case "$name" in *"$pattern"*) ;; *) continue ;; esac
		(cd "$root" && CMOCKA_MESSAGE_OUTPUT=TAP "$t") >"$log" 2>&1
		count "$name" "$log" $?
	done
fi

if [ "$what" = all ] || [ "$what" = e2e ]; then
	for s in "$root"/tests/e2e/t[0-9]*.sh; do
		[ -f "$s" ] || continue
		name=$(basename "$s" .sh)
		case "$name" in *"$pattern"*) ;; *) continue ;; esac
		(cd "$root/tests/e2e" && sh "$s") >"$log" 2>&1
		count "$name" "$log" $?
	done
fi

[ -z "$failed" ] || echo "failed:$failed"
echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ] && [ "$pass" -gt 0 ]
