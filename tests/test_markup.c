/*
 * markup.c: **bold**, *italic*, [text](url), escapes, literal leftovers,
 * linear time on pathological input, and the highlight splitter.
 */
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "utf8.h"
#include "markup.h"
#include "t.h"
#include "markup_fixture.h"

static struct markup M = MARKUP_INIT;

static const char *show(const char *s)
{
	return markup_show(&M, s);
}

static void test_basic(void)
{
	CHECK_STR(show(""), "");
	CHECK_STR(show("plain text"), "plain text");
	CHECK_STR(show("**bold**"), "{B:bold}");
	CHECK_STR(show("*italic*"), "{I:italic}");
	CHECK_STR(show("***both***"), "{BI:both}");
	CHECK_STR(show("This is **bold**, *italic*, and [link](https://example.com)."),
	          "This is {B:bold}, {I:italic}, and {L<https://example.com>:link}.");
	CHECK_STR(show("**a *b* c**"), "{B:a }{BI:b}{B: c}");
	CHECK_STR(show("*a **b** c*"), "{I:a }{BI:b}{I: c}");
	CHECK_STR(show("[**t**](u)"), "{BL<u>:t}");
	CHECK_STR(show("*a [b](u) c*"), "{I:a }{IL<u>:b}{I: c}");
	CHECK_STR(show("[a **b** c](u)"), "{L<u>:a }{BL<u>:b}{L<u>: c}");
	CHECK_STR(show("[a](u)[b](v)"), "{L<u>:a}{L<v>:b}");
	CHECK_STR(show("x*y*z"), "x{I:y}z");           /* intraword */
	CHECK_STR(show("***bold** italic*"), "{BI:bold}{I: italic}");
	CHECK_STR(show("[FlashInfer](https://github.com/)"), "{L<https://github.com/>:FlashInfer}");
	/* empty link text shows the address */
	CHECK_STR(show("[](https://u.example)"), "{L<https://u.example>:https://u.example}");
}

static void test_literal(void)
{
	CHECK_STR(show("**a"), "**a");
	CHECK_STR(show("a**"), "a**");
	CHECK_STR(show("*a"), "*a");
	CHECK_STR(show("2 * 3 * 4"), "2 * 3 * 4");      /* flanked by spaces */
	CHECK_STR(show("a ** b ** c"), "a ** b ** c");
	CHECK_STR(show("****"), "****");
	CHECK_STR(show("**** x ****"), "**** x ****");
	CHECK_STR(show("*a**"), "{I:a}*");
	CHECK_STR(show("[a]"), "[a]");
	CHECK_STR(show("[a]("), "[a](");
	CHECK_STR(show("[a](b"), "[a](b");
	CHECK_STR(show("[a]()"), "[a]()");
	CHECK_STR(show("[a](b c)"), "[a](b c)");        /* no spaces in a destination */
	CHECK_STR(show("a](b)"), "a](b)");
	CHECK_STR(show("[[a]"), "[[a]");
	CHECK_STR(show("_a_ __b__ snake_case"), "_a_ __b__ snake_case");
	CHECK_STR(show("[PDF] *x*"), "[PDF] {I:x}");
	/* links fence emphasis: the star inside the link is text */
	CHECK_STR(show("*a [b* c](u)"), "*a {L<u>:b* c}");
	/* no link inside a link */
	CHECK_STR(show("[a [b](u) c](v)"), "[a {L<u>:b} c](v)");
	/* stars pair from the inside out, as in CommonMark */
	CHECK_STR(show("**a *b**"), "*{I:a b}");
	CHECK_STR(show("*a **b*"), "*a *{I:b}");
}

static void test_escapes(void)
{
	CHECK_STR(show("\\*not italic\\*"), "*not italic*");
	CHECK_STR(show("\\**x**"), "*{I:x}*");
	CHECK_STR(show("\\[x](y)"), "[x](y)");
	CHECK_STR(show("[x\\](y)"), "[x](y)");
	CHECK_STR(show("a\\\\b"), "a\\b");
	CHECK_STR(show("a\\b"), "a\\b");                /* not punctuation: kept */
	CHECK_STR(show("end\\"), "end\\");
	CHECK_STR(show("\\_x\\_"), "_x_");
	CHECK_STR(show("**\\*x**"), "{B:*x}");
}

static void test_emphasised(void)
{
	markup_parse(&M, "**Arjun Rao**", 13);
	CHECK(markup_is_emphasised(&M));
	CHECK_STR(M.text, "Arjun Rao");
	markup_parse(&M, "*John Doe*", 10);
	CHECK(markup_is_emphasised(&M));
	markup_parse(&M, "John Doe", 8);
	CHECK(!markup_is_emphasised(&M));
	markup_parse(&M, "**J** Doe", 9);
	CHECK(!markup_is_emphasised(&M));
	markup_parse(&M, "[J](u)", 6);
	CHECK(!markup_is_emphasised(&M));
	markup_parse(&M, "", 0);
	CHECK(!markup_is_emphasised(&M));
}

static double seconds(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* n copies of unit; the parse must be fast and leave the text intact
 * when nothing pairs up. */
static void pathological(const char *unit, size_t n, const char *want_prefix)
{
	size_t ul = strlen(unit), len = ul * n;
	char *s = malloc(len + 1);
	double t0, dt;

	for (size_t i = 0; i < n; i++)
		memcpy(s + i * ul, unit, ul);
	s[len] = '\0';
	t0 = seconds();
	markup_parse(&M, s, len);
	dt = seconds() - t0;
	if (dt > 0.5)
		fprintf(stderr, "pattern \"%s\" x %zu took %.3fs\n", unit, n, dt);
	CHECK(dt < T_HANG_SECS);
	CHECK(M.len <= len);
	if (want_prefix)
		CHECK(!strncmp(M.text, want_prefix, strlen(want_prefix)));
	free(s);
}

static void test_linear(void)
{
	size_t n = 200000;

	pathological("*", n, "*****");
	pathological("[", n, "[[[[[");
	pathological("]", n, "]]]]]");
	pathological("](", n, "](](");
	pathological("[a](", n, "[a]([a](");
	pathological("[](", n, "[]([](");
	pathological("*a", n, NULL);
	pathological("a*", n, "a");
	pathological("**a", n, NULL);
	pathological("*a**", n, NULL);
	pathological("[*", n, NULL);
	pathological("*[", n, NULL);
	pathological("[a]", n, "[a][a]");
	pathological("\\", n, NULL);
	pathological("*[a](", n, NULL);
	pathological("**[a](b)", n, NULL);
}

struct pieces {
	char buf[512];
	size_t o;
};

static void collect(void *ctx, const struct hl_piece *pc)
{
	struct pieces *p = ctx;
	p->o += (size_t)snprintf(p->buf + p->o, sizeof p->buf - p->o, "%s%d:%.*s|",
	                         pc->cont ? "+" : "", pc->level, (int)pc->len, pc->s);
}

static const char *split(const char *h, int inline_dashes)
{
	static struct pieces p;
	p.o = 0;
	p.buf[0] = '\0';
	highlight_split(h, inline_dashes, collect, &p);
	return p.buf;
}

static void test_highlight_split(void)
{
	CHECK_STR(split("just text", 1), "0:just text|");
	CHECK_STR(split("Reduced costs - Server optimization - Database indexing", 1),
	          "0:Reduced costs|1:Server optimization|1:Database indexing|");
	CHECK_STR(split("2019 - 2021", 0), "0:2019 - 2021|");
	CHECK_STR(split("Main\n  - first\n  - second", 0), "0:Main|1:first|1:second|");
	CHECK_STR(split("Main\ncontinued\n- x\n  more", 0), "0:Main|+0:continued|1:x|+1:more|");
	CHECK_STR(split("- starts with a dash", 0), "0:- starts with a dash|");
	CHECK_STR(split("", 1), "");
	CHECK_STR(split("\n\n", 1), "");
	CHECK_STR(split("a-b well-known", 1), "0:a-b well-known|");
}

int main(void)
{
	test_basic();
	test_literal();
	test_escapes();
	test_emphasised();
	test_linear();
	test_highlight_split();
	markup_free(&M);
	markup_free(NULL);
	utf8_cleanup();         /* a clean exit for leak checkers */
	T_DONE();
}
