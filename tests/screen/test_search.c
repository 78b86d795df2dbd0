/*
 * Search (/ with live highlight, Enter, Esc, n/N across panes, smart
 * case, folded text), the filter (&), copying with y (OSC 52) and the
 * help screen.
 *
 * usage: test_search VITAE FIXTURE   (FIXTURE: tests/fixtures/arjun-rao.yaml)
 */
#include "screen.h"

static void press(struct vt *v, const char *keys)
{
	vt_send(v, keys);
	vt_settle(v, 40, WAIT_MS);
}

/* Occurrences of text on screen (below the bar) whose cells are all
 * highlighted; *cur gets how many of them look like the current match
 * (a colour, or bold, on top of the highlight). */
static int highlighted(struct vt *v, const char *text, int *cur)
{
	int rows, cols, n = 0, len = 0;
	size_t tl = strlen(text);
	vt_size(v, &rows, &cols);
	for (const char *p = text; *p; p++)
		len += ((unsigned char)*p & 0xC0) != 0x80;
	if (cur)
		*cur = 0;
	for (int r = bar_row(v) + 1; r > 0 && r < rows - 1; r++) {
		if (!strstr(vt_row(v, r), text))
			continue;
		for (int c = 0; c < cols; c++) {
			if (strncmp(vt_text(v, r, c, len), text, tl) != 0)
				continue;
			bool all = true;
			for (int i = 0; i < len; i++)
				all = all && vt_cell_marked(v, r, c + i);
			struct vt_cell cell;
			if (all) {
				n++;
				if (cur && vt_cell(v, r, c, &cell) && (!cell.bg_default || cell.bold))
					(*cur)++;
			}
			c += len - 1;
		}
	}
	return n;
}

/* Cells of text at its first occurrence below the bar are plain. */
static bool plain(struct vt *v, const char *text)
{
	int rows, cols;
	vt_size(v, &rows, &cols);
	for (int r = bar_row(v) + 1; r > 0 && r < rows - 1; r++) {
		int c = vt_find_col(v, r, text);
		if (c >= 0)
			return !vt_cell_marked(v, r, c);
	}
	return false;
}

static void typing(void)
{
	/* Tall enough to show two jobs' technologies at once. */
	struct vt *v = fixture_open(80, 100, NULL, NULL);
	if (!v)
		return;
	press(v, "3");
	PANE_IS(v, "Industry Experience");
	SCHECK(v, plain(v, "Python"));
	/* The prompt is on the status line, the cursor after it. */
	press(v, "/");
	SCHECK(v, strncmp(status_row(v), "/", 1) == 0);
	SCHECK(v, vt_cursor_visible(v));
	/* Matches light up as the pattern is typed. */
	press(v, "pyth");
	STATUS_HAS(v, "4 matches");
	SCHECK(v, strncmp(status_row(v), "/pyth", 5) == 0);
	int cur = 0, n = highlighted(v, "Pyth", &cur);
	SCHECK(v, n >= 2 && cur == 1);
	/* Only the match is highlighted, not the rest of the word. */
	int r, c;
	SCHECK(v, vt_find(v, "Python, Tensorflow", &r, &c) && vt_cell_marked(v, r, c) &&
	          !vt_cell_marked(v, r, c + 4) && !vt_cell_marked(v, r, c + 8));
	/* Backspace narrows the count again: "pyt" also finds Pytorch. */
	vt_send_key(v, VT_KEY_BACKSPACE);
	vt_settle(v, 40, WAIT_MS);
	STATUS_HAS(v, "8 matches");
	press(v, "q");
	STATUS_HAS(v, "no match");
	SCHECK(v, highlighted(v, "Pyt", NULL) == 0);
	/* Esc cancels: no pattern, no highlight, the status line back. */
	vt_send_key(v, VT_KEY_ESC);
	STATUS_HAS(v, "? help");
	SCHECK(v, pane_is(v, "Industry Experience"));
	SCHECK(v, plain(v, "Python"));
	SCHECK(v, !vt_cursor_visible(v));
	press(v, "n");
	STATUS_HAS(v, "No previous search");

	/* Enter keeps it: the first match, counted. */
	press(v, "/python\r");
	STATUS_HAS(v, "match 1/4");
	n = highlighted(v, "Python", &cur);
	SCHECK(v, n >= 2 && cur == 1);
	/* Esc on a new prompt keeps the old search. */
	press(v, "/xyz");
	vt_send_key(v, VT_KEY_ESC);
	vt_settle(v, 40, WAIT_MS);
	SCHECK(v, highlighted(v, "Python", NULL) >= 2);
	press(v, "n");
	STATUS_HAS(v, "match 2/4");
	/* An empty pattern searches for the last one again. */
	press(v, "/\r");
	STATUS_HAS(v, "/4");
	SCHECK(v, highlighted(v, "Python", NULL) >= 2);
	quit_with(v, "q");
	vt_close(v);
}

static void across_panes(void)
{
	struct vt *v = fixture_open(24, 80, NULL, NULL);
	if (!v)
		return;
	press(v, "3");
	PANE_IS(v, "Industry Experience");
	press(v, "/pytorch\r");
	STATUS_HAS(v, "match 1/4");
	PANE_IS(v, "Industry Experience");
	int cur;
	SCHECK(v, highlighted(v, "Pytorch", &cur) >= 1 && cur == 1);
	press(v, "n");
	STATUS_HAS(v, "match 2/4");
	SCREEN_HAS(v, "C++, C#, .Net, Python, Pytorch");
	/* The next one is in another pane: it switches. */
	press(v, "n");
	STATUS_HAS(v, "match 3/4");
	PANE_IS(v, "Academic Research Experience");
	SCHECK(v, highlighted(v, "pytorch", &cur) == 1 && cur == 1);
	press(v, "n");
	STATUS_HAS(v, "match 4/4");
	SCHECK(v, highlighted(v, "PyTorch", &cur) == 1 && cur == 1);
	SCHECK(v, highlighted(v, "pytorch", &cur) == 1 && cur == 0);
	press(v, "n");
	STATUS_HAS(v, "match 1/4, wrapped to the top");
	PANE_IS(v, "Industry Experience");
	press(v, "N");
	STATUS_HAS(v, "match 4/4, wrapped to the bottom");
	PANE_IS(v, "Academic Research Experience");
	press(v, "N");
	STATUS_HAS(v, "match 3/4");
	press(v, "N");
	STATUS_HAS(v, "match 2/4");
	PANE_IS(v, "Industry Experience");

	/* In All every match is in the pane: no switching. */
	press(v, "1");
	PANE_IS(v, "All");
	press(v, "g/pytorch\r");
	STATUS_HAS(v, "match 1/4");
	for (int i = 2; i <= 4; i++) {
		char want[32];
		snprintf(want, sizeof want, "match %d/4", i);
		press(v, "n");
		STATUS_HAS(v, want);
		PANE_IS(v, "All");
	}

	/* Not found. */
	press(v, "/xyzzy\r");
	STATUS_HAS(v, "Pattern not found: xyzzy");
	quit_with(v, "q");
	vt_close(v);
}

static void smart_case(void)
{
	struct vt *v = fixture_open(24, 80, NULL, NULL);
	if (!v)
		return;
	/* An upper-case letter makes the search exact. */
	press(v, "/PyTorch");
	STATUS_HAS(v, "1 match");
	press(v, "\r");
	STATUS_HAS(v, "match 1/1");
	SCHECK(v, highlighted(v, "PyTorch", NULL) == 1);
	press(v, "/Pytorch\r");
	STATUS_HAS(v, "match 1/2");
	press(v, "/pytorch\r");
	STATUS_HAS(v, "match 1/4");
	press(v, "/PYTORCH\r");
	STATUS_HAS(v, "Pattern not found: PYTORCH");
	quit_with(v, "q");
	vt_close(v);
}

/* The header is part of the résumé: what it shows can be found. */
static void header(void)
{
	struct vt *v = fixture_open(24, 80, NULL, NULL);
	if (!v)
		return;
	SCHECK(v, vt_has(v, "mailarjunrao@gmail.com"));
	press(v, "/gmail");
	SCHECK(v, !status_has(v, "no match"));
	press(v, "\r");
	SCHECK(v, !status_has(v, "Pattern not found"));
	STATUS_HAS(v, "match 1/1");
	quit_with(v, "q");
	vt_close(v);
}

/* The search looks into folded entries and opens the one it lands in. */
static void folded(void)
{
	struct vt *v = fixture_open(24, 80, NULL, NULL);
	if (!v)
		return;
	press(v, "3zM");
	STATUS_HAS(v, "Folded everything");
	SCHECK(v, !vt_has(v, "Spinnaker"));
	press(v, "/spinnaker\r");
	STATUS_HAS(v, "match 1/1");
	SCREEN_HAS(v, "Spinnaker");
	/* Netflix opened to show it; Microsoft stays folded. */
	SCHECK(v, vt_has(v, "Technologies: Java, Scala") && vt_has(v, "▸ Microsoft"));
	SCHECK(v, highlighted(v, "Spinnaker", NULL) == 1);
	/* And in All, into a folded section. */
	press(v, "1zM");
	SCREEN_HAS(v, "▸ Education (2 entries)");
	press(v, "/ramaiah\r");
	STATUS_HAS(v, "match 1/1");
	SCREEN_HAS(v, "Ramaiah Institute of Technology");
	SCHECK(v, vt_has(v, "▾ Education"));
	quit_with(v, "q");
	vt_close(v);
}

static bool content_has(struct vt *v, const char *text)
{
	int rows, cols;
	vt_size(v, &rows, &cols);
	for (int r = bar_row(v) + 1; r > 0 && r < rows - 1; r++)
		if (strstr(vt_row(v, r), text))
			return true;
	return false;
}

static void filter(void)
{
	struct vt *v = fixture_open(24, 80, NULL, NULL);
	if (!v)
		return;
	press(v, "3zM");
	SCREEN_HAS(v, "▸ Stride.ai Inc.");
	press(v, "&");
	SCHECK(v, strncmp(status_row(v), "&", 1) == 0);
	press(v, "pytorch\r");
	STATUS_HAS(v, "[filter: pytorch]");
	STATUS_HAS(v, "Filter: 3 entries match pytorch");
	SCHECK(v, vt_has(v, "▸ Netflix") && vt_has(v, "▸ Microsoft"));
	SCHECK(v, !vt_has(v, "Stride.ai"));
	/* Every pane is filtered, and says so when nothing is left. */
	press(v, "4");
	PANE_IS(v, "Education");
	SCREEN_HAS(v, "No entry here matches the filter");
	SCHECK(v, !vt_has(v, "Ramaiah"));
	STATUS_HAS(v, "[filter: pytorch]");
	press(v, "5");
	SCREEN_HAS(v, "University of Colorado, Boulder");
	press(v, "2");
	SCREEN_HAS(v, "No entry here matches the filter");
	press(v, "1zR");
	PANE_IS(v, "All");
	SCHECK(v, content_has(v, "Industry Experience"));
	SCHECK(v, !content_has(v, "Summary") && !content_has(v, "Education"));
	press(v, "G");
	SCREEN_HAS(v, "Academic Research Experience");
	SCHECK(v, !content_has(v, "Select Publications") && !content_has(v, "Using artificial"));
	/* The search sees only what the filter shows. */
	press(v, "/python\r");
	STATUS_HAS(v, "/3");

	/* A pattern nothing matches leaves the filter as it was. */
	press(v, "&zzzz\r");
	STATUS_HAS(v, "No entry matches: zzzz");
	STATUS_HAS(v, "[filter: pytorch]");
	/* Smart case here too: only the academic entry writes "PyTorch". */
	press(v, "&PyTorch\r");
	STATUS_HAS(v, "Filter: 1 entry match");
	press(v, "3");
	SCREEN_HAS(v, "No entry here matches the filter");
	/* & then Enter on nothing clears it. */
	press(v, "&\r");
	STATUS_HAS(v, "Filter off");
	SCHECK(v, !status_has(v, "[filter:"));
	press(v, "G");
	SCREEN_HAS(v, "Stride.AI is an AI startup");
	quit_with(v, "q");
	vt_close(v);
}

static void copy(void)
{
	struct vt *v = fixture_open(24, 80, NULL, NULL);
	if (!v)
		return;
	/* No entry of this résumé has a link: y copies the email. */
	static const char osc[] = "\033]52;c;bWFpbGFyanVucmFvQGdtYWlsLmNvbQ==\033\\";
	size_t before = vt_bytes(v);
	press(v, "3y");
	STATUS_HAS(v, "Sent the e-mail address to the terminal (OSC 52)");
	SCHECK(v, vt_log_has(v, before, osc, sizeof osc - 1));
	/* The sequence is not drawn: the screen is still the résumé. */
	SCHECK(v, !vt_has(v, "52;c;"));
	quit_with(v, "q");
	vt_close(v);
}

static void help(void)
{
	struct vt *v = fixture_open(24, 80, NULL, NULL);
	if (!v)
		return;
	press(v, "?");
	SCREEN_HAS(v, "vitae keys");
	SCHECK(v, vt_has(v, "Next pane") && vt_has(v, "Tab, l, →"));
	SCHECK(v, !vt_has(v, "Software engineer specializing"));
	/* It scrolls. */
	SCHECK(v, !vt_has(v, "Quit"));
	press(v, "G");
	SCREEN_HAS(v, "Quit");
	press(v, "g");
	SCREEN_HAS(v, "Next pane");
	/* q closes it and does not quit. */
	press(v, "q");
	SCREEN_HAS(v, "Software engineer specializing");
	SCHECK(v, !vt_has(v, "vitae keys"));
	SCHECK(v, !vt_exited(v));
	/* F1 opens it, Esc closes it. */
	vt_send_key(v, VT_KEY_F1);
	SCREEN_HAS(v, "vitae keys");
	vt_send_key(v, VT_KEY_ESC);
	SCREEN_HAS(v, "Software engineer specializing");
	SCHECK(v, !vt_has(v, "vitae keys"));
	/* ? again closes it too. */
	press(v, "?");
	SCREEN_HAS(v, "vitae keys");
	press(v, "?");
	SCREEN_HAS(v, "Software engineer specializing");
	/* An unknown key points to it. */
	press(v, "%");
	STATUS_HAS(v, "Unknown key: % (? for help)");
	quit_with(v, "q");
	vt_close(v);

	/* Tall enough for all of it: every group and every key. */
	v = fixture_open(50, 120, NULL, NULL);
	if (!v)
		return;
	press(v, "?");
	SCREEN_HAS(v, "vitae keys");
	static const char *const want[] = {
		"Panes", "Scrolling", "Entries", "Folding", "Search and filter", "Other",
		"Tab, l, →", "Shift-Tab, h, ←", "1–9", "j, ↓", "k, ↑", "Space, f, PgDn",
		"b, PgUp", "d", "u", "g, Home", "G, End", "J, ]", "K, [", "za, Enter",
		"zo", "zc", "zR", "zM", "/", "n", "N", "&", "y", "?, F1", "Esc",
		"Ctrl-L", "q", "Ctrl-C", "F10", "Esc u", "wheel",
	};
	/* The essentials come first: the rest is a scroll away. */
	bool seen[sizeof want / sizeof want[0]] = { false };
	for (size_t i = 0; i < sizeof want / sizeof want[0]; i++)
		seen[i] = vt_has(v, want[i]);
	press(v, "G");
	for (size_t i = 0; i < sizeof want / sizeof want[0]; i++) {
		if (!seen[i] && !vt_has(v, want[i])) {
			fprintf(stderr, "help lacks \"%s\"\n", want[i]);
			SCHECK(v, vt_has(v, want[i]));
		}
	}
	quit_with(v, "Q");
	vt_close(v);
}

int main(int argc, char **argv)
{
	SCREEN_MAIN_START(argc, argv);
	typing();
	across_panes();
	smart_case();
	header();
	folded();
	filter();
	copy();
	help();
	T_DONE();
}
