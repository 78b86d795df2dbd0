#!/bin/sh
# check.sh VITAE CASE.yaml: runs `vitae --check CASE.yaml` from the
# directory holding the case and compares its exit status and standard
# error with CASE.expected, whose first line is "exit: N" and whose other
# lines are the exact diagnostics (see tests/bad/README.md).
set -u
vitae=$1 case=$2
dir=$(dirname "$case") name=$(basename "$case")
expected="$dir/${name%.*}.expected"
err=$(mktemp) || exit 1
trap 'rm -f "$err"' EXIT
cd "$dir" || exit 1
"$vitae" --check "$name" >/dev/null 2>"$err"
rc=$?
want_rc=$(sed -n '1s/^exit: //p' "$expected")
status=0
if [ "$rc" != "$want_rc" ]; then
	echo "check: $name exited $rc, want $want_rc" >&2
	status=1
fi
if ! sed '1d' "$expected" | diff -u - "$err"; then
	echo "check: diagnostics for $name differ from ${name%.*}.expected" >&2
	status=1
fi
exit $status
