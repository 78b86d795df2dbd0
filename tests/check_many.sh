#!/bin/sh
# check_many.sh VITAE: --check takes several files, prints every message
# of each in line order on standard error, one summary line per file on
# standard output (singular and plural right), and exits with the worst.
set -u
vitae=$1
dir=$(mktemp -d) || exit 1
trap 'rm -rf "$dir"' EXIT
cd "$dir" || exit 1
printf 'cv:\n  name: A\n  nickname: B\n  sections:\n    s: [x]\n' >one.yaml
printf 'cv:\n  name: A\n' >empty.yaml
printf 'cv:\n  name: A\n  sections:\n    s: [x, y]\n    t: [z]\n' >two.yaml
status=0
fail() { echo "check_many: $*" >&2; status=1; }

"$vitae" --check one.yaml two.yaml >out 2>err
rc=$?
[ "$rc" -eq 0 ] || fail "two valid files exited $rc"
# (the unknown `nickname` is shown as a section of its own)
printf '%s\n' 'one.yaml: 2 sections, 2 entries, 1 warning' \
	'two.yaml: 2 sections, 3 entries, 0 warnings' | diff -u - out || fail "summaries differ"
printf '%s\n' 'one.yaml:3:3: warning: unknown key `nickname` in `cv`' | diff -u - err ||
	fail "messages differ"

"$vitae" --check one.yaml empty.yaml missing.yaml two.yaml >out 2>err
rc=$?
[ "$rc" -eq 2 ] || fail "an unreadable file among them exited $rc, want 2"
grep -qx 'empty.yaml: invalid: 1 error, 0 warnings' out || fail "no summary for empty.yaml"
grep -qx 'two.yaml: 2 sections, 3 entries, 0 warnings' out || fail "files after a bad one not checked"
grep -q '^missing.yaml: error: ' err || fail "no message for missing.yaml"

"$vitae" --check one.yaml empty.yaml >/dev/null 2>&1
rc=$?
[ "$rc" -eq 1 ] || fail "an invalid file among them exited $rc, want 1"

"$vitae" --dump one.yaml two.yaml >/dev/null 2>err
rc=$?
[ "$rc" -eq 2 ] || fail "--dump with two files exited $rc, want 2"
grep -q 'several only with --check' err || fail "no usage message for two files without --check"
exit $status
