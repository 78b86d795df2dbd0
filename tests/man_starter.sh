#!/bin/sh
# man_starter.sh VITAE MANPAGE: the starter file that vitae(5) gives a new
# author ("Writing your first résumé") must pass --check with the summary
# the page promises, so the manual never teaches a broken file.
set -u
vitae=$1 page=$2
dir=$(mktemp -d) || exit 1
trap 'rm -rf "$dir"' EXIT
awk '/^\.Ss Writing your first/ { f = 1 } f && /^\.Bd/ { g = 1; next }
     g && /^\.Ed/ { exit } g { print }' "$page" >"$dir/resume.yaml"
if ! [ -s "$dir/resume.yaml" ]; then
	echo "man_starter: no starter file in $page" >&2
	exit 1
fi
cd "$dir" || exit 1
out=$("$vitae" --check resume.yaml 2>&1)
rc=$?
want='resume.yaml: 2 sections, 2 entries, 0 warnings'
if [ "$rc" -ne 0 ] || [ "$out" != "$want" ]; then
	echo "man_starter: --check gave (exit $rc):" >&2
	echo "$out" >&2
	exit 1
fi
grep -q "$want" "$page" || { echo "man_starter: the page does not show '$want'" >&2; exit 1; }
