/*
 * The viewer's logic without a terminal: panes, folds, search across
 * panes with n/N and smart case, the filter, the prompt, the key table
 * and its help screen, OSC 52. The résumé is built by hand so that every
 * expected count below can be checked by reading the fixture.
 */
#include <stdlib.h>
#include <string.h>
#include "utf8.h"
#include "t.h"
#include "tui/keys.h"
#include "tui/links.h"
#include "tui/match.h"
#include "tui/osc52.h"
#include "tui/view.h"

static struct strlist list(struct arena *a, size_t n, const char *const *s)
{
	const char **v = arena_calloc(a, n ? n : 1, sizeof *v);
	for (size_t i = 0; i < n; i++)
		v[i] = arena_strdup(a, s[i]);
	return (struct strlist){ .v = v, .n = n };
}

#define LIST(a, ...) list(a, sizeof (const char *[]){ __VA_ARGS__ } / sizeof (const char *), \
                          (const char *const[]){ __VA_ARGS__ })

/*
 * "pytorch" in any case occurs four times: Summary, Netflix, Stride and
 * the first publication; "PyTorch" exactly twice (Summary, publication).
 */
static struct resume *fixture(void)
{
	struct resume *r = resume_new();
	struct arena *a = &r->arena;
	r->header.name = "Ada Example";
	r->header.headline = "Engineer";
	r->header.emails = LIST(a, "ada@example.org");
	r->nsections = 4;
	struct section *s = r->sections = arena_calloc(a, 4, sizeof *s);

	s[0] = (struct section){ .title = "Summary", .key = "summary", .kind = ENTRY_TEXT,
		.nentries = 1, .entries = arena_calloc(a, 1, sizeof(struct entry)) };
	s[0].entries[0] = (struct entry){ .kind = ENTRY_TEXT,
		.title = "Engineer who likes PyTorch and C++." };

	s[1] = (struct section){ .title = "Industry Experience", .key = "industry_experience",
		.kind = ENTRY_EXPERIENCE, .nentries = 3,
		.entries = arena_calloc(a, 3, sizeof(struct entry)) };
	struct entry *e = s[1].entries;
	e[0] = (struct entry){ .kind = ENTRY_EXPERIENCE, .title = "Netflix",
		.subtitle = "Software Engineer", .dates = "2024 – Present",
		.summary = "Training infrastructure for ranking.",
		.highlights = LIST(a, "Moved ranking models to pytorch.", "Cut cost in half."),
		.technologies = LIST(a, "Java", "Scala") };
	e[1] = (struct entry){ .kind = ENTRY_EXPERIENCE, .title = "Microsoft",
		.subtitle = "Software Engineer II", .dates = "2021 – 2024",
		.highlights = LIST(a, "Feature store serving 2M QPS.", "Dynamic configuration."),
		.technologies = LIST(a, "C++", "Python") };
	e[2] = (struct entry){ .kind = ENTRY_EXPERIENCE, .title = "Stride",
		.subtitle = "NLP Engineer", .dates = "2018 – 2019",
		.highlights = LIST(a, "Built a PDF viewer."),
		.technologies = LIST(a, "Keras", "PYTORCH") };

	s[2] = (struct section){ .title = "Education", .key = "education",
		.kind = ENTRY_EDUCATION, .nentries = 2,
		.entries = arena_calloc(a, 2, sizeof(struct entry)) };
	s[2].entries[0] = (struct entry){ .kind = ENTRY_EDUCATION,
		.title = "University of Colorado", .degree = "M.S.", .subtitle = "Computer Science",
		.dates = "2019 – 2021" };
	s[2].entries[1] = (struct entry){ .kind = ENTRY_EDUCATION,
		.title = "Ramaiah Institute", .degree = "B.E.", .subtitle = "Information Science",
		.dates = "2014 – 2018" };

	s[3] = (struct section){ .title = "Select Publications", .key = "select_publications",
		.kind = ENTRY_PUBLICATION, .nentries = 2,
		.entries = arena_calloc(a, 2, sizeof(struct entry)) };
	s[3].entries[0] = (struct entry){ .kind = ENTRY_PUBLICATION,
		.title = "Modeling teams with PyTorch", .authors = LIST(a, "**Ada Example**", "B. Other"),
		.venue = "ACL", .dates = "2021", .url = "https://doi.org/10.1/x", .doi = "10.1/x" };
	s[3].entries[1] = (struct entry){ .kind = ENTRY_PUBLICATION,
		.title = "Speech analytics", .authors = LIST(a, "C. Third", "**Ada Example**"),
		.venue = "EDM", .dates = "2022" };
	return r;
}

/* Lines of pane p belonging to entry (sec, ent). */
static long entry_lines(const struct pane *p, int sec, int ent)
{
	long n = 0;
	for (size_t i = 0; i < p->lay.n; i++)
		n += p->lay.lines[i].section == sec && p->lay.lines[i].entry == ent &&
		     p->lay.lines[i].kind != LINE_BLANK;
	return n;
}

static long count_kind(const struct pane *p, int kind)
{
	long n = 0;
	for (size_t i = 0; i < p->lay.n; i++)
		n += p->lay.lines[i].kind == kind;
	return n;
}

static unsigned type(struct view *v, struct keys_state *ks, const char *s)
{
	unsigned rd = 0;
	for (; *s; s++)
		rd |= keys_dispatch(ks, v, (unsigned char)*s);
	return rd;
}

static void test_match(void)
{
	size_t ml;
	CHECK(pat_smart_icase("pytorch"));
	CHECK(!pat_smart_icase("PyTorch"));
	CHECK(pat_smart_icase("c++ 2m"));
	CHECK_INT(pat_find("Use PyTorch", 11, 0, "pytorch", true, &ml), 4);
	CHECK_INT(ml, 7);
	CHECK_INT(pat_find("Use PyTorch", 11, 0, "pytorch", false, &ml), -1);
	CHECK_INT(pat_find("a b a", 5, 1, "a", true, &ml), 4);
	CHECK_INT(pat_find("abc", 3, 0, "", true, &ml), -1);
	CHECK_INT(pat_find("ab", 2, 0, "abc", true, &ml), -1);
	/* Multi-byte text: offsets are bytes. */
	CHECK_INT(pat_find("résumé C#", strlen("résumé C#"), 0, "c#", true, &ml), 9);
	CHECK_INT(pat_find("résumé", strlen("résumé"), 0, "sum", true, &ml), 3);
	/* A candidate whose next letter differs, in either case. */
	CHECK_INT(pat_find("mamo xMOdel", 11, 0, "mod", true, &ml), 6);
	CHECK_INT(pat_find("mamo xMOdel", 11, 0, "mo", true, &ml), 2);
	/* A pattern that starts past ASCII, after a long ASCII run. */
	const char *t = "aaaaaaaaaaaaaaaaaa\u00e9t\u00e9 \u00e9b";
	CHECK_INT(pat_find(t, strlen(t), 0, "\u00e9", true, &ml), 18);
	CHECK_INT(ml, 2);
	CHECK_INT(pat_find(t, strlen(t), 19, "\u00e9", false, &ml), 21);
	CHECK_INT(pat_find(t, strlen(t), 0, "\u00e9b", true, &ml), 24);
	CHECK_INT(pat_find(t, strlen(t), 0, "\u00e9b", false, &ml), 24);
	CHECK_INT(pat_find(t, strlen(t), 0, "\u00e9c", true, &ml), -1);
}

static void test_osc52(void)
{
	char out[64];
	CHECK_INT(base64_encode("foobar", 6, out), 8);
	CHECK_STR(out, "Zm9vYmFy");
	base64_encode("fo", 2, out);
	CHECK_STR(out, "Zm8=");
	base64_encode("f", 1, out);
	CHECK_STR(out, "Zg==");
	CHECK_INT(osc52_format(out, sizeof out, "foo"), 13);
	CHECK_STR(out, "\033]52;c;Zm9v\033\\");
	CHECK_INT(osc52_format(out, 8, "foo"), 0);
}

static void test_keys(void)
{
	/* Every action is complete, and each key sequence means one thing. */
	for (size_t a = 0; a < nactions; a++) {
		CHECK(actions[a].name && actions[a].help && actions[a].help[0]);
		CHECK(actions[a].fn != NULL);
		CHECK(actions[a].keys[0][0] != 0);
		for (size_t i = 0; i < KEYS_MAX && actions[a].keys[i][0]; i++) {
			const int *k = actions[a].keys[i];
			if (keys_lookup(k[0], k[1]) != &actions[a]) {
				fprintf(stderr, "key %d,%d of %s bound twice\n", k[0], k[1],
				        actions[a].name);
				CHECK(!"key bound twice");
			}
			/* A key that starts a sequence cannot also act alone,
			 * but Esc, which acts at once (Esc u). */
			if (k[1] && k[0] != K_ESC)
				CHECK(keys_lookup(k[0], 0) == NULL);
			for (size_t b = 0; b < nactions; b++)
				for (size_t j = 0; j < KEYS_MAX && actions[b].keys[j][0]; j++)
					if ((a != b || i != j) && actions[b].keys[j][0] == k[0] &&
					    actions[b].keys[j][1] == k[1])
						CHECK(!"duplicate binding");
		}
	}
	/* The default keys README.md and vitae(1) list. */
	const struct { int k1, k2; const char *name; } want[] = {
		{ '\t', 0, "next-pane" }, { K_BTAB, 0, "prev-pane" }, { 'l', 0, "next-pane" },
		{ 'h', 0, "prev-pane" }, { K_RIGHT, 0, "next-pane" }, { K_LEFT, 0, "prev-pane" },
		{ '1', 0, "pane" }, { '9', 0, "pane" },
		{ 'j', 0, "down" }, { K_DOWN, 0, "down" }, { 'k', 0, "up" }, { K_UP, 0, "up" },
		{ ' ', 0, "page-down" }, { 'f', 0, "page-down" }, { K_PGDN, 0, "page-down" },
		{ 'b', 0, "page-up" }, { K_PGUP, 0, "page-up" }, { 'd', 0, "half-down" },
		{ 'u', 0, "half-up" }, { 'g', 0, "top" }, { K_HOME, 0, "top" },
		{ 'G', 0, "bottom" }, { K_END, 0, "bottom" },
		{ 'J', 0, "next-entry" }, { ']', 0, "next-entry" }, { 'K', 0, "prev-entry" },
		{ '[', 0, "prev-entry" },
		{ 'z', 'a', "fold-toggle" }, { '\r', 0, "fold-toggle" }, { 'z', 'o', "fold-open" },
		{ 'z', 'c', "fold-close" }, { 'z', 'R', "open-all" }, { 'z', 'M', "fold-all" },
		{ '/', 0, "search" }, { 'n', 0, "next-match" }, { 'N', 0, "prev-match" },
		{ '&', 0, "filter" }, { 'y', 0, "copy" }, { '?', 0, "help" }, { K_F1, 0, "help" },
		{ 'q', 0, "quit" }, { K_CTRL('L'), 0, "redraw" }, { K_CTRL('C'), 0, "quit-now" },
		{ K_F(10), 0, "quit-now" }, { '0', 0, "pane" }, { K_ESC, 0, "cancel" },
		{ K_ESC, 'u', "no-highlight" },
	};
	for (size_t i = 0; i < sizeof want / sizeof *want; i++) {
		const struct action *a = keys_lookup(want[i].k1, want[i].k2);
		CHECK_STR(a ? a->name : NULL, want[i].name);
	}
	CHECK(keys_lookup('z', 0) == NULL);
	CHECK(keys_lookup('x', 0) == NULL);

	char buf[32];
	CHECK_STR(keys_key_name(K_PGDN, false, buf, sizeof buf), "PgDn");
	CHECK_STR(keys_key_name(K_CTRL('L'), false, buf, sizeof buf), "Ctrl-L");
	CHECK_STR(keys_key_name(K_UP, true, buf, sizeof buf), "Up");
	CHECK_STR(keys_key_name(K_UP, false, buf, sizeof buf), "↑");
	CHECK_STR(keys_key_name(0x9B, false, buf, sizeof buf), "U+009B");
	/* Typed invisible characters by number, as the file text's
	 * classifier sees them: a tag, a bidi override, a zero-width space. */
	CHECK_STR(keys_key_name(0xE0041, false, buf, sizeof buf), "U+E0041");
	CHECK_STR(keys_key_name(0x202E, false, buf, sizeof buf), "U+202E");
	CHECK_STR(keys_key_name(0x200B, false, buf, sizeof buf), "U+200B");
	CHECK_STR(keys_key_name(0xE9, false, buf, sizeof buf), "é");
	CHECK_STR(keys_key_name(K_F(10), false, buf, sizeof buf), "F10");
	CHECK_STR(keys_key_name(K_F(1), false, buf, sizeof buf), "F1");
	CHECK_STR(keys_key_name(K_NUL, false, buf, sizeof buf), "Ctrl-Space");
	CHECK_STR(keys_key_name(K_CTRL('G'), false, buf, sizeof buf), "Ctrl-G");

	/* The help is the table: each action once, under its group. */
	struct help h;
	help_build(&h, true);
	size_t items = 0, heads = 0;
	for (size_t i = 0; i < h.n; i++) {
		if (!h.lines[i].keys)
			heads++;
		else if (h.lines[i].keys[0])
			items++;
		for (const char *c = h.lines[i].text; *c; c++)
			CHECK((unsigned char)*c < 0x80);        /* --ascii */
	}
	/* ... after the essential ones, under a heading of their own. */
	size_t essential = 0;
	for (size_t a = 0; a < nactions; a++)
		essential += actions[a].essential;
	CHECK(essential >= 8 && essential <= 13);      /* a first screen at 80x24 */
	CHECK_INT(items, nactions + essential);
	CHECK_INT(heads, G_COUNT_ + 1);
	bool found_digits = false, found_enter = false, found_escu = false;
	for (size_t i = 0; i < h.n; i++) {
		if (h.lines[i].keys && strcmp(h.lines[i].keys, "Esc u") == 0)
			found_escu = true;      /* a spaced sequence, not "Escu" */
		if (h.lines[i].keys && strcmp(h.lines[i].keys, "1-9") == 0)
			found_digits = true;
		if (h.lines[i].keys && strcmp(h.lines[i].keys, "za, Enter") == 0)
			found_enter = true;     /* Return and keypad Enter: once */
	}
	CHECK(found_digits);
	CHECK(found_enter);
	CHECK(found_escu);
	help_free(&h);

	/* Wrapped for a box: every row fits, and the pieces put back
	 * together, a space where a row broke, are each line's text and
	 * keys whole. */
	help_build(&h, false);
	for (int cols = 40; cols <= 200; cols += 20) {
		size_t rows = help_layout(&h, cols);
		CHECK(rows >= h.n);
		CHECK(h.box_w <= cols);
		CHECK(h.key_w >= 9 && h.key_w <= h.keys_width);    /* "Shift-Tab," */
		int room = h.box_w - 4 - h.key_w - HELP_GAP;
		CHECK(room >= 20);
		size_t r = 0;
		for (size_t i = 0; i < h.n; i++) {
			char text[256] = "", keys[256] = "";
			do {
				const struct help_row *hr = &h.rows[r];
				int tw = (int)str_width(hr->text, hr->tlen);
				CHECK(tw <= (hr->keys ? room : h.box_w - 4));
				CHECK(!hr->keys || (int)str_width(hr->keys, hr->klen) <= h.key_w);
				snprintf(text + strlen(text), sizeof text - strlen(text), "%s%.*s",
				         text[0] && hr->tlen ? " " : "", (int)hr->tlen, hr->text);
				if (hr->keys)
					snprintf(keys + strlen(keys), sizeof keys - strlen(keys),
					         "%s%.*s", keys[0] && hr->klen ? " " : "",
					         (int)hr->klen, hr->keys);
				r++;
			} while (r < rows && h.rows[r].line == i);
			CHECK_STR(text, h.lines[i].text);
			if (h.lines[i].keys)
				CHECK_STR(keys, h.lines[i].keys);
		}
		CHECK_INT(r, rows);
		/* Wide enough, nothing wraps and the key column is the widest
		 * keys. */
		if (cols >= h.box_w + 4 && h.box_w < cols)
			CHECK_INT(h.key_w, h.keys_width);
	}
	help_layout(&h, 80);
	CHECK_INT(h.key_w, h.keys_width);       /* 80: no key wraps */
	help_layout(&h, 40);
	CHECK(h.key_w < h.keys_width);          /* 40: the keys give way */
	help_free(&h);
}

static enum prompt_result edit(struct prompt_line *l, struct prompt_history *h,
                               const char *keys)
{
	enum prompt_result r = PROMPT_IGNORED;
	for (size_t i = 0; keys[i];) {
		uint32_t c;
		i += utf8_decode(keys + i, strlen(keys + i), &c);
		r = prompt_edit(l, h, (int)c);
	}
	return r;
}

/* The line editor alone: the cursor by character, editing in the
 * middle, the history. */
static void test_prompt_line(void)
{
	struct prompt_line l;
	struct prompt_history h = { .n = 0 };
	prompt_open(&l, &h);
	edit(&l, &h, "data set");
	CHECK_INT(prompt_edit(&l, &h, K_HOME), PROMPT_MOVED);
	CHECK_INT(prompt_edit(&l, &h, K_LEFT), PROMPT_IGNORED);
	prompt_edit(&l, &h, K_RIGHT);
	prompt_edit(&l, &h, K_RIGHT);
	edit(&l, &h, "XY");
	CHECK_STR(l.buf, "daXYta set");
	CHECK_INT(l.cur, 4);
	CHECK_INT(prompt_edit(&l, &h, K_DELETE), PROMPT_CHANGED);
	CHECK_STR(l.buf, "daXYa set");
	prompt_edit(&l, &h, K_CTRL('E'));
	prompt_edit(&l, &h, K_CTRL('W'));
	CHECK_STR(l.buf, "daXYa ");
	prompt_edit(&l, &h, K_LEFT);
	prompt_edit(&l, &h, K_CTRL('U'));
	CHECK_STR(l.buf, " ");
	CHECK_INT(l.cur, 0);
	prompt_edit(&l, &h, K_CTRL('K'));
	CHECK_STR(l.buf, "");
	/* By character: é is two bytes, 日 three and two columns. */
	edit(&l, &h, "é日x");
	prompt_edit(&l, &h, K_LEFT);
	CHECK_INT(l.cur, 5);
	size_t first;
	CHECK_INT(prompt_window(&l, 40, false, &first), 3);
	CHECK_INT(first, 0);
	prompt_edit(&l, &h, K_LEFT);
	CHECK_INT(l.cur, 2);
	prompt_edit(&l, &h, K_BACKSPACE);
	CHECK_STR(l.buf, "日x");
	/* A combining mark goes with its letter. */
	prompt_edit(&l, &h, K_END);
	edit(&l, &h, "e\xcc\x81");
	prompt_edit(&l, &h, K_LEFT);
	CHECK_INT(l.cur, 4);
	/* Only the end of a long line, with the cursor there. */
	prompt_open(&l, &h);
	edit(&l, &h, "abcdefghij");
	CHECK_INT(prompt_window(&l, 5, false, &first), 4);
	CHECK_INT(first, 6);
	prompt_edit(&l, &h, K_HOME);
	CHECK_INT(prompt_window(&l, 5, false, &first), 0);
	CHECK_INT(first, 0);
	/* Under --ascii, ß is drawn "ss": two columns, so less of it fits. */
	prompt_open(&l, &h);
	edit(&l, &h, "ßßßß");
	CHECK_INT(prompt_window(&l, 40, false, &first), 4);
	CHECK_INT(prompt_window(&l, 40, true, &first), 8);
	CHECK_INT(prompt_window(&l, 6, true, &first), 4);
	CHECK_INT(first, 4);
	/* Controls stay out; Backspace on nothing cancels. */
	prompt_open(&l, &h);
	CHECK_INT(prompt_edit(&l, &h, 0x9B), PROMPT_IGNORED);
	CHECK_INT(prompt_edit(&l, &h, 0x202E), PROMPT_IGNORED);
	CHECK_INT(prompt_edit(&l, &h, K_BACKSPACE), PROMPT_CANCEL);

	/* History: newest last, repeats once, Down back to the draft. */
	prompt_history_add(&h, "one");
	prompt_history_add(&h, "two");
	prompt_history_add(&h, "two");
	prompt_history_add(&h, "");
	CHECK_INT(h.n, 2);
	prompt_open(&l, &h);
	edit(&l, &h, "dra");
	CHECK_INT(prompt_edit(&l, &h, K_UP), PROMPT_CHANGED);
	CHECK_STR(l.buf, "two");
	CHECK_INT(l.cur, 3);
	prompt_edit(&l, &h, K_UP);
	CHECK_STR(l.buf, "one");
	CHECK_INT(prompt_edit(&l, &h, K_UP), PROMPT_IGNORED);
	prompt_edit(&l, &h, K_DOWN);
	CHECK_STR(l.buf, "two");
	prompt_edit(&l, &h, K_DOWN);
	CHECK_STR(l.buf, "dra");
	CHECK_INT(prompt_edit(&l, &h, K_DOWN), PROMPT_IGNORED);
	/* Bounded: the oldest goes. */
	char e[8];
	for (int i = 0; i < PROMPT_HISTORY + 5; i++) {
		snprintf(e, sizeof e, "p%d", i);
		prompt_history_add(&h, e);
	}
	CHECK_INT(h.n, PROMPT_HISTORY);
	CHECK_STR(h.entry[0], "p5");
	char big[PROMPT_BUF * 2];
	memset(big, 'a', sizeof big - 1);
	big[sizeof big - 1] = '\0';
	prompt_history_add(&h, big);
	CHECK_INT(strlen(h.entry[PROMPT_HISTORY - 1]), PROMPT_BUF - 1);
}

/* Keys curses names but vitae has no code for: said by a readable name,
 * and never with a byte the terminal would act on. */
static void test_unknown_keys(struct view *v)
{
	struct keys_state ks = { 0 };
	const struct { const char *cap, *msg; } want[] = {
		{ "kLFT5", "Unknown key: Ctrl-Left (? for help)" },
		{ "kDN3", "Unknown key: Alt-Down (? for help)" },
		{ "kHOM6", "Unknown key: Ctrl-Shift-Home (? for help)" },
		{ "KEY_SLEFT", "Unknown key: Shift-Left (? for help)" },
		{ "KEY_B2", "Unknown key: Keypad-5 (? for help)" },
		{ "KEY_SUSPEND", "Unknown key: SUSPEND (? for help)" },
		{ "k\033[31mX9", "Unknown key: k31mX9 (? for help)" },
		{ "", "Unknown key: ? (? for help)" },
	};
	for (size_t i = 0; i < sizeof want / sizeof *want; i++) {
		CHECK_INT(keys_unknown(&ks, v, want[i].cap), RD_STATUS);
		CHECK_STR(v->msg, want[i].msg);
	}
	/* Digits join only into a pane there is: this file has five. */
	view_set_pane(v, 0);
	keys_dispatch(&ks, v, '1');
	keys_dispatch(&ks, v, '0');
	CHECK_INT(v->cur, 0);
	CHECK(strstr(v->msg, "No pane 0") != NULL);
	keys_dispatch(&ks, v, '4');
	CHECK_INT(v->cur, 3);
	keys_dispatch(&ks, v, K_F(5));
	CHECK_STR(v->msg, "Unknown key: F5 (? for help)");
	/* Esc acts at once; the key after it acts alone, or makes Esc u. */
	keys_dispatch(&ks, v, K_ESC);
	CHECK(!v->msg[0]);
	keys_dispatch(&ks, v, '2');
	CHECK_INT(v->cur, 1);
	view_search(v, "Engineer");
	CHECK(!v->nohl);
	keys_dispatch(&ks, v, K_ESC);
	keys_dispatch(&ks, v, 'u');
	CHECK(v->nohl);
	CHECK_INT(v->cur, 1);                   /* u did not scroll or move */
	keys_dispatch(&ks, v, 'n');
	CHECK(!v->nohl);
	view_search(v, "");
	view_set_pane(v, 0);
}

static void test_geometry(struct view *v)
{
	view_resize(v, 30, 8);
	CHECK(v->geo.too_small);
	view_resize(v, 80, 24);
	CHECK(!v->geo.too_small);
	CHECK_INT(v->geo.header_rows, 3);       /* name, headline, email */
	CHECK_INT(v->geo.bar_row, 4);
	CHECK_INT(v->geo.status_row, 23);
	CHECK_INT(v->geo.content_rows, 23 - 5);
	CHECK_INT(v->geo.text_w, 79);
	view_resize(v, 80, 12);
	CHECK_INT(v->geo.header_rows, 1);
	CHECK_INT(v->geo.bar_row, 1);
	CHECK_INT(v->geo.content_rows, 12 - 3);
	view_resize(v, 5000, 100000);
	CHECK_INT(v->geo.cols, VIEW_MAX_SIZE);
	CHECK_INT(v->geo.rows, VIEW_MAX_SIZE);
	CHECK_INT(v->geo.text_w, VIEW_MAX_TEXT);
	CHECK_INT(v->geo.text_x, (VIEW_MAX_SIZE - VIEW_MAX_TEXT - 1) / 2);
}

/* An item's lines as one text: spaces and line breaks one space, a word
 * broken after its hyphen whole, markers and rules left out; and where
 * each byte came from. */
static bool fold_all(void *ctx, size_t sec)
{
	return true;
}

static void test_flat(void)
{
	struct layout l = LAYOUT_INIT;
	struct resume r = { 0 };
	struct section s = { .title = "T", .kind = ENTRY_TEXT };
	struct entry e = { .kind = ENTRY_TEXT,
		.title = "Multi-Task Learning   and   a long phrase that wraps" };
	s.entries = &e;
	s.nentries = 1;
	r.sections = &s;
	r.nsections = 1;
	layout_build(&l, &r, &(struct layout_opts){ .width = 20, .section = 0,
		.headings = true, .gutter = true });
	long first = layout_find_entry(&l, 0, 0);
	CHECK(first >= 0 && l.n - (size_t)first >= 3);
	struct flat f = { 0 };
	flat_build(&f, &l, (size_t)first, l.n, true);
	CHECK_STR(f.text, "Multi-Task Learning and a long phrase that wraps");
	for (size_t i = 0; i < f.len; i++) {
		if (f.pos[i].line < 0) {
			CHECK(f.text[i] == ' ');
			continue;
		}
		const struct line *ln = &l.lines[f.pos[i].line];
		CHECK(f.pos[i].off < ln->len && ln->text[f.pos[i].off] == f.text[i]);
	}
	/* The heading's text leaves out its rule. */
	flat_build(&f, &l, 0, (size_t)first, false);
	CHECK_STR(f.text, "T");
	/* Folded, its marker and count are left out, with and without pos. */
	layout_build(&l, &r, &(struct layout_opts){ .width = 20, .section = 0,
		.headings = true, .gutter = true, .hooks = &(struct layout_hooks){
			.section_folded = fold_all } });
	CHECK(l.n == 1 && strstr(l.lines[0].text, "(1 entry)"));
	for (int pos = 0; pos < 2; pos++) {
		flat_build(&f, &l, 0, l.n, pos);
		CHECK_STR(f.text, "T");
	}
	/* Runs of spaces inside a line are one space, and so is a space
	 * before a marker; each byte still maps back to its line. */
	const struct span mark = { .start = 3, .len = 3, .style = ST_FOLD };
	struct line hand[] = {
		{ .text = "  ab  cd e", .len = 10, .kind = LINE_ENTRY_HEAD },
		{ .text = "fg \u25b8 h", .len = 8, .spans = &mark, .nspans = 1,
		  .kind = LINE_ENTRY_BODY },
	};
	struct layout hl = { .lines = hand, .n = 2 };
	for (int pos = 0; pos < 2; pos++) {
		flat_build(&f, &hl, 0, 2, pos);
		CHECK_STR(f.text, "ab cd e fg h");
	}
	CHECK(f.pos[2].line == 0 && f.pos[2].off == 5);         /* a space */
	CHECK(f.pos[3].line == 0 && f.pos[3].off == 6);         /* c */
	CHECK(f.pos[7].line < 0);                               /* the join */
	CHECK(f.pos[10].line == 1 && f.pos[10].off == 6);       /* before h */
	CHECK(f.pos[11].line == 1 && f.pos[11].off == 7);
	flat_free(&f);
	layout_free(&l);
}

static void test_panes(struct view *v)
{
	CHECK_INT(v->npanes, 5);
	CHECK_STR(view_pane_name(v, 0), "All");
	CHECK_STR(view_pane_name(v, 2), "Industry Experience");
	CHECK_INT(view_find_pane(v, "all"), 0);
	CHECK_INT(view_find_pane(v, "EDU"), 3);
	CHECK_INT(view_find_pane(v, "industry_experience"), 2);
	CHECK_INT(view_find_pane(v, "select"), 4);
	CHECK_INT(view_find_pane(v, "nope"), -1);
	CHECK_INT(view_find_pane(v, ""), -1);
	/* Any word of a title, or its start; the first pane wins. */
	CHECK_INT(view_find_pane(v, "publications"), 4);
	CHECK_INT(view_find_pane(v, "exp"), 2);
	CHECK_INT(view_find_pane(v, "Experience"), 2);
	CHECK_INT(view_find_pane(v, "xperience"), -1);  /* not inside a word */
	char list[VIEW_MSG_MAX];
	view_pane_list(v, list, sizeof list);
	CHECK_STR(list, "All, Summary, Industry Experience, Education, Select Publications");
	/* Short names: the last word no other title has. */
	CHECK_STR(view_pane_short(v, 0), "All");
	CHECK_STR(view_pane_short(v, 2), "Experience");
	CHECK_STR(view_pane_short(v, 4), "Publications");

	struct keys_state ks = { 0 };
	keys_dispatch(&ks, v, '\t');
	CHECK_INT(v->cur, 1);
	keys_dispatch(&ks, v, K_BTAB);
	keys_dispatch(&ks, v, K_BTAB);
	CHECK_INT(v->cur, 4);                   /* wraps around */
	keys_dispatch(&ks, v, '3');
	CHECK_INT(v->cur, 2);
	keys_dispatch(&ks, v, '9');
	CHECK_INT(v->cur, 2);
	CHECK(strstr(v->msg, "No pane 9") != NULL);

	/* A section pane: that section's entries, no headings. */
	struct pane *p = view_pane(v);
	CHECK_INT(p->nitems, 3);
	CHECK_INT(count_kind(p, LINE_SECTION), 0);
	CHECK_INT(p->cur_sec, 1);
	CHECK_INT(p->cur_ent, 0);
	/* All: five headings... */
	view_set_pane(v, 0);
	p = view_pane(v);
	CHECK_INT(count_kind(p, LINE_SECTION), 4);
	CHECK_INT(p->nitems, 4 + 8);
	CHECK_INT(p->cur_ent, -1);              /* the first heading */
}

static void test_scroll_entries(struct view *v)
{
	struct keys_state ks = { 0 };
	view_set_pane(v, 0);
	struct pane *p = view_pane(v);
	long rows = v->geo.content_rows;
	CHECK((long)p->lay.n > rows);           /* the test needs scrolling */
	keys_dispatch(&ks, v, 'g');
	keys_dispatch(&ks, v, 'j');
	CHECK_INT(p->top, 1);
	keys_dispatch(&ks, v, ' ');
	CHECK_INT(p->top, 1 + rows - 1);
	keys_dispatch(&ks, v, 'G');
	CHECK_INT(p->top, (long)p->lay.n - rows);
	CHECK_INT(p->cur_sec, 3);               /* the last item is current */
	CHECK_INT(p->cur_ent, 1);
	keys_dispatch(&ks, v, 'g');
	CHECK_INT(p->top, 0);
	CHECK_INT(p->cur_sec, 0);
	/* The mark follows the screen when it scrolls away. */
	for (int i = 0; i < 12; i++)
		keys_dispatch(&ks, v, 'j');
	long ci = pane_find_item(p, p->cur_sec, p->cur_ent);
	CHECK(ci >= 0 && pane_item_end(p, (size_t)ci) > p->top);
	CHECK(p->items[ci].line < p->top + rows);
	/* J steps through headings and entries in All; K back. */
	keys_dispatch(&ks, v, 'g');
	keys_dispatch(&ks, v, 'J');
	CHECK_INT(p->cur_sec, 0);
	CHECK_INT(p->cur_ent, 0);
	keys_dispatch(&ks, v, 'J');
	CHECK_INT(p->cur_sec, 1);
	CHECK_INT(p->cur_ent, -1);
	keys_dispatch(&ks, v, ']');
	CHECK_INT(p->cur_ent, 0);
	keys_dispatch(&ks, v, 'K');
	CHECK_INT(p->cur_ent, -1);
	/* Past the last entry: a message, nothing moves. */
	keys_dispatch(&ks, v, 'G');
	keys_dispatch(&ks, v, 'J');
	CHECK_STR(v->msg, "Last entry");
	keys_dispatch(&ks, v, 'g');
}

/* Pane p of v has the lines a full layout gives for the same folds and
 * filter: a fold lays out only the entry that changed (view.c). */
static bool same_as_full(const struct view *v, const struct pane *p)
{
	struct view w;
	view_init(&w, v->r, v->ascii);
	view_resize(&w, v->geo.cols, v->geo.rows);
	memcpy(w.ent_fold, v->ent_fold, v->nent * sizeof *w.ent_fold);
	memcpy(w.sec_fold, v->sec_fold, v->r->nsections * sizeof *w.sec_fold);
	memcpy(w.ent_shown, v->ent_shown, v->nent * sizeof *w.ent_shown);
	w.cur = (size_t)(p - v->panes);
	const struct pane *q = view_pane(&w);
	bool same = q->lay.n == p->lay.n && q->nitems == p->nitems;
	for (size_t i = 0; same && i < q->lay.n; i++) {
		const struct line *a = &p->lay.lines[i], *b = &q->lay.lines[i];
		same = a->len == b->len && memcmp(a->text, b->text, a->len) == 0 &&
		       a->width == b->width && a->kind == b->kind &&
		       a->section == b->section && a->entry == b->entry &&
		       a->nspans == b->nspans &&
		       (!a->nspans || memcmp(a->spans, b->spans, a->nspans * sizeof *a->spans) == 0);
	}
	for (size_t i = 0; same && i < q->nitems; i++)
		same = p->items[i].line == q->items[i].line &&
		       p->items[i].sec == q->items[i].sec && p->items[i].ent == q->items[i].ent;
	view_free(&w);
	return same;
}

/* Every pane v holds up to date is what a full layout gives: a fold
 * splices each of them, a section's pane is copied from All. */
static bool all_same_as_full(const struct view *v)
{
	bool same = true;
	for (size_t i = 0; i < v->npanes; i++)
		if (v->panes[i].gen == v->gen && !same_as_full(v, &v->panes[i])) {
			fprintf(stderr, "pane %zu differs from a full layout\n", i);
			same = false;
		}
	return same;
}

/* Every pane up to date at once, then entries folded in one pane and
 * sections in All, with the filter on and off: every pane that stays up
 * to date (All and the sections' panes both splice a fold) has the
 * lines a full layout gives. */
static void test_shared_panes(struct view *v)
{
	struct keys_state ks = { 0 };
	struct pane saved[8];
	CHECK(v->npanes <= 8);
	memcpy(saved, v->panes, v->npanes * sizeof *saved);
	for (int filtered = 0; filtered < 2; filtered++) {
		view_set_filter(v, filtered ? "engineer" : "");
		for (size_t pi = v->npanes; pi-- > 0;)
			view_set_pane(v, pi);   /* All first: the others copy it */
		for (size_t pi = 0; pi < v->npanes; pi++)
			CHECK_INT(v->panes[pi].gen, v->gen);
		CHECK(all_same_as_full(v));
		/* Entries, from a section's pane: All is spliced too. */
		view_set_pane(v, 2);
		struct pane *p = view_pane(v);
		for (size_t i = 0; i < p->nitems; i += 2) {
			p->cur_sec = p->items[i].sec;
			p->cur_ent = p->items[i].ent;
			type(v, &ks, "za");
			CHECK_INT(v->panes[0].gen, v->gen);
			CHECK(all_same_as_full(v));
		}
		/* Sections in All, folded and opened in an order that meets
		 * folded neighbours, with entries folded inside them. */
		view_set_pane(v, 0);
		struct pane *all = view_pane(v);
		for (int pass = 0; pass < 2; pass++)
			for (size_t s = 0; s < v->r->nsections; s++) {
				long h = pane_find_item(all, (int)s, -1);
				if (h < 0)
					continue;
				all->cur_sec = (int)s;
				all->cur_ent = -1;
				type(v, &ks, "za");
				CHECK(v->sec_fold[s] == (pass == 0));
				CHECK(all_same_as_full(v));
			}
		/* zc on a folded entry folds its section. */
		for (size_t s = 0; s < v->r->nsections; s++) {
			long h = pane_find_item(all, (int)s, -1);
			if (h < 0 || (size_t)h + 1 >= all->nitems || all->items[h + 1].sec != (int)s)
				continue;
			all->cur_sec = (int)s;
			all->cur_ent = all->items[h + 1].ent;
			type(v, &ks, "zczc");
			CHECK(v->sec_fold[s]);
			CHECK(all_same_as_full(v));
			/* A section's pane first shown while All folds it is
			 * laid out, not copied. */
			layout_free(&v->panes[s + 1].lay);
			v->panes[s + 1].gen = 0;
			view_set_pane(v, s + 1);
			CHECK(all_same_as_full(v));
			view_set_pane(v, 0);
			type(v, &ks, "zo");
			CHECK(!v->sec_fold[s]);
			CHECK(all_same_as_full(v));
		}
		/* zM lays out All whole, and leaves the sections' panes to
		 * be laid out again: opening a section lays out its pane. */
		type(v, &ks, "zM");
		for (size_t s = 0; s < v->r->nsections; s++) {
			if (pane_find_item(all, (int)s, -1) < 0)
				continue;
			all->cur_sec = (int)s;
			all->cur_ent = -1;
			type(v, &ks, "zo");
			CHECK(!v->sec_fold[s]);
			CHECK(all_same_as_full(v));
		}
		type(v, &ks, "zR");
		CHECK(all_same_as_full(v));
	}
	/* Past the splices a pane keeps (64, view.c), it is laid out whole
	 * again, and every pane stays up to date. */
	view_set_pane(v, 2);
	struct pane *p = view_pane(v);
	p->cur_sec = p->items[1].sec;
	p->cur_ent = p->items[1].ent;
	bool relaid = false;
	for (int i = 0; i < 70; i++) {
		size_t before = p->nextra;
		type(v, &ks, "za");
		relaid |= p->nextra < before;
		CHECK_INT(v->panes[0].gen, v->gen);
	}
	CHECK(relaid);
	CHECK(all_same_as_full(v));
	type(v, &ks, "za");
	CHECK(all_same_as_full(v));
	type(v, &ks, "zR");
	view_set_filter(v, "");
	for (size_t pi = 0; pi < v->npanes; pi++) {
		v->panes[pi].cur_sec = saved[pi].cur_sec;
		v->panes[pi].cur_ent = saved[pi].cur_ent;
		v->panes[pi].top = saved[pi].top;
	}
	view_set_pane(v, 0);
}

/* Every entry of every pane folded and unfolded in turn, in an order
 * that meets folded neighbours: each time the lines are a full layout's. */
static void test_fold_splice(struct view *v)
{
	struct keys_state ks = { 0 };
	for (size_t pi = 0; pi < v->npanes; pi++) {
		view_set_pane(v, pi);
		struct pane *p = view_pane(v);
		int sec = p->cur_sec, ent = p->cur_ent;
		long top = p->top;
		bool folds = false;     /* a pane of one-line entries does not */
		for (int pass = 0; pass < 2; pass++)
			for (size_t i = 0; i < p->nitems; i++) {
				if (p->items[i].ent < 0)
					continue;
				p->cur_sec = p->items[i].sec;
				p->cur_ent = p->items[i].ent;
				folds |= layout_entry_folds(v->r, (size_t)p->cur_sec,
				                            (size_t)p->cur_ent, v->geo.text_w, v->ascii);
				type(v, &ks, "za");
				CHECK(same_as_full(v, p));
			}
		CHECK(p->nextra > 0 || !folds);
		p->cur_sec = sec;
		p->cur_ent = ent;
		p->top = top;
	}
	type(v, &ks, "zR");
	view_set_pane(v, 0);
}

static void test_folds(struct view *v)
{
	struct keys_state ks = { 0 };
	view_set_pane(v, 2);                    /* Industry Experience */
	struct pane *p = view_pane(v);
	long open = entry_lines(p, 1, 0);
	CHECK(open > 3);
	CHECK_INT(p->cur_ent, 0);
	type(v, &ks, "za");
	CHECK(view_entry_folded(v, 1, 0));
	CHECK_INT(entry_lines(p, 1, 0), 1);     /* its title line only */
	CHECK_INT(p->lay.lines[p->items[0].line].kind, LINE_ENTRY_HEAD);
	/* The fold is the view's: All shows it folded too. */
	view_set_pane(v, 0);
	struct pane *all = view_pane(v);
	CHECK_INT(entry_lines(all, 1, 0), 1);
	view_set_pane(v, 2);
	keys_dispatch(&ks, v, '\r');            /* Enter toggles back */
	CHECK(!view_entry_folded(v, 1, 0));
	CHECK_INT(entry_lines(p, 1, 0), open);
	type(v, &ks, "zo");                     /* already open: nothing */
	CHECK_INT(entry_lines(p, 1, 0), open);
	type(v, &ks, "zc");
	CHECK_INT(entry_lines(p, 1, 0), 1);
	type(v, &ks, "zo");
	CHECK_INT(entry_lines(p, 1, 0), open);

	/* Section folding, in All: the heading with a count. */
	view_set_pane(v, 0);
	all = view_pane(v);
	all->cur_sec = 1;
	all->cur_ent = -1;
	type(v, &ks, "za");
	CHECK(v->sec_fold[1]);
	CHECK_INT(entry_lines(all, 1, 0), 0);
	long h = pane_find_item(all, 1, -1);
	CHECK(h >= 0 && strstr(all->lay.lines[all->items[h].line].text, "(3 entries)"));
	/* ...which a section pane ignores. */
	view_set_pane(v, 2);
	CHECK_INT(entry_lines(view_pane(v), 1, 0), open);
	view_set_pane(v, 0);
	type(v, &ks, "za");
	CHECK(!v->sec_fold[1]);
	/* zc on a folded entry folds its section (All only). */
	all->cur_sec = 1;
	all->cur_ent = 2;
	type(v, &ks, "zc");
	CHECK(view_entry_folded(v, 1, 2));
	type(v, &ks, "zc");
	CHECK(v->sec_fold[1]);
	CHECK_INT(all->cur_ent, -1);

	/* zM folds everything, zR opens everything. */
	type(v, &ks, "zM");
	CHECK_INT(all->nitems, 4);
	CHECK_INT(count_kind(all, LINE_ENTRY_HEAD), 0);
	view_set_pane(v, 4);
	CHECK_INT(count_kind(view_pane(v), LINE_ENTRY_BODY), 0);
	CHECK_INT(count_kind(view_pane(v), LINE_ENTRY_HEAD), 2);
	type(v, &ks, "zR");
	CHECK_INT(entry_lines(view_pane(v), 3, 0) > 1, 1);
	view_set_pane(v, 0);
	CHECK_INT(all->nitems, 12);
	/* A prefix then a key it does not know. */
	type(v, &ks, "zx");
	CHECK_STR(v->msg, "Unknown key: zx");
	CHECK_INT(ks.pending, 0);
}

/* The search text is the same whatever is folded and whichever panes
 * are up to date: it is read from the panes that show it open, and the
 * rest is laid out alone. A match in a folded section opens it by
 * splicing, without a new layout of All. */
static void test_search_text(struct view *v)
{
	struct keys_state ks = { 0 };
	view_set_pane(v, 0);
	view_open_all(v, 0);
	v->stgen = 0;
	view_search(v, "pytorch");
	char *want = strdup(v->stext.text);
	size_t nm = v->nm;
	CHECK(want && strstr(want, "PyTorch"));
	/* Industry Experience folded in All, an entry of Research too;
	 * the section's own pane up to date. */
	view_set_pane(v, 2);
	view_set_pane(v, 0);
	v->sec_fold[1] = true;
	v->ent_fold[v->ent_base[3]] = true;
	v->gen++;
	view_pane(v);
	v->stgen = 0;
	view_search(v, "zzz");
	CHECK_STR(v->stext.text, want);
	/* All stale, only a section's pane laid out. */
	v->gen++;
	view_set_pane(v, 3);
	v->stgen = 0;
	view_search(v, "zzz");
	CHECK_STR(v->stext.text, want);
	CHECK(v->panes[0].gen != v->gen);
	/* The match in the folded section, from the top of All. */
	view_set_pane(v, 0);
	keys_dispatch(&ks, v, 'g');
	view_search(v, "pytorch");
	CHECK_INT(v->nm, nm);
	unsigned gen = v->gen;
	view_next_match(v, 'n');                /* Industry Experience */
	CHECK_INT(v->m[v->mcur].sec, 1);
	CHECK(!v->sec_fold[1]);
	CHECK_INT(v->gen, gen);
	CHECK_INT(v->panes[0].gen, gen);
	CHECK(pane_find_item(view_pane(v), 1, v->m[v->mcur].ent) >= 0);
	free(want);
	view_open_all(v, 0);
	view_search(v, "");
}

static void test_search(struct view *v)
{
	struct keys_state ks = { 0 };
	view_set_pane(v, 0);
	keys_dispatch(&ks, v, 'g');
	view_search(v, "pytorch");
	CHECK_INT(v->nm, 4);
	CHECK_STR(v->msg, "match 1/4");
	CHECK_INT(v->m[0].sec, 0);
	CHECK_INT(v->m[1].sec, 1);
	CHECK_INT(v->m[1].ent, 0);
	CHECK_INT(v->m[2].ent, 2);
	CHECK_INT(v->m[3].sec, 3);
	/* Smart case. */
	view_search(v, "PyTorch");
	CHECK_INT(v->nm, 2);
	view_search(v, "PYTORCH");
	CHECK_INT(v->nm, 1);
	CHECK_INT(v->m[0].ent, 2);
	view_search(v, "no such thing");
	CHECK_INT(v->nm, 0);
	CHECK_STR(v->msg, "Pattern not found: no such thing");
	/* The header is searched too: it reads first and needs no pane. */
	keys_dispatch(&ks, v, 'g');
	size_t pane_before = v->cur;
	view_search(v, "example.org");
	CHECK_INT(v->nm, 1);
	CHECK_INT(v->m[0].sec, -1);
	CHECK_STR(v->msg, "match 1/1 in the header");
	CHECK_INT(v->cur, pane_before);

	/* n/N across panes, from a pane without matches: Education. */
	view_search(v, "pytorch");
	view_set_pane(v, 3);
	keys_dispatch(&ks, v, 'n');
	CHECK_INT(v->cur, 4);                   /* on to Publications */
	CHECK_STR(v->msg, "match 4/4");
	keys_dispatch(&ks, v, 'n');
	CHECK_INT(v->cur, 1);                   /* Summary */
	CHECK_STR(v->msg, "match 1/4, wrapped to the top");
	keys_dispatch(&ks, v, 'N');
	CHECK_INT(v->cur, 4);
	CHECK_STR(v->msg, "match 4/4, wrapped to the bottom");
	keys_dispatch(&ks, v, 'N');
	CHECK_INT(v->cur, 2);                   /* Stride, in Experience */
	CHECK_STR(v->msg, "match 3/4");

	/* A match in a folded entry unfolds it and scrolls to it. */
	view_set_pane(v, 2);
	struct pane *p = view_pane(v);
	p->cur_sec = 1;
	p->cur_ent = 0;
	type(v, &ks, "zc");
	CHECK(view_entry_folded(v, 1, 0));
	view_set_pane(v, 1);
	keys_dispatch(&ks, v, 'n');             /* from Summary's match */
	keys_dispatch(&ks, v, 'n');
	CHECK_STR(v->msg, "match 2/4");
	CHECK_INT(v->cur, 2);
	CHECK(!view_entry_folded(v, 1, 0));
	CHECK_INT(p->cur_ent, 0);
	long line, off;
	view_locate_match(v, p, (size_t)v->mcur, &line, &off);
	CHECK(line >= p->top && line < p->top + v->geo.content_rows);
	CHECK(off >= 0 && strncmp(p->lay.lines[line].text + off, "pytorch", 7) == 0);

	/* In All, a folded section opens for its match. */
	type(v, &ks, "zM");
	view_set_pane(v, 0);
	struct pane *all = view_pane(v);
	keys_dispatch(&ks, v, 'g');
	keys_dispatch(&ks, v, 'n');
	CHECK_INT(v->cur, 0);                   /* All shows every match */
	CHECK(!v->sec_fold[0]);
	CHECK(!view_entry_folded(v, 0, 0));
	CHECK(v->sec_fold[1]);                  /* the others stay folded */
	view_locate_match(v, all, (size_t)v->mcur, &line, &off);
	CHECK(off >= 0 && strncmp(all->lay.lines[line].text + off, "PyTorch", 7) == 0);
	type(v, &ks, "zR");

	/* A section's title is in its pane's bar, not its lines: n still
	 * moves on from it. "ion": Microsoft, the Education heading and
	 * entry, the Publications heading. */
	view_set_pane(v, 3);
	keys_dispatch(&ks, v, 'g');
	view_search(v, "ion");
	CHECK_INT(v->nm, 4);
	CHECK_STR(v->msg, "match 2/4");
	keys_dispatch(&ks, v, 'n');
	CHECK_STR(v->msg, "match 3/4");
	CHECK_INT(v->cur, 3);
	keys_dispatch(&ks, v, 'n');
	CHECK_STR(v->msg, "match 4/4");
	CHECK_INT(v->cur, 4);

	/* n without a pattern. */
	struct view w;
	struct resume *r = fixture();
	view_init(&w, r, false);
	view_resize(&w, 80, 24);
	keys_dispatch(&ks, &w, 'n');
	CHECK(w.msg_error && strstr(w.msg, "No previous search"));
	view_free(&w);
	resume_free(r);
}

static void test_prompt(struct view *v)
{
	struct keys_state ks = { 0 };
	view_set_pane(v, 0);
	keys_dispatch(&ks, v, 'g');
	view_search(v, "Engineer");
	size_t before = v->nm;
	CHECK(before > 0);
	/* Typing highlights on the next screen (the loop prepares it
	 * after the keys typed ahead); Esc puts the old search back. */
	keys_dispatch(&ks, v, '/');
	CHECK_INT(v->prompt.kind, PROMPT_SEARCH);
	type(v, &ks, "pyto");
	CHECK_STR(v->pattern, "pyto");
	view_prepare(v);
	CHECK_INT(v->nm, 4);
	CHECK(v->mcur >= 0 && v->nhl > 0);
	keys_dispatch(&ks, v, K_ESC);
	CHECK_INT(v->prompt.kind, PROMPT_NONE);
	CHECK_STR(v->pattern, "Engineer");
	view_matches(v);        /* counts are recomputed lazily, at draw time */
	CHECK_INT(v->nm, before);
	/* Enter keeps it; Backspace edits; control characters are refused. */
	keys_dispatch(&ks, v, '/');
	type(v, &ks, "c++x");
	keys_dispatch(&ks, v, 127);
	keys_dispatch(&ks, v, 0x9B);            /* C1 CSI: refused */
	keys_dispatch(&ks, v, 8);               /* Backspace as Ctrl-H */
	type(v, &ks, "+");
	CHECK_STR(v->prompt.line.buf, "c++");
	keys_dispatch(&ks, v, '\r');
	CHECK_STR(v->pattern, "c++");
	CHECK_INT(v->nm, 2);                    /* Summary, Microsoft */
	CHECK_STR(v->msg, "match 1/2");
	/* Backspace on an empty prompt closes it. */
	keys_dispatch(&ks, v, '/');
	keys_dispatch(&ks, v, K_BACKSPACE);
	CHECK_INT(v->prompt.kind, PROMPT_NONE);
	CHECK_STR(v->pattern, "c++");
	/* Multi-byte input is kept whole. */
	keys_dispatch(&ks, v, '/');
	keys_dispatch(&ks, v, 0xE9);            /* é */
	CHECK_STR(v->prompt.line.buf, "é");
	keys_dispatch(&ks, v, K_BACKSPACE);
	CHECK_STR(v->prompt.line.buf, "");
	keys_dispatch(&ks, v, K_ESC);
	/* Keys do not act while the prompt is open. */
	keys_dispatch(&ks, v, '&');
	keys_dispatch(&ks, v, 'q');
	CHECK_STR(v->prompt.line.buf, "q");
	keys_dispatch(&ks, v, K_ESC);
	CHECK(!v->filter[0]);
	view_search(v, "");
}

static void test_filter(struct view *v)
{
	struct keys_state ks = { 0 };
	view_set_pane(v, 0);
	keys_dispatch(&ks, v, '&');
	type(v, &ks, "pytorch");
	keys_dispatch(&ks, v, '\r');
	CHECK_STR(v->filter, "pytorch");
	CHECK_STR(v->msg, "Filter: 4 entries match pytorch");
	struct pane *all = view_pane(v);
	CHECK_INT(count_kind(all, LINE_SECTION), 3);    /* no Education */
	CHECK_INT(count_kind(all, LINE_ENTRY_HEAD), 4);
	CHECK(pane_find_item(all, 1, 1) < 0);           /* Microsoft */
	view_set_pane(v, 3);
	CHECK_INT(view_pane(v)->lay.n, 0);
	/* The search sees only what the filter shows. */
	view_search(v, "engineer");
	/* The header's headline, then Summary, Netflix and Stride's subtitles. */
	CHECK_INT(v->nm, 4);
	/* A filter matching nothing is refused; the old one stays. */
	view_set_filter(v, "zzz");
	CHECK_STR(v->filter, "pytorch");
	CHECK(v->msg_error);
	/* Any field counts: Scala is one of Netflix's technologies. */
	view_set_filter(v, "scala");
	view_set_pane(v, 0);
	CHECK_INT(count_kind(view_pane(v), LINE_ENTRY_HEAD), 1);
	CHECK(pane_find_item(view_pane(v), 1, 0) >= 0);
	/* & then Enter on nothing clears it. */
	keys_dispatch(&ks, v, '&');
	keys_dispatch(&ks, v, '\r');
	CHECK(!v->filter[0]);
	CHECK_INT(count_kind(view_pane(v), LINE_ENTRY_HEAD), 8);
	view_search(v, "");
}

static void test_copy_click_help(struct view *v)
{
	struct keys_state ks = { 0 };
	view_set_pane(v, 4);
	struct pane *p = view_pane(v);
	p->cur_sec = 3;
	p->cur_ent = 0;
	CHECK(keys_dispatch(&ks, v, 'y') & RD_COPY);
	CHECK_STR(v->copy, "https://doi.org/10.1/x");
	p->cur_ent = 1;                         /* no link: the email */
	keys_dispatch(&ks, v, 'y');
	CHECK_STR(v->copy, "ada@example.org");
	/* OSC 52 has no answer: the message never claims a copy. */
	CHECK_STR(v->msg, "Sent the e-mail address to the terminal (OSC 52)");

	/* A click marks an entry; on the marked entry's title it folds. */
	keys_dispatch(&ks, v, 'g');
	long l1 = p->items[1].line;
	view_click_content(v, (int)(l1 - p->top), v->geo.text_x + 10);
	CHECK_INT(p->cur_ent, 1);
	CHECK(!view_entry_folded(v, 3, 1));
	view_click_content(v, (int)(l1 - p->top), v->geo.text_x + 10);
	CHECK(view_entry_folded(v, 3, 1));
	view_click_content(v, (int)(p->items[1].line - p->top), v->geo.text_x + 10);
	CHECK(!view_entry_folded(v, 3, 1));

	/* Help: scroll keys scroll it, q closes it, q again quits. */
	v->help.nlines = 100;
	CHECK(keys_dispatch(&ks, v, '?') & RD_CONTENT);
	CHECK(v->help.open);
	keys_dispatch(&ks, v, 'j');
	CHECK_INT(v->help.top, 1);
	keys_dispatch(&ks, v, 'G');
	CHECK_INT(v->help.top, 100 - (v->geo.content_rows - 2));
	CHECK(!(keys_dispatch(&ks, v, 'q') & RD_QUIT));
	CHECK(!v->help.open);
	CHECK(keys_dispatch(&ks, v, 'q') & RD_QUIT);
	/* A key that acts elsewhere closes the help and acts: Tab, then a
	 * prefixed one (zM), then one that opens the prompt. */
	size_t pane = v->cur;
	keys_dispatch(&ks, v, '?');
	keys_dispatch(&ks, v, '\t');
	CHECK(!v->help.open);
	CHECK_INT(v->cur, (pane + 1) % v->npanes);
	keys_dispatch(&ks, v, '?');
	type(v, &ks, "zM");
	CHECK(!v->help.open);
	CHECK_STR(v->msg, "Folded everything");
	type(v, &ks, "zR");
	keys_dispatch(&ks, v, '?');
	keys_dispatch(&ks, v, '/');
	CHECK(!v->help.open);
	CHECK_INT(v->prompt.kind, PROMPT_SEARCH);
	keys_dispatch(&ks, v, K_ESC);
	CHECK_INT(v->prompt.kind, PROMPT_NONE);
	view_set_pane(v, 4);
	CHECK(keys_dispatch(&ks, v, K_CTRL('C')) & RD_QUIT);
	CHECK(keys_dispatch(&ks, v, K_CTRL('L')) & RD_CLEAR);
}

/* Every cell of the header and of an entry's wrapped link maps to the
 * address drawn there, and no other cell does. */
static void test_links(void)
{
	struct resume *r = resume_new();
	struct arena *a = &r->arena;
	r->header.name = "Ada";
	r->header.emails = LIST(a, "ada@example.org", "a@b.c");
	r->header.websites = LIST(a, "https://ada.example/");
	r->header.profiles = arena_calloc(a, 2, sizeof *r->header.profiles);
	r->header.profiles[0] = (struct profile){ .network = "GitHub", .username = "ada",
		.url = "https://github.com/ada" };
	r->header.profiles[1] = (struct profile){ .network = "Fediverse", .username = "@ada" };
	r->header.nprofiles = 2;
	r->nsections = 1;
	r->sections = arena_calloc(a, 1, sizeof *r->sections);
	r->sections[0] = (struct section){ .title = "Projects", .kind = ENTRY_NORMAL,
		.nentries = 2, .entries = arena_calloc(a, 2, sizeof(struct entry)) };
	r->sections[0].entries[0] = (struct entry){ .kind = ENTRY_NORMAL, .title = "Loom",
		.url = "https://example.org/a-long-path/to-the/loom-project" };
	r->sections[0].entries[1] = (struct entry){ .kind = ENTRY_NORMAL, .title = "Paper",
		.doi = "10.1/x" };

	struct layout l = LAYOUT_INIT;
	struct layout_opts o = { .width = 100, .section = -1, .header = true };
	layout_build(&l, r, &o);
	/* "ada@example.org · a@b.c · ada.example · GitHub: ada · Fediverse: @ada" */
	long hl = -1;
	for (size_t i = 0; i < l.n; i++)
		if (strstr(l.lines[i].text, "a@b.c"))
			hl = (long)i;
	CHECK(hl >= 0);
	const char *t = hl >= 0 ? l.lines[hl].text : "";
	char out[256];
	struct { const char *shown, *addr; enum link_kind k; } want[] = {
		{ "ada@example.org", "ada@example.org", LINK_EMAIL },
		{ "a@b.c", "a@b.c", LINK_EMAIL },
		{ "ada.example", "https://ada.example/", LINK_URL },
		{ "GitHub: ada", "https://github.com/ada", LINK_URL },
	};
	for (size_t w = 0; w < sizeof want / sizeof *want; w++) {
		const char *at = strstr(t, want[w].shown);
		CHECK(at != NULL);
		int col = at ? (int)str_width(t, (size_t)(at - t)) : 0;
		for (int c = col; at && c < col + (int)strlen(want[w].shown); c++) {
			CHECK_INT(link_at(r, &l, hl, c, out, sizeof out), want[w].k);
			CHECK_STR(out, want[w].addr);
		}
		/* The separator before it is no link. */
		if (col >= 2)
			CHECK_INT(link_at(r, &l, hl, col - 2, out, sizeof out), LINK_NONE);
	}
	/* A profile without a url is no link; nor is the name. */
	const char *fedi = strstr(t, "@ada");
	CHECK(fedi != NULL);
	if (fedi)
		CHECK_INT(link_at(r, &l, hl, (int)str_width(t, (size_t)(fedi - t)), out,
		                  sizeof out), LINK_NONE);
	CHECK_INT(link_at(r, &l, 0, 1, out, sizeof out), LINK_NONE);
	CHECK_INT(link_at(r, &l, hl, 1000, out, sizeof out), LINK_NONE);
	CHECK_INT(link_at(r, &l, (long)l.n, 0, out, sizeof out), LINK_NONE);

	/* At 24 columns the entry's link wraps; each of its lines gives the
	 * whole address. The DOI is a link to doi.org. */
	o.width = 24;
	o.header = false;
	layout_build(&l, r, &o);
	int wrapped = 0;
	for (size_t i = 0; i < l.n; i++) {
		const struct line *x = &l.lines[i];
		if (x->entry != 0 || x->kind != LINE_ENTRY_BODY || !x->nspans)
			continue;
		int col = (int)str_width(x->text, x->len) - 1;
		CHECK_INT(link_at(r, &l, (long)i, col, out, sizeof out), LINK_URL);
		CHECK_STR(out, "https://example.org/a-long-path/to-the/loom-project");
		wrapped++;
	}
	CHECK(wrapped >= 2);
	char small[8];
	for (size_t i = 0; i < l.n; i++)
		if (strstr(l.lines[i].text, "doi.org")) {
			int col = (int)str_width(l.lines[i].text, l.lines[i].len) - 1;
			CHECK_INT(link_at(r, &l, (long)i, col, out, sizeof out), LINK_URL);
			CHECK_STR(out, "https://doi.org/10.1/x");
			/* Too long for the buffer: the kind, and no address. */
			CHECK_INT(link_at(r, &l, (long)i, col, small, sizeof small), LINK_URL);
			CHECK_STR(small, "");
		}
	layout_free(&l);
	resume_free(r);
}

static void test_clean_text(void)
{
	char out[32];
	view_clean_text(out, sizeof out, "a\033[2Jb\x7f\xc2\x9b" "c\xe2\x80\xae" "d\n");
	CHECK_STR(out, "a[2Jbcd");
	view_clean_text(out, 4, "aé€");      /* never cuts a character */
	CHECK_STR(out, "aé");
	view_clean_text(out, sizeof out, "\xff\xfe ok");
	CHECK_STR(out, " ok");
	/* Tag characters (U+E0041 "A", U+E007F) are invisible: gone. */
	view_clean_text(out, sizeof out, "x\xf3\xa0\x81\x81y\xf3\xa0\x81\xbf");
	CHECK_STR(out, "xy");
}

int main(void)
{
	test_match();
	test_osc52();
	test_keys();
	test_prompt_line();
	test_clean_text();
	test_links();
	test_flat();

	struct resume *r = fixture();
	struct view v;
	view_init(&v, r, false);
	test_geometry(&v);
	view_resize(&v, 80, 24);
	test_panes(&v);
	test_scroll_entries(&v);
	test_fold_splice(&v);
	test_shared_panes(&v);
	test_folds(&v);
	test_search(&v);
	test_search_text(&v);
	test_prompt(&v);
	test_unknown_keys(&v);
	test_filter(&v);
	test_copy_click_help(&v);
	view_free(&v);
	resume_free(r);
	utf8_cleanup();         /* a clean exit for leak checkers */
	T_DONE();
}
