/*
 * --ascii shows a character the same way everywhere: the pane bar and the
 * status line (drawn from the section titles) as the header and the
 * content (laid out by the wrapper), with utf8.c's one table of
 * stand-ins; and the bar's tabs measure the stand-ins, not the
 * characters they replace ("™" is one column, "(TM)" four).
 *
 * usage: test_ascii VITAE FILE   (FILE: tests/fixtures/ascii.yaml)
 */
#include "screen.h"

static const char *file;

/* The first row from `from` on that holds text, or -1. */
static int row_with(struct vt *v, int from, const char *text)
{
	int rows, cols;
	vt_size(v, &rows, &cols);
	for (int r = from < 0 ? 0 : from; r < rows; r++)
		if (strstr(vt_row(v, r), text))
			return r;
	return -1;
}

static void same_everywhere(void)
{
	const char *const args[] = { "--ascii", file, NULL };
	struct vt *v = vitae_open(24, 80, args, NULL);
	if (!v)
		return;
	SCREEN_HAS(v, "Zoe Strasse");
	int bar = bar_row(v);
	SCHECK(v, bar >= 0);
	if (bar >= 0) {
		/* every tab whole and in its place: widths were the stand-ins' */
		SCHECK(v, strncmp(vt_row(v, bar),
		                  " 1 All   2 Research - 2024   3 Awards(TM)   4 Talks",
		                  51) == 0);
	}
	/* All: the section headings in the content read as the tabs do */
	int h = row_with(v, bar + 1, "- Research - 2024");
	SCHECK(v, h > bar);
	SCHECK(v, row_with(v, h + 1, "- Awards(TM)") > h);
	SCHECK(v, vt_has(v, "Strasse - naive \"quotes\"..."));
	SCHECK(v, vt_has(v, "Prize EUR 100"));
	SCHECK(v, vt_has(v, "Krakow"));
	STATUS_HAS(v, "Research - 2024");       /* the section of the entry */

	/* The pane of its own: its name on the status line, its text */
	TYPE(v, "2");
	PANE_IS(v, "Research - 2024");
	SCREEN_HAS(v, "Strasse - naive");
	TYPE(v, "3");
	PANE_IS(v, "Awards(TM)");
	SCREEN_HAS(v, "Prize EUR 100");

	size_t len;
	const char *log = vt_log(v, &len);
	SCHECK(v, all_ascii(log, len));
	vt_send(v, "q");
	vt_close(v);
}

/* Narrow enough that titles are cut: the cut is measured in stand-ins
 * too, so that no tab runs into the next. */
static void cut_titles(void)
{
	const char *const args[] = { "--ascii", file, NULL };
	struct vt *v = vitae_open(24, 40, args, NULL);
	if (!v)
		return;
	int bar = bar_row(v);
	SCHECK(v, bar >= 0);
	if (bar >= 0) {
		const char *row = vt_row(v, bar);
		SCHECK(v, strstr(row, " 4 T") != NULL);
		SCHECK(v, strstr(row, " 3 Aw") != NULL);
		SCHECK(v, all_ascii(row, strlen(row)));
	}
	vt_send(v, "q");
	vt_close(v);
}

int main(int argc, char **argv)
{
	SCREEN_MAIN_START(argc, argv);
	file = argc > 2 ? argv[2] : "fixtures/ascii.yaml";
	same_everywhere();
	cut_titles();
	T_DONE();
}
