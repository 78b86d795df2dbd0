/*
 * A visitor's first minute: every pane's name in sight at 80
 * columns, a phrase found where the width wrapped it, --section by a
 * word, the help's first screen, folding from inside an entry, a header
 * match on a short terminal, the status line in All and the pane bar
 * after a resize.
 *
 * usage: test_minute VITAE FIXTURE SAMPLE
 *   (FIXTURE: tests/fixtures/arjun-rao.yaml, SAMPLE: RenderCV's classic example)
 */
#include "screen.h"

static const char *sample;

static void press(struct vt *v, const char *keys)
{
	vt_send(v, keys);
	vt_settle(v, 40, WAIT_MS);
}

static struct vt *open_sample(int rows, int cols)
{
	return vitae_open_file(sample, rows, cols, NULL, NULL);
}

/* Every cell of the columns [c, c + n) of row r is highlighted. */
static bool marked(struct vt *v, int r, int c, int n)
{
	for (int i = 0; i < n; i++)
		if (!vt_cell_marked(v, r, c + i))
			return false;
	return n > 0;
}

/* Columns of UTF-8 text (one per character: the words used are Latin). */
static int ncols(const char *s, size_t n)
{
	int w = 0;
	for (size_t i = 0; i < n; i++)
		w += ((unsigned char)s[i] & 0xC0) != 0x80;
	return w;
}

/* Every pane's number and name, in order, at 80 columns, and a click on
 * each opens it; the status line has its full title. */
static void every_pane(void)
{
	struct vt *v = fixture_open(24, 80, NULL, NULL);
	if (!v)
		return;
	static const char *const tab[] = { "1 All", "2 Summary", "3 Industry",
		"4 Education", "5 Research", "6 Publications" };
	static const char *const title[] = { "All", "Summary", "Industry Experience",
		"Education", "Academic Research Experience", "Select Publications" };
	int bar = bar_row(v), prev = -1;
	for (size_t i = 0; i < 6; i++) {
		int c = bar >= 0 ? vt_find_col(v, bar, tab[i]) : -1;
		SCHECK(v, c > prev);
		prev = c;
	}
	for (size_t i = 6; i-- > 0;) {
		int c = vt_find_col(v, bar, tab[i]);
		SCHECK(v, c >= 0 && vt_click(v, bar, c + 3));
		PANE_IS(v, title[i]);
	}
	quit_with(v, "q");
	vt_close(v);
}

/* At 40 columns the names are cut, not hidden; ‹ and › scroll the bar
 * when even those do not fit. */
static void narrow_bar(void)
{
	struct vt *v = fixture_open(24, 40, NULL, NULL);
	if (!v)
		return;
	int bar = bar_row(v);
	const char *b = vt_row(v, bar);
	SCHECK(v, strstr(b, "1 All") && strstr(b, "2 Su"));
	SCHECK(v, strstr(b, "›") != NULL);
	/* Clicking › scrolls the bar; the pane stays. */
	SCHECK(v, vt_click(v, bar, 39));
	vt_settle(v, 50, WAIT_MS);
	SCHECK(v, strncmp(vt_row(v, bar), "‹", strlen("‹")) == 0);
	PANE_IS(v, "All");
	SCHECK(v, vt_click(v, bar, 0));
	vt_settle(v, 50, WAIT_MS);
	SCHECK(v, strncmp(vt_row(v, bar), " 1 All", 6) == 0);
	quit_with(v, "q");
	vt_close(v);
}

/* Pane 6 at 40 columns scrolls the bar; widened to 120, every whole
 * title fits and the bar starts at All again. */
static void bar_after_resize(void)
{
	struct vt *v = fixture_open(24, 40, NULL, NULL);
	if (!v)
		return;
	press(v, "6");
	PANE_IS(v, "Select Publications");
	SCHECK(v, strncmp(vt_row(v, bar_row(v)), "‹", strlen("‹")) == 0);
	CHECK(vt_resize(v, 24, 120));
	SCREEN_HAS(v, "6 Select Publications");
	const char *b = vt_row(v, bar_row(v));
	SCHECK(v, strstr(b, " 1 All") && strstr(b, "3 Industry Experience") &&
	          strstr(b, "5 Research") && !strstr(b, "›"));
	CHECK(vt_resize(v, 24, 80));
	SCREEN_HAS(v, "6 Publications");
	quit_with(v, "q");
	vt_close(v);
}

/*
 * At a width, finds two rows of one paragraph, a word ending one and a
 * word starting the next, searches for the two words as a phrase, and
 * checks that both halves are highlighted.
 */
static void wrapped_at(int cols)
{
	struct vt *v = open_sample(40, cols);
	if (!v)
		return;
	int rows, cw;
	vt_size(v, &rows, &cw);
	char last[64] = "", first[64] = "";
	int row = -1;
	for (int r = bar_row(v) + 1; r + 1 < rows - 1 && row < 0; r++) {
		char a[1024], b[1024];
		snprintf(a, sizeof a, "%s", vt_row(v, r));
		snprintf(b, sizeof b, "%s", vt_row(v, r + 1));
		/* The next row goes on with the same paragraph: indented as
		 * far, not a bullet, a title or blank. */
		size_t ia = strspn(a, " │"), ib = strspn(b, " │");
		size_t la = strlen(a);
		if (la < 30 || !b[ib] || ib < ia || strstr(b, "•") || strstr(a, "  20"))
			continue;
		const char *sp = strrchr(a, ' ');
		size_t fl = strcspn(b + ib, " ");
		if (!sp || la - (size_t)(sp + 1 - a) < 3 || fl < 3 || fl >= sizeof first)
			continue;
		snprintf(last, sizeof last, "%s", sp + 1);
		memcpy(first, b + ib, fl);
		first[fl] = '\0';
		if (strchr(last, '-') || vt_count(v, last) != 1 || vt_count(v, first) != 1)
			continue;
		row = r;
	}
	SCHECK(v, row >= 0);
	if (row < 0) {
		vt_close(v);
		return;
	}
	char keys[160];
	snprintf(keys, sizeof keys, "/%s %s\r", last, first);
	press(v, keys);
	STATUS_HAS(v, "match 1/");
	/* Found where it was: the screen did not have to move. */
	int c1 = vt_find_col(v, row, last), c2 = vt_find_col(v, row + 1, first);
	SCHECK(v, c1 >= 0 && marked(v, row, c1, ncols(last, strlen(last))));
	SCHECK(v, c2 >= 0 && marked(v, row + 1, c2, ncols(first, strlen(first))));
	quit_with(v, "q");
	vt_close(v);
}

static void wrapped_phrase(void)
{
	wrapped_at(40);
	wrapped_at(80);
	wrapped_at(120);
}

/* "Multi-" ends a line and "Task" starts the next: one word. */
static void wrapped_hyphen(void)
{
	struct vt *v = fixture_open(24, 80, NULL, NULL);
	if (!v)
		return;
	press(v, "/Multi-Task Learning\r");
	STATUS_HAS(v, "match 1/1");
	int r, c;
	SCHECK(v, vt_find(v, "Multi-", &r, &c) && marked(v, r, c, 6));
	SCHECK(v, (c = vt_find_col(v, r + 1, "Task Learning")) >= 0 && marked(v, r + 1, c, 13));
	quit_with(v, "q");
	vt_close(v);
}

static void section_by_word(void)
{
	static const struct {
		const char *arg, *pane;
	} cases[] = {
		{ "publications", "Select Publications" },
		{ "research", "Academic Research Experience" },
		{ "exp", "Industry Experience" },
		{ "EDUC", "Education" },
	};
	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
		const char *const args[] = { "--section", cases[i].arg, NULL };
		struct vt *v = fixture_open(24, 80, args, NULL);
		if (!v)
			continue;
		PANE_IS(v, cases[i].pane);
		quit_with(v, "q");
		vt_close(v);
	}
	/* None: All, and a note naming the panes. */
	const char *const args[] = { "--section", "hobbies", NULL };
	struct vt *v = fixture_open(24, 120, args, NULL);
	if (!v)
		return;
	PANE_IS(v, "All");
	STATUS_HAS(v, "No pane matches \"hobbies\"; panes: All, Summary, Industry");
	quit_with(v, "q");
	vt_close(v);
}

/* The help's first screen at 80x24 has the keys a visitor looks for. */
static void help_first_screen(void)
{
	struct vt *v = fixture_open(24, 80, NULL, NULL);
	if (!v)
		return;
	press(v, "?");
	SCREEN_HAS(v, "vitae keys");
	static const char *const want[] = { "Essentials", "Tab", "Next pane", "1–9",
		"Down one line", "Down a page", "Search everything", "Next match",
		"Previous match", "Fold or unfold", "Show only entries matching",
		"Send the link", "quit" };
	for (size_t i = 0; i < sizeof want / sizeof *want; i++)
		SCHECK(v, vt_has(v, want[i]));
	/* The details follow, a scroll away. */
	SCHECK(v, !vt_has(v, "Redraw the screen"));
	press(v, "G");
	SCREEN_HAS(v, "Redraw the screen");
	quit_with(v, "Q");
	vt_close(v);
}

/* 3, PgDn (inside Netflix's bullets), Enter: Netflix folds, its title
 * comes into view at the top, still marked. */
static void fold_from_inside(void)
{
	struct vt *v = fixture_open(24, 80, NULL, NULL);
	if (!v)
		return;
	press(v, "3");
	press(v, "\033[6~");
	SCHECK(v, !vt_has(v, "▾ Netflix"));
	press(v, "\r");
	SCREEN_HAS(v, "▸ Netflix");
	int bar = bar_row(v);
	SCHECK(v, strstr(vt_row(v, bar + 1), "▸ Netflix") != NULL);
	SCHECK(v, row_marked(v, bar + 1));
	STATUS_HAS(v, "Industry Experience · 1/3");
	quit_with(v, "q");
	vt_close(v);
}

/* At 80x19 the header is one line: a match on its second line shows. */
static void header_match_short(void)
{
	struct vt *v = open_sample(19, 80);
	if (!v)
		return;
	SCHECK(v, !vt_has(v, "GitHub: rendercv"));
	press(v, "/GitHub: rendercv\r");
	STATUS_HAS(v, "in the header");
	int c = vt_find_col(v, 0, "GitHub: rendercv");
	SCHECK(v, c >= 0 && marked(v, 0, c, 16));
	quit_with(v, "q");
	vt_close(v);
}

/* In All the status line names the section and the entry's number. */
static void status_in_all(void)
{
	struct vt *v = fixture_open(24, 80, NULL, NULL);
	if (!v)
		return;
	STATUS_HAS(v, " All · Summary  top");
	press(v, "J");
	STATUS_HAS(v, " All · Summary · 1/1");
	press(v, "J");
	STATUS_HAS(v, " All · Industry Experience  ");     /* its heading */
	press(v, "J");
	STATUS_HAS(v, " All · Industry Experience · 1/3");
	press(v, "G");
	STATUS_HAS(v, " All · Select Publications · 5/5  end");
	/* A section pane: no "All", the title whole. */
	press(v, "5");
	STATUS_HAS(v, " Academic Research Experience · 1/");
	SCHECK(v, !strstr(status_row(v), "…"));
	quit_with(v, "q");
	vt_close(v);
}

int main(int argc, char **argv)
{
	SCREEN_MAIN_START(argc, argv);
	sample = argc > 3 ? argv[3] : "samples/rendercv-classic.yaml";
	every_pane();
	narrow_bar();
	bar_after_resize();
	wrapped_phrase();
	wrapped_hyphen();
	section_by_word();
	help_first_screen();
	fold_from_inside();
	header_match_short();
	status_in_all();
	T_DONE();
}
