#!/bin/sh
# convert.sh VITAE PYTHON MANDOC TESTS: converts every résumé file under
# TESTS (*.yaml, *.yml, *.json, whatever directory holds them,
# tests/realworld/ and the fixture of the bundled résumé included, but not
# the schemas) with --format json, yaml and man, and checks
#   - that each conversion exits as --dump does on the same file, with the
#     same messages on standard error (a file with problems is converted
#     as far as it was understood, and the problems are reported);
#   - every JSON Resume against JSON Resume's schema, every RenderCV YAML
#     against RenderCV's (tests/schema/), every page with mandoc -T lint.
# Each output is kept in a temporary directory that is removed at the end.
set -u
vitae=$1 python=$2 mandoc=$3 tests=$4
tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT
status=0
n=0
: >"$tmp/list"
find "$tests" -type f \( -name '*.yaml' -o -name '*.yml' -o -name '*.json' \) \
	! -path "$tests/schema/*" | LC_ALL=C sort >"$tmp/files"
while IFS= read -r file; do
	n=$((n + 1))
	"$vitae" --dump --width 80 "$file" >"$tmp/dump" 2>"$tmp/dump.err" </dev/null
	want=$?
	for f in json yaml man; do
		out="$tmp/$n.$f"
		"$vitae" --format "$f" "$file" >"$out" 2>"$tmp/err" </dev/null
		rc=$?
		if [ "$rc" != "$want" ]; then
			echo "convert: --format $f $file exited $rc; --dump exits $want" >&2
			status=1
		fi
		if ! diff -u "$tmp/dump.err" "$tmp/err" >&2; then
			echo "convert: --format $f $file: messages differ from --dump's" >&2
			status=1
		fi
		if [ -s "$tmp/dump" ] && [ ! -s "$out" ]; then
			echo "convert: --format $f $file wrote nothing; --dump shows it" >&2
			status=1
		fi
		[ -s "$out" ] && echo "$out $file" >>"$tmp/list"
	done
done <"$tmp/files"
schema=$(dirname "$0")/schema
# One run of each validator over all the files, as the starts are slow.
set --
for out in $(sed -n 's/\.json .*/.json/p' "$tmp/list"); do set -- "$@" "$out"; done
if [ $# -gt 0 ] && ! "$python" "$schema/validate_jsonresume.py" "$@" >"$tmp/v" 2>&1; then
	grep -v ': valid$' "$tmp/v" >&2
	status=1
fi
set --
for out in $(sed -n 's/\.yaml .*/.yaml/p' "$tmp/list"); do set -- "$@" "$out"; done
if [ $# -gt 0 ] && ! "$python" "$schema/validate.py" "$@" >"$tmp/v" 2>&1; then
	grep -v ': valid$' "$tmp/v" >&2
	status=1
fi
for out in $(sed -n 's/\.man .*/.man/p' "$tmp/list"); do
	if ! "$mandoc" -T lint -W warning "$out" >"$tmp/v" 2>&1; then
		echo "convert: mandoc -T lint on the page of $(grep "^$out " "$tmp/list" | cut -d' ' -f2-):" >&2
		cat "$tmp/v" >&2
		status=1
	fi
done
# The bundled résumé's page (its fixture's: -Dresume may compile in
# another), as man shows it at 80 columns: no line wider.
page=$(sed -n 's/\.man .*\/fixtures\/arjun-rao\.yaml$/.man/p' "$tmp/list")
"$mandoc" -T ascii -O width=80 "$page" | sed 's/.\x08//g' >"$tmp/page.txt"
if [ ! -s "$tmp/page.txt" ] || awk 'length > 80 { bad = 1 } END { exit !bad }' "$tmp/page.txt"; then
	echo "convert: the bundled page at 80 columns is empty or has wider lines" >&2
	status=1
fi
echo "convert: $n résumés, $(wc -l <"$tmp/list") outputs checked"
[ $status -eq 0 ] && echo "convert: ok"
exit $status
