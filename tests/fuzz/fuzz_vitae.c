/*
 * The fuzz target: bytes -> load_buffer -> layout at several widths ->
 * the text and Markdown printers -> the viewer's search, filter and keys
 * (src/tui without curses, as tests/test_view.c drives them).
 *
 * Crashes and sanitizer reports are not all it looks for: every property
 * the headers promise and the security rules demand is checked, and a
 * violation aborts, so the fuzzer reports it like a crash:
 *   - output (text, Markdown, diagnostics, layout lines, status messages)
 *     is valid UTF-8 with no C0 control but '\n', no DEL, no C1 control,
 *     no bidi or zero-width format character; --ascii output is ASCII;
 *   - layout lines: no '\n' or NUL, no trailing space, width as measured
 *     and within the layout width, spans sorted, disjoint, inside the
 *     text and on character boundaries, (section, entry) never decreasing;
 *   - text output no wider than the width asked for;
 *   - Markdown: no line ends in a space, no two blank lines in a row, no
 *     block (quote, code, HTML, rule, list, heading) opened by the file;
 *   - search matches lie inside their line and are the pattern;
 *   - writing to a full disk is reported.
 *
 * The file's comments steer the viewer, since the YAML parser ignores
 * them: a line "#/PATTERN" searches, "#&PATTERN" filters, "#>KEYS"
 * types keys (script_key() says how).
 *
 * Built twice (meson.build): with -Dfuzz=true as a libFuzzer binary under
 * ASan and UBSan; always as a replay driver (FUZZ_REPLAY) whose main()
 * runs each file, or each file in each directory, given.
 */
#include <dirent.h>
#include <locale.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "diag.h"
#include "layout.h"
#include "load.h"
#include "print.h"
#include "utf8.h"
#include "tui/keys.h"
#include "tui/links.h"
#include "tui/match.h"
#include "tui/view.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerInitialize(int *argc, char ***argv);

/* Say which property broke, then abort: the fuzzer keeps the input. */
#define REQUIRE(cond, what) do { \
	if (!(cond)) { \
		fprintf(stderr, "fuzz_vitae: %s:%d: %s: %s\n", __FILE__, __LINE__, \
		        (what), #cond); \
		abort(); \
	} \
} while (0)

/* --- checking text -------------------------------------------------------- */

/* A strict UTF-8 decoder of its own, so that a bug in utf8.c cannot hide
 * itself. Returns the length of the sequence at s, or 0 if it is invalid. */
static size_t strict_decode(const unsigned char *s, size_t len, uint32_t *cp)
{
	size_t n;
	uint32_t c, min;

	if (s[0] < 0x80) {
		*cp = s[0];
		return 1;
	}
	if ((s[0] & 0xE0) == 0xC0) {
		n = 2, c = s[0] & 0x1F, min = 0x80;
	} else if ((s[0] & 0xF0) == 0xE0) {
		n = 3, c = s[0] & 0x0F, min = 0x800;
	} else if ((s[0] & 0xF8) == 0xF0) {
		n = 4, c = s[0] & 0x07, min = 0x10000;
	} else {
		return 0;
	}
	if (len < n)
		return 0;
	for (size_t i = 1; i < n; i++) {
		if ((s[i] & 0xC0) != 0x80)
			return 0;
		c = c << 6 | (s[i] & 0x3F);
	}
	if (c < min || c > 0x10FFFF || (c >= 0xD800 && c <= 0xDFFF))
		return 0;
	*cp = c;
	return n;
}

/* What the sanitiser removes or replaces (utf8.h): format characters
 * that reorder or hide text, line and paragraph separators. Written out
 * here on purpose rather than taken from utf8.c: an oracle that shared
 * the classifier would agree with its mistakes. */
static bool invisible(uint32_t c)
{
	return (c >= 0x200B && c <= 0x200F) || (c >= 0x202A && c <= 0x202E) ||
	       (c >= 0x2060 && c <= 0x2069) || c == 0xFEFF || c == 0x061C ||
	       c == 0x2028 || c == 0x2029 || (c >= 0xE0000 && c <= 0xE007F) ||
	       c == 0x180E || (c >= 0xFFF9 && c <= 0xFFFB) || c == 0x034F ||
	       c == 0x115F || c == 0x1160 || c == 0x3164 || c == 0xFFA0;
}

enum { ALLOW_NL = 1, ASCII_ONLY = 2 };

static void check_text(const char *text, size_t len, unsigned how, const char *what)
{
	const unsigned char *s = (const unsigned char *)text;

	for (size_t i = 0; i < len;) {
		uint32_t c;
		size_t n = strict_decode(s + i, len - i, &c);
		if (!n) {
			fprintf(stderr, "fuzz_vitae: %s: invalid UTF-8 at byte %zu\n", what, i);
			abort();
		}
		if (c < 0x20 && !(c == '\n' && (how & ALLOW_NL))) {
			fprintf(stderr, "fuzz_vitae: %s: control 0x%02x at byte %zu\n",
			        what, (unsigned)c, i);
			abort();
		}
		REQUIRE(c != 0x7F, what);
		REQUIRE(c < 0x80 || c > 0x9F, what);
		REQUIRE(!invisible(c), what);
		REQUIRE(c < 0x80 || !(how & ASCII_ONLY), what);
		i += n;
	}
}

/* --- layout ---------------------------------------------------------------- */

static void check_layout(const struct layout *l, const struct resume *r, bool ascii)
{
	int32_t psec = -1, pent = -1;

	REQUIRE(l->width >= LAYOUT_MIN_WIDTH && l->width <= LAYOUT_MAX_WIDTH, "layout width");
	for (size_t i = 0; i < l->n; i++) {
		const struct line *ln = &l->lines[i];

		check_text(ln->text, ln->len, ascii ? ASCII_ONLY : 0, "layout line");
		REQUIRE(memchr(ln->text, '\0', ln->len) == NULL, "layout line has NUL");
		REQUIRE(ln->text[ln->len] == '\0', "layout line not terminated");
		REQUIRE(ln->len == 0 || ln->text[ln->len - 1] != ' ', "trailing space");
		REQUIRE(ln->width == str_width(ln->text, ln->len), "line width");
		REQUIRE(ln->width <= (uint32_t)l->width, "line wider than the layout");
		REQUIRE(ln->kind <= LINE_ENTRY_BODY, "line kind");
		for (uint32_t k = 0; k < ln->nspans; k++) {
			const struct span *sp = &ln->spans[k];
			REQUIRE(sp->start <= ln->len && sp->len <= ln->len - sp->start,
			        "span outside its line");
			REQUIRE(sp->style < ST_COUNT_, "span style");
			REQUIRE(k == 0 || sp->start >= ln->spans[k - 1].start + ln->spans[k - 1].len,
			        "spans overlap or are out of order");
			/* The viewer draws spans one by one: a span boundary
			 * inside a character would draw half of it. */
			REQUIRE(sp->start == ln->len ||
			        ((unsigned char)ln->text[sp->start] & 0xC0) != 0x80,
			        "span starts inside a character");
			uint32_t end = sp->start + sp->len;
			REQUIRE(end == ln->len || ((unsigned char)ln->text[end] & 0xC0) != 0x80,
			        "span ends inside a character");
		}
		/* (section, entry) never decreases; indices point into r. */
		REQUIRE(ln->section > psec || (ln->section == psec && ln->entry >= pent),
		        "(section, entry) decreases");
		REQUIRE(ln->section < (int32_t)r->nsections, "section index");
		if (ln->section >= 0) {
			REQUIRE(ln->entry >= -1 &&
			        ln->entry < (int32_t)r->sections[ln->section].nentries,
			        "entry index");
		} else {
			REQUIRE(ln->section == -1 && ln->entry == -1, "header line indices");
		}
		if (i == 0 || ln->section != psec || ln->entry != pent)
			REQUIRE(layout_find_entry(l, ln->section, ln->entry) == (long)i,
			        "layout_find_entry");
		psec = ln->section;
		pent = ln->entry;
	}
}

/* --- printers -------------------------------------------------------------- */

static void check_text_output(const char *buf, size_t len, int width, bool ascii)
{
	check_text(buf, len, ALLOW_NL | (ascii ? ASCII_ONLY : 0), "text output");
	REQUIRE(len == 0 || buf[len - 1] == '\n', "text output ends mid-line");
	int w = width < LAYOUT_MIN_WIDTH ? LAYOUT_MIN_WIDTH :
	        width > LAYOUT_MAX_WIDTH ? LAYOUT_MAX_WIDTH : width;
	for (const char *p = buf, *end = buf + len; p < end;) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		size_t n = (size_t)(nl - p);
		REQUIRE(str_width(p, n) <= (size_t)w, "text line wider than --width");
		p = nl + 1;
	}
}

/* "***", "- - -", "___": a rule. */
static bool thematic(const char *t, size_t k)
{
	for (const char *c = "*-_"; *c; c++) {
		size_t n = 0;
		bool ok = true;
		for (size_t i = 0; i < k && ok; i++) {
			if (t[i] == *c)
				n++;
			else if (t[i] != ' ')
				ok = false;
		}
		if (ok && n >= 3)
			return true;
	}
	return false;
}

/* Digits then '.' or ')' then a space or the end: an ordered list item.
 * Returns the marker's length, or 0. */
static size_t ordered(const char *t, size_t k, const char *ends)
{
	size_t d = 0;

	while (d < k && t[d] >= '0' && t[d] <= '9')
		d++;
	if (d && d <= 9 && d < k && strchr(ends, t[d]) && (d + 1 == k || t[d + 1] == ' '))
		return d + 1;
	return 0;
}

/* Where a paragraph, a heading's or an item's text starts: text from the
 * file must not open a block of its own there. */
static void check_md_content(const char *t, size_t k, bool after_text)
{
	if (!k)
		return;
	REQUIRE(t[0] != ' ', "markdown: text starts with a space");
	REQUIRE(!thematic(t, k), "markdown: a rule of the file's own");
	REQUIRE(!strchr(">=|`~<#", t[0]), "markdown: a block of the file's own");
	REQUIRE(!strchr("-+*", t[0]) || (k > 1 && t[1] != ' '),
	        "markdown: a list of the file's own");
	REQUIRE(!ordered(t, k, ".)"), "markdown: an ordered list of the file's own");
}

/*
 * One line of Markdown. print_md.c writes headings, list items (nested
 * ones indented by their parent's marker) and one-line paragraphs, and
 * escapes the file's text so that it cannot open another block: a quote,
 * a code block, HTML, a rule, a setext heading, a list of its own.
 */
static void check_md_line(const char *s, size_t n, bool after_text)
{
	size_t ind = 0, m;

	if (!n)
		return;
	while (ind < n && s[ind] == ' ')
		ind++;
	const char *t = s + ind;
	size_t k = n - ind;

	REQUIRE(!thematic(t, k) && !(after_text && k == n && k && strspn(t, "=") == k),
	        "markdown: a rule or a setext heading");
	if (k >= 1 && t[0] == '-' && (k == 1 || t[1] == ' ')) {
		REQUIRE(ind <= 12, "markdown: nested too deep");
		check_md_content(t + 2 > s + n ? s + n : t + 2, k > 2 ? k - 2 : 0, false);
		return;
	}
	REQUIRE(ind == 0, "markdown: indented text");
	if ((m = ordered(t, k, "."))) {
		check_md_content(t + m + (m < k), k - m - (m < k), false);
		return;
	}
	if (t[0] == '#') {
		size_t h = strspn(t, "#");
		/* A heading holds inline text only: "### - x" is no list. */
		REQUIRE(h <= 3 && (h == k || t[h] == ' '), "markdown: a heading of the file's own");
		return;
	}
	check_md_content(t, k, after_text);
}

static void check_markdown(const char *buf, size_t len)
{
	check_text(buf, len, ALLOW_NL, "markdown output");
	for (size_t i = 0; i < len; i++) {
		if (buf[i] != '\n')
			continue;
		REQUIRE(i == 0 || buf[i - 1] != ' ', "markdown line ends in a space");
		REQUIRE(i < 2 || buf[i - 1] != '\n' || buf[i - 2] != '\n',
		        "markdown has two blank lines in a row");
	}
	bool after_text = false;
	for (const char *p = buf, *end = buf + len; p < end;) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		size_t n = nl ? (size_t)(nl - p) : (size_t)(end - p);
		check_md_line(p, n, after_text);
		after_text = n > 0;
		p += n + 1;
	}
}

typedef int (*printer)(FILE *out, const struct resume *r, int width, bool ascii);

static int md_printer(FILE *out, const struct resume *r, int width, bool ascii)
{
	return print_markdown(out, r);
}

static int json_printer(FILE *out, const struct resume *r, int width, bool ascii)
{
	return print_json(out, r);
}

static int yaml_printer(FILE *out, const struct resume *r, int width, bool ascii)
{
	return print_yaml(out, r);
}

static int man_printer(FILE *out, const struct resume *r, int width, bool ascii)
{
	return print_man(out, r);
}

/* A conversion must load again, without an error: whatever the input,
 * the writer's escaping keeps it one well-formed document. */
static void check_converted(const char *buf, size_t len, const char *what)
{
	struct load_limits lim;
	struct diag d;

	check_text(buf, len, ALLOW_NL, what);
	load_limits_default(&lim);
	lim.max_bytes = len + 1;
	diag_init(&d, what);
	struct resume *back = load_buffer(buf, len, &lim, &d);
	REQUIRE(back != NULL && d.nerrors == 0, what);
	resume_free(back);
	diag_free(&d);
}

/* A manual page: every control line is one of print_man.c's requests. */
static void check_man(const char *buf, size_t len)
{
	static const char *const ours[] = { ".\\\" ", ".TH ", ".SH", ".TP", ".PP", ".br",
		".RS", ".RE", ".IP " };
	check_text(buf, len, ALLOW_NL, "man output");
	for (const char *p = buf, *end = buf + len; p < end;) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		size_t n = nl ? (size_t)(nl - p) : (size_t)(end - p);
		if (n && (p[0] == '.' || p[0] == '\'')) {
			bool known = false;
			for (size_t i = 0; i < sizeof ours / sizeof *ours; i++)
				known |= n >= strlen(ours[i]) && !memcmp(p, ours[i], strlen(ours[i]));
			REQUIRE(known, "man output has a control line of the file's");
		}
		p += n + 1;
	}
}

/* Runs a printer into memory; *len gets the size. The caller frees. */
static char *print_to_memory(printer fn, const struct resume *r, int width,
                             bool ascii, size_t *len)
{
	char *buf = NULL;
	FILE *f = open_memstream(&buf, len);
	REQUIRE(f != NULL, "open_memstream");
	REQUIRE(fn(f, r, width, ascii) == 0, "printing to memory failed");
	fclose(f);
	return buf;
}

/* A printer writing to a full disk must say so. */
static void check_full_disk(printer fn, const struct resume *r, size_t len)
{
	FILE *f = fopen("/dev/full", "w");
	if (!f)
		return;
	int rc = fn(f, r, 80, false);
	fclose(f);
	REQUIRE(len == 0 || rc == -1, "a failed write was not reported");
}

/* --- the viewer ------------------------------------------------------------ */

/* "#X..." at the start of a line, X the given char: the rest of the line,
 * at most cap - 1 bytes, NUL-terminated. */
static bool directive(const uint8_t *data, size_t size, char x, char *out, size_t cap)
{
	for (size_t i = 0; i + 1 < size; i++) {
		if ((i == 0 || data[i - 1] == '\n') && data[i] == '#' && data[i + 1] == x) {
			size_t j = i + 2, n = 0;
			while (j < size && data[j] != '\n' && n + 1 < cap)
				out[n++] = (char)data[j++];
			out[n] = '\0';
			return true;
		}
	}
	return false;
}

/* The view's state is consistent; with deep set, the first matches and
 * the current one are also where they say (each costs a search of its
 * entry, so not after every key). */
static void check_view(struct view *v, bool deep)
{
	REQUIRE(v->cur < v->npanes, "current pane");
	check_text(v->msg, strlen(v->msg), 0, "status message");
	check_text(v->pattern, strlen(v->pattern), 0, "search pattern");
	check_text(v->filter, strlen(v->filter), 0, "filter pattern");
	struct pane *p = view_pane(v);
	REQUIRE(p->top >= 0 && (p->top == 0 || (size_t)p->top < p->lay.n), "pane top");
	REQUIRE(p->nitems <= p->lay.n, "more items than lines");
	for (size_t i = 0; i < p->nitems; i++)
		REQUIRE(p->items[i].line >= 0 && (size_t)p->items[i].line < p->lay.n,
		        "item line");
	if (!v->pattern[0] || !deep)
		return;
	view_matches(v);
	REQUIRE(v->mcur < (long)v->nm, "current match");
	for (size_t j = 0; j < v->nm && j < 9; j++) {
		size_t i = j < 8 || v->mcur < 0 ? j : (size_t)v->mcur;
		long line, off;
		view_locate_match(v, p, i, &line, &off);
		long n = v->m[i].sec < 0 ? v->header_lines : (long)p->lay.n;
		REQUIRE(line >= -1 && line < n, "match line");
	}
	/* What the screen highlights lies inside its lines; a match that
	 * wraps has a piece on each. */
	view_prepare(v);
	for (size_t i = 0; i < v->nhl; i++) {
		const struct hl *h = &v->hl[i];
		const struct layout *l = h->header ? &v->header : &p->lay;
		REQUIRE(h->line >= 0 && (size_t)h->line < l->n, "highlight line");
		const struct line *ln = &l->lines[h->line];
		REQUIRE(h->len > 0 && h->off <= ln->len && h->len <= ln->len - h->off,
		        "highlight outside its line");
	}
}

/* Every cell of rows lines of l from first maps to a link or to none
 * (a click's copy), and an address is clean text that fits. */
static void check_links(const struct view *v, const struct layout *l, long first,
                        int rows, int cols)
{
	char out[sizeof v->copy];
	for (long n = first; n >= 0 && n < first + rows && n < (long)l->n; n++)
		for (int c = -1; c <= cols; c++) {
			enum link_kind k = link_at(v->r, l, n, c, out, sizeof out);
			REQUIRE(k == LINK_NONE || k == LINK_EMAIL || k == LINK_URL, "link kind");
			if (k != LINK_NONE)
				check_text(out, strlen(out), 0, "link address");
		}
}

/* A key of a "#>" script. A YAML comment cannot hold control characters,
 * so: '~' is Enter, '`' Esc, '|' Backspace, '^' then a letter a Ctrl key
 * (then '^', '~', '`' or '|' itself), U+E000 and on the K_ keys (keys.h).
 * next is the byte after c; -1 means no key. */
static int script_key(uint32_t c, unsigned char next)
{
	switch (c) {
	case '~':
		return '\r';
	case '`':
		return K_ESC;
	case '|':
		return 127;
	case '^':
		if (next == '^' || next == '~' || next == '`' || next == '|')
			return next;
		return next >= '@' && next <= '~' ? K_CTRL(next) : -1;
	}
	if (c >= 0xE000 && c < 0xE000 + (K_LAST_ - K_UP))
		return K_UP + (int)(c - 0xE000);
	return (int)c;
}

static void run_view(const struct resume *r, bool ascii, int cols, int rows,
                     const uint8_t *data, size_t size)
{
	struct view v;
	struct keys_state ks = { 0 };
	char pat[VIEW_PAT_MAX + 8], keys[256];

	view_init(&v, r, ascii);
	/* tui.c sets both from help_build()'s lines: 40 stand in for them */
	v.help.nlines = v.help.nhelp = 40;
	view_resize(&v, cols, rows);
	check_view(&v, true);
	check_links(&v, &v.header, 0, v.header_lines, cols);
	check_links(&v, &view_pane(&v)->lay, 0, rows, cols);

	if (directive(data, size, '/', pat, sizeof pat)) {
		view_search(&v, pat);
	} else {
		/* Without a pattern of its own: a common letter, in both cases,
		 * so that n and N have many matches to step through. */
		view_search(&v, "e");
		check_view(&v, true);
		view_search(&v, "E");
	}
	check_view(&v, true);
	for (int i = 0; i < 3; i++) {
		view_next_match(&v, 'n');
		check_view(&v, true);
	}
	view_prev_match(&v, 'N');
	check_view(&v, true);
	if (directive(data, size, '&', pat, sizeof pat)) {
		view_set_filter(&v, pat);
		check_view(&v, true);
		view_next_match(&v, 'n');
		check_view(&v, true);
	}
	if (directive(data, size, '>', keys, sizeof keys)) {
		size_t n = strlen(keys);
		for (size_t i = 0; i < n;) {
			uint32_t c;
			i += utf8_decode(keys + i, n - i, &c);
			int key = script_key(c, i < n ? (unsigned char)keys[i] : 0);
			if (c == '^' && key >= 0)
				i++;            /* the key after it is used up */
			if (key < 0)
				continue;
			if (keys_dispatch(&ks, &v, key) & RD_QUIT)
				break;
			check_view(&v, false);
			if (v.copy[0])
				check_text(v.copy, strlen(v.copy), 0, "copied text");
		}
		/* And the same pane laid out after a resize. */
		view_resize(&v, cols + 7, rows + 3);
		check_view(&v, true);
	}
	view_free(&v);
}

/* --- the target ------------------------------------------------------------ */

static size_t slen(const char *s)
{
	return s ? strlen(s) : 0;
}

static size_t list_size(const struct strlist *l)
{
	size_t n = 0;
	for (size_t i = 0; i < l->n; i++)
		n += slen(l->v[i]);
	return n;
}

/* Bytes of text in the model. Aliases make it up to a few MiB from a
 * small file (the loader's bound): that is laid out and printed once,
 * not a dozen times, so that every input stays fast. */
static size_t model_size(const struct resume *r)
{
	const struct header *h = &r->header;
	size_t n = slen(h->name) + slen(h->headline) + slen(h->location) +
	           slen(h->phone) + list_size(&h->emails) + list_size(&h->websites);
	for (size_t i = 0; i < h->nprofiles; i++)
		n += slen(h->profiles[i].network) + slen(h->profiles[i].username) +
		     slen(h->profiles[i].url);
	for (size_t s = 0; s < r->nsections; s++) {
		const struct section *sec = &r->sections[s];
		n += slen(sec->title);
		for (size_t i = 0; i < sec->nentries; i++) {
			const struct entry *e = &sec->entries[i];
			n += slen(e->title) + slen(e->subtitle) + slen(e->degree) +
			     slen(e->location) + slen(e->dates) + slen(e->summary) +
			     slen(e->venue) + slen(e->url) + list_size(&e->highlights) +
			     list_size(&e->technologies) + list_size(&e->authors);
			for (size_t f = 0; f < e->nfields; f++)
				n += slen(e->fields[f].label) + slen(e->fields[f].value);
		}
	}
	return n;
}

#define BIG_MODEL (256 << 10)

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	/* The viewer folds case as the locale says; a UTF-8 one is the
	 * interesting case. Widths do not depend on it (utf8.c). */
	if (!setlocale(LC_ALL, "C.UTF-8"))
		setlocale(LC_ALL, "");
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	/* Tight limits keep every input fast; the loader's own bounds on
	 * text and memory still apply on top. */
	struct load_limits lim = {
		.max_bytes = 1 << 20,
		.max_depth = 64,
		.max_nodes = 100000,
	};
	struct diag d;
	diag_init(&d, "fuzz.yaml");
	struct resume *r = load_buffer((const char *)data, size, &lim, &d);

	/* Diagnostics: safe to print, with an error whenever loading failed. */
	REQUIRE(r || d.nerrors > 0, "failure without an error");
	for (size_t i = 0; i < d.n; i++)
		check_text(d.v[i].text, strlen(d.v[i].text), 0, "diagnostic");
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);
	REQUIRE(f != NULL, "open_memstream");
	diag_print(&d, f);
	fclose(f);
	check_text(buf, len, ALLOW_NL, "diag_print");
	free(buf);
	diag_free(&d);
	if (!r)
		return 0;

	/* Layout as the viewer and the printer ask for it, at odd and even,
	 * tiny and wide widths (20 and 1000 are the clamps). */
	bool big = model_size(r) > BIG_MODEL;
	static const int widths[] = { 20, 41, 80, 203 };
	struct layout l = LAYOUT_INIT;
	for (size_t i = 0; i < (big ? 1 : sizeof widths / sizeof *widths); i++) {
		bool ascii = i == 1;
		layout_build(&l, r, &(struct layout_opts){
			.width = widths[i], .section = -1, .header = true,
			.headings = true, .gutter = i % 2 == 0, .ascii = ascii });
		check_layout(&l, r, ascii);
		/* One section alone, as a pane lays it out. */
		if (r->nsections) {
			layout_build(&l, r, &(struct layout_opts){
				.width = widths[i], .gutter = true, .ascii = ascii,
				.section = (int)(i % r->nsections) });
			check_layout(&l, r, ascii);
		}
	}
	layout_free(&l);

	static const int text_widths[] = { 19, 41, 80, 1001 };
	for (size_t i = big ? 2 : 0; i < (big ? 3 : sizeof text_widths / sizeof *text_widths); i++) {
		bool ascii = i == 2;
		buf = print_to_memory(print_text, r, text_widths[i], ascii, &len);
		check_text_output(buf, len, text_widths[i], ascii);
		if (i == 2)
			check_full_disk(print_text, r, len);
		free(buf);
	}
	buf = print_to_memory(md_printer, r, 0, false, &len);
	check_markdown(buf, len);
	if (!big)
		check_full_disk(md_printer, r, len);
	free(buf);
	if (big) {
		resume_free(r);
		return 0;
	}
	buf = print_to_memory(json_printer, r, 0, false, &len);
	check_converted(buf, len, "json output");
	free(buf);
	buf = print_to_memory(yaml_printer, r, 0, false, &len);
	check_converted(buf, len, "yaml output");
	free(buf);
	buf = print_to_memory(man_printer, r, 0, false, &len);
	check_man(buf, len);
	free(buf);

	/* The viewer: a common terminal, then a narrow and an ASCII one. */
	run_view(r, false, 80, 24, data, size);
	run_view(r, true, 41, 11, data, size);
	resume_free(r);
	return 0;
}

#ifdef FUZZ_REPLAY
/* --- the replay driver ----------------------------------------------------- */

static size_t nrun;

static int run_file(const char *path)
{
	FILE *f = fopen(path, "rb");
	if (!f) {
		perror(path);
		return 1;
	}
	char *buf = NULL;
	size_t len = 0, cap = 0, n;
	do {
		if (len == cap) {
			cap = cap ? cap * 2 : 65536;
			buf = realloc(buf, cap);
			if (!buf)
				abort();
		}
		n = fread(buf + len, 1, cap - len, f);
		len += n;
	} while (n > 0);
	int err = ferror(f);
	fclose(f);
	if (err) {
		perror(path);
		free(buf);
		return 1;
	}
	LLVMFuzzerTestOneInput((const uint8_t *)buf, len);
	free(buf);
	nrun++;
	return 0;
}

static int compare(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* A directory's regular files, in name order, not hidden ones. */
static int run_dir(const char *path)
{
	DIR *dir = opendir(path);
	if (!dir) {
		perror(path);
		return 1;
	}
	char **names = NULL;
	size_t n = 0;
	struct dirent *de;
	while ((de = readdir(dir))) {
		if (de->d_name[0] == '.')
			continue;
		names = realloc(names, (n + 1) * sizeof *names);
		size_t k = strlen(path) + strlen(de->d_name) + 2;
		if (!names || !(names[n] = malloc(k)))
			abort();
		snprintf(names[n++], k, "%s/%s", path, de->d_name);
	}
	closedir(dir);
	if (n)
		qsort(names, n, sizeof *names, compare);
	int rc = 0;
	for (size_t i = 0; i < n; i++) {
		struct stat st;
		if (stat(names[i], &st) == 0 && S_ISREG(st.st_mode))
			rc |= run_file(names[i]);
		free(names[i]);
	}
	free(names);
	return rc;
}

int main(int argc, char **argv)
{
	int rc = 0;

	LLVMFuzzerInitialize(&argc, &argv);
	for (int i = 1; i < argc; i++) {
		struct stat st;
		if (stat(argv[i], &st) != 0) {
			perror(argv[i]);
			rc = 1;
		} else if (S_ISDIR(st.st_mode)) {
			rc |= run_dir(argv[i]);
		} else {
			rc |= run_file(argv[i]);
		}
	}
	/* An empty corpus would pass while testing nothing. */
	if (nrun == 0) {
		fprintf(stderr, "fuzz_vitae: no input to replay\n");
		rc = 1;
	}
	printf("replayed %zu inputs\n", nrun);
	utf8_cleanup();
	return rc;
}
#endif
