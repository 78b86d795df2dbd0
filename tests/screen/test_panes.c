/*
 * Moving between panes: 1-9, Tab/Shift-Tab, l/h, the arrows and a click
 * on a pane's name; what each pane shows; the bar following the current
 * pane; each pane keeping its own place.
 *
 * usage: test_panes VITAE FIXTURE   (FIXTURE: tests/fixtures/arjun-rao.yaml)
 */
#include "screen.h"

/* The fixture's panes as the bar names them at 80 columns. */
static const char *tab_name(const char *title)
{
	static const char *const short_names[][2] = {
		{ "Industry Experience", "3 Industry" },
		{ "Academic Research Experience", "5 Research" },
		{ "Select Publications", "6 Publications" },
	};
	for (size_t i = 0; i < sizeof short_names / sizeof *short_names; i++)
		if (strcmp(title, short_names[i][0]) == 0)
			return short_names[i][1];
	return title;
}

/* The current pane's name on the bar is drawn in reverse, others not. */
static bool tab_current(struct vt *v, const char *name)
{
	int bar = bar_row(v), c = bar >= 0 ? vt_find_col(v, bar, name) : -1;
	if (c < 0 && bar >= 0)
		c = vt_find_col(v, bar, tab_name(name));
	struct vt_cell cell;
	return c >= 0 && vt_cell(v, bar, c, &cell) && cell.reverse;
}

#define ON_PANE(v, name) do { \
	PANE_IS(v, name); \
	SCHECK(v, tab_current(v, name)); \
} while (0)

static void digits(void)
{
	struct vt *v = fixture_open(24, 80, NULL, NULL);
	if (!v)
		return;
	ON_PANE(v, "All");
	SCHECK(v, !tab_current(v, "Summary"));

	TYPE(v, "2");
	ON_PANE(v, "Summary");
	SCHECK(v, !tab_current(v, "All"));
	SCREEN_HAS(v, "Software engineer specializing");
	SCHECK(v, !vt_has(v, "Mar 2024"));
	SCHECK(v, !vt_has(v, "─────"));      /* a pane has no section heading */

	TYPE(v, "3");
	ON_PANE(v, "Industry Experience");
	SCREEN_HAS(v, "Netflix");
	SCHECK(v, vt_has(v, "Mar 2024 – present"));
	SCHECK(v, vt_has(v, "Software Engineer, Machine Learning, Core Recommendations"));
	SCHECK(v, vt_has(v, "Los Gatos, CA, US"));
	SCHECK(v, !vt_has(v, "Software engineer specializing"));
	/* The title line: organisation left, dates right-aligned. */
	int r, c;
	SCHECK(v, vt_find(v, "Mar 2024 – present", &r, &c) &&
	          strstr(vt_row(v, r), "Netflix") &&
	          c + (int)strlen("Mar 2024 - present") == 80);

	TYPE(v, "4");
	ON_PANE(v, "Education");
	SCREEN_HAS(v, "Ramaiah Institute of Technology");
	SCHECK(v, vt_has(v, "University of Colorado, Boulder"));
	SCHECK(v, vt_has(v, "M.S. in Computer Science"));
	SCHECK(v, vt_has(v, "B.E. in Information Science"));
	SCHECK(v, !vt_has(v, "Netflix"));

	TYPE(v, "5");
	ON_PANE(v, "Academic Research Experience");
	SCREEN_HAS(v, "Emotive Computing Lab");
	SCHECK(v, vt_has(v, "Jan 2020 – May 2021 (1.5 years)"));
	SCHECK(v, vt_has(v, "PyTorch"));
	/* Every pane fits: the bar does not scroll. */
	SCHECK(v, strncmp(vt_row(v, bar_row(v)), " 1 All ", 7) == 0);

	TYPE(v, "6");
	ON_PANE(v, "Select Publications");
	SCREEN_HAS(v, "Using artificial intelligence to assess personal");
	SCHECK(v, vt_has(v, "Science Advances"));
	/* The owner's name stands out among the authors. */
	struct vt_cell own, other;
	SCHECK(v, vt_find(v, "B. Lira", &r, &c) && vt_cell(v, r, c, &other) &&
	          (c = vt_find_col(v, r, "Arjun Rao")) > 0 && vt_cell(v, r, c, &own) &&
	          own.bold && !other.bold);

	/* No seventh pane: a message, and the pane stays. */
	TYPE(v, "7");
	STATUS_HAS(v, "No pane 7");
	ON_PANE(v, "Select Publications");

	TYPE(v, "1");
	ON_PANE(v, "All");
	SCREEN_HAS(v, "Summary");
	SCHECK(v, strncmp(vt_row(v, bar_row(v)), " 1 All ", 7) == 0);
	quit_with(v, "q");
	vt_close(v);
}

static void next_prev(void)
{
	static const char *const order[] = { "All", "Summary", "Industry Experience",
		"Education", "Academic Research Experience", "Select Publications" };
	const size_t n = sizeof order / sizeof order[0];
	struct vt *v = fixture_open(24, 80, NULL, NULL);
	if (!v)
		return;
	/* Forward with Tab, l and →; round the end back to All. */
	static const char *const fwd[] = { "\t", "l", "\033OC" };
	for (size_t i = 1; i <= n; i++) {
		const char *k = fwd[i % 3];
		if (k[0] == '\033')
			vt_send_key(v, VT_KEY_RIGHT);
		else
			vt_send(v, k);
		ON_PANE(v, order[i % n]);
	}
	/* Back with Shift-Tab, h and ←; round the start to the last. */
	for (size_t i = 1; i <= n; i++) {
		switch (i % 3) {
		case 0:
			vt_send_key(v, VT_KEY_BTAB);
			break;
		case 1:
			vt_send(v, "h");
			break;
		default:
			vt_send_key(v, VT_KEY_LEFT);
		}
		ON_PANE(v, order[(2 * n - i) % n]);
	}
	ON_PANE(v, "All");
	vt_send_key(v, VT_KEY_BTAB);
	ON_PANE(v, "Select Publications");
	quit_with(v, "q");
	vt_close(v);
}

static void click_tab(struct vt *v, const char *name)
{
	int bar = bar_row(v), c = vt_find_col(v, bar, name);
	SCHECK(v, c >= 0);
	SCHECK(v, vt_click(v, bar, c + 2));
}

static void mouse(void)
{
	struct vt *v = fixture_open(24, 80, NULL, NULL);
	if (!v)
		return;
	click_tab(v, "Education");
	ON_PANE(v, "Education");
	SCREEN_HAS(v, "Ramaiah");
	click_tab(v, "Summary");
	ON_PANE(v, "Summary");
	/* A click between tabs or on the header changes nothing. */
	SCHECK(v, vt_click(v, 0, 5));
	vt_settle(v, 50, 500);
	PANE_IS(v, "Summary");
	click_tab(v, "All");
	ON_PANE(v, "All");
	/* Wider: every tab is there to click, the last included. */
	CHECK(vt_resize(v, 40, 120));
	SCREEN_HAS(v, "Select Publications");
	click_tab(v, "Select Publications");
	ON_PANE(v, "Select Publications");
	click_tab(v, "5 Research");         /* the text's column: short names */
	ON_PANE(v, "Academic Research Experience");
	quit_with(v, "q");
	vt_close(v);
}

/* Each pane keeps its place; folds and panes do not reset it. */
static void own_place(void)
{
	struct vt *v = fixture_open(24, 80, NULL, NULL);
	if (!v)
		return;
	TYPE(v, "3");
	PANE_IS(v, "Industry Experience");
	for (int i = 0; i < 12; i++)
		vt_send(v, "j");
	vt_settle(v, 50, WAIT_MS);
	STATUS_HAS(v, "%");
	int bar = bar_row(v);
	char first[512];
	snprintf(first, sizeof first, "%s", content_text(v, bar + 1));
	TYPE(v, "4");
	PANE_IS(v, "Education");
	SCREEN_HAS(v, "Ramaiah");
	TYPE(v, "3");
	PANE_IS(v, "Industry Experience");
	vt_settle(v, 30, 500);
	SCHECK(v, strcmp(content_text(v, bar + 1), first) == 0);
	/* The All pane was not moved by it. */
	TYPE(v, "1");
	PANE_IS(v, "All");
	STATUS_HAS(v, "top");
	quit_with(v, "q");
	vt_close(v);
}

int main(int argc, char **argv)
{
	SCREEN_MAIN_START(argc, argv);
	digits();
	next_prev();
	mouse();
	own_place();
	T_DONE();
}
