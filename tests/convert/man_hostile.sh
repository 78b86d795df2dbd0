#!/bin/sh
# man_hostile.sh VITAE MANDOC HOSTILE.yaml: the manual page of a résumé
# whose text looks like roff (requests at line starts, escapes, .so) must
# hold only vitae's own requests, lint clean, and show that text as text.
set -u
vitae=$1 mandoc=$2 file=$3
tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT
status=0
fail() { echo "man_hostile: $*" >&2; status=1; }

"$vitae" --format man "$file" >"$tmp/page.7" || fail "vitae exited $?"
"$mandoc" -T lint -W warning "$tmp/page.7" >&2 || fail "mandoc -T lint is not clean"
# Control lines: only the requests print_man.c writes, with its arguments.
if grep -nE "^[.']" "$tmp/page.7" |
   grep -vE '^[0-9]+:\.(\\" A résumé written by vitae --format man\.|TH [A-Z0-9\\-]+ 7 [0-9-]+ "vitae [^"]*" "R\\\[u00E9\]sum\\\[u00E9\]"|SH|SH NAME|SH CONTACT|TP|PP|br|RS|RS 2|RE|IP \\\(bu 2|IP \\\(en 2|IP [0-9]+\. 4|IP "" 7)$' >&2
then
	fail "a control line that vitae does not write (above)"
fi
# (without the overstrikes that make bold and underline)
"$mandoc" -T ascii -O width=200 "$tmp/page.7" 2>&1 | sed 's/.\x08//g' >"$tmp/page.txt" ||
	fail "mandoc -T ascii failed"
for want in '.so /etc/passwd' "'so /etc/passwd" '.TH EVIL 1' "'sp 100" \
            "'br \\fBbold\\fR" '\n(.l' '.ig nothing below is shown' '.SH FAKE' \
            '*(*(*(' '.  dot after blanks' '\ backslashes \e'; do
	grep -qF -- "$want" "$tmp/page.txt" || fail "not shown as text: $want"
done
if grep -q '^root:' "$tmp/page.txt"; then
	fail "/etc/passwd was included"
fi
[ $status -eq 0 ] && echo "man_hostile: ok"
exit $status
