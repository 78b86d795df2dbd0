/*
 * The loader on bad input: every error with its line and column, dates
 * (all forms and their errors), the limits on size, depth and nodes
 * (alias bombs included), inputs big enough to show anything quadratic,
 * encodings, and reading files and standard input.
 */
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "utf8.h"
#include "load_fixture.h"
#include "date.h"

/* ---- dates ------------------------------------------------------------------- */

static const char *show(const char *s)
{
	static char buf[DATE_BUF];
	struct date d;
	struct locale l;
	locale_init(&l);
	if (date_parse(s, &d) != DATE_OK)
		return "(bad)";
	return date_str(&d, &l, buf);
}

static void test_date_parse(void)
{
	struct date d;
	CHECK_INT(date_parse("2024", &d), DATE_OK);
	CHECK_INT(d.year, 2024);
	CHECK_INT(d.month, 0);
	CHECK_INT(date_parse("2024-03", &d), DATE_OK);
	CHECK_INT(d.month, 3);
	CHECK_INT(date_parse("2024-03-31", &d), DATE_OK);
	CHECK_INT(d.day, 31);
	CHECK_INT(date_parse("PreSent", &d), DATE_OK);
	CHECK(d.present);
	CHECK_INT(date_parse("2020-02-29", &d), DATE_OK);      /* leap year */
	CHECK_INT(date_parse("2000-02-29", &d), DATE_OK);
	CHECK_INT(date_parse("1900-02-29", &d), DATE_IMPOSSIBLE);
	CHECK_INT(date_parse("2021-02-29", &d), DATE_IMPOSSIBLE);
	CHECK_INT(date_parse("2021-02-30", &d), DATE_IMPOSSIBLE);
	CHECK_INT(date_parse("2021-04-31", &d), DATE_IMPOSSIBLE);
	CHECK_INT(date_parse("2021-13", &d), DATE_IMPOSSIBLE);
	CHECK_INT(date_parse("2021-00", &d), DATE_IMPOSSIBLE);
	CHECK_INT(date_parse("2021-01-00", &d), DATE_IMPOSSIBLE);
	CHECK_INT(date_parse("0000", &d), DATE_IMPOSSIBLE);
	CHECK_INT(date_parse("10000", &d), DATE_IMPOSSIBLE);
	CHECK_INT(date_parse("12021-01", &d), DATE_IMPOSSIBLE);
	CHECK_INT(date_parse("202", &d), DATE_NOT_A_DATE);
	CHECK_INT(date_parse("2021-1", &d), DATE_NOT_A_DATE);
	CHECK_INT(date_parse("2021-01-1", &d), DATE_NOT_A_DATE);
	CHECK_INT(date_parse("2021/01", &d), DATE_NOT_A_DATE);
	CHECK_INT(date_parse(" 2021", &d), DATE_NOT_A_DATE);
	CHECK_INT(date_parse("2021-01-01T10:00", &d), DATE_NOT_A_DATE);
	CHECK_INT(date_parse("Fall 2019", &d), DATE_NOT_A_DATE);
	CHECK_INT(date_parse("presently", &d), DATE_NOT_A_DATE);
	CHECK_INT(date_parse("", &d), DATE_NOT_A_DATE);

	static const char *const months[] = {
		"Jan", "Feb", "Mar", "Apr", "May", "June", "July", "Aug", "Sept", "Oct", "Nov", "Dec",
	};
	char in[16], want[16];
	for (int m = 1; m <= 12; m++) {
		snprintf(in, sizeof in, "1999-%02d-01", m);
		snprintf(want, sizeof want, "%s 1999", months[m - 1]);
		CHECK_STR(show(in), want);
	}
	CHECK_STR(show("0001"), "1");
	CHECK_STR(show("9999-12"), "Dec 9999");
	CHECK_STR(show("present"), "present");

	struct date a, b;
	date_parse("2020-05", &a);
	date_parse("2020", &b);
	CHECK_INT(date_cmp(&a, &b), 0);         /* compared at the common precision */
	date_parse("2020-04-30", &b);
	CHECK(date_cmp(&a, &b) > 0);
	date_parse("present", &b);
	CHECK(date_cmp(&a, &b) < 0);
	CHECK_INT(date_cmp(&b, &b), 0);
}

/* The dates of an experience entry written as DATES (indented 8). */
static const char *entry_dates(const char *dates, struct diag *d)
{
	static char buf[256];
	char yaml[1024];
	snprintf(yaml, sizeof yaml, "cv:\n  sections:\n    x:\n      - company: A\n"
	         "        position: B\n%s", dates);
	struct resume *r = load(yaml, d);
	snprintf(buf, sizeof buf, "%s", !r ? "(failed)" : !r->sections[0].entries[0].dates
	         ? "(none)" : r->sections[0].entries[0].dates);
	resume_free(r);
	return buf;
}

#define CHECK_DATES(yaml, want, nmsgs) do { \
	struct diag d_; \
	CHECK_STR(entry_dates((yaml), &d_), (want)); \
	CHECK_INT(d_.n, (nmsgs)); \
	diag_free(&d_); \
} while (0)

#define CHECK_DATE_MSG(yaml, want) do { \
	struct diag d_; \
	entry_dates((yaml), &d_); \
	CHECK_STR(msg(&d_, 0), (want)); \
	diag_free(&d_); \
} while (0)

static void test_dates(void)
{
	CHECK_DATES("", "(none)", 0);
	CHECK_DATES("        start_date: 2024-03\n", "Mar 2024 " DASH " present", 0);
	CHECK_DATES("        start_date: 2024-03\n        end_date: PRESENT\n",
	            "Mar 2024 " DASH " present", 0);
	CHECK_DATES("        start_date: 2023\n        end_date: 2024-05-17\n",
	            "2023 " DASH " May 2024", 0);
	CHECK_DATES("        end_date: 2023-05\n", "May 2023", 0);
	CHECK_DATES("        start_date: 2023-05\n        end_date: 2023-05-30\n", "May 2023", 0);
	CHECK_DATES("        date: 2021\n", "2021", 0);
	CHECK_DATES("        date: 2021-07-04\n", "July 2021", 0);
	CHECK_DATES("        date: present\n", "present", 0);
	CHECK_DATES("        date: '  Fall 2019  '\n", "Fall 2019", 0);
	CHECK_DATES("        date: Summer 2020\n        start_date: 2020\n", "Summer 2020", 0);
	/* end before start: shown as written, with a warning */
	CHECK_DATES("        start_date: 2021-03\n        end_date: 2020-01\n",
	            "Mar 2021 " DASH " Jan 2020", 1);
	CHECK_DATE_MSG("        start_date: 2021-03\n        end_date: 2020-01\n",
	               "7:19: warning: `end_date` (Jan 2020) is before `start_date` (Mar 2021)");
	CHECK_DATES("        start_date: 2020-05\n        end_date: 2020\n",
	            "May 2020 " DASH " 2020", 0);

	CHECK_DATES("        start_date: 2021-13\n", "(failed)", 1);
	CHECK_DATE_MSG("        start_date: 2021-13\n",
	               "6:21: error: impossible date `2021-13` in `start_date`");
	CHECK_DATE_MSG("        end_date: 2021-02-30\n",
	               "6:19: error: impossible date `2021-02-30` in `end_date`");
	CHECK_DATE_MSG("        date: 2021-02-30\n",
	               "6:15: error: impossible date `2021-02-30` in `date`");
	CHECK_DATE_MSG("        start_date: 0000\n",
	               "6:21: error: impossible date `0000` in `start_date`");
	CHECK_DATE_MSG("        end_date: 12021\n",
	               "6:19: error: impossible date `12021` in `end_date`");
	/* each with its fix: the padded form, or `date` for free text */
	CHECK_DATE_MSG("        start_date: Fall 2019\n",
	               "6:21: error: `start_date` must be YYYY, YYYY-MM or YYYY-MM-DD, not `Fall 2019`: "
	               "put free text such as this in `date` instead");
	CHECK_DATE_MSG("        end_date: soon\n",
	               "6:19: error: `end_date` must be YYYY, YYYY-MM or YYYY-MM-DD or present, "
	               "not `soon`: put free text such as this in `date` instead");
	CHECK_DATE_MSG("        start_date: Sept 2020\n",
	               "6:21: error: `start_date` must be YYYY, YYYY-MM or YYYY-MM-DD, not `Sept 2020`: "
	               "write `2020-09`, or put free text in `date` instead");
	CHECK_DATE_MSG("        start_date: september 2020\n",
	               "6:21: error: `start_date` must be YYYY, YYYY-MM or YYYY-MM-DD, not "
	               "`september 2020`: write `2020-09`, or put free text in `date` instead");
	CHECK_DATE_MSG("        start_date: 2020-9\n",
	               "6:21: error: `start_date` must be YYYY, YYYY-MM or YYYY-MM-DD, not `2020-9`: "
	               "write `2020-09`");
	CHECK_DATE_MSG("        end_date: 2020/9/3\n",
	               "6:19: error: `end_date` must be YYYY, YYYY-MM or YYYY-MM-DD or present, "
	               "not `2020/9/3`: write `2020-09-03`");
	CHECK_DATE_MSG("        start_date: present\n",
	               "6:21: error: `start_date` cannot be `present`");
	/* a free-text date does not hide a broken start_date */
	CHECK_DATE_MSG("        date: Fall 2019\n        start_date: 2019-1\n",
	               "7:21: error: `start_date` must be YYYY, YYYY-MM or YYYY-MM-DD, not `2019-1`: "
	               "write `2019-01`");
	CHECK_DATE_MSG("        start_date: [2019]\n",
	               "6:21: error: `start_date` must be a string, not a list");
}

/* ---- errors, with their positions -------------------------------------------- */

static void test_errors(void)
{
	EXPECT_ERROR("", "1:1: error: empty document");
	EXPECT_ERROR("# nothing\n\n# here\n", "1:1: error: empty document");
	EXPECT_ERROR("---\n", "1:1: error: empty document");
	EXPECT_ERROR("---\n...\n", "1:1: error: empty document");
	EXPECT_ERROR("Jane Doe\n", "1:1: error: the top level must be a mapping of keys, not a string");
	EXPECT_ERROR("\n\n  - cv\n", "3:3: error: the top level must be a mapping of keys, not a list");
	EXPECT_ERROR("name: Jane\nemail: j@example.com\n",
	             "1:1: error: not a résumé: expected a top-level `cv` (RenderCV) "
	             "or `basics` (JSON Resume) key");
	EXPECT_ERROR("{}", "1:1: error: not a résumé: expected a top-level `cv` (RenderCV) "
	             "or `basics` (JSON Resume) key");
	/* YAML errors are told as their fix, where the author must act */
	EXPECT_ERROR("cv:\n  name: Jane\n    headline: x\n",
	             "3:5: error: this line is indented more than `name` above it: remove "
	             "2 spaces to line it up, or end the line above after the colon to "
	             "nest under it");
	EXPECT_ERROR("cv:\n  name: Jane\n   headline: x\n",
	             "3:4: error: this line is indented more than `name` above it: remove "
	             "1 space to line it up, or end the line above after the colon to "
	             "nest under it");
	EXPECT_ERROR("cv:\n  name: Jane\n headline: x\n",
	             "3:2: error: the indentation of this line matches no line above it: "
	             "indent it as the keys it belongs with");
	EXPECT_ERROR("cv:\n\tname: Jane\n",
	             "2:1: error: a tab indents this line: YAML indents with spaces only; "
	             "replace the tab with spaces");
	EXPECT_ERROR("cv:\n  name: Jane\n  \theadline: x\n",
	             "3:3: error: a tab indents this line: YAML indents with spaces only; "
	             "replace the tab with spaces");
	EXPECT_ERROR("cv:\n  name:Jane\n  headline: x\n",
	             "2:8: error: no space after the colon in `name:Jane`: write `name: Jane`");
	EXPECT_ERROR("cv:\n  - name:Jane\n    headline: x\n",
	             "2:10: error: no space after the colon in `name:Jane`: write `name: Jane`");
	EXPECT_ERROR("cv:\n  name: Jane\n  headline: Note: this\n",
	             "3:13: error: the value of `headline` contains `: `: put it in quotes, "
	             "headline: \"Note: this\"");
	EXPECT_ERROR("cv:\n  headline: Say \"hi\": now\n",
	             "2:13: error: the value of `headline` contains `: `: put it in quotes, "
	             "headline: 'Say \"hi\": now'");
	EXPECT_ERROR("cv:\n  headline: @home\n",
	             "2:13: error: the value of `headline` starts with `@`, which YAML reads "
	             "as syntax: put it in quotes, headline: \"@home\"");
	EXPECT_ERROR("cv:\n  headline: `x`\n",
	             "2:13: error: the value of `headline` starts with a backquote, which YAML "
	             "reserves: put it in quotes, headline: \"`x`\"");
	EXPECT_ERROR("cv:\n  headline: %50 off\n",
	             "2:13: error: the value of `headline` starts with `%`, which YAML reads "
	             "as syntax: put it in quotes, headline: \"%50 off\"");
	EXPECT_ERROR("cv:\n  headline: & Co\n",
	             "2:13: error: the value of `headline` starts with `&`, which YAML reads "
	             "as syntax: put it in quotes, headline: \"& Co\"");
	EXPECT_ERROR("cv:\n  headline: > 5 years\n",
	             "2:13: error: the value of `headline` starts with `>`, which YAML reads "
	             "as syntax: put it in quotes, headline: \"> 5 years\"");
	EXPECT_ERROR("cv:\n  headline: | pipe\n",
	             "2:13: error: the value of `headline` starts with `|`, which YAML reads "
	             "as syntax: put it in quotes, headline: \"| pipe\"");
	EXPECT_ERROR("cv:\n  headline: [Draft] paper\n",
	             "2:13: error: the value of `headline` starts with `[`, which YAML reads "
	             "as syntax: put it in quotes, headline: \"[Draft] paper\"");
	EXPECT_ERROR("cv:\n  headline: {x} y\n",
	             "2:13: error: the value of `headline` starts with `{`, which YAML reads "
	             "as syntax: put it in quotes, headline: \"{x} y\"");
	EXPECT_ERROR("cv:\n  headline: *star\n",
	             "2:13: error: undefined alias `*star` (no `&star` above it): text that "
	             "starts with `*` needs quotes");
	EXPECT_ERROR("cv:\n  name: Jos\xE9 Doe\n", "2:12: error: invalid UTF-8: byte 0xE9");
	EXPECT_ERROR("cv:\n  name: \xC3\x28\n", "2:9: error: invalid UTF-8: byte 0xC3");
	EXPECT_ERROR("cv:\n  name: \x80\n", "2:9: error: invalid UTF-8: byte 0x80");
	EXPECT_ERROR("cv:\n  name: \xE2\x82", "2:9: error: invalid UTF-8: byte 0xE2");
	EXPECT_ERROR("cv:\n  name: \xED\xA0\x80\n", "2:9: error: invalid UTF-8: byte 0xED");
	EXPECT_ERROR("cv:\n  name: a\x1b[2Jb\n",
	             "2:10: error: control characters are not allowed (U+001B)");
	EXPECT_ERROR("cv:\n  name: Jane\n---\ncv:\n  name: John\n",
	             "3:1: error: a second YAML document starts here; a résumé is one document");
	EXPECT_ERROR("cv:\n  name: Jane\n  email: j@example.com\n  name: Janet\n",
	             "4:3: error: duplicate key `name` (first at 2:3)");
	EXPECT_ERROR("{\"basics\": {\"name\": \"A\"}, \"basics\": {}}",
	             "1:27: error: duplicate key `basics` (first at 1:2)");
	EXPECT_ERROR("cv:\n  \"name\": A\n  name: B\n",
	             "3:3: error: duplicate key `name` (first at 2:3)");
	EXPECT_ERROR("? [a, b]\n: c\n", "1:3: error: a mapping key must be a string, not a list");
	EXPECT_ERROR("cv:\n  name: *author\n", "2:9: error: undefined alias `*author` "
	             "(no `&author` above it): text that starts with `*` needs quotes");
	EXPECT_ERROR("cv: &me\n  name: *me\n", "2:9: error: undefined alias `*me` "
	             "(no `&me` above it): text that starts with `*` needs quotes");
	EXPECT_ERROR("cv:\n  name: \"Jane\n  headline: Engi",
	             "3:17: error: found unexpected end of stream "
	             "(while scanning a quoted scalar at 2:9)");
	/* libyaml puts the end of the stream on a line of its own */
	EXPECT_ERROR("{\"basics\": {\"name\": \"A\"", "2:1: error: did not find expected ',' or '}' "
	             "(while parsing a flow mapping at 1:12)");
	EXPECT_ERROR("cv:\n  sections:\n    x:\n      - [a\n",
	             "5:1: error: did not find expected ',' or ']' "
	             "(while parsing a flow sequence at 4:9)");

	/* wrong types name the field and what it must be */
	EXPECT_ERROR("cv: Jane\n", "1:5: error: `cv` must be a mapping, not a string");
	EXPECT_ERROR("cv:\n  name: [Jane, Doe]\n", "2:9: error: `name` must be a string, not a list");
	EXPECT_ERROR("cv:\n  name: {first: Jane}\n", "2:9: error: `name` must be a string, not a mapping");
	EXPECT_ERROR("cv:\n  email: {a: b}\n",
	             "2:10: error: `email` must be a list of strings, not a mapping");
	EXPECT_ERROR("cv:\n  email: [a, [b]]\n",
	             "2:14: error: each item of `email` must be a string, not a list");
	EXPECT_ERROR("cv:\n  sections: [a]\n", "2:13: error: `sections` must be a mapping, not a list");
	EXPECT_ERROR("cv:\n  sections:\n    x: text\n", "3:8: error: `x` must be a list, not a string");
	EXPECT_ERROR("cv:\n  sections:\n    x:\n      - company: A\n        position: B\n"
	             "        highlights: Shipped things\n",
	             "6:21: error: `highlights` must be a list of strings, not a string");
	EXPECT_ERROR("cv:\n  sections:\n    x:\n      - title: A\n        authors: [{name: B}]\n",
	             "5:19: error: each item of `authors` must be a string, not a mapping");
	EXPECT_ERROR("cv:\n  social_networks: GitHub\n",
	             "2:20: error: `social_networks` must be a list, not a string");
}

static void test_limits(void)
{
	struct diag d;
	struct load_limits saved = lim;

	/* size */
	lim.max_bytes = 10;
	struct resume *r = load("cv:\n  name: A\n", &d);
	CHECK(r == NULL);
	CHECK_STR(msg(&d, 0), "0:0: error: file is larger than 10 bytes (--max-size)");
	diag_free(&d);
	r = load("cv: {a: b}", &d);             /* exactly 10 */
	CHECK(r != NULL);
	resume_free(r);
	diag_free(&d);
	lim = saved;

	/* depth: the parser stops at the first level too deep */
	lim.max_depth = 3;
	EXPECT_ERROR("cv: [[[x]]]\n", "1:7: error: nesting deeper than 3 levels (--max-depth)");
	r = load("cv: [[x]]\n", &d);
	CHECK_STR(msg(&d, 0), "1:5: error: `cv` must be a mapping, not a list");
	diag_free(&d);
	lim = saved;

	size_t n = 300000;
	char *deep = malloc(n + 8);
	memcpy(deep, "cv: ", 4);
	memset(deep + 4, '[', n);
	deep[n + 4] = '\0';
	clock_t t0 = clock();
	r = load(deep, &d);
	double secs = (double)(clock() - t0) / CLOCKS_PER_SEC;
	CHECK(r == NULL);
	CHECK_STR(msg(&d, 0), "1:68: error: nesting deeper than 64 levels (--max-depth)");
	CHECK(secs < T_HANG_SECS);
	diag_free(&d);
	memset(deep, '{', n);
	deep[n] = '\0';
	r = load(deep, &d);
	CHECK_STR(msg(&d, 0), "1:65: error: nesting deeper than 64 levels (--max-depth)");
	diag_free(&d);
	free(deep);

	/* YAML nodes in the file */
	lim.max_nodes = 5;
	EXPECT_ERROR("cv: {a: 1, b: 2, c: 3}", "1:12: error: more than 5 YAML nodes");
	lim = saved;

	/* The billion laughs: shared, never expanded, and refused for its type. */
	static const char laughs[] =
		"a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n"
		"b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\n"
		"c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]\n"
		"d: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c]\n"
		"e: &e [*d, *d, *d, *d, *d, *d, *d, *d, *d]\n"
		"f: &f [*e, *e, *e, *e, *e, *e, *e, *e, *e]\n"
		"g: &g [*f, *f, *f, *f, *f, *f, *f, *f, *f]\n"
		"h: &h [*g, *g, *g, *g, *g, *g, *g, *g, *g]\n"
		"i: &i [*h, *h, *h, *h, *h, *h, *h, *h, *h]\n"
		"cv:\n  name: *i\n  email: *i\n";
	t0 = clock();
	r = load(laughs, &d);
	secs = (double)(clock() - t0) / CLOCKS_PER_SEC;
	CHECK(r == NULL);
	CHECK_STR(msg(&d, 9), "11:9: error: `name` must be a string, not a list");
	/* shown as written, the list would be 9^9 words: the text limit */
	CHECK_STR(msg(&d, 10), "1:43: error: aliases repeat more than 4 MiB of text "
	          "(the file has 0 KiB)");
	CHECK(secs < T_HANG_SECS);
	diag_free(&d);

	/* Aliases the loader does follow (entries, their highlights) are
	 * counted each time, so the work is bounded by max_nodes. */
	char *bomb = malloc(64 * 1024), *p = bomb;
	p += sprintf(p, "design:\n  h: &h [x");
	for (int i = 1; i < 1000; i++)
		p += sprintf(p, ", x");
	p += sprintf(p, "]\n  e: &e {name: lol, highlights: *h}\ncv:\n  sections:\n    a: &l [*e");
	for (int i = 1; i < 1000; i++)
		p += sprintf(p, ", *e");
	p += sprintf(p, "]\n    b: *l\n    c: *l\n    d: *l\n    e: *l\n");
	t0 = clock();
	r = load(bomb, &d);
	secs = (double)(clock() - t0) / CLOCKS_PER_SEC;
	CHECK(r == NULL);
	CHECK_INT(d.nerrors, 1);
	CHECK(strstr(msg(&d, 0), "error: more than 4000000 nodes to read (aliases used too often?)"));
	CHECK(secs < T_HANG_SECS);
	diag_free(&d);
	lim.max_nodes = 10000;
	r = load(bomb, &d);
	CHECK(r == NULL);
	CHECK(strstr(msg(&d, 0), "error: more than 10000 nodes to read"));
	diag_free(&d);
	lim = saved;

	/* Entries are cheap in nodes but not in memory: 1,000 sections of
	 * the same 1,000 entries stop on the memory bound (64 MiB plus 64
	 * times the input) before the node count. */
	p = bomb;               /* 64 kB: room for about 20 */
	p += sprintf(p, "design:\n  e: &e {bullet: x}\n  l: &l [*e");
	for (int i = 1; i < 1000; i++)
		p += sprintf(p, ", *e");
	p += sprintf(p, "]\ncv:\n  sections:\n");
	for (int i = 0; i < 1000; i++)
		p += sprintf(p, "    s%d: *l\n", i);
	r = load(bomb, &d);
	CHECK(r == NULL);
	CHECK_INT(d.nerrors, 1);
	CHECK(strstr(msg(&d, 0), "error: the résumé grows past 65 MiB in memory "
	                         "(aliases used too often?)"));
	diag_free(&d);
	free(bomb);

	/* Few nodes, little memory, but a lot of text: 60 aliases of a
	 * 100 kB string would print 6 MB. Text read through aliases counts
	 * each time, against 4 MiB plus twice the input. */
	size_t big = 100 * 1024;
	char *text_bomb = malloc(big + 4096);
	p = text_bomb;
	p += sprintf(p, "design:\n  s: &s ");
	memset(p, 'w', big);
	p += big;
	p += sprintf(p, "\ncv:\n  name: x\n  sections:\n    a:\n");
	char *items = p;
	for (int i = 0; i < 60; i++)
		p += sprintf(p, "      - *s\n");
	r = load(text_bomb, &d);
	CHECK(r == NULL);
	CHECK_INT(d.nerrors, 1);
	CHECK(d.n > 0 && strstr(msg(&d, 0), "error: aliases repeat more than 4 MiB of text"));
	diag_free(&d);
	/* Fewer uses of the same anchor are fine. */
	p = items;
	for (int i = 0; i < 10; i++)
		p += sprintf(p, "      - *s\n");
	r = load(text_bomb, &d);
	CHECK(r != NULL);
	resume_free(r);
	diag_free(&d);
	free(text_bomb);
}

/* Big inputs stay linear: 200,000 keys, 200,000 entries, 50,000 anchors. */
static void test_scale(void)
{
	size_t n = 200000;
	char *buf = malloc(n * 40 + 1000), *p = buf;
	p += sprintf(p, "design:\n");
	for (size_t i = 0; i < n; i++)
		p += sprintf(p, "  k%zu: %zu\n", i, i);
	p += sprintf(p, "  k0: again\ncv:\n  name: A\n");
	struct diag d;
	clock_t t0 = clock();
	struct resume *r = load(buf, &d);
	CHECK(r == NULL);
	char want[128];
	snprintf(want, sizeof want, "%zu:3: error: duplicate key `k0` (first at 2:3)", n + 2);
	CHECK_STR(msg(&d, 0), want);
	diag_free(&d);

	p = buf;
	p += sprintf(p, "cv:\n  sections:\n    s:\n");
	for (size_t i = 0; i < n; i++)
		p += sprintf(p, "      - bullet: b%zu\n", i);
	lim.max_bytes = 32 << 20;       /* 4.4 MB: past the default */
	r = load(buf, &d);
	lim.max_bytes = 4 << 20;
	CHECK(r != NULL);
	CHECK_INT(r ? r->sections[0].nentries : 0, n);
	CHECK_STR(r ? r->sections[0].entries[n - 1].title : NULL, "b199999");
	resume_free(r);
	diag_free(&d);

	size_t na = 50000;
	p = buf;
	p += sprintf(p, "design:\n");
	for (size_t i = 0; i < na; i++)
		p += sprintf(p, "  a%zu: &a%zu t%zu\n", i, i, i);
	p += sprintf(p, "cv:\n  sections:\n    s:\n");
	for (size_t i = 0; i < na; i++)
		p += sprintf(p, "      - *a%zu\n", na - 1 - i);
	r = load(buf, &d);
	CHECK(r != NULL);
	CHECK_INT(r ? r->sections[0].nentries : 0, na);
	CHECK_STR(r ? r->sections[0].entries[0].title : NULL, "t49999");
	CHECK_STR(r ? r->sections[0].entries[na - 1].title : NULL, "t0");
	resume_free(r);
	diag_free(&d);
	double secs = (double)(clock() - t0) / CLOCKS_PER_SEC;
	CHECK(secs < T_HANG_SECS);
	free(buf);
}

static void test_encodings(void)
{
	struct diag d;
	/* UTF-8 BOM: fine, and columns do not count it */
	struct resume *r = load("\xEF\xBB\xBF" "cv:\n  name: A\n", &d);
	CHECK_STR(r ? r->header.name : NULL, "A");
	resume_free(r);
	diag_free(&d);
	EXPECT_ERROR("\xEF\xBB\xBF" "cv: \xFF\n", "1:5: error: invalid UTF-8: byte 0xFF");

	/* UTF-16 with a BOM: libyaml decodes it */
	static const char u16[] = "\xFF\xFE" "c\0v\0:\0 \0{\0n\0a\0m\0e\0:\0 \0\xE9\0}\0";
	r = load_n(u16, sizeof u16 - 1, &d);
	CHECK_STR(r ? r->header.name : NULL, "\xC3\xA9");
	resume_free(r);
	diag_free(&d);
	/* cut in the middle of a character: an error, not a crash */
	r = load_n(u16, sizeof u16 - 2, &d);
	CHECK(r == NULL);
	CHECK(d.nerrors == 1);
	diag_free(&d);

	/* CRLF line ends count as one line break */
	EXPECT_ERROR("cv:\r\n  name: A\r\n  name: B\r\n", "3:3: error: duplicate key `name` (first at 2:3)");
	/* NUL bytes in the input */
	r = load_n("cv:\n  name: A\0B\n", 14, &d);
	CHECK(r == NULL);
	CHECK_STR(msg(&d, 0), "2:10: error: control characters are not allowed (U+0000)");
	diag_free(&d);
}

static void test_files(void)
{
	struct diag d;
	int io = -1;
	diag_init(&d, "nope.yaml");
	struct resume *r = load_file("no/such/file.yaml", &lim, &d, &io);
	CHECK(r == NULL);
	CHECK_INT(io, 1);
	CHECK_STR(msg(&d, 0), "0:0: error: No such file or directory");
	diag_free(&d);

	diag_init(&d, ".");
	r = load_file(".", &lim, &d, &io);
	CHECK(r == NULL);
	CHECK_INT(io, 1);
	CHECK_STR(msg(&d, 0), "0:0: error: Is a directory");
	diag_free(&d);

	char path[] = "/tmp/vitae-test-load-XXXXXX";
	int fd = mkstemp(path);
	CHECK(fd >= 0);
	const char doc[] = "cv:\n  name: From a file\n";
	CHECK_INT(write(fd, doc, sizeof doc - 1), sizeof doc - 1);
	close(fd);

	diag_init(&d, path);
	r = load_file(path, &lim, &d, &io);
	CHECK_INT(io, 0);
	CHECK_STR(r ? r->header.name : NULL, "From a file");
	resume_free(r);
	diag_free(&d);

	/* too big: refused after reading one byte past the limit */
	struct load_limits small = lim;
	small.max_bytes = 8;
	diag_init(&d, path);
	r = load_file(path, &small, &d, &io);
	CHECK(r == NULL);
	CHECK_INT(io, 0);
	CHECK_STR(msg(&d, 0), "0:0: error: file is larger than 8 bytes (--max-size)");
	diag_free(&d);
	small.max_bytes = sizeof doc - 1;
	diag_init(&d, path);
	r = load_file(path, &small, &d, &io);
	CHECK(r != NULL);
	resume_free(r);
	diag_free(&d);

	/* "-" is standard input */
	CHECK(freopen(path, "r", stdin) != NULL);
	diag_init(&d, "-");
	r = load_file("-", &lim, &d, &io);
	CHECK_INT(io, 0);
	CHECK_STR(r ? r->header.name : NULL, "From a file");
	resume_free(r);
	diag_free(&d);
	unlink(path);
}

int main(void)
{
	load_limits_default(&lim);
	CHECK_INT(lim.max_bytes, 4 << 20);
	CHECK_INT(lim.max_depth, 64);
	CHECK_INT(lim.max_nodes, 4000000);

	test_date_parse();
	test_dates();
	test_errors();
	test_limits();
	test_scale();
	test_encodings();
	test_files();
	utf8_cleanup();         /* a clean exit for leak checkers */
	T_DONE();
}
