/*
 * The pure parts of the author's hints: edit distance and "did you mean",
 * RenderCV's template filling, the degree-with-area phrase, and the YAML
 * hints on inputs the loader tests do not reach.
 */
#include <stdlib.h>
#include <string.h>

#include "t.h"
#include "hint.h"
#include "lang.h"
#include "suggest.h"
#include "yaml_hint.h"

static const char *const keys[] = {
	"company", "position", "highlights", "start_date", "end_date", "date", "name",
};

static const char *key_at(size_t i, void *ctx)
{
	(void)ctx;
	return i < sizeof keys / sizeof keys[0] ? keys[i] : NULL;
}

static void test_suggest(void)
{
	CHECK_INT(suggest_distance("compnay", "company", 3), 1);    /* a swap */
	CHECK_INT(suggest_distance("hightlights", "highlights", 3), 1);
	CHECK_INT(suggest_distance("kitten", "sitting", 5), 3);
	CHECK_INT(suggest_distance("abc", "ABC", 2), 0);
	CHECK_INT(suggest_distance("a", "abcdef", 2), 3);          /* stops at limit + 1 */
	CHECK_STR(suggest("compnay", key_at, NULL), "company");
	CHECK_STR(suggest("Position", key_at, NULL), "position");
	CHECK_STR(suggest("start-date", key_at, NULL), "start_date");
	CHECK_STR(suggest("nme", key_at, NULL), "name");
	CHECK(suggest("name", key_at, NULL) == NULL);               /* it is known */
	CHECK(suggest("salary", key_at, NULL) == NULL);             /* nothing near */
	CHECK(suggest("d", key_at, NULL) == NULL);                  /* too short to guess */
	CHECK(suggest("", key_at, NULL) == NULL);
}

static const char *fill(const char *tmpl)
{
	static char out[64];
	static const char *const names[] = { "YEAR", "YEAR_IN_TWO_DIGITS", "MONTH" };
	static const char *const values[] = { "2024", "24", "Sept" };
	return locale_fill(tmpl, names, values, 3, out, sizeof out);
}

static void test_fill(void)
{
	CHECK_STR(fill("MONTH YEAR"), "Sept 2024");
	CHECK_STR(fill("YEAR_IN_TWO_DIGITS/MONTH"), "24/Sept");     /* the longest name */
	CHECK_STR(fill("  MONTH  "), "Sept");                      /* trimmed */
	CHECK_STR(fill("no placeholders"), "no placeholders");
	char small[8];
	static const char *const n1[] = { "X" };
	static const char *const v1[] = { "\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9" };  /* éééé */
	/* cut at a character boundary, never inside one */
	CHECK_STR(locale_fill("X", n1, v1, 1, small, sizeof small), "\xC3\xA9\xC3\xA9\xC3\xA9");
	const struct locale *es = locale_find("spanish");
	CHECK(es != NULL);
	CHECK_STR(es ? es->present : NULL, "presente");
	CHECK(locale_find("Spanish") == NULL);
	CHECK_STR(locale_or_default(NULL)->language, "english");
}

static void piece(void *ctx, enum phrase_part part, const char *s, size_t n)
{
	char *out = ctx;
	if (part == PHRASE_DEGREE)
		strcat(out, "[D]");
	else if (part == PHRASE_AREA)
		strcat(out, "[A]");
	else
		strncat(out, s, n);
}

static const char *phrase(const char *p)
{
	static char out[64];
	out[0] = '\0';
	locale_phrase(p, piece, out);
	return out;
}

static void test_phrase(void)
{
	CHECK_STR(phrase("DEGREE in AREA"), "[D] in [A]");
	CHECK_STR(phrase("AREA DEGREE"), "[A] [D]");
	CHECK_STR(phrase("DEGREE \xD7\x91" "AREA"), "[D] \xD7\x91[A]");   /* Hebrew: no space */
	CHECK_STR(phrase("AREA szakon DEGREE"), "[A] szakon [D]");
}

static const char *yhint(const char *buf, const char *problem, unsigned line, unsigned col)
{
	static char out[YAML_HINT_MAX];
	static char res[YAML_HINT_MAX + 32];
	struct pos at;
	if (!yaml_hint(buf, strlen(buf), problem, (struct pos){ line, col },
	               (struct pos){ 0, 0 }, &at, out))
		return "(none)";
	snprintf(res, sizeof res, "%u:%u: %s", at.line, at.col, out);
	return res;
}

static void test_yaml_hint(void)
{
	/* a tab inside JSON's flow is no indentation */
	CHECK_STR(yhint("{\t\"a\": [\n", "did not find expected node content", 2, 1), "(none)");
	/* a block scalar is left alone: `|` alone on its line is fine */
	CHECK_STR(yhint("cv:\n  summary: |\n    text\n  x\n", "could not find expected ':'", 5, 1),
	          "(none)");
	/* a real flow list is not "text that needs quotes" */
	CHECK_STR(yhint("cv:\n  x: [a, b]\n  y\n", "could not find expected ':'", 4, 1), "(none)");
	/* CRLF line ends */
	CHECK_STR(yhint("cv:\r\n  name:Jane\r\n  headline: x\r\n",
	                "mapping values are not allowed in this context", 3, 11),
	          "2:8: no space after the colon in `name:Jane`: write `name: Jane`");
	/* a URL is not a missing space */
	CHECK_STR(yhint("cv:\n  website: https://a.example\n    x: y\n",
	                "mapping values are not allowed in this context", 3, 6),
	          "3:5: this line is indented more than `website` above it: remove 2 spaces to "
	          "line it up, or end the line above after the colon to nest under it");
}

/* Far from the error the hints look no further than a few dozen lines:
 * 200,000 blank lines before it would be 10^10 bytes read if every
 * lookup started at the top. */
static void test_yaml_hint_far(void)
{
	size_t blank = 200000;
	const char head[] = "cv:\n  name: A\n", tail[] = "    x: y\n";
	size_t len = sizeof head - 1 + blank + sizeof tail - 1;
	char *buf = malloc(len + 1);
	CHECK(buf != NULL);
	if (!buf)
		return;
	memcpy(buf, head, sizeof head - 1);
	memset(buf + sizeof head - 1, '\n', blank);
	memcpy(buf + sizeof head - 1 + blank, tail, sizeof tail);
	char out[YAML_HINT_MAX];
	struct pos at;
	unsigned line = 3 + (unsigned)blank;
	CHECK(!yaml_hint(buf, len, "mapping values are not allowed in this context",
	                 (struct pos){ line, 6 }, (struct pos){ 0, 0 }, &at, out));
	free(buf);
}

int main(void)
{
	test_suggest();
	test_fill();
	test_phrase();
	test_yaml_hint();
	test_yaml_hint_far();
	T_DONE();
}
