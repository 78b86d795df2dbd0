/*
 * Hostile YAML structure through the real binary: every case must end in
 * a clear `FILE:LINE:COLUMN: error:` at the right place (or load), within
 * bounded time and memory. The broken inputs of tests/bad are run again
 * here for their bounds and their output; their messages are check.sh's.
 * Big inputs are generated into the temporary directory, never committed.
 */
#include <dirent.h>
#include <stdlib.h>
#include <string.h>
#include "adv.h"

/* The usual bounds for a small input: far above what vitae needs. */
#define SECS 10
#define MIB 64

static struct adv_result r;

/* vitae --check NAME: the exit status and the first line of stderr. */
static void check_first(const char *name, int code, const char *first)
{
	run_vitae(&r, (const char *[]){ "--check", name, NULL }, NULL, SECS, MIB);
	CHECK_EXIT(&r, code);
	if (first)
		CHECK_FIRST(&r, first);
	adv_result_free(&r);
}

/* The file loads: --dump succeeds and prints safe text. These files are
 * a header alone, so --check finds one error only: that there are no
 * sections (an empty résumé must not pass a deploy gate). */
static void check_loads(const char *name, const char *shown)
{
	run_vitae(&r, (const char *[]){ "--check", name, NULL }, NULL, SECS, MIB);
	CHECK_EXIT(&r, 1);
	CHECK_HAS(r.err, ": error: no sections");
	size_t errors = 0;
	for (const char *p = r.err; (p = strstr(p, ": error: ")); p++)
		errors++;
	CHECK_INT(errors, 1);
	adv_result_free(&r);
	run_vitae(&r, (const char *[]){ "--dump", "--width", "80", name, NULL }, NULL, SECS, MIB);
	CHECK_EXIT(&r, 0);
	CHECK_SAFE("--dump", r.out, r.nout);
	if (shown)
		CHECK_HAS(r.out, shown);
	adv_result_free(&r);
}

static char *repeat(const char *head, const char *unit, size_t n, const char *tail)
{
	size_t h = strlen(head), u = strlen(unit), t = strlen(tail);
	char *s = malloc(h + u * n + t + 1), *p = s;
	memcpy(p, head, h);
	p += h;
	for (size_t i = 0; i < n; i++, p += u)
		memcpy(p, unit, u);
	memcpy(p, tail, t + 1);
	return s;
}

static void write_free(const char *name, char *s)
{
	adv_write_str(name, s);
	free(s);
}

/* --- tests/bad again: bounded, and safe output from every mode ---------- */

static int expected_exit(const char *path)
{
	FILE *f = fopen(path, "r");
	int code = -1;
	if (f) {
		if (fscanf(f, "exit: %d", &code) != 1)
			code = -1;
		fclose(f);
	}
	return code;
}

/* Whether the only error expected is that the résumé has no sections:
 * --check fails on it, but the outputs show the header and say why. */
static bool only_empty(const char *path)
{
	FILE *f = fopen(path, "r");
	char line[1024];
	int errors = 0, empty = 0;
	while (f && fgets(line, sizeof line, f)) {
		errors += strstr(line, ": error: ") != NULL;
		empty += strstr(line, ": error: no sections") != NULL;
	}
	if (f)
		fclose(f);
	return errors == 1 && empty == 1;
}

static void bad_files(void)
{
	char dir[4200];
	snprintf(dir, sizeof dir, "%s/bad", adv_start_dir);
	DIR *d = opendir(dir);
	CHECK(d != NULL);
	if (!d)
		return;
	int n = 0;
	for (struct dirent *e; (e = readdir(d));) {
		size_t len = strlen(e->d_name);
		if (len < 6 || (strcmp(e->d_name + len - 5, ".yaml") != 0 &&
		                strcmp(e->d_name + len - 5, ".json") != 0))
			continue;
		char path[8400], exp[8400];
		snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
		snprintf(exp, sizeof exp, "%s/%.*s.expected", dir, (int)(len - 5), e->d_name);
		int code = expected_exit(exp);
		bool empty = only_empty(exp);
		CHECK(code == 0 || code == 1);
		n++;
		static const char *const modes[][4] = {
			{ "--check" }, { "--dump", "--width", "80" }, { "--dump", "--width", "20" },
			{ "--format", "markdown" }, { "--dump", "--ascii" },
		};
		size_t nmodes = adv_slow() ? 2 : sizeof modes / sizeof *modes;
		for (size_t m = 0; m < nmodes; m++) {
			const char *args[8] = { 0 };
			size_t k = 0;
			for (; k < 4 && modes[m][k]; k++)
				args[k] = modes[m][k];
			args[k] = path;
			run_vitae(&r, args, NULL, SECS, MIB);
			CHECK_SAFE(e->d_name, r.out, r.nout);
			if (m == 0 || code == 0) {
				CHECK_EXIT(&r, code);
				if (code == 1)
					CHECK(strstr(r.err, ": error: ") != NULL);
			} else if (strstr(r.err, ": error: ")) {
				/* nothing to show: the same failure as --check */
				CHECK_EXIT(&r, 1);
				CHECK(r.nout == 0);
			} else {
				/* shown, its errors as warnings; only "no sections"
				 * is --check's alone: the outputs show the header and
				 * say why instead */
				CHECK_EXIT(&r, 0);
				CHECK(empty || strstr(r.err, ": warning: ") != NULL);
				CHECK(r.nout > 0);
			}
			adv_result_free(&r);
		}
	}
	closedir(d);
	CHECK(n >= 15);
}

/* --- empty and not a résumé ------------------------------------------------ */

static void empty_inputs(void)
{
	check_first("/dev/null", 1, "/dev/null:1:1: error: empty document");
	run_vitae(&r, (const char *[]){ "--check", "-", NULL }, "/dev/null", SECS, MIB);
	CHECK_EXIT(&r, 1);
	CHECK_FIRST(&r, "-:1:1: error: empty document");
	adv_result_free(&r);
	adv_write_str("blank.yaml", "\n\n   \n \n");
	check_first("blank.yaml", 1, "blank.yaml:1:1: error: empty document");
	/* libyaml takes a line holding only a tab for bad indentation */
	adv_write_str("tabline.yaml", "\n\n   \n\t\n");
	check_first("tabline.yaml", 1, "tabline.yaml:4:1: error: found character that cannot "
	            "start any token (while scanning for the next token)");
	adv_write_str("end.yaml", "---\n...\n");
	check_first("end.yaml", 1, "end.yaml:1:1: error: empty document");
	adv_write_str("ends.yaml", "---\n...\n---\n...\n");
	check_first("ends.yaml", 1,
	            "ends.yaml:3:1: error: a second YAML document starts here; a résumé is one document");
	adv_write_str("null.yaml", "~\n");
	check_first("null.yaml", 1, "null.yaml:1:1: error: empty document");
	adv_write_str("emptylist.json", "[]");
	check_first("emptylist.json", 1,
	            "emptylist.json:1:1: error: the top level must be a mapping of keys, not a list");
	adv_write_str("emptymap.json", "{}");
	check_first("emptymap.json", 1, "emptymap.json:1:1: error: not a résumé: expected a "
	            "top-level `cv` (RenderCV) or `basics` (JSON Resume) key");
	/* a directory and a missing file: I/O errors, no position */
	check_first("/", 2, "/: error: Is a directory");
	check_first("no-such.yaml", 2, "no-such.yaml: error: No such file or directory");
}

/* --- nesting --------------------------------------------------------------- */

static void deep_flow(void)
{
	write_free("brackets.yaml", repeat("cv: ", "[", 300000, ""));
	check_first("brackets.yaml", 1,
	            "brackets.yaml:1:68: error: nesting deeper than 64 levels (--max-depth)");
	write_free("braces.yaml", repeat("", "{", 300000, ""));
	check_first("braces.yaml", 1,
	            "braces.yaml:1:65: error: nesting deeper than 64 levels (--max-depth)");
	write_free("mixed.yaml", repeat("cv:\n  sections:\n    x:\n      - ", "[{a: ", 150000, ""));
	/* four levels, then 30 units of two: the 65th opens at 9 + 30 * 5 */
	check_first("mixed.yaml", 1,
	            "mixed.yaml:4:159: error: nesting deeper than 64 levels (--max-depth)");
	/* closed again: the same error, not a type error deep inside */
	char *s = repeat("cv:\n  name: ", "[", 300000, "");
	char *t = repeat(s, "]", 300000, "\n");
	free(s);
	write_free("balanced.yaml", t);
	check_first("balanced.yaml", 1,
	            "balanced.yaml:2:71: error: nesting deeper than 64 levels (--max-depth)");

	/* The deepest nesting the options allow is still bounded (libyaml
	 * is quadratic in the depth of flow collections: about 0.5 s). */
	s = repeat("cv:\n  name: ", "[", 9990, "");
	t = repeat(s, "]", 9990, "\n");
	free(s);
	write_free("allowed.yaml", t);
	run_vitae(&r, (const char *[]){ "--check", "--max-depth", "10000", "allowed.yaml", NULL },
	          NULL, SECS, MIB);
	CHECK_EXIT(&r, 1);
	CHECK_FIRST(&r, "allowed.yaml:2:9: error: `name` must be a string, not a list");
	adv_result_free(&r);
}

static void deep_block(void)
{
	/* "- - - - x": block sequences nested on one line */
	write_free("dashes.yaml", repeat("cv:\n  sections:\n    x:\n      ", "- ", 200000, "x\n"));
	check_first("dashes.yaml", 1,
	            "dashes.yaml:4:129: error: nesting deeper than 64 levels (--max-depth)");
	/* 2,000 mappings, each indented one more column (2 MB) */
	const char *name;
	FILE *f = adv_create("staircase.yaml", &name);
	fputs("cv:\n", f);
	for (int i = 0; i < 2000; i++)
		fprintf(f, "%*sk%d:\n", i + 1, "", i);
	fclose(f);
	check_first("staircase.yaml", 1,
	            "staircase.yaml:65:65: error: nesting deeper than 64 levels (--max-depth)");
	/* explicit keys nested in keys: "? ? ? x" */
	write_free("keys.yaml", repeat("", "? ", 100000, "x\n"));
	run_vitae(&r, (const char *[]){ "--check", "keys.yaml", NULL }, NULL, SECS, MIB);
	CHECK_EXIT(&r, 1);
	CHECK(strncmp(r.err, "keys.yaml:1:", 12) == 0 && strstr(r.err, ": error: "));
	adv_result_free(&r);
}

/* --- aliases and anchors ----------------------------------------------------- */

static void alias_bombs(void)
{
	/* the billion laughs: nine levels of nine, shared and never expanded */
	const char *name;
	FILE *f = adv_create("laughs.yaml", &name);
	fputs("a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n", f);
	for (char c = 'b'; c <= 'i'; c++)
		fprintf(f, "%c: &%c [*%c, *%c, *%c, *%c, *%c, *%c, *%c, *%c, *%c]\n",
		        c, c, c - 1, c - 1, c - 1, c - 1, c - 1, c - 1, c - 1, c - 1, c - 1);
	fputs("cv:\n  name: *i\n  sections:\n    s: *i\n", f);
	fclose(f);
	run_vitae(&r, (const char *[]){ "--check", "laughs.yaml", NULL }, NULL, SECS, MIB);
	CHECK_EXIT(&r, 1);
	CHECK_LINE(&r, "laughs.yaml:11:9: error: `name` must be a string, not a list");
	/* shown as written, the list would be 9^9 words: the text limit */
	CHECK_LINE(&r, "laughs.yaml:1:28: error: aliases repeat more than 4 MiB of text "
	           "(the file has 0 KiB)");
	adv_result_free(&r);

	/* 1,000 highlights in 1,000 entries in 5 sections: node visits */
	f = adv_create("visits.yaml", &name);
	fputs("design:\n  h: &h [x", f);
	for (int i = 1; i < 1000; i++)
		fputs(", x", f);
	fputs("]\n  e: &e {name: lol, highlights: *h}\ncv:\n  sections:\n    a: &l [*e", f);
	for (int i = 1; i < 1000; i++)
		fputs(", *e", f);
	fputs("]\n    b: *l\n    c: *l\n    d: *l\n    e: *l\n", f);
	fclose(f);
	check_first("visits.yaml", 1, "visits.yaml:2:64: error: more than 4000000 nodes to read "
	            "(aliases used too often?)");

	/* 1,000 sections of the same 1,000 entries: memory */
	f = adv_create("entries.yaml", &name);
	fputs("design:\n  e: &e {bullet: x}\n  l: &l [*e", f);
	for (int i = 1; i < 1000; i++)
		fputs(", *e", f);
	fputs("]\ncv:\n  sections:\n", f);
	for (int i = 0; i < 1000; i++)
		fprintf(f, "    s%d: *l\n", i);
	fclose(f);
	run_vitae(&r, (const char *[]){ "--check", "entries.yaml", NULL }, NULL, SECS, 160);
	CHECK_EXIT(&r, 1);
	CHECK_FIRST(&r, "entries.yaml:3:10: error: the résumé grows past 65 MiB in memory "
	            "(aliases used too often?)");
	adv_result_free(&r);

	/* 60 uses of a 100 kB string: text */
	f = adv_create("text.yaml", &name);
	fputs("design:\n  s: &s ", f);
	for (int i = 0; i < 100 * 1024; i++)
		fputc('w', f);
	fputs("\ncv:\n  name: x\n  sections:\n    a:\n", f);
	for (int i = 0; i < 60; i++)
		fputs("      - *s\n", f);
	fclose(f);
	check_first("text.yaml", 1, "text.yaml:49:9: error: aliases repeat more than 4 MiB "
	            "of text (the file has 100 KiB)");
}

static void self_alias(void)
{
	adv_write_str("self.yaml", "cv: &a\n  name: *a\n");
	check_first("self.yaml", 1, "self.yaml:2:9: error: undefined alias `*a` "
	            "(no `&a` above it): text that starts with `*` needs quotes");
	adv_write_str("selflist.yaml", "cv:\n  sections:\n    x: &l [a, *l]\n");
	check_first("selflist.yaml", 1, "selflist.yaml:3:15: error: undefined alias `*l` "
	            "(no `&l` above it): text that starts with `*` needs quotes");
	adv_write_str("selfmap.yaml", "cv: &m {name: A, sections: {x: [*m]}}\n");
	check_first("selfmap.yaml", 1, "selfmap.yaml:1:33: error: undefined alias `*m` "
	            "(no `&m` above it): text that starts with `*` needs quotes");
	adv_write_str("aliaskey.yaml", "cv: &a {name: A}\n*a : 1\n");
	check_first("aliaskey.yaml", 1,
	            "aliaskey.yaml:2:1: error: a mapping key must be a string, not a mapping");
	/* YAML 1.1 merge keys are not special: an unknown key */
	adv_write_str("merge.yaml", "design: &b {name: A}\ncv:\n  <<: *b\n  name: B\n"
	              "  sections: {s: [x]}\n");
	check_first("merge.yaml", 0, "merge.yaml:3:3: warning: unknown key `<<` in `cv`");
}

static void anchors(void)
{
	/* 50,000 anchors, used in reverse order */
	const char *name;
	FILE *f = adv_create("anchors.yaml", &name);
	fputs("design:\n", f);
	for (int i = 0; i < 50000; i++)
		fprintf(f, "  a%d: &a%d t%d\n", i, i, i);
	fputs("cv:\n  sections:\n    s:\n", f);
	for (int i = 49999; i >= 0; i--)
		fprintf(f, "      - *a%d\n", i);
	fclose(f);
	run_vitae(&r, (const char *[]){ "--check", "anchors.yaml", NULL }, NULL, SECS, MIB);
	CHECK_EXIT(&r, 0);
	CHECK_HAS(r.out, "anchors.yaml: 1 section, 50000 entries, 0 warnings");
	adv_result_free(&r);

	/* the same anchor defined 50,000 times: an alias means the last */
	f = adv_create("redefined.yaml", &name);
	fputs("design:\n", f);
	for (int i = 0; i < 50000; i++)
		fprintf(f, "  a%d: &a t%d\n", i, i);
	fputs("cv:\n  name: *a\n", f);
	fclose(f);
	check_loads("redefined.yaml", "t49999");

	/* a 1 MiB anchor name */
	char *big = repeat("design:\n  x: &", "n", 1 << 20, " Long Anchor\ncv:\n  name: *");
	char *doc = repeat(big, "n", 1 << 20, "\n");
	free(big);
	write_free("longname.yaml", doc);
	check_loads("longname.yaml", "Long Anchor");
}

static void duplicate_keys(void)
{
	const char *name;
	FILE *f = adv_create("dup200k.yaml", &name);
	fputs("design:\n", f);
	for (int i = 0; i < 200000; i++)
		fprintf(f, "  k%d: %d\n", i, i);
	fputs("  k0: again\ncv:\n  name: A\n", f);
	fclose(f);
	check_first("dup200k.yaml", 1, "dup200k.yaml:200002:3: error: duplicate key `k0` "
	            "(first at 2:3)");

	adv_write_str("dupentry.yaml", "cv:\n  sections:\n    x:\n      - company: A\n"
	              "        position: B\n        company: C\n");
	check_first("dupentry.yaml", 1,
	            "dupentry.yaml:6:9: error: duplicate key `company` (first at 4:9)");
	adv_write_str("dupsection.yaml", "cv:\n  sections:\n    x: [a]\n    y: [b]\n    x: [c]\n");
	check_first("dupsection.yaml", 1,
	            "dupsection.yaml:5:5: error: duplicate key `x` (first at 3:5)");
	adv_write_str("dupquoted.json", "{\"basics\": {\"name\": \"A\", \"na\\u006de\": \"B\"}}");
	check_first("dupquoted.json", 1,
	            "dupquoted.json:1:26: error: duplicate key `name` (first at 1:13)");
}

static void tags(void)
{
	const char *name;
	FILE *f = adv_create("tags.yaml", &name);
	fputs("%TAG !e! tag:example.com,2000:\n--- !!map\ncv: !e!foo\n"
	      "  name: !!binary aGVsbG8=\n  sections: !!set\n    x: !!seq [a]\n"
	      "  headline: !<tag:yaml.org,2002:str> h\n  location: !", f);
	for (int i = 0; i < 100000; i++)
		fputc('x', f);
	fputs(" y\n", f);
	fclose(f);
	run_vitae(&r, (const char *[]){ "--check", "tags.yaml", NULL }, NULL, SECS, MIB);
	CHECK_EXIT(&r, 0);
	CHECK_LINE(&r, "tags.yaml:3:5: warning: tag `tag:example.com,2000:foo` ignored");
	CHECK_LINE(&r, "tags.yaml:4:9: warning: tag `!!binary` ignored: the value is read as text");
	CHECK_LINE(&r, "tags.yaml:5:13: warning: tag `!!set` ignored");
	/* the 100 kB tag is quoted, cut short */
	const char *l = strstr(r.err, "tags.yaml:8:13: warning: tag `!xxx");
	CHECK(l != NULL);
	CHECK(l && strcspn(l, "\n") < 400);
	CHECK_HAS(r.out, "tags.yaml: 1 section, 1 entry, 4 warnings");
	adv_result_free(&r);
	/* a binary that decodes to escape sequences is still only text */
	adv_write_str("binary.yaml", "cv:\n  name: !!binary G10wO3B3bmVkBw==\n");
	check_loads("binary.yaml", "G10wO3B3bmVkBw==");
	/* an unknown directive and an unsupported version */
	adv_write_str("version.yaml", "%YAML 2.0\n---\ncv: {name: A}\n");
	run_vitae(&r, (const char *[]){ "--check", "version.yaml", NULL }, NULL, SECS, MIB);
	CHECK(strncmp(r.err, "version.yaml:1:", 15) == 0);
	adv_result_free(&r);
}

/* A valid résumé cut anywhere: an error with a position inside the
 * file (or one line past it, where libyaml puts the end), or a résumé. */
static void truncated(void)
{
	static const char *const samples[] = {
		"samples/rendercv-classic.yaml", "samples/jsonresume-sample.json",
	};
	for (size_t s = 0; s < 2; s++) {
		char path[4200];
		snprintf(path, sizeof path, "%s/%s", adv_start_dir, samples[s]);
		FILE *f = fopen(path, "rb");
		CHECK(f != NULL);
		if (!f)
			continue;
		static char buf[1 << 20];
		size_t n = fread(buf, 1, sizeof buf, f);
		fclose(f);
		long lines = 1;
		for (size_t i = 0; i < n; i++)
			lines += buf[i] == '\n';
		const char *cut = s ? "cut.json" : "cut.yaml";
		size_t steps = adv_slow() ? 16 : 97;
		for (size_t k = 1; k <= steps; k++) {
			size_t at = n * k / (steps + 1);
			adv_write(cut, buf, at);
			run_vitae(&r, (const char *[]){ "--dump", cut, NULL }, NULL, SECS, MIB);
			CHECK_SAFE("--dump of a cut file", r.out, r.nout);
			if (WIFEXITED(r.status) && WEXITSTATUS(r.status) == 1) {
				long line = 0, col = 0;
				char tail[32] = "";
				int got = sscanf(r.err + strlen(cut), ":%ld:%ld: %31[a-z]", &line, &col, tail);
				t_checks++;
				if (got != 3 || line < 1 || line > lines + 1 || col < 1 ||
				    strncmp(r.err, cut, strlen(cut)) != 0 || !strstr(r.err, ": error: ")) {
					t_failures++;
					fprintf(stderr, "%s cut at %zu: %.300s\n", samples[s], at, r.err);
				}
			} else {
				CHECK_EXIT(&r, 0);
			}
			adv_result_free(&r);
		}
	}
}

static void documents(void)
{
	adv_write_str("two.yaml", "---\n---\n");
	check_first("two.yaml", 1,
	            "two.yaml:2:1: error: a second YAML document starts here; a résumé is one document");
	adv_write_str("after.yaml", "cv: {name: A}\n...\ngarbage: [\n");
	check_first("after.yaml", 1, "after.yaml:3:1: error: did not find expected <document start>");
	write_free("many.yaml", repeat("", "---\n", 10000, ""));
	check_first("many.yaml", 1,
	            "many.yaml:2:1: error: a second YAML document starts here; a résumé is one document");
	write_free("manyfull.yaml", repeat("", "--- {cv: {name: A}}\n", 100000, ""));
	check_first("manyfull.yaml", 1, "manyfull.yaml:2:1: error: a second YAML document "
	            "starts here; a résumé is one document");
}

/* --- encodings ----------------------------------------------------------- */

static void bom(void)
{
	adv_write_str("bom.yaml", "\xEF\xBB\xBF" "cv:\n  name: Zo\xC3\xAB\n");
	check_loads("bom.yaml", "Zo\xC3\xAB");
	adv_write_str("bom2.yaml", "\xEF\xBB\xBF\xEF\xBB\xBF" "cv:\n  name: Two Boms\n");
	check_loads("bom2.yaml", "Two Boms");
	/* in the middle: an invisible character, dropped */
	adv_write_str("bommid.yaml", "cv:\n  name: Mid\xEF\xBB\xBF" "dle\n");
	check_loads("bommid.yaml", "Middle");
	adv_write_str("bombad.yaml", "\xEF\xBB\xBF" "cv:\n  name: \xFF\n");
	check_first("bombad.yaml", 1, "bombad.yaml:2:9: error: invalid UTF-8: byte 0xFF");
}

static size_t put_unit(char *out, unsigned c, int unit, bool big)
{
	for (int i = 0; i < unit; i++)
		out[i] = (char)((c >> (big ? 8 * (unit - 1 - i) : 8 * i)) & 0xFF);
	return (size_t)unit;
}

/* UTF-16/32 of an ASCII-and-Latin-1 string, after a BOM if asked. */
static size_t wide_encode(char *out, const char *latin1, int unit, bool big, bool bom)
{
	size_t n = bom ? put_unit(out, 0xFEFF, unit, big) : 0;
	for (const unsigned char *p = (const unsigned char *)latin1; *p; p++)
		n += put_unit(out + n, *p, unit, big);
	return n;
}

static void utf16(void)
{
	static const char doc[] = "cv:\n  name: Zo\xEB\n";       /* Latin-1 ë */
	char buf[256];
	adv_write("le.yaml", buf, wide_encode(buf, doc, 2, false, true));
	check_loads("le.yaml", "Zo\xC3\xAB");
	adv_write("be.yaml", buf, wide_encode(buf, doc, 2, true, true));
	check_loads("be.yaml", "Zo\xC3\xAB");
	adv_write("nobom.yaml", buf, wide_encode(buf, doc, 2, false, false));
	check_first("nobom.yaml", 1,
	            "nobom.yaml:1:2: error: control characters are not allowed (U+0000)");
	adv_write("utf32.yaml", buf, wide_encode(buf, doc, 4, false, true));
	check_first("utf32.yaml", 1,
	            "utf32.yaml:1:3: error: control characters are not allowed (U+0000)");
	size_t n = wide_encode(buf, doc, 2, false, true);
	adv_write("odd.yaml", buf, n - 1);
	run_vitae(&r, (const char *[]){ "--check", "odd.yaml", NULL }, NULL, SECS, MIB);
	CHECK_EXIT(&r, 1);
	CHECK(strncmp(r.err, "odd.yaml:", 9) == 0 && strstr(r.err, ": error: "));
	adv_result_free(&r);
	/* a lone surrogate escape */
	adv_write_str("surrogate.yaml", "cv:\n  name: \"a\\ud800b\"\n");
	check_first("surrogate.yaml", 1, "surrogate.yaml:2:13: error: found invalid Unicode "
	            "character escape code (while parsing a quoted scalar at 2:9)");
}

static void json_tabs(void)
{
	adv_write_str("tabs.json", "{\t\"basics\":\t{\t\"name\":\t\"Tab\tSeparated\"\t}\t}\n");
	check_loads("tabs.json", "Tab Separated");
	adv_write_str("tabindent.json", "{\n\t\"basics\": {\n\t\t\"name\": \"Indented\",\n"
	              "\t\t\"label\":\t\"By tabs\"\n\t}\n}\n");
	check_loads("tabindent.json", "By tabs");
	/* a tab where YAML wants indentation */
	adv_write_str("tabyaml.yaml", "cv:\n\tname: A\n");
	check_first("tabyaml.yaml", 1, "tabyaml.yaml:2:1: error: a tab indents this line: "
	            "YAML indents with spaces only; replace the tab with spaces");
}

static const struct adv_case cases[] = {
	{ "bad-files", bad_files },
	{ "empty-inputs", empty_inputs },
	{ "deep-flow", deep_flow },
	{ "deep-block", deep_block },
	{ "alias-bombs", alias_bombs },
	{ "self-alias", self_alias },
	{ "anchors", anchors },
	{ "duplicate-keys", duplicate_keys },
	{ "tags", tags },
	{ "truncated", truncated },
	{ "documents", documents },
	{ "bom", bom },
	{ "utf16", utf16 },
	{ "json-tabs", json_tabs },
};

ADV_MAIN(cases)
