#!/bin/sh
# golden.sh VITAE INPUT EXPECTED [ARGS...]
# Runs VITAE ARGS INPUT and compares standard output with EXPECTED byte
# for byte; on a difference prints a unified diff and fails. To refresh
# an expected file after a deliberate change, run with GOLDEN_UPDATE=1,
# then READ the new file before committing it.
set -u
vitae=$1 input=$2 expected=$3
shift 3
out=$(mktemp) || exit 1
trap 'rm -f "$out"' EXIT
# Always a file from tests/: the compiled-in résumé is whatever -Dresume
# chose (compiled_in.sh checks it).
"$vitae" "$@" "$input" >"$out"
rc=$?
if [ "$rc" -ne 0 ]; then
	echo "golden: $vitae $* $input exited $rc" >&2
	exit 1
fi
if [ "${GOLDEN_UPDATE:-0}" = 1 ]; then
	cp "$out" "$expected"
	echo "golden: updated $expected"
	exit 0
fi
if ! diff -u "$expected" "$out"; then
	echo "golden: output differs from $expected" >&2
	exit 1
fi
# Text output must never carry an escape or other control character.
if LC_ALL=C grep -q "$(printf '[\001-\010\013-\037\177]')" "$out"; then
	echo "golden: control character in output" >&2
	exit 1
fi
