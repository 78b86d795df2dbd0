/*
 * Folding, in vim's words: za/Enter toggle, zo/zc open/close, zR opens
 * everything, zM folds everything; sections fold in the All pane; folds
 * persist across panes; a click on the marked entry's title folds it.
 *
 * usage: test_fold VITAE FIXTURE   (FIXTURE: tests/fixtures/arjun-rao.yaml)
 */
#include "screen.h"

static void press(struct vt *v, const char *keys)
{
	vt_send(v, keys);
	vt_settle(v, 40, WAIT_MS);
}

/* Rows between the bar and the status line that show anything. */
static int content_lines(struct vt *v)
{
	int rows, cols, n = 0;
	vt_size(v, &rows, &cols);
	for (int r = bar_row(v) + 1; r > 0 && r < rows - 1; r++)
		if (vt_row(v, r)[0])
			n++;
	return n;
}

/* The entry's title line shows it open (▾) or folded (▸). */
static bool shown_open(struct vt *v, const char *title)
{
	char s[256];
	snprintf(s, sizeof s, "▾ %s", title);
	return vt_has(v, s);
}

static bool shown_folded(struct vt *v, const char *title)
{
	char s[256];
	snprintf(s, sizeof s, "▸ %s", title);
	return vt_has(v, s);
}

#define NETFLIX_BODY "Building & optimizing end-to-end ML training"
#define MICROSOFT_BODY "Tech lead for the online serving infrastructure"
#define STRIDE_BODY "Stride.AI is an AI startup"

static void in_a_pane(void)
{
	/* Tall enough for an open Netflix and the titles after it. */
	struct vt *v = fixture_open(50, 100, NULL, NULL);
	if (!v)
		return;
	press(v, "3");
	PANE_IS(v, "Industry Experience");
	SCHECK(v, shown_open(v, "Netflix") && vt_has(v, NETFLIX_BODY));

	/* zM: each entry is one line, its title line with the dates. */
	press(v, "zM");
	STATUS_HAS(v, "Folded everything");
	SCHECK(v, content_lines(v) == 3);
	SCHECK(v, shown_folded(v, "Netflix") && shown_folded(v, "Microsoft") &&
	          shown_folded(v, "Stride.ai Inc."));
	SCHECK(v, vt_has(v, "Mar 2024 – present") && vt_has(v, "June 2021 – Feb 2024"));
	SCHECK(v, !vt_has(v, NETFLIX_BODY) && !vt_has(v, "Software Engineer II"));

	/* za opens the marked entry (the first) and only it. */
	press(v, "za");
	SCHECK(v, shown_open(v, "Netflix") && vt_has(v, NETFLIX_BODY));
	SCHECK(v, shown_folded(v, "Microsoft") && !vt_has(v, MICROSOFT_BODY));
	press(v, "za");
	SCHECK(v, shown_folded(v, "Netflix") && content_lines(v) == 3);

	/* Enter toggles too. */
	vt_send_key(v, VT_KEY_ENTER);
	vt_settle(v, 40, WAIT_MS);
	SCHECK(v, shown_open(v, "Netflix") && vt_has(v, NETFLIX_BODY));
	vt_send_key(v, VT_KEY_ENTER);
	vt_settle(v, 40, WAIT_MS);
	SCHECK(v, shown_folded(v, "Netflix"));

	/* zo opens, and opening an open entry leaves it open; zc closes. */
	press(v, "J");
	press(v, "zo");
	SCHECK(v, shown_open(v, "Microsoft") && vt_has(v, MICROSOFT_BODY));
	SCHECK(v, shown_folded(v, "Netflix"));
	press(v, "zo");
	SCHECK(v, shown_open(v, "Microsoft"));
	press(v, "zc");
	SCHECK(v, shown_folded(v, "Microsoft") && !vt_has(v, MICROSOFT_BODY));
	press(v, "zc");
	SCHECK(v, shown_folded(v, "Microsoft") && content_lines(v) == 3);

	/* A half-typed z says what may follow; an unknown one says so. */
	press(v, "z");
	STATUS_HAS(v, "z-");
	press(v, "x");
	STATUS_HAS(v, "Unknown key: zx");

	/* zR opens everything. */
	press(v, "zR");
	STATUS_HAS(v, "Opened everything");
	SCHECK(v, shown_open(v, "Microsoft"));
	press(v, "G");
	SCREEN_HAS(v, STRIDE_BODY);
	SCHECK(v, !vt_has(v, "▸"));
	quit_with(v, "q");
	vt_close(v);
}

static void in_all(void)
{
	struct vt *v = fixture_open(24, 80, NULL, NULL);
	if (!v)
		return;
	/* The marked item is the first heading: za folds the section into
	 * its heading with a count. */
	press(v, "za");
	SCREEN_HAS(v, "▸ Summary (1 entry)");
	SCHECK(v, !vt_has(v, "Software engineer specializing"));
	SCHECK(v, shown_open(v, "Industry Experience") && shown_open(v, "Netflix"));
	press(v, "za");
	SCREEN_HAS(v, "Software engineer specializing");
	SCHECK(v, shown_open(v, "Summary"));

	/* zM: every section is its heading and count. */
	press(v, "zM");
	SCREEN_HAS(v, "▸ Industry Experience (3 entries)");
	SCHECK(v, vt_has(v, "▸ Summary (1 entry)"));
	SCHECK(v, vt_has(v, "▸ Education (2 entries)"));
	SCHECK(v, vt_has(v, "▸ Academic Research Experience (1 entry)"));
	SCHECK(v, vt_has(v, "▸ Select Publications (5 entries)"));
	SCHECK(v, !vt_has(v, "Netflix") && !vt_has(v, "Ramaiah"));
	SCHECK(v, content_lines(v) == 5);

	/* Opening a section shows its entries, still folded from zM. */
	press(v, "J");
	press(v, "zo");
	SCREEN_HAS(v, "▾ Industry Experience");
	SCHECK(v, shown_folded(v, "Netflix") && shown_folded(v, "Microsoft"));
	SCHECK(v, !vt_has(v, NETFLIX_BODY));
	SCHECK(v, shown_folded(v, "Education"));

	/* zc on a folded entry closes the section around it, as in vim. */
	press(v, "J");
	SCHECK(v, shown_folded(v, "Netflix"));
	press(v, "zc");
	SCREEN_HAS(v, "▸ Industry Experience (3 entries)");
	SCHECK(v, !vt_has(v, "Netflix"));

	press(v, "zR");
	STATUS_HAS(v, "Opened everything");
	press(v, "g");
	SCREEN_HAS(v, "Software engineer specializing");
	SCHECK(v, !vt_has(v, "▸"));
	quit_with(v, "q");
	vt_close(v);
}

/* Folds are the résumé's, not a pane's. */
static void persistence(void)
{
	struct vt *v = fixture_open(24, 80, NULL, NULL);
	if (!v)
		return;
	press(v, "3");
	PANE_IS(v, "Industry Experience");
	press(v, "zc");
	SCHECK(v, shown_folded(v, "Netflix") && shown_open(v, "Microsoft"));

	press(v, "1");
	PANE_IS(v, "All");
	SCREEN_HAS(v, "▸ Netflix");
	SCHECK(v, !vt_has(v, NETFLIX_BODY));
	SCHECK(v, shown_open(v, "Microsoft"));
	/* Folding a section in All leaves the panes' entries alone. */
	press(v, "g");
	press(v, "za");
	SCREEN_HAS(v, "▸ Summary (1 entry)");
	press(v, "2");
	PANE_IS(v, "Summary");
	SCREEN_HAS(v, "Software engineer specializing");

	press(v, "3");
	PANE_IS(v, "Industry Experience");
	SCHECK(v, shown_folded(v, "Netflix") && shown_open(v, "Microsoft"));
	/* Opening Netflix here opens it in All too. */
	press(v, "za");
	SCHECK(v, shown_open(v, "Netflix"));
	press(v, "1");
	PANE_IS(v, "All");
	SCHECK(v, vt_has(v, "▸ Summary (1 entry)"));
	SCREEN_HAS(v, NETFLIX_BODY);
	quit_with(v, "q");
	vt_close(v);
}

static void mouse(void)
{
	struct vt *v = fixture_open(24, 80, NULL, NULL);
	if (!v)
		return;
	press(v, "4");
	PANE_IS(v, "Education");
	int r, c;
	/* A click on the marked entry's title folds it... */
	SCHECK(v, vt_find(v, "University of Colorado", &r, &c));
	SCHECK(v, vt_click(v, r, c + 3));
	vt_settle(v, 40, WAIT_MS);
	SCHECK(v, shown_folded(v, "University of Colorado") && !vt_has(v, "M.S. in Computer Science"));
	SCHECK(v, vt_click(v, r, c + 3));
	vt_settle(v, 40, WAIT_MS);
	SCHECK(v, shown_open(v, "University of Colorado") && vt_has(v, "M.S. in Computer Science"));
	/* ...a click on another's title marks it first; its fold marker
	 * folds it at once. */
	SCHECK(v, vt_find(v, "Ramaiah", &r, &c));
	SCHECK(v, vt_click(v, r, c + 3));
	vt_settle(v, 40, WAIT_MS);
	SCHECK(v, shown_open(v, "Ramaiah") && row_marked(v, r));
	SCHECK(v, vt_find(v, "▾ University", &r, &c));
	SCHECK(v, vt_click(v, r, c));
	vt_settle(v, 40, WAIT_MS);
	SCHECK(v, shown_folded(v, "University of Colorado"));
	quit_with(v, "q");
	vt_close(v);
}

int main(int argc, char **argv)
{
	SCREEN_MAIN_START(argc, argv);
	in_a_pane();
	in_all();
	persistence();
	mouse();
	T_DONE();
}
