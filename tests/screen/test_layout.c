/*
 * How the screen is laid out: the help wraps instead of cutting and gives
 * way to a key that acts elsewhere; on a wide terminal the pane bar, the
 * content and the status line share the text's centred column; one-line
 * entries carry no fold marker and do not fold; --ascii tells a folded
 * entry from a bar with more panes.
 *
 * usage: test_layout VITAE ARJUN-RAO.YAML ONE-LINE.YAML
 */
#include "screen.h"

static const char *arjun, *oneline;

static void press(struct vt *v, const char *keys)
{
	vt_send(v, keys);
	vt_settle(v, 40, WAIT_MS);
}

static struct vt *open_file(int rows, int cols, const char *file, const char *opt)
{
	const char *const args[] = { opt ? opt : file, opt ? file : NULL, NULL };
	return vitae_open(rows, cols, args, NULL);
}

/* --- the help ---------------------------------------------------------- */

/* The box's bottom border says "40/52  j k scroll": the last row shown
 * and how many there are; 0 when all of it shows. */
static int help_last(struct vt *v, int *total)
{
	int r = vt_find_row(v, "└", 0);
	const char *s = r >= 0 ? vt_row(v, r) : "";
	for (; *s; s++) {
		int a, b;
		char rest[8];
		if (*s == ' ' && sscanf(s, " %d/%d %7s", &a, &b, rest) == 3 &&
		    strcmp(rest, "j") == 0) {
			*total = b;
			return a;
		}
	}
	return 0;
}

#define HELP_ROWS_MAX 256

/*
 * The rows inside the help's box, border and padding off, each run of
 * spaces one space, into row[first + k]: what a reader reads. False when
 * a row is cut ("…") or the box is not there.
 */
static bool read_box(struct vt *v, char row[][160], int first)
{
	int rows, cols, top = vt_find_row(v, "vitae keys", 0);
	vt_size(v, &rows, &cols);
	if (top < 0)
		return false;
	int x0 = vt_find_col(v, top, "┌");
	for (int r = top + 1, k = first; r < rows - 1 && k < HELP_ROWS_MAX; r++, k++) {
		const char *s = vt_row(v, r);
		if (strstr(s, "└"))
			break;
		if (strstr(s, "…"))
			return false;
		const char *a = strstr(s, "│"), *b = a ? strstr(a + 1, "│") : NULL;
		if (!a || !b || vt_find_col(v, r, "│") != x0)
			return false;
		size_t n = 0;
		for (const char *p = a + strlen("│"); p < b && n + 1 < sizeof row[k]; p++)
			if (*p != ' ' || (n && row[k][n - 1] != ' '))
				row[k][n++] = *p;
		while (n && row[k][n - 1] == ' ')
			n--;
		row[k][n] = '\0';
	}
	return true;
}

/* The help at cols columns, read page by page to its end: no row cut,
 * and the descriptions whole when their rows are read in turn. */
static void help_reads_whole(int cols)
{
	struct vt *v = open_file(24, cols, arjun, NULL);
	if (!v)
		return;
	press(v, "?");
	SCREEN_HAS(v, "vitae keys");
	static char row[HELP_ROWS_MAX][160];
	memset(row, 0, sizeof row);
	int inside = 24 - bar_row(v) - 4, total = 0, last;
	bool whole = true;
	for (int page = 0; page < 40; page++) {
		last = help_last(v, &total);
		whole &= last > 0 && read_box(v, row, last - inside);
		if (!last || last == total)
			break;
		press(v, " ");
	}
	SCHECK(v, whole && total > 0 && total < HELP_ROWS_MAX);
	static char text[HELP_ROWS_MAX * 160];
	text[0] = '\0';
	for (int i = 0; i < total && i < HELP_ROWS_MAX; i++) {
		SCHECK(v, row[i][0] || i == 0 || row[i - 1][0]);    /* each read */
		size_t tl = strlen(text), rl = strlen(row[i]);
		if (tl + rl + 2 < sizeof text) {
			memcpy(text + tl, row[i], rl);
			memcpy(text + tl + rl, " ", 2);
		}
	}
	/* Descriptions, and at 60 and up (keys stay on one row) keys and
	 * description together. */
	static const char *const want[] = {
		"Fold or unfold the marked entry or section; mouse: click its title",
		"Search everything (lower case: any case)",
		"Show only entries matching (empty: all)",
		"Close the help or list, clear the message",
		"List the file's problems, with their positions",
		"Fold it (again: fold its section, in All)",
		"Go to pane N (1 is All); 10 up: both digits quickly; mouse: click its name",
		"Tab, l, → Next pane",
		"Space, f, PgDn, Ctrl-F Down a page",
		"Ctrl-C, Q, F10 Quit",
	};
	size_t n = sizeof want / sizeof *want - (cols < 60 ? 3 : 0);
	for (size_t i = 0; i < n; i++)
		if (!strstr(text, want[i])) {
			fprintf(stderr, "%d columns: the help lacks \"%s\" in:\n%s\n", cols,
			        want[i], text);
			SCHECK(v, strstr(text, want[i]) != NULL);
		}
	quit_with(v, "Q");
	vt_close(v);
}

/* The key column is as wide as the widest keys, no wider: at 80 columns
 * "Space, f, PgDn, Ctrl-F" and its text are two spaces apart. */
static void help_key_column(void)
{
	struct vt *v = open_file(24, 80, arjun, NULL);
	if (!v)
		return;
	press(v, "?");
	SCREEN_HAS(v, "vitae keys");
	int r = vt_find_row(v, "Space, f, PgDn, Ctrl-F", 0);
	SCHECK(v, r >= 0);
	if (r >= 0) {
		int k = vt_find_col(v, r, "Space"), t = vt_find_col(v, r, "Down a page");
		SCHECK(v, t == k + (int)strlen("Space, f, PgDn, Ctrl-F") + 2);
	}
	quit_with(v, "Q");
	vt_close(v);
}

/* A key that acts elsewhere closes the help and acts; the help's own
 * keys (scrolling, q, Esc) keep to the help. */
static void help_gives_way(void)
{
	struct vt *v = open_file(24, 80, arjun, NULL);
	if (!v)
		return;
	/* j scrolls the help, which stays. */
	press(v, "?");
	SCREEN_HAS(v, "vitae keys");
	int before = vt_find_row(v, "Next pane", 0);
	press(v, "j");
	SCHECK(v, vt_has(v, "vitae keys"));
	SCHECK(v, vt_find_row(v, "Next pane", 0) == before - 1);
	/* / opens the search prompt. */
	press(v, "/");
	SCREEN_LACKS(v, "vitae keys");
	SCHECK(v, status_row(v)[0] == '/');
	press(v, "\033");
	STATUS_HAS(v, "? help");
	/* 3 goes to pane 3. */
	press(v, "?");
	SCREEN_HAS(v, "vitae keys");
	press(v, "3");
	PANE_IS(v, "Industry Experience");
	SCREEN_LACKS(v, "vitae keys");
	SCREEN_HAS(v, "Netflix");
	/* Tab goes to the next. */
	press(v, "?");
	SCREEN_HAS(v, "vitae keys");
	press(v, "\t");
	PANE_IS(v, "Education");
	SCREEN_LACKS(v, "vitae keys");
	/* A key of two, zM, folds everything. */
	press(v, "?");
	SCREEN_HAS(v, "vitae keys");
	press(v, "zM");
	STATUS_HAS(v, "Folded everything");
	SCREEN_LACKS(v, "vitae keys");
	press(v, "zR");
	/* q, as in less, closes the help and does not quit. */
	press(v, "?");
	SCREEN_HAS(v, "vitae keys");
	press(v, "q");
	SCREEN_LACKS(v, "vitae keys");
	SCHECK(v, !vt_exited(v));
	PANE_IS(v, "Education");
	quit_with(v, "q");
	vt_close(v);
}

/* --- a wide terminal --------------------------------------------------- */

static int first_marked(struct vt *v, int row, int cols)
{
	for (int c = 0; c < cols; c++)
		if (vt_cell_marked(v, row, c))
			return c;
	return -1;
}

static int last_marked(struct vt *v, int row, int cols)
{
	for (int c = cols - 1; c >= 0; c--)
		if (vt_cell_marked(v, row, c))
			return c;
	return -1;
}

/* The last column of row that is not blank. */
static int last_text(struct vt *v, int row)
{
	int rows, cols;
	vt_size(v, &rows, &cols);
	for (int c = cols - 1; c >= 0; c--) {
		struct vt_cell cell;
		if (vt_cell(v, row, c, &cell) && cell.text[0] && strcmp(cell.text, " ") != 0)
			return c;
	}
	return -1;
}

static void wide_alignment(void)
{
	int rows = 40, cols = 200;
	struct vt *v = open_file(rows, cols, arjun, NULL);
	if (!v)
		return;
	int r, name;
	SCHECK(v, vt_find(v, "Arjun Rao", &r, &name));
	SCHECK(v, name > 40);                   /* centred */
	int bar = bar_row(v);
	SCHECK(v, bar > 0);
	/* The bar's first pane, the name and the status line's pane start in
	 * one column. */
	SCHECK(v, vt_find_col(v, bar, "1 All") == name);
	SCHECK(v, vt_find_col(v, rows - 1, "All · Summary") == name);
	/* The rule under a heading ends where the status line ends, "? help"
	 * last on it, and the status line begins one column left of the
	 * text, with the entry marker. */
	int rule = vt_find_row(v, "──────────", bar);
	SCHECK(v, rule > bar);
	int end = last_marked(v, rows - 1, cols);
	SCHECK(v, end == last_text(v, rule));
	SCHECK(v, end < cols - 40);
	SCHECK(v, vt_find_col(v, rows - 1, "? help") == end - (int)strlen("? help"));
	SCHECK(v, first_marked(v, rows - 1, cols) == name - 1);
	SCHECK(v, vt_find_col(v, bar + 1, "│") == name - 1);     /* the marker */
	/* A date flush right ends there too. */
	int date = vt_find_row(v, "Mar 2024 – present", 0);
	SCHECK(v, date > 0 && last_text(v, date) == end);
	/* The help is centred in that column. */
	press(v, "?");
	SCREEN_HAS(v, "vitae keys");
	int top = vt_find_row(v, "vitae keys", 0);
	int left = vt_find_col(v, top, "┌"), right = vt_find_col(v, top, "┐");
	SCHECK(v, left >= name - 1 && right <= end);
	SCHECK(v, abs((left - (name - 1)) - (end - right)) <= 1);
	press(v, "q");
	/* The search prompt too. */
	press(v, "/");
	SCHECK(v, vt_find_col(v, rows - 1, "/") == name - 1);
	press(v, "\033");
	quit_with(v, "q");
	vt_close(v);
}

/* --- one-line entries -------------------------------------------------- */

/* The row with text has no fold marker, only the gutter's blanks, before
 * it. */
static bool no_marker(struct vt *v, const char *text)
{
	int r, c;
	if (!vt_find(v, text, &r, &c) || c < 3)
		return false;
	const char *before = vt_text(v, r, c - 2, 2);
	return strcmp(before, "  ") == 0 || before[0] == '\0';
}

static bool has_marker(struct vt *v, const char *marker, const char *text)
{
	char s[256];
	snprintf(s, sizeof s, "%s %s", marker, text);
	return vt_has(v, s);
}

static void one_line_entries(void)
{
	struct vt *v = open_file(40, 80, oneline, NULL);
	if (!v)
		return;
	SCREEN_HAS(v, "• English");
	SCHECK(v, no_marker(v, "• English") && no_marker(v, "• French"));
	SCHECK(v, no_marker(v, "Python") && no_marker(v, "Mathematics"));
	SCHECK(v, no_marker(v, "Engines: Difference"));
	/* What has more than a line has a marker. */
	SCHECK(v, has_marker(v, "▾", "• Italian, which"));
	SCHECK(v, has_marker(v, "▾", "Analytical Engine"));
	SCHECK(v, has_marker(v, "▾", "Languages"));
	/* zM folds what folds and leaves them be. */
	press(v, "zM");
	STATUS_HAS(v, "Folded everything");
	press(v, "2");
	PANE_IS(v, "Languages");
	SCHECK(v, has_marker(v, "▸", "• Italian, which"));
	SCHECK(v, !vt_has(v, "Engine into English"));
	SCHECK(v, no_marker(v, "• English") && no_marker(v, "• French"));
	press(v, "zR");
	STATUS_HAS(v, "Opened everything");
	/* No key folds one: za, Enter, zc say so. */
	press(v, "g");
	STATUS_HAS(v, "Languages · 1/3");
	press(v, "za");
	STATUS_HAS(v, "Nothing to fold");
	SCHECK(v, no_marker(v, "• English") && vt_has(v, "Engine into English"));
	press(v, "\r");
	STATUS_HAS(v, "Nothing to fold");
	press(v, "zc");
	STATUS_HAS(v, "Nothing to fold");
	SCHECK(v, no_marker(v, "• English"));
	/* The one that wraps still folds. */
	press(v, "JJ");
	STATUS_HAS(v, "Languages · 3/3");
	press(v, "za");
	SCHECK(v, has_marker(v, "▸", "• Italian, which"));
	quit_with(v, "q");
	vt_close(v);
}

/* --- --ascii ----------------------------------------------------------- */

/* Content rows (below the bar, above the status line) whose marker is c. */
static int rows_with_marker(struct vt *v, char c)
{
	int rows, cols, n = 0, bar = bar_row(v);
	vt_size(v, &rows, &cols);
	for (int r = bar + 1; bar >= 0 && r < rows - 1; r++) {
		const char *s = content_text(v, r);
		while (*s == ' ')
			s++;
		if (s[0] == c && s[1] == ' ')
			n++;
	}
	return n;
}

static void ascii_markers(void)
{
	/* 40 columns: the bar scrolls, and says so with '>'. */
	struct vt *v = open_file(24, 40, arjun, "--ascii");
	if (!v)
		return;
	int bar = bar_row(v);
	const char *b = vt_row(v, bar);
	SCHECK(v, bar >= 0 && b[strlen(b) - 1] == '>');
	/* Open is '-', folded '+': neither is the bar's '<' or '>'. */
	SCHECK(v, rows_with_marker(v, '-') > 0);
	SCHECK(v, rows_with_marker(v, '>') == 0 && rows_with_marker(v, 'v') == 0);
	press(v, "zM");
	STATUS_HAS(v, "Folded everything");
	SCHECK(v, rows_with_marker(v, '+') > 0);
	SCHECK(v, rows_with_marker(v, '>') == 0);
	SCHECK(v, vt_has(v, "+ Industry Experience (3 entries)"));
	press(v, "5");
	SCREEN_HAS(v, "< ");
	SCHECK(v, vt_has(v, "+ University of Colorado"));
	quit_with(v, "q");
	vt_close(v);
}

int main(int argc, char **argv)
{
	SCREEN_MAIN_START(argc, argv);
	if (argc < 4) {
		fprintf(stderr, "usage: %s VITAE ARJUN-RAO.YAML ONE-LINE.YAML\n", argv[0]);
		return 2;
	}
	arjun = argv[2];
	oneline = argv[3];
	help_reads_whole(40);
	help_reads_whole(60);
	help_reads_whole(80);
	help_key_column();
	help_gives_way();
	wide_alignment();
	one_line_entries();
	ascii_markers();
	T_DONE();
}
