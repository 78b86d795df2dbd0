/*
 * Hostile strings from double-quoted escapes, in every field, through the
 * text and Markdown output: not one control character or invisible
 * character reaches the output, what surrounds them is still shown, and
 * lines keep to their width. Also raw control bytes in the file (errors
 * with their position), wide characters and emoji at the last column,
 * thousands of combining marks, and hostile file names in messages.
 */
#include <stdlib.h>
#include <string.h>
#include "adv.h"
#include "payloads.h"

static struct adv_result r;

/* Runs one output mode on name: exit code, safe bytes, width. */
static void output_ok(const char *name, const char *const args[], int code, int width)
{
	const char *a[12];
	size_t n = 0;
	for (; args[n] && n < 10; n++)
		a[n] = args[n];
	a[n++] = name;
	a[n] = NULL;
	run_vitae(&r, a, NULL, 10, 96);
	CHECK_EXIT(&r, code);
	CHECK_SAFE("output", r.out, r.nout);
	if (width > 0) {
		int w = adv_max_width(r.out, r.nout);
		t_checks++;
		if (w > width) {
			t_failures++;
			fprintf(stderr, "%s: a line %d columns wide at --width %d\n", name, w, width);
		}
	}
}

static void each_payload(bool json)
{
	for (size_t i = 0; i < NPAYLOADS; i++) {
		char file[64];
		snprintf(file, sizeof file, "%s.%s", payloads[i].name, json ? "json" : "yaml");
		const char *name;
		FILE *f = adv_create(file, &name);
		if (json)
			write_jsonresume(f, payloads[i].yaml);
		else
			write_rendercv(f, payloads[i].yaml, 0);
		fclose(f);

		/* --check: one warning for the unknown key, quoted safely */
		output_ok(name, (const char *[]){ "--check", NULL }, 0, 0);
		CHECK(strstr(r.err, json ? ": warning: unknown key `x" : ": warning: unknown key `k"));
		adv_result_free(&r);

		output_ok(name, (const char *[]){ "--dump", "--width", "80", NULL }, 0, 80);
		CHECK_HAS(r.out, payloads[i].shown);
		CHECK_HAS(r.out, "N");
		adv_result_free(&r);
		if (adv_slow())
			continue;       /* valgrind: --check and one --dump are enough */
		output_ok(name, (const char *[]){ "--dump", "--width", "20", NULL }, 0, 20);
		adv_result_free(&r);
		output_ok(name, (const char *[]){ "--format", "markdown", NULL }, 0, 0);
		adv_result_free(&r);

		/* --ascii: nothing but printable ASCII and newlines */
		output_ok(name, (const char *[]){ "--dump", "--ascii", NULL }, 0, 80);
		for (size_t k = 0; k < r.nout; k++) {
			unsigned char c = (unsigned char)r.out[k];
			if ((c < 0x20 && c != '\n') || c >= 0x7F) {
				CHECK(!"--ascii wrote a byte outside printable ASCII");
				fprintf(stderr, "%s: byte 0x%02X at %zu\n", name, c, k);
				break;
			}
		}
		adv_result_free(&r);
	}
}

static void escapes_rendercv(void)
{
	each_payload(false);
}

static void escapes_jsonresume(void)
{
	each_payload(true);
}

/* Control bytes written raw into the file are refused, at their place. */
static void raw_controls(void)
{
	static const struct {
		const char *text, *first, *shown;
	} cases[] = {
		{ .text = "cv:\n  name: a\x1b]0;t\x07\n",
		  .first = "raw.yaml:2:10: error: control characters are not allowed (U+001B)" },
		{ .text = "cv:\n  name: a\xC2\x9B" "2J\n",
		  .first = "raw.yaml:2:10: error: control characters are not allowed (U+009B)" },
		/* U+0085 raw is a line break to YAML 1.1: folded to a space */
		{ .text = "cv:\n  name: \"a\xC2\x85z\"\n", .shown = "a z\n" },
		{ .text = "cv:\n  \"k\x1b[2J\": 1\n",
		  .first = "raw.yaml:2:5: error: control characters are not allowed (U+001B)" },
		{ .text = "# comment \x1b]0;t\x07\ncv:\n  name: A\n",
		  .first = "raw.yaml:1:11: error: control characters are not allowed (U+001B)" },
		{ .text = "cv:\n  name: a\x7f\n",
		  .first = "raw.yaml:2:10: error: control characters are not allowed (U+007F)" },
		{ .text = "cv:\n  name: a\bb\n",
		  .first = "raw.yaml:2:10: error: control characters are not allowed (U+0008)" },
		/* a raw CR is a line break to YAML */
		{ .text = "cv:\n  name: a\rb\n",
		  .first = "raw.yaml:4:1: error: could not find expected ':' (while scanning a simple key at 3:1)" },
		{ .text = "cv:\n  name: \xC0\xAF\n",
		  .first = "raw.yaml:2:9: error: invalid UTF-8: byte 0xC0" },
		{ .text = "cv:\n  name: \xF8\x88\x80\x80\x80\n",
		  .first = "raw.yaml:2:9: error: invalid UTF-8: byte 0xF8" },
		{ .text = "cv:\n  name: ok\xBF\n",
		  .first = "raw.yaml:2:11: error: invalid UTF-8: byte 0xBF" },
		{ .text = "cv:\n  name: \xF4\x90\x80\x80\n",
		  .first = "raw.yaml:2:9: error: invalid UTF-8: byte 0xF4" },
	};
	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
		adv_write_str("raw.yaml", cases[i].text);
		run_vitae(&r, (const char *[]){ "--dump", "raw.yaml", NULL }, NULL, 10, 64);
		CHECK_SAFE("output", r.out, r.nout);
		if (cases[i].first) {
			CHECK_EXIT(&r, 1);
			CHECK_FIRST(&r, cases[i].first);
		} else {
			CHECK_EXIT(&r, 0);
			CHECK_HAS(r.out, cases[i].shown);
		}
		adv_result_free(&r);
	}
}

/* Wide characters, emoji and combining marks at every offset against
 * the right margin: no line may pass its width, at odd and even widths. */
static void wide_edges(void)
{
	static const char *const wide[] = {
		"\xE6\xBC\xA2\xE5\xAD\x97",                     /* 漢字 */
		"\xF0\x9F\x98\x80",                             /* 😀 */
		"\xF0\x9F\x91\xA9\\u200D\xF0\x9F\x92\xBB",      /* 👩‍💻 (ZWJ) */
		"\xF0\x9F\x87\xAB\xF0\x9F\x87\xB7",             /* 🇫🇷 */
		"\xE2\x9D\xA4\\uFE0F",                          /* ❤️ */
		"e\\u0301\\u0302",                              /* é̂ */
		"\xEF\xBC\xA1",                                 /* Ａ fullwidth */
	};
	const char *name;
	FILE *f = adv_create("wide.yaml", &name);
	fputs("cv:\n  name: \"", f);
	for (int k = 0; k < 40; k++)
		fputs(wide[k % 7], f);
	fputs("\"\n  sections:\n    \"", f);
	for (int k = 0; k < 30; k++)
		fputs(wide[0], f);
	fputs("\":\n", f);
	for (int k = 0; k < 90; k++) {
		fputs("      - company: \"", f);
		for (int j = 0; j < k; j++)
			fputc('x', f);
		for (int j = 0; j < 6; j++)
			fputs(wide[(k + j) % 7], f);
		fprintf(f, "\"\n        position: \"%s\"\n        date: \"%s%s\"\n"
		        "        highlights: [\"%.*s%s %s\"]\n", wide[k % 7], wide[(k + 1) % 7],
		        wide[(k + 2) % 7], k, "yyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyy",
		        wide[k % 7], wide[(k + 3) % 7]);
	}
	fclose(f);
	static const char *const widths[] = { "20", "21", "22", "23", "39", "40", "79", "80", "81" };
	for (size_t i = 0; i < sizeof widths / sizeof *widths; i++) {
		output_ok(name, (const char *[]){ "--dump", "--width", widths[i], NULL }, 0,
		          atoi(widths[i]));
		adv_result_free(&r);
	}
}

/* 5,000 and 100,000 combining marks on one letter. */
static void combining(void)
{
	static const int counts[] = { 5000, 100000 };
	for (size_t i = 0; i < 2; i++) {
		const char *name;
		FILE *f = adv_create("marks.yaml", &name);
		write_rendercv(f, "x", counts[i]);
		fclose(f);
		output_ok(name, (const char *[]){ "--dump", "--width", "40", NULL }, 0, 40);
		CHECK_HAS(r.out, "Nx");
		adv_result_free(&r);
		output_ok(name, (const char *[]){ "--format", "markdown", NULL }, 0, 0);
		adv_result_free(&r);
	}
}

/* File names are the user's, but may come from an archive someone sent:
 * they are quoted safely in every message. */
static void file_names(void)
{
	static const char *const names[] = {
		"\x1b]0;pwned\x07.yaml", "a\x1b[2Jb.yaml", "new\nline.yaml",
		"\xC2\x9B" "31m.yaml", "\xE2\x80\xAE" "lmth.yaml",
	};
	for (size_t i = 0; i < sizeof names / sizeof *names; i++) {
		adv_write_str(names[i], "cv:\n  name: A\n  bogus: 1\n  sections: {s: [x]}\n");
		output_ok(names[i], (const char *[]){ "--check", NULL }, 0, 0);
		CHECK(strstr(r.err, ":3:3: warning: unknown key `bogus` in `cv`") != NULL);
		adv_result_free(&r);
		adv_write_str(names[i], "cv: [\n");
		output_ok(names[i], (const char *[]){ "--dump", NULL }, 1, 0);
		adv_result_free(&r);
	}
	output_ok("missing\x1b]0;x\x07.yaml", (const char *[]){ "--check", NULL }, 2, 0);
	CHECK_HAS(r.err, "error: No such file or directory");
	adv_result_free(&r);
}

static const struct adv_case cases[] = {
	{ "escapes-rendercv", escapes_rendercv },
	{ "escapes-jsonresume", escapes_jsonresume },
	{ "raw-controls", raw_controls },
	{ "wide-edges", wide_edges },
	{ "combining", combining },
	{ "file-names", file_names },
};

ADV_MAIN(cases)
