# Sourced by every e2e script (tests/e2e/tNNNN-area-what.sh).
#
#   check 'what it shows' '
#           takedown init ws &&
#           takedown -C ws owner list
#   '
#   finish
#
# A set-up shared by several checks is a string ending in "&&", put
# before each check's script ("$setup"'...'): under set -e a failure in
# the middle of an && list does not stop the shell, so the set-up must
# chain into the script for its failures to fail the check.
#
# Each check runs its script with sh in a fresh temporary directory, with
# the takedown binary under test first on PATH, and prints a TAP line. On
# failure the script's output is shown. TAKEDOWN_TODAY pins "today" so
# dates in expectations do not drift; a check may override it.
set -u
E2E_DIR=$(pwd)
ROOT=$(cd "$E2E_DIR/../.." && pwd)
BUILD=${BUILD:-$ROOT/build}
FIXTURES=$ROOT/tests/fixtures
EXAMPLES=$ROOT/examples
PATH=$BUILD:$PATH
export PATH FIXTURES EXAMPLES ROOT BUILD
export TAKEDOWN_TODAY=${TAKEDOWN_TODAY:-2026-11-27}
unset TAKEDOWN_DIR
e2e_n=0
e2e_fail=0
e2e_name=$(basename "$0" .sh)

check() {
	e2e_n=$((e2e_n + 1))
	e2e_tmp=$(mktemp -d "${TMPDIR:-/tmp}/td-e2e.XXXXXX")
	if (cd "$e2e_tmp" && set -e && eval "$2") >"$e2e_tmp/.out" 2>&1; then
		echo "ok $e2e_n - $e2e_name: $1"
	else
		echo "not ok $e2e_n - $e2e_name: $1"
		sed 's/^/#   /' "$e2e_tmp/.out" | tail -n 40
		e2e_fail=$((e2e_fail + 1))
	fi
	rm -rf "$e2e_tmp"
}

# Print a file and fail if it does not contain a fixed string.
grep_f() {
	if ! grep -F -q -- "$1" "$2"; then
		echo "expected '$1' in $2:"
		cat "$2"
		return 1
	fi
}

finish() {
	[ "$e2e_fail" -eq 0 ]
	exit $?
}
