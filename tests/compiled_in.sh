#!/bin/sh
# compiled_in.sh VITAE BUNDLED
# Without a FILE, vitae shows the résumé compiled in: every output is the
# one it gives for BUNDLED (the file -Dresume named, data/arjun-rao.yaml by
# default) named as FILE, byte for byte. Whose résumé it is does not
# matter; that it is there, whole, does. --check names it "(bundled)".
set -u
vitae=$1 bundled=$2
a=$(mktemp) && b=$(mktemp) || exit 1
trap 'rm -f "$a" "$b"' EXIT
fail=0

# The bytes of the first run (no FILE) and the second (BUNDLED) must match.
same() {
	if ! cmp -s "$a" "$b"; then
		echo "compiled-in: vitae $* differs from vitae $* $bundled:" >&2
		diff -u "$b" "$a" | head -40 >&2
		fail=1
	fi
}

for args in "--dump" "--dump --width 40" "--format markdown" "--format json" \
	"--format yaml" "--format man"; do
	# shellcheck disable=SC2086
	"$vitae" $args >"$a" 2>&1
	ra=$?
	# shellcheck disable=SC2086
	"$vitae" $args "$bundled" >"$b" 2>&1
	rb=$?
	if [ "$ra" -ne 0 ] || [ "$rb" -ne 0 ] || [ ! -s "$a" ]; then
		echo "compiled-in: vitae $args: status $ra, with $bundled $rb" >&2
		fail=1
	fi
	same "$args"
done

# --check: the same report, but for the name.
"$vitae" --check 2>&1 | sed 's/^(bundled)//' >"$a"
"$vitae" --check "$bundled" 2>&1 |
	awk -v p="$bundled" 'index($0, p) == 1 { $0 = substr($0, length(p) + 1) } { print }' >"$b"
same --check
if ! "$vitae" --check 2>&1 | grep -q '^(bundled): '; then
	echo "compiled-in: vitae --check does not say (bundled)" >&2
	fail=1
fi
exit "$fail"
