/*
 * Scrolling (j/k, arrows, Space/f/PgDn, b/PgUp, d/u, g/Home, G/End, the
 * wheel) and stepping through entries (J/K, ]/[), checked by where the
 * text moved on the screen.
 *
 * usage: test_scroll VITAE FIXTURE   (FIXTURE: tests/fixtures/arjun-rao.yaml)
 */
#include "screen.h"

#define MAXROWS 64

struct snap {
	int top, n;             /* first content row, content rows */
	char row[MAXROWS][512];
};

/* The content rows (between the bar and the status line), unmarked. */
static void snap(struct vt *v, struct snap *s)
{
	int rows, cols;
	vt_size(v, &rows, &cols);
	vt_settle(v, 30, 1000);
	s->top = bar_row(v) + 1;
	s->n = rows - 1 - s->top;
	for (int i = 0; i < s->n && i < MAXROWS; i++)
		snprintf(s->row[i], sizeof s->row[i], "%.500s", content_text(v, s->top + i));
}

/* The screen now shows s scrolled by delta lines (delta may be negative). */
static bool moved_by(struct vt *v, const struct snap *s, int delta)
{
	struct snap now;
	snap(v, &now);
	int same = 0;
	for (int i = 0; i < now.n; i++) {
		int j = i + delta;
		if (j < 0 || j >= s->n)
			continue;
		if (strcmp(now.row[i], s->row[j]) != 0)
			return false;
		same++;
	}
	return same > 0;
}

#define MOVED(v, s, delta) do { \
	int f_ = t_failures; \
	t_checks++; \
	if (!moved_by((v), (s), (delta))) { \
		t_failures++; \
		fprintf(stderr, "%s:%d: the content did not move by %d\n", __FILE__, __LINE__, (delta)); \
	} \
	if (t_failures != f_) \
		vt_dump((v), stderr); \
} while (0)

/* Sends a key (a string, or a special key when key is set) and waits. */
static void press(struct vt *v, const char *s, int key)
{
	if (s)
		vt_send(v, s);
	else
		vt_send_key(v, (enum vt_key)key);
	vt_settle(v, 40, WAIT_MS);
}

static void lines_and_pages(void)
{
	struct vt *v = fixture_open(24, 80, NULL, NULL);
	if (!v)
		return;
	struct snap s0;
	snap(v, &s0);
	SCHECK(v, s0.n == 19);          /* 24 rows: 3 header + blank + bar + status */
	int page = s0.n - 1, half = (page + 1) / 2;
	STATUS_HAS(v, "top");

	press(v, "j", 0);
	MOVED(v, &s0, 1);
	SCHECK(v, !status_has(v, "top"));
	press(v, "k", 0);
	MOVED(v, &s0, 0);
	STATUS_HAS(v, "top");
	press(v, NULL, VT_KEY_DOWN);
	press(v, NULL, VT_KEY_DOWN);
	MOVED(v, &s0, 2);
	press(v, NULL, VT_KEY_UP);
	MOVED(v, &s0, 1);
	press(v, "k", 0);
	/* At the top, up does nothing. */
	press(v, "k", 0);
	MOVED(v, &s0, 0);

	/* A page keeps one line of the previous one. */
	press(v, " ", 0);
	MOVED(v, &s0, page);
	press(v, "b", 0);
	MOVED(v, &s0, 0);
	press(v, "f", 0);
	MOVED(v, &s0, page);
	press(v, NULL, VT_KEY_PGUP);
	MOVED(v, &s0, 0);
	press(v, NULL, VT_KEY_PGDN);
	MOVED(v, &s0, page);
	struct snap s1;
	snap(v, &s1);
	press(v, NULL, VT_KEY_PGDN);
	MOVED(v, &s1, page);
	press(v, "b", 0);
	press(v, "b", 0);
	MOVED(v, &s0, 0);

	press(v, "d", 0);
	MOVED(v, &s0, half);
	press(v, "d", 0);
	MOVED(v, &s0, 2 * half);
	press(v, "u", 0);
	MOVED(v, &s0, half);
	press(v, "u", 0);
	MOVED(v, &s0, 0);

	/* G and End show the end of the résumé; g and Home the start. */
	press(v, "G", 0);
	STATUS_HAS(v, "end");
	SCREEN_HAS(v, "solving that level.");
	SCHECK(v, !vt_has(v, "Software engineer specializing"));
	struct snap bottom;
	snap(v, &bottom);
	press(v, "j", 0);
	MOVED(v, &bottom, 0);           /* nothing below the end */
	press(v, "g", 0);
	STATUS_HAS(v, "top");
	MOVED(v, &s0, 0);
	press(v, NULL, VT_KEY_END);
	STATUS_HAS(v, "end");
	MOVED(v, &bottom, 0);
	press(v, NULL, VT_KEY_HOME);
	STATUS_HAS(v, "top");
	MOVED(v, &s0, 0);

	/* The wheel scrolls a few lines at a time where it is turned. */
	SCHECK(v, vt_wheel(v, VT_WHEEL_DOWN, s0.top + 5, 20));
	vt_settle(v, 40, WAIT_MS);
	struct snap w;
	snap(v, &w);
	int step = 0;
	for (int d = 1; d <= 5 && !step; d++)
		if (moved_by(v, &s0, d))
			step = d;
	SCHECK(v, step >= 1 && step <= 5);
	SCHECK(v, vt_wheel(v, VT_WHEEL_DOWN, s0.top + 5, 20));
	vt_settle(v, 40, WAIT_MS);
	MOVED(v, &s0, 2 * step);
	SCHECK(v, vt_wheel(v, VT_WHEEL_UP, s0.top + 5, 20));
	SCHECK(v, vt_wheel(v, VT_WHEEL_UP, s0.top + 5, 20));
	vt_settle(v, 40, WAIT_MS);
	MOVED(v, &s0, 0);
	quit_with(v, "q");
	vt_close(v);
}

/* A short pane that fits has nowhere to scroll. */
static void pane_that_fits(void)
{
	struct vt *v = fixture_open(24, 80, NULL, NULL);
	if (!v)
		return;
	press(v, "4", 0);
	PANE_IS(v, "Education");
	/* The status line says where, not "All": the whole pane fits. */
	STATUS_HAS(v, "Education · 1/2");
	SCHECK(v, !status_has(v, "top") && !status_has(v, "end") && !status_has(v, "All"));
	struct snap s;
	snap(v, &s);
	press(v, " ", 0);
	press(v, "G", 0);
	press(v, "j", 0);
	MOVED(v, &s, 0);
	quit_with(v, "q");
	vt_close(v);
}

/* The row of the title line of the marked entry (it starts with a fold
 * marker), or -1 when that entry is not shown or not marked. */
static int marked_title(struct vt *v, const char *title)
{
	int rows, cols;
	char open[256], shut[256];
	vt_size(v, &rows, &cols);
	snprintf(open, sizeof open, "▾ %s", title);
	snprintf(shut, sizeof shut, "▸ %s", title);
	for (int r = bar_row(v) + 1; r > 0 && r < rows - 1; r++) {
		const char *s = vt_row(v, r);
		if (strstr(s, open) || strstr(s, shut))
			return row_marked(v, r) ? r : -1;
	}
	return -1;
}

static void entries(void)
{
	struct vt *v = fixture_open(24, 80, NULL, NULL);
	if (!v)
		return;
	press(v, "3", 0);
	PANE_IS(v, "Industry Experience");
	/* The first entry is marked on every one of its rows. */
	SCHECK(v, marked_title(v, "Netflix") >= 0);
	int bar = bar_row(v);
	SCHECK(v, row_marked(v, bar + 1) && row_marked(v, bar + 2) && row_marked(v, 22));

	press(v, "J", 0);
	SCHECK(v, marked_title(v, "Microsoft") >= 0);
	/* The new entry was scrolled into view, Netflix's rows lost the mark. */
	int r, c;
	SCHECK(v, marked_title(v, "Netflix") < 0);
	press(v, "]", 0);
	SCHECK(v, marked_title(v, "Stride.ai Inc.") >= 0);
	SCHECK(v, marked_title(v, "Microsoft") < 0);
	press(v, "J", 0);
	STATUS_HAS(v, "Last entry");
	SCHECK(v, marked_title(v, "Stride.ai Inc.") >= 0);

	press(v, "K", 0);
	SCHECK(v, marked_title(v, "Microsoft") >= 0);
	press(v, "[", 0);
	SCHECK(v, marked_title(v, "Netflix") >= 0);
	press(v, "K", 0);
	STATUS_HAS(v, "First entry");

	/* In All, section headings are steps too. */
	press(v, "1", 0);
	PANE_IS(v, "All");
	SCHECK(v, row_marked(v, bar + 1) && strstr(vt_row(v, bar + 1), "Summary"));
	press(v, "J", 0);
	SCHECK(v, marked_title(v, "Software engineer specializing") >= 0);
	SCHECK(v, !row_marked(v, bar + 1));
	press(v, "J", 0);
	SCHECK(v, marked_title(v, "Industry Experience") >= 0);
	press(v, "J", 0);
	SCHECK(v, marked_title(v, "Netflix") >= 0);
	/* G marks the last entry. */
	press(v, "G", 0);
	SCHECK(v, marked_title(v, "Multimodal, Multiparty Modeling") >= 0);
	/* A click on an entry marks it. */
	SCHECK(v, vt_find(v, "Say What? Automatic Modeling", &r, &c));
	SCHECK(v, vt_click(v, r + 1, 30));
	vt_settle(v, 40, WAIT_MS);
	SCHECK(v, marked_title(v, "Say What? Automatic Modeling") >= 0);
	quit_with(v, "q");
	vt_close(v);
}

int main(int argc, char **argv)
{
	SCREEN_MAIN_START(argc, argv);
	lines_and_pages();
	pane_that_fits();
	entries();
	T_DONE();
}
