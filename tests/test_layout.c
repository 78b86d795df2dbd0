/*
 * layout.c: the look of every entry kind, wrapping (hanging indents,
 * right-aligned dates and their narrow fallback, wide and combining
 * characters at the edge, words longer than the line), folds, the filter,
 * the gutter, ASCII mode, and invariants checked on every line of every
 * layout built here.
 */
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "layout.h"
#include "layout_fixture.h"
#include "t.h"
#include "utf8.h"

/* --- invariants ------------------------------------------------------ */

static void check_line(const struct layout *l, size_t i)
{
	const struct line *ln = &l->lines[i];
	uint32_t end = 0;

	CHECK(ln->width <= (uint32_t)l->width);
	CHECK_INT(ln->width, str_width(ln->text, ln->len));
	CHECK_INT(strlen(ln->text), ln->len);
	CHECK(text_is_safe(ln->text, ln->len));
	CHECK(!memchr(ln->text, '\n', ln->len));
	CHECK(ln->len == 0 || ln->text[ln->len - 1] != ' ');
	CHECK((ln->kind == LINE_BLANK) == (ln->len == 0));
	CHECK(ln->kind <= LINE_ENTRY_BODY);
	for (uint32_t k = 0; k < ln->nspans; k++) {
		const struct span *sp = &ln->spans[k];
		CHECK(sp->start >= end);                /* sorted, disjoint */
		CHECK(sp->len > 0);
		CHECK(sp->start + sp->len <= ln->len);
		CHECK(sp->style < ST_COUNT_);
		CHECK(sp->style != ST_BODY || sp->flags != 0);
		/* spans start and end on character boundaries */
		CHECK(((unsigned char)ln->text[sp->start] & 0xC0) != 0x80);
		CHECK(sp->start + sp->len == ln->len ||
		      ((unsigned char)ln->text[sp->start + sp->len] & 0xC0) != 0x80);
		end = sp->start + sp->len;
	}
	if (ln->section < 0)
		CHECK(ln->entry < 0);
	if (i > 0) {
		const struct line *p = &l->lines[i - 1];
		CHECK(p->section < ln->section ||
		      (p->section == ln->section && p->entry <= ln->entry));
		CHECK(!(p->kind == LINE_BLANK && ln->kind == LINE_BLANK));
	}
}

static int violations_before;

static void check_layout(const struct layout *l)
{
	violations_before = t_failures;
	CHECK(l->width >= LAYOUT_MIN_WIDTH && l->width <= LAYOUT_MAX_WIDTH);
	for (size_t i = 0; i < l->n; i++) {
		check_line(l, i);
		if (t_failures != violations_before) {
			fprintf(stderr, "  at line %zu of width %d: \"%s\"\n", i, l->width,
			        l->lines[i].text);
			return;
		}
	}
	if (l->n) {
		CHECK(l->lines[0].kind != LINE_BLANK);
		CHECK(l->lines[l->n - 1].kind != LINE_BLANK);
	}
}

static struct layout L = LAYOUT_INIT;

static void build(const struct resume *r, struct layout_opts o)
{
	layout_build(&L, r, &o);
	check_layout(&L);
}

static struct layout_opts full(int width)
{
	return (struct layout_opts){ .width = width, .section = -1, .header = true,
	                             .headings = true };
}

/* The layout as text, lines joined with '\n'; freed at the end of main. */
static char *text_buf;

static const char *text(void)
{
	char *buf = text_buf;
	static size_t cap;
	size_t need = 1, o = 0;

	for (size_t i = 0; i < L.n; i++)
		need += L.lines[i].len + 1;
	if (need > cap) {
		cap = need;
		buf = text_buf = realloc(buf, cap);
	}
	for (size_t i = 0; i < L.n; i++) {
		memcpy(buf + o, L.lines[i].text, L.lines[i].len);
		o += L.lines[i].len;
		buf[o++] = '\n';
	}
	buf[o] = '\0';
	return buf;
}

static long find(const char *needle)
{
	for (size_t i = 0; i < L.n; i++)
		if (strstr(L.lines[i].text, needle))
			return (long)i;
	return -1;
}

/* The style of the span covering byte `at` of line i (ST_BODY in gaps). */
static int style_at(long i, const char *needle, unsigned *flags)
{
	const struct line *ln = &L.lines[i];
	const char *p = strstr(ln->text, needle);
	uint32_t at = (uint32_t)(p - ln->text);

	*flags = 0;
	for (uint32_t k = 0; k < ln->nspans; k++)
		if (at >= ln->spans[k].start && at < ln->spans[k].start + ln->spans[k].len) {
			*flags = ln->spans[k].flags;
			return ln->spans[k].style;
		}
	return ST_BODY;
}

/* A one-section résumé around the given entries. */
static struct resume one(struct section *s, struct entry *e, size_t n, const char *title)
{
	*s = (struct section){ .title = title, .entries = e, .nentries = n,
	                       .kind = e[0].kind };
	return (struct resume){ .format = FORMAT_RENDERCV, .sections = s, .nsections = 1 };
}

/* --- the look -------------------------------------------------------- */

static void test_experience_exact(void)
{
	struct entry e[] = {{
		.kind = ENTRY_EXPERIENCE, .title = "Netflix", .subtitle = "Software Engineer",
		.dates = "Mar 2024 – present", .location = "Los Gatos, CA",
		.summary = "Building ML training infrastructure.",
		.highlights = STRS("Tech lead for re-designing our training infrastructure for ranking models"),
		.technologies = STRS("Java", "Scala", "Python"),
	}};
	struct section s;
	struct resume r = one(&s, e, 1, "Experience");

	build(&r, full(60));
	CHECK_STR(text(),
		"Experience\n"
		"────────────────────────────────────────────────────────────\n"
		"Netflix                                   Mar 2024 – present\n"
		"Software Engineer                              Los Gatos, CA\n"
		"Building ML training infrastructure.\n"
		"• Tech lead for re-designing our training infrastructure for\n"
		"  ranking models\n"
		"Technologies: Java, Scala, Python\n");
	CHECK_INT(L.lines[0].kind, LINE_SECTION);
	CHECK_INT(L.lines[1].kind, LINE_RULE);
	CHECK_INT(L.lines[2].kind, LINE_ENTRY_HEAD);
	for (size_t i = 3; i < L.n; i++)
		CHECK_INT(L.lines[i].kind, LINE_ENTRY_BODY);
	CHECK_INT(L.lines[2].width, 60);

	unsigned f;
	CHECK_INT(style_at(0, "Experience", &f), ST_SECTION);
	CHECK_INT(style_at(1, "─", &f), ST_RULE);
	CHECK_INT(style_at(2, "Netflix", &f), ST_TITLE);
	CHECK_INT(style_at(2, "Mar 2024", &f), ST_DATE);
	CHECK_INT(style_at(2, "   ", &f), ST_BODY);
	CHECK_INT(style_at(3, "Software", &f), ST_SUBTITLE);
	CHECK_INT(style_at(3, "Los Gatos", &f), ST_LOCATION);
	CHECK_INT(style_at(5, "•", &f), ST_BULLET);
	CHECK_INT(style_at(7, "Technologies:", &f), ST_LABEL);
	CHECK_INT(style_at(7, "Scala", &f), ST_TECH);

	/* too narrow for dates beside the title: they get a line of their own */
	build(&r, full(26));
	CHECK_STR(text(),
		"Experience\n"
		"──────────────────────────\n"
		"Netflix\n"
		"Mar 2024 – present\n"
		"Software Engineer\n"
		"Los Gatos, CA\n"
		"Building ML training\n"
		"infrastructure.\n"
		"• Tech lead for re-\n"
		"  designing our training\n"
		"  infrastructure for\n"
		"  ranking models\n"
		"Technologies: Java, Scala,\n"
		"  Python\n");
	CHECK_INT(style_at(3, "Mar", &f), ST_DATE);
}

static void test_columns(void)
{
	/* a long title wraps in a column beside its date */
	build(&fx_resume, full(80));
	long i = find("Sparse Mixture-of-Experts");
	CHECK(i >= 0);
	CHECK_STR(L.lines[i].text,
	          "Sparse Mixture-of-Experts at Scale: Efficient Routing for Trillion-    July 2023");
	CHECK_STR(L.lines[i + 1].text, "Parameter Models");     /* hyphens break */
	CHECK_INT(L.lines[i].kind, LINE_ENTRY_HEAD);
	CHECK_INT(L.lines[i + 1].kind, LINE_ENTRY_BODY);
	/* authors with the owner marked by the file: markers gone, bold */
	CHECK_STR(L.lines[i + 2].text, "John Doe, Sarah Williams, David Park");
	unsigned f;
	CHECK_INT(style_at(i + 2, "John Doe", &f), ST_OWNER);
	CHECK(f & SPAN_BOLD);
	CHECK_INT(style_at(i + 2, "Sarah", &f), ST_AUTHOR);
	CHECK_STR(L.lines[i + 3].text, "NeurIPS 2023");
	CHECK_INT(style_at(i + 3, "NeurIPS", &f), ST_VENUE);
	CHECK_STR(L.lines[i + 4].text, "https://doi.org/10.1234/neurips.2023.1234");
	CHECK_INT(style_at(i + 4, "https", &f), ST_URL);
	CHECK(f & SPAN_LINK);
}

static void test_kinds(void)
{
	unsigned f;

	build(&fx_resume, full(80));
	/* header */
	CHECK_STR(L.lines[0].text, "John Doe");
	CHECK_INT(L.lines[0].kind, LINE_HEADER);
	CHECK_INT(L.lines[0].section, -1);
	CHECK_INT(style_at(0, "John", &f), ST_NAME);
	CHECK_STR(L.lines[1].text, "Machine learning researcher");
	CHECK_INT(style_at(1, "Machine", &f), ST_HEADLINE);
	CHECK_STR(L.lines[2].text,
	          "San Francisco, CA · john.doe@email.com · rendercv.com · LinkedIn: rendercv");
	CHECK_STR(L.lines[3].text, "GitHub: rendercv");
	CHECK_INT(style_at(2, "rendercv.com", &f), ST_CONTACT);
	CHECK(f & SPAN_LINK);
	CHECK_INT(L.lines[4].kind, LINE_BLANK);
	/* text entries, with markup and a link followed by its address */
	long i = find("Markdown syntax");
	CHECK_STR(L.lines[i].text,
	          "Markdown syntax is supported everywhere. This is bold, italic, and link");
	CHECK_STR(L.lines[i + 1].text, "(example.com).");
	CHECK_INT(style_at(i, "bold", &f), ST_BODY);
	CHECK_INT(f, SPAN_BOLD);
	style_at(i, "italic", &f);
	CHECK_INT(f, SPAN_ITALIC);
	style_at(i, "link", &f);
	CHECK_INT(f, SPAN_LINK);
	CHECK_INT(style_at(i + 1, "example", &f), ST_URL);
	CHECK_INT(L.lines[i - 1].kind, LINE_BLANK);        /* between text entries */
	/* education: degree in area */
	i = find("PhD in Computer Science");
	CHECK(i >= 0);
	CHECK_INT(L.lines[i].width, 80);
	CHECK(find("GPA: 3.97/4.00") >= 0);
	/* normal entry: a link in the title */
	CHECK(find("FlashInfer (github.com)") >= 0);
	/* nested highlights one level deeper, RenderCV's " - " */
	i = find("Published research");
	CHECK_STR(L.lines[i].text, "• Published research at top-tier venues with significant academic impact");
	CHECK_STR(L.lines[i + 1].text, "  ◦ ICML 2022 main conference paper, cited 340+ times within two years");
	CHECK_STR(L.lines[i + 2].text, "  ◦ NeurIPS 2022 workshop paper on emergent communication protocols");
	/* bullets, one-line, numbered, reversed: no blank lines in between */
	i = find("MIT Technology Review");
	CHECK_STR(L.lines[i].text, "• MIT Technology Review 35 Under 35 Innovators (2024)");
	CHECK_STR(L.lines[i + 1].text, "• Google PhD Fellowship in Machine Learning (2020 – 2023)");
	i = find("Languages:");
	CHECK_STR(L.lines[i].text, "Languages: Python, C++, CUDA, Rust, Julia");
	CHECK_INT(style_at(i, "Languages", &f), ST_LABEL);
	CHECK_STR(L.lines[i + 1].text,
	          "Research Areas: Neural architecture search, model compression, efficient");
	CHECK_STR(L.lines[i + 2].text, "                inference, multi-agent RL");
	i = find("Adaptive Quantization");
	CHECK_STR(L.lines[i].text,
	          "1. Adaptive Quantization for Neural Network Inference on Edge Devices (US Patent");
	CHECK_STR(L.lines[i + 1].text, "   11,234,567)");
	CHECK_INT(style_at(i, "1.", &f), ST_BULLET);
	CHECK(!strncmp(L.lines[i + 2].text, "2. Dynamic", 10));
	i = find("Scaling Laws");
	CHECK(!strncmp(L.lines[i].text, "3. Scaling Laws", 15));
	CHECK(!strncmp(L.lines[i + 1].text, "2. Building", 11));
	CHECK(!strncmp(L.lines[i + 2].text, "1. From Research", 16));
	CHECK_INT((long)L.n - 1, i + 2);                   /* nothing after the last */
	/* blank line before each heading, none after the rule */
	for (size_t k = 1; k < L.n; k++) {
		if (L.lines[k].kind == LINE_SECTION)
			CHECK_INT(L.lines[k - 1].kind, LINE_BLANK);
		if (L.lines[k - 1].kind == LINE_RULE)
			CHECK_INT(L.lines[k].kind, LINE_ENTRY_HEAD);
	}
}

static void test_numbers_align(void)
{
	struct entry e[12];
	struct section s;

	for (size_t i = 0; i < 12; i++)
		e[i] = (struct entry){ .kind = ENTRY_REVERSED, .title = "A talk" };
	struct resume r = one(&s, e, 12, "Talks");
	build(&r, full(40));
	CHECK_STR(L.lines[2].text, "12. A talk");
	CHECK_STR(L.lines[13].text, " 1. A talk");
	e[0].title = "A talk with a title long enough to wrap onto a second line";
	build(&r, full(40));
	CHECK_STR(L.lines[2].text, "12. A talk with a title long enough to");
	CHECK_STR(L.lines[3].text, "    wrap onto a second line");
}

static void test_compact(void)
{
	struct field lvl[] = {{ .label = "Level", .value = "Master" }};
	struct entry e[] = {
		{ .kind = ENTRY_ONELINE, .title = "Web", .subtitle = "HTML, CSS" },
		{ .kind = ENTRY_ONELINE, .title = "C", .subtitle = "C11", .fields = lvl, .nfields = 1 },
		{ .kind = ENTRY_ONELINE, .title = "Go", .subtitle = "1.22" },
		{ .kind = ENTRY_ONELINE, .title = "Rust", .subtitle = "2021" },
		{ .kind = ENTRY_ONELINE, .subtitle = "details alone" },
		{ .kind = ENTRY_ONELINE, .title = "label alone" },
	};
	struct section s;
	struct resume r = one(&s, e, 6, "Skills");

	/* one-line entries are tight, unless one carries lines below it */
	build(&r, full(40));
	CHECK_STR(text(),
		"Skills\n"
		"────────────────────────────────────────\n"
		"Web: HTML, CSS\n"
		"\n"
		"C: C11\n"
		"Level: Master\n"
		"\n"
		"Go: 1.22\n"
		"Rust: 2021\n"
		"details alone\n"
		"label alone\n");
	unsigned f;
	CHECK_INT(style_at(10, "label", &f), ST_LABEL);
	CHECK_INT(style_at(9, "details", &f), ST_BODY);
}

/* --- wrapping -------------------------------------------------------- */

static void test_every_width(void)
{
	static const bool flags[][4] = {
		{ true, true, false, false }, { true, true, true, false },
		{ true, true, false, true }, { false, false, true, true },
	};

	for (size_t v = 0; v < sizeof flags / sizeof flags[0]; v++) {
		for (int w = 20; w <= 130; w++) {
			build(&fx_resume, (struct layout_opts){ .width = w, .section = -1,
				.header = flags[v][0], .headings = flags[v][1],
				.gutter = flags[v][2], .ascii = flags[v][3] });
			CHECK_INT(L.width, w);
			if (t_failures)
				return;
		}
		build(&fx_resume, (struct layout_opts){ .width = 1000, .section = -1,
			.header = flags[v][0], .headings = flags[v][1],
			.gutter = flags[v][2], .ascii = flags[v][3] });
	}
	/* at 1000 columns every paragraph is one line */
	build(&fx_resume, full(1000));
	CHECK_INT(L.width, 1000);
	long i = find("Research Areas");
	CHECK(strstr(L.lines[i].text, "multi-agent RL") != NULL);
	CHECK_INT(L.lines[find("─")].width, 1000);
	/* clamped widths */
	build(&fx_resume, full(3));
	CHECK_INT(L.width, LAYOUT_MIN_WIDTH);
	build(&fx_resume, full(100000));
	CHECK_INT(L.width, LAYOUT_MAX_WIDTH);
}

static void test_wide_and_combining(void)
{
	/* 中文 and e+U+0301 at every width: wide characters never straddle
	 * the edge, combining marks never start a line */
	char wide[400], comb[400];
	size_t o = 0;
	for (int i = 0; i < 40; i++) {
		memcpy(wide + o, i % 7 == 6 ? " " : "\xE4\xB8\xAD", i % 7 == 6 ? 1 : 3);
		o += i % 7 == 6 ? 1 : 3;
	}
	wide[o] = '\0';
	o = 0;
	for (int i = 0; i < 60; i++) {
		memcpy(comb + o, "e\xCC\x81", 3);
		o += 3;
	}
	comb[o] = '\0';
	struct entry e[] = {
		{ .kind = ENTRY_TEXT, .title = wide },
		{ .kind = ENTRY_TEXT, .title = comb },
		{ .kind = ENTRY_BULLET, .title = wide },
	};
	struct section s;
	struct resume r = one(&s, e, 3, "\xE4\xB8\xAD\xE6\x96\x87");

	for (int w = 20; w <= 60; w++) {
		build(&r, (struct layout_opts){ .width = w, .section = -1, .headings = true,
		                                .gutter = w % 2 });
		for (size_t i = 0; i < L.n; i++) {
			const struct line *ln = &L.lines[i];
			uint32_t cp;
			size_t start = (size_t)(w % 2) * 2;
			while (start < ln->len && ln->text[start] == ' ')
				start++;
			if (start < ln->len) {
				utf8_decode(ln->text + start, ln->len - start, &cp);
				CHECK(cp != 0x0301);
			}
		}
		/* runs of six wide characters: a line holds whole ones */
		long i = find("\xE4\xB8\xAD");
		CHECK(i >= 0);
	}
	/* combining marks are kept with their letter, none lost */
	build(&r, full(20));
	size_t marks = 0;
	for (size_t i = 0; i < L.n; i++)
		for (const char *p = L.lines[i].text; (p = strstr(p, "\xCC\x81")); p++)
			marks++;
	CHECK_INT(marks, 60);
	long at = find("e\xCC\x81");
	CHECK(at >= 0);
	if (at >= 0)
		CHECK_INT(L.lines[at].width, 20);
}

static double seconds(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static void test_long_word(void)
{
	size_t n = 1 << 20;
	char *word = malloc(n + 1);
	for (size_t i = 0; i < n; i++)
		word[i] = (char)('a' + i % 26);
	word[n] = '\0';
	struct entry e[] = {{ .kind = ENTRY_BULLET, .title = word }};
	struct section s;
	struct resume r = one(&s, e, 1, "Words");

	double t0 = seconds();
	build(&r, full(80));
	double dt = seconds() - t0;
	CHECK(dt < T_HANG_SECS);
	/* every piece fills the line; together they are the word */
	size_t total = 0;
	CHECK(!strncmp(L.lines[2].text, "• ", strlen("• ")));
	for (size_t i = 2; i < L.n && total <= n; i++) {
		size_t skip = i == 2 ? strlen("• ") : 2;
		const char *t = L.lines[i].text + skip;
		size_t len = L.lines[i].len - skip;
		if ((i + 1 < L.n && L.lines[i].width != 80) || memcmp(t, word + total, len)) {
			CHECK(!"the pieces are the word, each as wide as the line");
			break;
		}
		total += len;
	}
	CHECK_INT(total, n);
	free(word);
}

static void test_hostile_model(void)
{
	/* the model is sanitised at load; layout still refuses to pass on
	 * anything unsafe that reaches it */
	struct entry e[] = {{
		.kind = ENTRY_EXPERIENCE, .title = "Evil\x1B[2J Corp\xC2\x9B",
		.subtitle = "a\rb\tc", .dates = "\xE2\x80\xAE" "2024",
		.highlights = STRS("\x07\x1B]0;pwned\x07"),
	}};
	struct section s;
	struct resume r = one(&s, e, 1, "X\x1B" "Y");
	build(&r, full(40));
	for (size_t i = 0; i < L.n; i++)
		CHECK(!memchr(L.lines[i].text, 0x1B, L.lines[i].len));
}

/* --- folds, filter, gutter, ascii ------------------------------------ */

struct hooks_state {
	int fold_sec;           /* section folded, -1 none */
	int fold_ent_sec, fold_ent;
	bool fold_all_entries;
	int hide_sec;           /* entries of this section hidden, -1 none */
	int hide_ent;           /* one entry hidden (in hide_sec), or -1: all */
};

static bool h_entry_folded(void *ctx, size_t sec, size_t ent)
{
	struct hooks_state *h = ctx;
	return h->fold_all_entries || ((int)sec == h->fold_ent_sec && (int)ent == h->fold_ent);
}

static bool h_section_folded(void *ctx, size_t sec)
{
	struct hooks_state *h = ctx;
	return (int)sec == h->fold_sec;
}

static bool h_entry_shown(void *ctx, size_t sec, size_t ent)
{
	struct hooks_state *h = ctx;
	return !((int)sec == h->hide_sec && (h->hide_ent < 0 || (int)ent == h->hide_ent));
}

static const struct layout_hooks hooks = {
	.entry_folded = h_entry_folded,
	.section_folded = h_section_folded,
	.entry_shown = h_entry_shown,
};

static struct layout_opts viewer(int width, struct hooks_state *h)
{
	return (struct layout_opts){ .width = width, .section = -1, .header = true,
		.headings = true, .gutter = true, .hooks = &hooks, .ctx = h };
}

static void test_gutter(void)
{
	struct hooks_state h = { .fold_sec = -1, .fold_ent_sec = -1, .hide_sec = -1 };

	build(&fx_resume, viewer(80, &h));
	CHECK_STR(L.lines[0].text, "  John Doe");
	long i = find("Nexus AI");
	CHECK(!strncmp(L.lines[i].text, "▾ Nexus AI", strlen("▾ Nexus AI")));
	CHECK_INT(L.lines[i].kind, LINE_ENTRY_HEAD);
	CHECK_INT(L.lines[i].width, 80);
	unsigned f;
	CHECK_INT(style_at(i, "▾", &f), ST_FOLD);
	CHECK(!strncmp(L.lines[i + 1].text, "  Co-Founder", 12));
	i = find("Experience");
	CHECK_STR(L.lines[i].text, "▾ Experience");
	CHECK_INT(L.lines[i + 1].width, 80);
	CHECK(!strncmp(L.lines[i + 1].text, "  ─", 5));
	/* every non-blank line starts with two columns of gutter */
	for (size_t k = 0; k < L.n; k++) {
		const char *t = L.lines[k].text;
		if (L.lines[k].len)
			CHECK(!strncmp(t, "  ", 2) || !strncmp(t, "▾ ", strlen("▾ ")));
	}
	/* An entry of one line has nothing to fold and no marker; one that
	 * wraps has, at that width only. */
	i = find("MIT Technology Review");
	CHECK(!strncmp(L.lines[i].text, "  • MIT", strlen("  • MIT")));
	CHECK(!layout_entry_folds(&fx_resume, FX_HONORS, 0, 80, false));
	i = find("Research Areas");
	CHECK(!strncmp(L.lines[i].text, "▾ Research Areas", strlen("▾ Research Areas")));
	CHECK(layout_entry_folds(&fx_resume, FX_SKILLS, 1, 80, false));
	CHECK(!layout_entry_folds(&fx_resume, FX_SKILLS, 1, 200, false));
	CHECK(layout_entry_folds(&fx_resume, FX_EXPERIENCE, 0, 200, false));
	CHECK(!layout_entry_folds(&fx_resume, FX_NSECTIONS, 0, 80, false));
	build(&fx_resume, viewer(200, &h));
	i = find("Research Areas");
	CHECK(!strncmp(L.lines[i].text, "  Research Areas", strlen("  Research Areas")));
	/* every entry's head has a marker exactly when the entry folds */
	for (size_t si = 0; si < fx_resume.nsections; si++)
		for (size_t ei = 0; ei < fx_resume.sections[si].nentries; ei++) {
			long k = layout_find_entry(&L, (int)si, (int)ei);
			bool marked = k >= 0 && !strncmp(L.lines[k].text, "▾", strlen("▾"));
			CHECK(k >= 0 && marked == layout_entry_folds(&fx_resume, si, ei, 200, false));
		}
}

static void test_folds(void)
{
	struct hooks_state h = { .fold_sec = FX_EXPERIENCE, .fold_ent_sec = FX_EDUCATION,
	                         .fold_ent = 0, .hide_sec = -1 };

	build(&fx_resume, viewer(80, &h));
	/* a folded section is its heading with a count */
	long i = find("Experience");
	CHECK_STR(L.lines[i].text, "▸ Experience (2 entries)");
	CHECK_INT(L.lines[i].kind, LINE_SECTION);
	unsigned f;
	CHECK_INT(style_at(i, "(2", &f), ST_FOLD);
	CHECK_INT(L.lines[i + 1].kind, LINE_BLANK);
	CHECK_INT(find("Nexus"), -1);
	CHECK_INT(layout_find_entry(&L, FX_EXPERIENCE, 0), -1);
	/* a folded entry is its head line only */
	i = find("Princeton University");
	CHECK(!strncmp(L.lines[i].text, "▸ Princeton University", strlen("▸ Princeton University")));
	CHECK_INT(L.lines[i].kind, LINE_ENTRY_HEAD);
	CHECK_INT(L.lines[i + 1].kind, LINE_BLANK);
	CHECK(!strncmp(L.lines[i + 2].text, "▾ Boğaziçi", strlen("▾ Boğaziçi")));
	CHECK_INT(find("Thesis"), -1);

	/* everything folded: an outline, entries without blank lines */
	h = (struct hooks_state){ .fold_sec = -1, .fold_ent_sec = -1, .hide_sec = -1,
	                          .fold_all_entries = true };
	build(&fx_resume, viewer(80, &h));
	i = find("Education");
	CHECK(!strncmp(L.lines[i + 2].text, "▸ Princeton", strlen("▸ Princeton")));
	CHECK(!strncmp(L.lines[i + 3].text, "▸ Boğaziçi", strlen("▸ Boğaziçi")));
	for (size_t k = 0; k < L.n; k++)
		CHECK(L.lines[k].kind != LINE_ENTRY_BODY);
	/* one line per entry, each found where it is */
	for (size_t si = 0; si < fx_resume.nsections; si++)
		for (size_t ei = 0; ei < fx_resume.sections[si].nentries; ei++) {
			long at = layout_find_entry(&L, (int)si, (int)ei);
			CHECK(at >= 0);
			if (at < 0)
				continue;
			CHECK_INT(L.lines[at].kind, LINE_ENTRY_HEAD);
			CHECK_INT(L.lines[at].section, si);
			CHECK_INT(L.lines[at].entry, ei);
		}
}

static void test_filter(void)
{
	struct hooks_state h = { .fold_sec = -1, .fold_ent_sec = -1,
	                         .hide_sec = FX_EXPERIENCE, .hide_ent = 0 };

	build(&fx_resume, viewer(80, &h));
	CHECK_INT(find("Nexus"), -1);
	CHECK(find("Google DeepMind") >= 0);
	CHECK_INT(layout_find_entry(&L, FX_EXPERIENCE, 0), -1);
	CHECK(layout_find_entry(&L, FX_EXPERIENCE, 1) >= 0);
	/* a section with no entry shown is left out, heading and all */
	h.hide_ent = -1;
	build(&fx_resume, viewer(80, &h));
	CHECK_INT(find("Experience"), -1);
	CHECK_INT(find("Google DeepMind"), -1);
	/* the folded count counts shown entries only */
	h = (struct hooks_state){ .fold_sec = FX_EXPERIENCE, .fold_ent_sec = -1,
	                          .hide_sec = FX_EXPERIENCE, .hide_ent = 1 };
	build(&fx_resume, viewer(80, &h));
	CHECK(find("▸ Experience (1 entry)") >= 0);
}

static void test_find_entry(void)
{
	build(&fx_resume, full(80));
	for (size_t si = 0; si < fx_resume.nsections; si++)
		for (size_t ei = 0; ei < fx_resume.sections[si].nentries; ei++) {
			long at = layout_find_entry(&L, (int)si, (int)ei);
			CHECK(at > 0);
			if (at <= 0)
				continue;
			CHECK_INT(L.lines[at].kind, LINE_ENTRY_HEAD);
			CHECK_INT(L.lines[at].section, si);
			CHECK_INT(L.lines[at].entry, ei);
			/* the line before is not part of the same entry */
			CHECK(L.lines[at - 1].section != (int32_t)si ||
			      L.lines[at - 1].entry != (int32_t)ei);
		}
	CHECK_INT(layout_find_entry(&L, 99, 0), -1);
	CHECK_INT(layout_find_entry(&L, 0, 99), -1);
	CHECK_INT(layout_find_entry(&L, -1, -1), 0);       /* the header */
	/* one section alone, without headings */
	build(&fx_resume, (struct layout_opts){ .width = 80, .section = FX_SKILLS });
	CHECK_STR(L.lines[0].text, "Languages: Python, C++, CUDA, Rust, Julia");
	CHECK_INT(layout_find_entry(&L, FX_SKILLS, 1), 1);
	CHECK_INT(layout_find_entry(&L, FX_EXPERIENCE, 0), -1);
	build(&fx_resume, (struct layout_opts){ .width = 80, .section = 99 });
	CHECK_INT(L.n, 0);
}

static void test_ascii(void)
{
	struct hooks_state h = { .fold_sec = FX_PROJECTS, .fold_ent_sec = FX_EXPERIENCE,
	                         .fold_ent = 1, .hide_sec = -1 };
	struct layout_opts o = viewer(80, &h);

	o.ascii = true;
	build(&fx_resume, o);
	for (size_t i = 0; i < L.n; i++)
		for (size_t k = 0; k < L.lines[i].len; k++)
			CHECK((unsigned char)L.lines[i].text[k] < 0x80);
	CHECK(find("  John Doe") == 0);
	CHECK(find("San Francisco, CA | john.doe@email.com") >= 0);
	CHECK(find("  --------") >= 0);
	CHECK(find("- Experience") >= 0);
	CHECK(find("+ Projects (1 entry)") >= 0);
	CHECK(find("+ Google DeepMind") >= 0);
	CHECK(find("  * Built foundation") >= 0);
	CHECK(find("Bogazici University") >= 0);
	CHECK(find("Sept 2014 - June 2018") >= 0);
	CHECK(find("Istanbul, Turkiye") >= 0);
	CHECK(find("Stanford HAI") >= 0);
	CHECK(strstr(L.lines[find("Stanford HAI")].text, "Inference - Stanford") != NULL);
	/* widths count the transliteration, not the original */
	long i = find("Bogazici");
	CHECK_INT(L.lines[i].width, 80);
}

/* --- size ------------------------------------------------------------ */

static void test_big(void)
{
	size_t n = 100000;
	struct entry *e = calloc(n, sizeof *e);
	struct strlist hl = STRS("Did a thing that was significant and measurable, with a long description that wraps",
	                         "Another **thing** with [a link](https://example.com)");
	struct strlist tech = STRS("C", "Python");

	for (size_t i = 0; i < n; i++)
		e[i] = (struct entry){
			.kind = ENTRY_EXPERIENCE, .title = "Company Name Incorporated",
			.subtitle = "Senior Software Engineer", .dates = "Jan 2020 – present",
			.location = "Somewhere, Earth", .highlights = hl, .technologies = tech,
		};
	struct section s;
	struct resume r = one(&s, e, n, "Experience");

	/* Only the result is checked here: speed is measured by
	 * tests/bench/run against a baseline, never by a timed test. */
	struct layout_opts o = full(80);
	layout_build(&L, &r, &o);
	CHECK(L.n > 7 * n);
	CHECK_INT(layout_find_entry(&L, 0, 99999), (long)L.n - 6);
	/* and again into the same layout, which reuses it */
	layout_build(&L, &r, &o);
	CHECK(L.n > 7 * n);
	free(e);
}

int main(void)
{
	test_experience_exact();
	test_columns();
	test_kinds();
	test_numbers_align();
	test_compact();
	test_every_width();
	test_wide_and_combining();
	test_long_word();
	test_hostile_model();
	test_gutter();
	test_folds();
	test_filter();
	test_find_entry();
	test_ascii();
	test_big();
	layout_free(&L);
	layout_free(&L);
	free(text_buf);
	utf8_cleanup();         /* a clean exit for leak checkers */
	T_DONE();
}
