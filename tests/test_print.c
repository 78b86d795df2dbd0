/*
 * print_text.c and print_md.c: the text dump holds no escape or control
 * byte and keeps to its width; Markdown has the agreed structure, one
 * blank line between blocks, and hostile text stays text.
 */
#include <stdlib.h>
#include <string.h>

#include "layout_fixture.h"
#include "print.h"
#include "t.h"
#include "utf8.h"

/* What a printer wrote, NUL-terminated; the caller frees it. */
static char *capture(int (*fn)(FILE *, const struct resume *, int, bool),
                     int (*md)(FILE *, const struct resume *),
                     const struct resume *r, int width, bool ascii)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);
	int rc = fn ? fn(f, r, width, ascii) : md(f, r);

	CHECK_INT(rc, 0);
	fclose(f);
	return buf;
}

static char *text_of(const struct resume *r, int width, bool ascii)
{
	return capture(print_text, NULL, r, width, ascii);
}

static char *md_of(const struct resume *r)
{
	return capture(NULL, print_markdown, r, 0, false);
}

/* Every line: no control byte but '\n', valid and safe UTF-8, no
 * trailing space, at most width columns. */
static void check_text(const char *out, int width, bool ascii)
{
	const char *p = out;
	size_t bad = 0;

	CHECK(*out != '\0');
	CHECK(out[strlen(out) - 1] == '\n');
	CHECK(strstr(out, "\n\n\n") == NULL);
	while (*p) {
		const char *nl = strchr(p, '\n');
		size_t n = (size_t)(nl - p);

		for (size_t i = 0; i < n; i++) {
			unsigned char b = (unsigned char)p[i];
			bad += b < 0x20 || b == 0x7F || (ascii && b >= 0x80);
		}
		bad += !text_is_safe(p, n);
		bad += n > 0 && p[n - 1] == ' ';
		bad += str_width(p, n) > (size_t)width;
		p = nl + 1;
	}
	CHECK_INT(bad, 0);
}

static void test_text(void)
{
	static const int widths[] = { 20, 33, 80, 120, 1000 };

	for (size_t i = 0; i < sizeof widths / sizeof widths[0]; i++) {
		for (int ascii = 0; ascii < 2; ascii++) {
			char *a = text_of(&fx_resume, widths[i], ascii);
			char *b = text_of(&fx_resume, widths[i], ascii);
			check_text(a, widths[i], ascii);
			CHECK_STR(a, b);                /* deterministic */
			free(a);
			free(b);
		}
	}
	char *t = text_of(&fx_resume, 80, false);
	CHECK(!strncmp(t, "John Doe\nMachine learning researcher\n", 37));
	CHECK(strstr(t, "\nExperience\n────") != NULL);
	CHECK(strstr(t, "\n• Built foundation model") != NULL);
	free(t);
}

/* A résumé whose strings were never sanitised: the printers must not
 * pass an escape sequence on even then. */
static void test_text_hostile(void)
{
	struct entry e[] = {{
		.kind = ENTRY_EXPERIENCE, .title = "Evil\x1B[2J\x1B]0;pwned\x07 Corp",
		.subtitle = "\xC2\x9B" "31m red", .dates = "2024\r\n",
		.summary = "tab\there\x7F\x01",
		.highlights = STRS("\x1BP+q\x1B\\", "bidi \xE2\x80\xAE" "desrever"),
	}};
	struct section s = { .title = "\x1B[1mBold", .entries = e, .nentries = 1 };
	struct resume r = { .header = { .name = "\x1B" "c", .phone = "\x9B" "2J" },
	                    .sections = &s, .nsections = 1 };

	char *t = text_of(&r, 40, false);
	check_text(t, 40, false);
	CHECK(strchr(t, 0x1B) == NULL);
	CHECK(strstr(t, "\xE2\x80\xAE") == NULL);
	free(t);
	t = text_of(&r, 40, true);
	check_text(t, 40, true);
	free(t);
}

static void test_text_errors(void)
{
	FILE *f = fopen("/dev/full", "w");
	if (!f)
		return;
	setvbuf(f, NULL, _IONBF, 0);
	CHECK_INT(print_text(f, &fx_resume, 80, false), -1);
	CHECK_INT(print_markdown(f, &fx_resume), -1);
	fclose(f);
}

/* Markdown: one blank line between blocks, no trailing spaces, one
 * final newline. */
static void check_md(const char *out)
{
	size_t n = strlen(out);
	const char *p = out;
	size_t bad = 0;

	CHECK(n > 0 && out[n - 1] == '\n');
	CHECK(n < 2 || out[n - 2] != '\n');
	CHECK(strstr(out, "\n\n\n") == NULL);
	CHECK(out[0] != '\n');
	while (*p) {
		const char *nl = strchr(p, '\n');
		size_t len = (size_t)(nl - p);
		bad += len > 0 && (p[len - 1] == ' ' || p[len - 1] == '\t');
		for (size_t i = 0; i < len; i++)
			bad += (unsigned char)p[i] < 0x20;
		p = nl + 1;
	}
	CHECK_INT(bad, 0);
}

static void test_md_structure(void)
{
	char *m = md_of(&fx_resume);

	check_md(m);
	CHECK(!strncmp(m, "# John Doe\n\nMachine learning researcher\n\n", 41));
	CHECK(strstr(m, "\n\nSan Francisco, CA · [john.doe@email.com](mailto:john.doe@email.com)"
	                " · [rendercv.com](https://rendercv.com/)"
	                " · [LinkedIn: rendercv](https://linkedin.com/in/rendercv)"
	                " · [GitHub: rendercv](https://github.com/rendercv)\n\n") != NULL);
	CHECK(strstr(m, "\n\n## Experience\n\n### Nexus AI\n\n"
	                "Co-Founder & CTO · *San Francisco, CA* · *June 2023 – present*\n\n"
	                "Building foundation model infrastructure.\n\n"
	                "- Built foundation model infrastructure serving 2M+ monthly API requests with 99.97% uptime\n"
	                "- Raised $18M Series A") != NULL);
	CHECK(strstr(m, "\n\n**Technologies:** Python, CUDA, Kubernetes\n\n") != NULL);
	CHECK(strstr(m, "\n- Published research at top-tier venues with significant academic impact\n"
	                "  - ICML 2022 main conference paper, cited 340+ times within two years\n"
	                "  - NeurIPS 2022 workshop paper") != NULL);
	CHECK(strstr(m, "PhD in Computer Science · *Princeton, NJ* · *Sept 2018 – May 2023*") != NULL);
	CHECK(strstr(m, "\n\n**GPA:** 3.97/4.00\n\n") != NULL);
	CHECK(strstr(m, "\n\n### [FlashInfer](https://github.com/)\n\n*Jan 2023 – present*\n\n") != NULL);
	CHECK(strstr(m, "\n\n**John Doe**, Sarah Williams, David Park\n\n"
	                "*NeurIPS 2023* · *July 2023*\n\n"
	                "[10.1234/neurips.2023.1234](https://doi.org/10.1234/neurips.2023.1234)\n\n") != NULL);
	CHECK(strstr(m, "This is **bold**, *italic*, and [link](https://example.com).") != NULL);
	CHECK(strstr(m, "\n\n- MIT Technology Review 35 Under 35 Innovators (2024)\n"
	                "- Google PhD Fellowship") != NULL);
	CHECK(strstr(m, "\n\n- **Languages:** Python, C++, CUDA, Rust, Julia\n- **Research Areas:**") != NULL);
	CHECK(strstr(m, "\n\n1. Adaptive Quantization") != NULL);
	CHECK(strstr(m, "\n2. Dynamic Sparsity") != NULL);
	/* a countdown cannot be a CommonMark list: escaped numbers */
	CHECK(strstr(m, "\n\n3\\. Scaling Laws for Efficient Inference — Stanford HAI Symposium (2024)\n\n"
	                "2\\. Building") != NULL);
	free(m);
}

/* One entry of text through the Markdown printer; returns the line it
 * became (after "## T\n\n"). */
static char *md_entry(enum entry_kind kind, const char *title)
{
	static char line[1024];
	struct entry e = { .kind = kind, .title = title };
	struct section s = { .title = "T", .entries = &e, .nentries = 1 };
	struct resume r = { .sections = &s, .nsections = 1 };
	char *m = md_of(&r);

	check_md(m);
	CHECK(!strncmp(m, "## T\n\n", 6));
	snprintf(line, sizeof line, "%s", m + 6);
	line[strcspn(line, "\n")] = '\0';
	free(m);
	return line;
}

static void test_md_escaping(void)
{
	/* block syntax at the start of a paragraph */
	CHECK_STR(md_entry(ENTRY_TEXT, "# Not a heading"), "\\# Not a heading");
	CHECK_STR(md_entry(ENTRY_TEXT, "## also not"), "\\## also not");
	CHECK_STR(md_entry(ENTRY_TEXT, "> not a quote"), "\\> not a quote");
	CHECK_STR(md_entry(ENTRY_TEXT, "- not a list"), "\\- not a list");
	CHECK_STR(md_entry(ENTRY_TEXT, "+ not a list"), "\\+ not a list");
	CHECK_STR(md_entry(ENTRY_TEXT, "* not a list"), "\\* not a list");
	CHECK_STR(md_entry(ENTRY_TEXT, "1. not a list"), "1\\. not a list");
	CHECK_STR(md_entry(ENTRY_TEXT, "2024) not a list"), "2024\\) not a list");
	CHECK_STR(md_entry(ENTRY_TEXT, "2024 is fine"), "2024 is fine");
	CHECK_STR(md_entry(ENTRY_TEXT, "---"), "\\---");
	CHECK_STR(md_entry(ENTRY_TEXT, "***"), "\\*\\*\\*");
	CHECK_STR(md_entry(ENTRY_TEXT, "___"), "\\_\\_\\_");
	CHECK_STR(md_entry(ENTRY_TEXT, "==="), "\\===");
	CHECK_STR(md_entry(ENTRY_TEXT, "    indented code"), "indented code");
	CHECK_STR(md_entry(ENTRY_TEXT, "```fence"), "\\`\\`\\`fence");
	CHECK_STR(md_entry(ENTRY_TEXT, "~~~fence"), "\\~\\~\\~fence");
	CHECK_STR(md_entry(ENTRY_TEXT, "| a | b |"), "\\| a | b |");
	/* inside a list item too */
	CHECK_STR(md_entry(ENTRY_BULLET, "# heading?"), "- \\# heading?");
	CHECK_STR(md_entry(ENTRY_BULLET, "- nested?"), "- \\- nested?");
	CHECK_STR(md_entry(ENTRY_NUMBERED, "3. again?"), "1. 3\\. again?");
	/* inline syntax anywhere */
	CHECK_STR(md_entry(ENTRY_TEXT, "<script>alert(1)</script>"), "&lt;script>alert(1)&lt;/script>");
	CHECK_STR(md_entry(ENTRY_TEXT, "a <b@c.d> e"), "a &lt;b@c.d> e");
	CHECK_STR(md_entry(ENTRY_TEXT, "`code` and \\ slash"), "\\`code\\` and \\\\ slash");
	CHECK_STR(md_entry(ENTRY_TEXT, "R&D &amp; &#169; &#x41; & co;"), "R&D &amp;amp; &amp;#169; &amp;#x41; & co;");
	CHECK_STR(md_entry(ENTRY_TEXT, "snake_case _em_ __init__"), "snake_case \\_em\\_ \\_\\_init\\_\\_");
	CHECK_STR(md_entry(ENTRY_TEXT, "C# and F# # x"), "C# and F# \\# x");
	CHECK_STR(md_entry(ENTRY_TEXT, "~~strike~~"), "\\~\\~strike\\~\\~");
	CHECK_STR(md_entry(ENTRY_TEXT, "![img](x.png)"), "\\![img](x.png)");
	CHECK_STR(md_entry(ENTRY_TEXT, "Wow! **wow!** [x](y)"), "Wow! **wow!** [x](y)");
	/* markup from the file is kept, its literal stars are not markup */
	CHECK_STR(md_entry(ENTRY_TEXT, "**bold** and 2 * 3"), "**bold** and 2 \\* 3");
	CHECK_STR(md_entry(ENTRY_TEXT, "\\*not italic\\*"), "\\*not italic\\*");
	CHECK_STR(md_entry(ENTRY_TEXT, "***both***"), "***both***");
	CHECK_STR(md_entry(ENTRY_TEXT, "**a *b* c**"), "**a *b* c**");
	CHECK_STR(md_entry(ENTRY_TEXT, "*a [b](https://x.y) c*"), "*a [b](https://x.y) c*");
	CHECK_STR(md_entry(ENTRY_TEXT, "[**t**](https://x.y)"), "[**t**](https://x.y)");
	CHECK_STR(md_entry(ENTRY_TEXT, "[a](https://x.y)[b](https://z.w)"),
	          "[a](https://x.y)[b](https://z.w)");
	/* link destinations: no scripts, nothing that ends the destination */
	CHECK_STR(md_entry(ENTRY_TEXT, "[click](javascript:alert(1))"), "click)");
	CHECK_STR(md_entry(ENTRY_TEXT, "[x](data:text/html,hi)"), "x");
	CHECK_STR(md_entry(ENTRY_TEXT, "[x](https://a.b/c<d>\"e`)"), "[x](https://a.b/c%3Cd%3E%22e%60)");
	CHECK_STR(md_entry(ENTRY_TEXT, "[x](relative/path)"), "[x](relative/path)");
	CHECK_STR(md_entry(ENTRY_TEXT, "[x](javascript&#58;alert)"), "[x](javascript&amp;#58;alert)");
	CHECK_STR(md_entry(ENTRY_TEXT, "[q](https://a.b/?x=1&y=2)"), "[q](https://a.b/?x=1&y=2)");
	/* text with a newline is one paragraph per line */
	char *m;
	struct entry e = { .kind = ENTRY_TEXT, .title = "one\n\n# two" };
	struct section s = { .title = "T", .entries = &e, .nentries = 1 };
	struct resume r = { .sections = &s, .nsections = 1 };
	m = md_of(&r);
	CHECK_STR(m, "## T\n\none\n\n\\# two\n");
	free(m);
}

static void test_md_header_and_urls(void)
{
	struct profile pr[] = {
		{ .network = "GitHub", .username = "x_y" },                 /* no url */
		{ .network = "Site", .username = "me", .url = "javascript:alert(1)" },
		{ .url = "https://example.org/me/" },
	};
	struct entry e[] = {
		{ .kind = ENTRY_PUBLICATION, .title = "Paper", .authors = STRS("A", "**Me**", "*Also me*"),
		  .doi = "10.1/x(y)", .url = "https://doi.org/10.1/x(y)", .dates = "2020" },
		{ .kind = ENTRY_NORMAL, .title = "Project", .url = "https://p.example/" },
	};
	struct section s = { .title = "Work", .entries = e, .nentries = 2 };
	struct resume r = {
		.header = { .name = "# Jane *Doe*", .headline = "<b>Hi</b>", .phone = "+1 555",
		            .emails = STRS("a_b@c.d"), .websites = STRS("arjun.fyi", "ftp://x.y"),
		            .profiles = pr, .nprofiles = 3 },
		.sections = &s, .nsections = 1,
	};
	char *m = md_of(&r);

	check_md(m);
	CHECK(!strncmp(m, "# \\# Jane *Doe*\n\n&lt;b>Hi&lt;/b>\n\n", 34));
	CHECK(strstr(m, "[a_b@c.d](mailto:a_b@c.d) · +1 555 · [arjun.fyi](https://arjun.fyi)"
	                " · ftp://x.y · GitHub: x_y · Site: me · [example.org/me](https://example.org/me/)\n") != NULL);
	CHECK(strstr(m, "\n\nA, **Me**, **Also me**\n\n*2020*\n\n"
	                "[10.1/x(y)](https://doi.org/10.1/x%28y%29)\n\n") != NULL);
	CHECK(strstr(m, "### Project\n\n[p.example](https://p.example/)\n") != NULL);
	free(m);
}

/* What follows a list item is nested under it, indented by its marker:
 * "- **Tools:** C", never "- * Tools:** C". */
static void test_md_nested_tail(void)
{
	struct field f = { .label = "Level", .value = "1. expert" };
	struct entry e[] = {
		{ .kind = ENTRY_ONELINE, .title = "Lang", .subtitle = "C",
		  .technologies = STRS("gcc", "make"), .fields = &f, .nfields = 1,
		  .url = "https://x.example/" },
	};
	struct entry n[] = {
		{ .kind = ENTRY_NUMBERED, .title = "One", .technologies = STRS("Go") },
	};
	struct section s[] = {
		{ .title = "Skills", .entries = e, .nentries = 1 },
		{ .title = "List", .entries = n, .nentries = 1 },
	};
	struct resume r = { .sections = s, .nsections = 2 };
	char *m = md_of(&r);

	check_md(m);
	CHECK_STR(m, "## Skills\n\n- **Lang:** C\n  - **Technologies:** gcc, make\n"
	             "  - **Level:** 1. expert\n  - [x.example](https://x.example/)\n\n"
	             "## List\n\n1. One\n   - **Technologies:** Go\n");
	free(m);
}

int main(void)
{
	test_text();
	test_text_hostile();
	test_text_errors();
	test_md_structure();
	test_md_escaping();
	test_md_header_and_urls();
	test_md_nested_tail();
	utf8_cleanup();         /* a clean exit for leak checkers */
	T_DONE();
}
