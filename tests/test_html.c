/*
 * html.c: the subset and its markup, entities, what must never reach a
 * terminal, hostile nesting in linear time and bounded output, and the
 * loader applying it to JSON Resume text only.
 */
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "arena.h"
#include "html.h"
#include "load.h"
#include "markup.h"
#include "model.h"
#include "utf8.h"
#include "t.h"
#include "markup_fixture.h"

#define REPL "\xEF\xBF\xBD"         /* U+FFFD */
#define NBSP "\xC2\xA0"

static struct arena A = ARENA_INIT;
static struct markup M = MARKUP_INIT;

static const char *h(const char *s)
{
	return html_to_markup(&A, s, strlen(s));
}

/* What the reader sees of html's markup (markup_fixture.h). */
static const char *seen(const char *s)
{
	return markup_show(&M, h(s));
}

static void test_subset(void)
{
	CHECK_STR(h("<b>bold</b>"), "**bold**");
	CHECK_STR(seen("<b>bold</b> and <strong>strong</strong>"), "{B:bold} and {B:strong}");
	CHECK_STR(seen("<i>a</i> <em>b</em>"), "{I:a} {I:b}");
	CHECK_STR(seen("<B>upper</B> <EM>case</EM>"), "{B:upper} {I:case}");
	CHECK_STR(seen("<b><i>both</i></b>"), "{BI:both}");
	CHECK_STR(seen("<b><b>twice</b></b> out"), "{B:twice} out");
	CHECK_STR(seen("x<b>y</b>z"), "x{B:y}z");
	/* white space at the edges of a style moves outside its markers */
	CHECK_STR(h("a<b> b </b>c"), "a **b** c");
	CHECK_STR(seen("<b></b>empty"), "empty");
	CHECK_STR(seen("<a href=\"https://e.org/x\">site</a>"), "{L<https://e.org/x>:site}");
	CHECK_STR(seen("<a href='mailto:a@e.org'>mail</a>"), "{L<mailto:a@e.org>:mail}");
	CHECK_STR(seen("<a href=https://e.org>unquoted</a>"), "{L<https://e.org>:unquoted}");
	CHECK_STR(seen("<a class=x href=\"https://e.org/?a=1&amp;b=2\">q</a>"),
	          "{L<https://e.org/?a=1&b=2>:q}");
	CHECK_STR(h("<a href=\"https://e.org/a b(c)\">t</a>"), "[t](https://e.org/a%20b%28c%29)");
	CHECK_STR(seen("<a href=\"https://e.org\"><b>bold</b> link</a>"),
	          "{BL<https://e.org>:bold}{L<https://e.org>: link}");
	CHECK_STR(seen("<a href=\"https://e.org\"></a>"), "{L<https://e.org>:https://e.org}");
	CHECK_STR(seen("<a name=top>no href</a>"), "no href");
	CHECK_STR(seen("<a href=\"https://e.org\">[1]</a>"), "{L<https://e.org>:[1]}");
	CHECK_STR(h("one<br>two<br/>three<br />four"), "one\ntwo\nthree\nfour");
	CHECK_STR(h("<p>one</p>\n  <p>two</p>"), "one\ntwo");
	CHECK_STR(h("Led:<ul>\n <li>a</li>\n <li>b</li>\n</ul>done"), "Led:\n- a\n- b\ndone");
	CHECK_STR(h("<ol><li>a<li>b</ol>"), "1. a\n2. b");
	CHECK_STR(h("<ol><li>a<ul><li>x</li></ul></li><li>b</li></ol>"), "1. a\n- x\n2. b");
	CHECK_STR(h("<li>stray</li>"), "- stray");
	CHECK_STR(seen("<ul><li><b>bold item</b></li></ul>"), "- {B:bold item}");
	/* a style does not run across a line: markup reads line by line */
	CHECK_STR(h("<b>a<br>b</b>"), "**a**\n**b**");
	CHECK_STR(seen("<b>a&#10;b&#9;c</b>"), "{B:a b c}");   /* entities for white space too */
	CHECK_STR(h("a&#10;b"), "a\nb");                     /* no tag: kept */
	/* white space collapses as in a browser */
	CHECK_STR(h("  a \n\t b  "), "  a \n\t b  ");        /* no tag: kept */
	CHECK_STR(h("<span>  a \n\t b  </span>"), "a b");
}

static void test_other_tags(void)
{
	CHECK_STR(h("<div class=\"x\">kept</div><span>text</span>"), "kepttext");
	CHECK_STR(h("<code>x = 1</code> <u>u</u> <h1>T</h1>"), "x = 1 u T");
	CHECK_STR(h("img: <img src=x onerror=alert(1)>."), "img: .");
	CHECK_STR(h("a<script>alert('<b>x</b>')</script>b"), "ab");
	CHECK_STR(h("a<SCRIPT type=x>evil()</Script >b"), "ab");
	CHECK_STR(h("a<style>p { color: red }</style>b"), "ab");
	CHECK_STR(h("a<script>never closed"), "a");
	CHECK_STR(h("a<!-- note -->b<i>c</i>"), "ab*c*");
	CHECK_STR(h("a <!-- open <b>x</b>"), "a <!-- open **x**");
	/* not an element: text, as written */
	CHECK_STR(h("Vec<T>, Map<K, V> and std::vector<int>"), "Vec<T>, Map<K, V> and std::vector<int>");
	CHECK_STR(h("<b>List<String></b> <b-x>y</b-x> <bold>z</bold>"),
	          "**List<String>** <b-x>y</b-x> <bold>z</bold>");
	CHECK_STR(h("<DIV>a</DIV><h2>b</h2><img/>"), "ab");
	/* not a tag: the '<' is text */
	CHECK_STR(h("x < y, 1<2 and <b>z</b>"), "x < y, 1<2 and **z**");
	CHECK_STR(h("a <b"), "a <b");
	CHECK_STR(h("<b>x</b> then <i unterminated"), "**x** then <i unterminated");
	CHECK_STR(h("<b class=\"x and <<i>> y</b>"), "**> y**");
	CHECK_STR(h("unclosed <b>bold and <i>italic"), "unclosed **bold and *italic***");
	CHECK_STR(h("</b>close first</i>"), "close first");
}

static void test_entities(void)
{
	CHECK_STR(h("&amp; &lt; &gt; &quot; &#39; &apos;"), "& < > \" ' '");
	CHECK_STR(h("a&nbsp;b"), "a" NBSP "b");
	CHECK_STR(h("&ndash;&mdash;&hellip;&rsquo;&euro;"),
	          "\xE2\x80\x93\xE2\x80\x94\xE2\x80\xA6\xE2\x80\x99\xE2\x82\xAC");
	CHECK_STR(h("&#65;&#x42;&#X43;&#0067;"), "ABCC");
	CHECK_STR(h("&#x1F600;"), "\xF0\x9F\x98\x80");
	CHECK_STR(h("&#0;|&#xD800;|&#x110000;|&#99999999999999999999;"), REPL "|" REPL "|" REPL "|" REPL);
	/* not entities: shown as written */
	CHECK_STR(h("AT&T &bogus; &#xZZ; &#; &amp &#65"), "AT&T &bogus; &#xZZ; &#; &amp &#65");
	/* what an entity decodes to is literal, never markup */
	CHECK_STR(h("&#42;&#42;no&#42;&#42;"), "\\*\\*no\\*\\*");
	CHECK_STR(seen("&#42;&#42;no&#42;&#42; &#91;x&#93;(https://e.org) &#92;"),
	          "**no** [x](https://e.org) \\");
	/* text without a tag keeps its own Markdown */
	CHECK_STR(seen("**yes** &amp; [link](https://e.org)"), "{B:yes} & {L<https://e.org>:link}");
	/* in HTML, all text is literal */
	CHECK_STR(seen("<p>**no** 5 * 3 [x](https://e.org) \\</p>"),
	          "**no** 5 * 3 [x](https://e.org) \\");
	{
		const char *plain = "no markup here";
		CHECK(html_to_markup(&A, plain, strlen(plain)) == plain);
	}
}

/* Nothing an entity decodes to reaches a terminal as a control. */
static void test_hostile_chars(void)
{
	static const char *const cases[] = {
		"&#27;[31mred&#27;[0m", "&#x1b;]52;c;AAAA&#7;", "&#155;2J &#x9b;H",
		"&#127;&#128;&#159;", "a&#x202E;b&#x2066;c&#x200B;d&#xFEFF;e&#x61C;f",
		"<b>&#27;[1m</b>", "&#13;&#10;&#9;&#12;&#8;", "&#x2028;&#x2029;&#xFFFE;",
		"<a href=\"https://e.org/&#27;[31m\">x</a>",
	};

	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		const char *r = h(cases[i]);
		CHECK(text_is_safe(r, strlen(r)));
		CHECK(!strchr(r, 0x1B));
	}
	CHECK_STR(h("&#27;[31m"), REPL "[31m");
	CHECK_STR(h("a&#x202E;b&#x200B;c"), "abc");
	CHECK_STR(h("&#x9b;"), REPL);
	CHECK_STR(h("<a href=\"https://e.org/&#27;\">x</a>"), "[x](https://e.org/%1B)");
}

static void test_schemes(void)
{
	CHECK_STR(h("<a href=\"javascript:alert(1)\">click</a>"), "click");
	CHECK_STR(h("<a href=\"JavaScript:alert(1)\">click</a>"), "click");
	CHECK_STR(h("<a href=\" javascript:alert(1)\">click</a>"), "click");
	CHECK_STR(h("<a href=\"java&#115;cript:x\">click</a>"), "click");
	CHECK_STR(h("<a href=\"data:text/html,hi\">d</a>"), "d");
	CHECK_STR(h("<a href=\"file:///etc/passwd\">f</a>"), "f");
	CHECK_STR(h("<a href=\"vbscript:x\"></a>"), "");
	CHECK_STR(h("<a href=\"page.html#top\">rel</a>"), "[rel](page.html#top)");
	CHECK_STR(h("<a href=\"http://e.org\">a<a href=\"javascript:x\">b</a>c</a>"),
	          "[ab](http://e.org)c");
}

static double since(struct timespec t0)
{
	struct timespec t1;

	clock_gettime(CLOCK_MONOTONIC, &t1);
	return (double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) / 1e9;
}

/* s repeated n times between pre and post. */
static char *repeat(const char *pre, const char *s, size_t n, const char *post)
{
	size_t k = strlen(s), len = strlen(pre) + k * n + strlen(post);
	char *b = malloc(len + 1), *p = b;

	p = stpcpy(p, pre);
	for (size_t i = 0; i < n; i++)
		p = (char *)memcpy(p, s, k) + k;
	strcpy(p, post);
	return b;
}

/* 100,000 levels of nesting and other pathologies: linear time, output
 * within four times the input, always safe. */
static void test_bounds(void)
{
	enum { N = 100000 };
	char *nested = malloc(8 * N + 2), *p = nested;
	struct timespec t0;

	for (size_t i = 0; i < N; i++)
		p = stpcpy(p, "<b>");
	*p++ = 'x';
	for (size_t i = 0; i < N; i++)
		p = stpcpy(p, "</b>");
	*p = '\0';

	char *cases[] = {
		nested,
		repeat("", "<b>", N, "x"),
		repeat("", "<i><b>a</i></b>", N, ""),
		repeat("", "<ul><li>", N, "x"),
		repeat("<ol>", "<li>", N, "</ol>"),
		repeat("", "<a href=\"https://e.org/((((\">", N, "x"),
		repeat("", "<a href=\"https://e.org\"></a>", N, ""),
		repeat("<b>x</b>", "<a", N, ""),
		repeat("<b>x</b>", "<!--", N, ""),
		repeat("<b>x</b>", "<script>", N, ""),
		repeat("<b>x</b>", "&#42;", N, ""),
		repeat("<b>x</b>&#", "9", N, ";"),
		repeat("", "*[]\\<br>", N, ""),
		repeat("", "&#x202E;", N, "<b>x</b>"),
	};

	clock_gettime(CLOCK_MONOTONIC, &t0);
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		size_t in = strlen(cases[i]);
		const char *r = h(cases[i]);
		size_t out = strlen(r);

		CHECK(out <= 4 * in + 16);
		CHECK(text_is_safe(r, out));
		free(cases[i]);
	}
	CHECK(since(t0) < T_HANG_SECS);
	CHECK_STR(seen("<b><b><b><i><i>x</i></i></b></b></b>"), "{BI:x}");
}

/* However styles nest and touch, the reader sees the text and never a
 * stray '*': the words, spaces collapsed, in order. */
static void test_no_stray_stars(void)
{
	static const char *const parts[] = {
		"<b>", "</b>", "<i>", "</i>", "<strong>", "</em>", "<em>",
		"<a href=\"https://e.org\">", "</a>", "w", "o", " ", "<span>", "&#10;",
	};
	unsigned seed = 12345;

	for (int round = 0; round < 3000; round++) {
		char in[512] = "", want[512] = "";
		size_t wn = 0;
		int n = 1 + (int)((seed = seed * 1103515245 + 12345) >> 16) % 24;

		for (int k = 0; k < n; k++) {
			const char *part = parts[((seed = seed * 1103515245 + 12345) >> 16) % 14];
			char c = part[0] == '&' ? ' ' : part[0];
			strcat(in, part);
			if (c != '<' && !(c == ' ' && (wn == 0 || want[wn - 1] == ' ')))
				want[wn++] = c;
		}
		while (wn && want[wn - 1] == ' ')
			wn--;
		want[wn] = '\0';
		if (!strchr(in, '<'))
			continue;       /* no tag: not HTML, white space kept */
		const char *m = h(in);
		markup_parse(&M, m, strlen(m));
		/* an empty link shows its address: leave those rounds out */
		if (strstr(M.text, "https://"))
			continue;
		if (strcmp(M.text, want) != 0) {
			CHECK_STR(M.text, want);
			fprintf(stderr, "  input:  \"%s\"\n  markup: \"%s\"\n", in, m);
			break;
		}
	}
}

/* The loader applies the subset to JSON Resume text, and only there. */
static void test_loader(void)
{
	static const char jr[] =
		"{\"basics\": {\"name\": \"A &amp; B\", \"summary\": \"<p>I <b>do</b></p><p>&#27;[2J</p>\"},"
		" \"work\": [{\"name\": \"W\", \"position\": \"P\", \"startDate\": \"2020\","
		" \"highlights\": [\"<ul><li>x</li><li>y</li></ul>\", \"<p></p>\"]}]}";
	static const char rcv[] =
		"cv:\n  name: A &amp; B\n  sections:\n    s:\n      - '<b>raw</b> &amp;'\n";
	struct load_limits lim;
	struct diag d;
	struct resume *r;

	load_limits_default(&lim);
	diag_init(&d, "t.json");
	r = load_buffer(jr, sizeof jr - 1, &lim, &d);
	CHECK(r != NULL);
	if (r) {
		const struct entry *e = NULL;
		const char *summary = NULL;
		CHECK_STR(r->header.name, "A & B");
		for (size_t i = 0; i < r->nsections; i++) {
			const struct section *s = &r->sections[i];
			if (s->nentries && s->entries[0].highlights.n)
				e = &s->entries[0];
			if (s->nentries && s->entries[0].title && !strncmp(s->entries[0].title, "I **", 4))
				summary = s->entries[0].title;
		}
		CHECK_STR(summary, "I **do**\n" REPL "\\[2J");   /* HTML text is literal */
		CHECK(e != NULL);
		if (e) {
			CHECK_INT(e->highlights.n, 1);     /* "<p></p>" holds no text */
			CHECK_STR(e->highlights.v[0], "- x\n- y");
		}
	}
	resume_free(r);
	diag_free(&d);

	diag_init(&d, "t.yaml");
	r = load_buffer(rcv, sizeof rcv - 1, &lim, &d);
	CHECK(r != NULL);
	if (r) {
		CHECK_STR(r->header.name, "A &amp; B");
		CHECK(r->nsections == 1 && r->sections[0].nentries == 1);
		if (r->nsections == 1 && r->sections[0].nentries == 1)
			CHECK_STR(r->sections[0].entries[0].title, "<b>raw</b> &amp;");
	}
	resume_free(r);
	diag_free(&d);
}

int main(void)
{
	test_subset();
	test_other_tags();
	test_entities();
	test_hostile_chars();
	test_schemes();
	test_bounds();
	test_no_stray_stars();
	test_loader();
	arena_free(&A);
	markup_free(&M);
	utf8_cleanup();
	T_DONE();
}
