/*
 * vitae's first screen at a few sizes, the options that choose how it
 * opens, resizing, redrawing, the ways out (each restoring the terminal)
 * and the fall back to text when the terminal cannot be used; with no
 * FILE, the résumé compiled in.
 *
 * usage: test_start VITAE FIXTURE BUNDLED
 *   (FIXTURE: tests/fixtures/arjun-rao.yaml; BUNDLED: the file -Dresume
 *   compiled in, data/arjun-rao.yaml by default)
 */
#include "screen.h"

static bool row_is_bold_at(struct vt *v, const char *text)
{
	int r, c;
	struct vt_cell cell;
	return vt_find(v, text, &r, &c) && vt_cell(v, r, c, &cell) && cell.bold;
}

static bool row_reverse_at(struct vt *v, int row, const char *text)
{
	struct vt_cell cell;
	int c = vt_find_col(v, row, text);
	return c >= 0 && vt_cell(v, row, c, &cell) && cell.reverse;
}

/* Every cell of rows [from, to] has the terminal's default background. */
static bool default_background(struct vt *v, int from, int to)
{
	int rows, cols;
	vt_size(v, &rows, &cols);
	for (int r = from; r <= to; r++)
		for (int c = 0; c < cols; c++) {
			struct vt_cell cell;
			if (!vt_cell(v, r, c, &cell) || !cell.bg_default || cell.reverse)
				return false;
		}
	return true;
}

/* Every cell of rows [from, to] has the terminal's default foreground. */
static bool own_foreground(struct vt *v, int from, int to)
{
	int rows, cols;
	vt_size(v, &rows, &cols);
	for (int r = from; r <= to; r++)
		for (int c = 0; c < cols; c++) {
			struct vt_cell cell;
			if (!vt_cell(v, r, c, &cell) || !cell.fg_default)
				return false;
		}
	return true;
}

static void first_screen_80x24(void)
{
	struct vt *v = fixture_open(24, 80, NULL, NULL);
	if (!v)
		return;
	/* The header: name (bold), then the contact line. */
	SCHECK(v, strstr(vt_row(v, 0), "Arjun Rao") != NULL);
	SCHECK(v, row_is_bold_at(v, "Arjun Rao"));
	char contact[1024];
	snprintf(contact, sizeof contact, "%s", vt_row(v, 1));
	SCHECK(v, strstr(contact, "mailarjunrao@gmail.com") && strstr(contact, "arjun.fyi") &&
	          strstr(contact, "GitHub: arjun-rao") && strstr(contact, "LinkedIn: arjunra0"));
	/* The pane bar: All first, then the sections in file order. */
	int bar = bar_row(v);
	SCHECK(v, bar > 1 && bar < 6);
	char b[1024];
	snprintf(b, sizeof b, "%s", vt_row(v, bar));    /* vt_row() reuses its buffer */
	const char *all = strstr(b, "1 All"), *sum = strstr(b, "2 Summary"),
	           *ind = strstr(b, "3 Industry"), *edu = strstr(b, "4 Education"),
	           *res = strstr(b, "5 Research"), *pub = strstr(b, "6 Publications");
	SCHECK(v, all && sum && ind && edu && res && pub && all < sum && sum < ind &&
	          ind < edu && edu < res && res < pub);
	/* Every pane is in sight at 80 columns: nothing hides behind a ›. */
	SCHECK(v, !strstr(b, "›") && !strstr(b, "‹"));
	SCHECK(v, row_reverse_at(v, bar, "All"));
	SCHECK(v, !row_reverse_at(v, bar, "Summary"));
	/* The content starts with the first section and its marked heading. */
	SCHECK(v, strstr(vt_row(v, bar + 1), "Summary") != NULL);
	SCHECK(v, row_marked(v, bar + 1));
	SCHECK(v, vt_has(v, "Software engineer specializing in building systems"));
	SCHECK(v, vt_has(v, "Netflix"));
	SCHECK(v, vt_has(v, "Mar 2024 – present"));
	/* The status line: pane, position, the help hint, in reverse. */
	const char *st = status_row(v);
	SCHECK(v, strncmp(st, " All · Summary  top", strlen(" All · Summary  top")) == 0);
	SCHECK(v, strlen(st) >= 6 && strcmp(st + strlen(st) - 6, "? help") == 0);
	struct vt_cell cell;
	SCHECK(v, vt_cell(v, 23, 40, &cell) && cell.reverse);
	/* What ncurses asked the terminal for. */
	SCHECK(v, vt_altscreen(v));
	SCHECK(v, !vt_cursor_visible(v));
	SCHECK(v, vt_mode(v, 1000) == 1 && vt_mode(v, 1006) == 1);
	/* Text is in the terminal's own colours, which read on its theme
	 * whether dark or light (tools/contrast.py); bold and underline say
	 * what a colour would have: a title, a section heading. */
	int r = vt_find_row(v, "Industry Experience", bar + 1);
	int c = r > bar ? vt_find_col(v, r, "Industry Experience") : -1;
	SCHECK(v, c >= 0 && vt_cell(v, r, c, &cell) && cell.bold && cell.underline);
	SCHECK(v, default_background(v, 0, bar - 1) && default_background(v, bar + 1, 22));
	SCHECK(v, own_foreground(v, 0, bar - 1) && own_foreground(v, bar + 1, 22));
	quit_with(v, "q");
	/* The alternate screen is gone: the résumé is not left behind. */
	SCHECK(v, !vt_has(v, "Arjun Rao"));
	vt_close(v);
}

static void first_screen_120x40(void)
{
	struct vt *v = fixture_open(40, 120, NULL, NULL);
	if (!v)
		return;
	int r, c, c2;
	/* Text keeps a readable width and is centred. */
	SCHECK(v, vt_find(v, "Arjun Rao", &r, &c) && r == 0 && c > 1);
	SCHECK(v, vt_find(v, "Software engineer", &r, &c2) && c2 >= c);
	SCHECK(v, strlen(vt_row(v, r)) > 80);
	/* Every pane fits on the bar. */
	int bar = bar_row(v);
	char b[1024];
	snprintf(b, sizeof b, "%s", vt_row(v, bar));    /* vt_row() reuses its buffer */
	/* ... in the text's column: a long title gives way to its short
	 * name there, the status line has it whole. */
	SCHECK(v, strstr(b, "5 Research") && strstr(b, "6 Select Publications"));
	SCHECK(v, vt_find_col(v, bar, "1 All") == c);
	SCHECK(v, !strstr(b, "›"));
	/* A taller screen shows more: Netflix's first highlight. */
	SCHECK(v, vt_has(v, "Tech lead for re-designing"));
	SCHECK(v, pane_is(v, "All"));
	quit_with(v, "q");
	vt_close(v);
}

/* A short terminal gets a one-line header. */
static void short_terminal(void)
{
	struct vt *v = fixture_open(15, 80, NULL, NULL);
	if (!v)
		return;
	SCHECK(v, strstr(vt_row(v, 0), "Arjun Rao") != NULL);
	SCHECK(v, bar_row(v) == 1);
	SCHECK(v, !vt_has(v, "mailarjunrao@gmail.com"));
	SCHECK(v, status_has(v, "? help"));
	quit_with(v, "q");
	vt_close(v);
}

/* The size comes from the terminal, not from stale LINES/COLUMNS. */
static void size_from_terminal(void)
{
	static const char *const env[] = { "LINES=10", "COLUMNS=30", NULL };
	struct vt *v = fixture_open(24, 80, NULL, env);
	if (!v)
		return;
	SCHECK(v, !vt_has(v, "too small"));
	SCHECK(v, status_has(v, "? help"));
	SCHECK(v, vt_has(v, "mailarjunrao@gmail.com"));
	quit_with(v, "q");
	vt_close(v);
}

static void resize(void)
{
	struct vt *v = fixture_open(24, 80, NULL, NULL);
	if (!v)
		return;
	CHECK(vt_resize(v, 8, 30));
	SCREEN_HAS(v, "Terminal too small");
	SCREEN_HAS(v, "30x8, needs 40x10");
	SCHECK(v, !vt_has(v, "Arjun Rao"));
	/* Keys other than q do nothing on the notice. */
	CHECK(vt_send(v, "j"));
	vt_settle(v, 50, 500);
	SCHECK(v, vt_has(v, "Terminal too small"));
	CHECK(vt_resize(v, 10, 39));
	SCREEN_HAS(v, "39x10, needs 40x10");
	CHECK(vt_resize(v, 9, 40));
	SCREEN_HAS(v, "40x9, needs 40x10");
	/* The minimum itself is usable. */
	CHECK(vt_resize(v, 10, 40));
	STATUS_HAS(v, "? help");
	SCHECK(v, !vt_has(v, "too small"));
	SCHECK(v, strstr(vt_row(v, 0), "Arjun Rao") != NULL);
	SCHECK(v, pane_is(v, "All"));
	/* Narrow: the summary wraps into more rows. */
	SCHECK(v, vt_has(v, "Software engineer specializing in"));
	SCHECK(v, !vt_has(v, "Software engineer specializing in building systems at"));
	/* Back to 80x24: the full first screen again. */
	CHECK(vt_resize(v, 24, 80));
	SCREEN_HAS(v, "mailarjunrao@gmail.com");
	SCREEN_HAS(v, "Software engineer specializing in building systems at the intersection of");
	STATUS_HAS(v, " All · Summary  top");
	/* Wider: text reflows to the wider measure. */
	CHECK(vt_resize(v, 40, 120));
	SCREEN_HAS(v, "at the intersection of applied ML, research and");
	SCREEN_HAS(v, "Select Publications");
	CHECK(vt_resize(v, 24, 80));
	SCREEN_HAS(v, "at the intersection of");
	quit_with(v, "q");
	vt_close(v);
}

static void redraw(void)
{
	struct vt *v = fixture_open(24, 80, NULL, NULL);
	if (!v)
		return;
	char before[4096];
	snprintf(before, sizeof before, "%s", vt_screen(v));
	size_t n = vt_bytes(v);
	CHECK(vt_send_ctrl(v, 'l'));
	vt_settle(v, 50, WAIT_MS);
	/* The whole screen is cleared and sent again... */
	SCHECK(v, vt_log_has(v, n, "\033[H\033[2J", 7) || vt_log_has(v, n, "\033[2J", 4));
	SCHECK(v, vt_bytes(v) - n > 1000);
	/* ...and looks the same. */
	SCHECK(v, strcmp(before, vt_screen(v)) == 0);
	/* A scroll sends much less than a redraw. */
	vt_settle(v, 150, WAIT_MS);
	n = vt_bytes(v);
	TYPE(v, "j");
	SCHECK(v, vt_bytes(v) - n < 600);
	quit_with(v, "q");
	vt_close(v);
}

static void quitting(void)
{
	struct vt *v = fixture_open(24, 80, NULL, NULL);
	if (v) {
		quit_with(v, "\003");       /* Ctrl-C */
		vt_close(v);
	}
	v = fixture_open(24, 80, NULL, NULL);
	if (v) {
		quit_with(v, "Q");
		vt_close(v);
	}
	/* At a prompt Ctrl-C cancels it, as in less and vim; the next quits. */
	v = fixture_open(24, 80, NULL, NULL);
	if (v) {
		TYPE(v, "/Net");
		SCHECK(v, strncmp(status_row(v), "/Net", 4) == 0);
		CHECK(vt_send_ctrl(v, 'c'));
		STATUS_HAS(v, "? help");
		SCHECK(v, !vt_exited(v));
		quit_with(v, "\003");
		vt_close(v);
	}
	/* Quitting from the help or the "too small" notice. */
	v = fixture_open(24, 80, NULL, NULL);
	if (v) {
		TYPE(v, "?");
		SCREEN_HAS(v, "vitae keys");
		quit_with(v, "\003");
		vt_close(v);
	}
	v = fixture_open(24, 80, NULL, NULL);
	if (v) {
		CHECK(vt_resize(v, 5, 20));
		SCREEN_HAS(v, "too small");
		quit_with(v, "q");
		vt_close(v);
	}
	/* SIGTERM: the terminal is restored too, status 128 + 15. */
	v = fixture_open(24, 80, NULL, NULL);
	if (v) {
		int st = -1;
		CHECK(vt_kill(v, SIGTERM));
		SCHECK(v, vt_wait_exit(v, EXIT_MS, &st));
		SCHECK(v, WIFEXITED(st) && WEXITSTATUS(st) == 128 + SIGTERM);
		SCHECK(v, vt_restored(v, stderr));
		vt_close(v);
	}
}

/* The text the viewer falls back to is what --dump prints. */
static void fallback(void)
{
	char *argv[] = { (char *)vitae_bin, "--dump", (char *)vitae_fixture, NULL };
	struct vt *d = vt_start(argv, 24, 80, NULL);
	int st = -1;
	CHECK(d && vt_wait_exit(d, EXIT_MS, &st) && WIFEXITED(st) && WEXITSTATUS(st) == 0);
	size_t dlen = 0;
	const char *dump = d ? vt_log(d, &dlen) : "";
	CHECK(dlen > 5000 && strstr(dump, "Arjun Rao") && strstr(dump, "Ramaiah"));

	static const char *const dumb[] = { "TERM=dumb", NULL };
	static const char *const unset[] = { "TERM", NULL };
	static const char *const empty[] = { "TERM=", NULL };
	static const char *const unknown[] = { "TERM=no-such-terminal-vitae", NULL };
	const char *const *envs[] = { dumb, unset, empty, unknown };
	for (size_t i = 0; i < sizeof envs / sizeof envs[0]; i++) {
		char *av[] = { (char *)vitae_bin, (char *)vitae_fixture, NULL };
		struct vt *v = vt_start(av, 24, 80, envs[i]);
		st = -1;
		/* It does not wait for keys: it prints and exits. */
		CHECK(v && vt_wait_exit(v, EXIT_MS, &st));
		if (!v)
			continue;
		SCHECK(v, WIFEXITED(st) && WEXITSTATUS(st) == 0);
		SCHECK(v, vt_mode(v, 1049) == -1 && !vt_altscreen(v));
		size_t len;
		const char *log = vt_log(v, &len);
		SCHECK(v, dlen > 0 && mem_has(log, len, dump, dlen));
		if (!mem_has(log, len, dump, dlen))
			fprintf(stderr, "  with %s\n", envs[i][0]);
		SCHECK(v, !mem_has(log, len, "Error opening terminal", 22));
		vt_close(v);
	}
	vt_close(d);
}

static void options(void)
{
	static const char *const sec[] = { "--section", "Education", NULL };
	struct vt *v = fixture_open(24, 80, sec, NULL);
	if (v) {
		PANE_IS(v, "Education");
		SCREEN_HAS(v, "Ramaiah Institute of Technology");
		SCHECK(v, !vt_has(v, "Netflix"));
		quit_with(v, "q");
		vt_close(v);
	}
	/* Case and a prefix are enough. */
	static const char *const pre[] = { "--section", "select", NULL };
	v = fixture_open(24, 80, pre, NULL);
	if (v) {
		PANE_IS(v, "Select Publications");
		SCREEN_HAS(v, "Using artificial intelligence to assess personal");
		/* The bar has it, under its short name. */
		SCHECK(v, bar_row(v) >= 0 && strstr(vt_row(v, bar_row(v)), "6 Publications"));
		quit_with(v, "q");
		vt_close(v);
	}
	static const char *const bad[] = { "--section", "hobbies", NULL };
	v = fixture_open(24, 80, bad, NULL);
	if (v) {
		PANE_IS(v, "All");
		STATUS_HAS(v, "No pane matches \"hobbies\"");
		quit_with(v, "q");
		vt_close(v);
	}
	static const char *const search[] = { "--search", "pytorch", NULL };
	v = fixture_open(24, 80, search, NULL);
	if (v) {
		STATUS_HAS(v, "match 1/4");
		int r, c;
		SCHECK(v, vt_find(v, "Pytorch", &r, &c) && vt_cell_marked(v, r, c));
		TYPE(v, "n");
		STATUS_HAS(v, "match 2/4");
		quit_with(v, "q");
		vt_close(v);
	}
	static const char *const both[] = { "--section", "academic", "--search", "PyTorch", NULL };
	v = fixture_open(24, 80, both, NULL);
	if (v) {
		PANE_IS(v, "Academic Research Experience");
		STATUS_HAS(v, "match 1/1");
		quit_with(v, "q");
		vt_close(v);
	}
	static const char *const nomouse[] = { "--no-mouse", NULL };
	v = fixture_open(24, 80, nomouse, NULL);
	if (v) {
		SCHECK(v, vt_mode(v, 1000) != 1 && vt_mode(v, 1002) != 1 && vt_mode(v, 1003) != 1);
		SCHECK(v, !vt_click(v, bar_row(v), 10));
		quit_with(v, "q");
		vt_close(v);
	}
}

static bool any_colour(struct vt *v)
{
	int rows, cols;
	vt_size(v, &rows, &cols);
	for (int r = 0; r < rows; r++)
		for (int c = 0; c < cols; c++) {
			struct vt_cell cell;
			if (vt_cell(v, r, c, &cell) && (!cell.fg_default || !cell.bg_default))
				return true;
		}
	return false;
}

/* A terminal without colours and with the old X10 mouse reports. */
static void mono_terminal(void)
{
	static const char *const mono[] = { "TERM=xterm-mono", NULL };
	struct vt *v = fixture_open(24, 80, NULL, mono);
	if (!v)
		return;
	SCHECK(v, !any_colour(v));
	SCHECK(v, row_is_bold_at(v, "Arjun Rao"));
	struct vt_cell cell;
	SCHECK(v, vt_cell(v, 23, 1, &cell) && cell.reverse);
	int bar = bar_row(v);
	SCHECK(v, row_reverse_at(v, bar, "All"));
	/* ncurses asked for X10 reports here; a click still picks a pane. */
	SCHECK(v, vt_mode(v, 1000) == 1 && vt_mode(v, 1006) != 1);
	int c = vt_find_col(v, bar, "Education");
	SCHECK(v, c > 0 && vt_click(v, bar, c + 1));
	PANE_IS(v, "Education");
	TYPE(v, "/Ramaiah\r");
	STATUS_HAS(v, "match 1/1");
	int r;
	SCHECK(v, vt_find(v, "Ramaiah", &r, &c) && vt_cell(v, r, c, &cell) &&
	          cell.reverse && cell.fg_default && cell.bg_default);
	int st = -1;
	CHECK(vt_send(v, "q"));
	SCHECK(v, vt_wait_exit(v, EXIT_MS, &st) && WIFEXITED(st) && WEXITSTATUS(st) == 0);
	SCHECK(v, vt_restored(v, stderr));
	SCHECK(v, !vt_has(v, "Ramaiah"));
	vt_close(v);
}

static void colour_and_ascii(void)
{
	/* Colour where vitae sets both colours: the current match. */
	struct vt *v = fixture_open(24, 80, NULL, NULL);
	if (v) {
		SCHECK(v, !any_colour(v));
		TYPE(v, "/Netflix\r");
		STATUS_HAS(v, "match 1/");
		SCHECK(v, any_colour(v));
		int r, c;
		struct vt_cell cell;
		SCHECK(v, vt_find(v, "Netflix", &r, &c) && vt_cell(v, r, c, &cell) &&
		          cell.fg == 0 && cell.bg == 6 && !cell.bold);
		quit_with(v, "q");
		vt_close(v);
	}
	static const char *const nocolor[] = { "NO_COLOR=1", NULL };
	static const char *const nocolor_arg[] = { "--no-color", NULL };
	for (int i = 0; i < 2; i++) {
		v = fixture_open(24, 80, i ? nocolor_arg : NULL, i ? NULL : nocolor);
		if (!v)
			continue;
		SCHECK(v, !any_colour(v));
		/* Monochrome still marks things: the status line, the tab. */
		struct vt_cell cell;
		SCHECK(v, vt_cell(v, 23, 1, &cell) && cell.reverse);
		SCHECK(v, row_is_bold_at(v, "Arjun Rao"));
		/* A match is still visible without colour. */
		TYPE(v, "/Netflix\r");
		STATUS_HAS(v, "match 1/");
		int r, c;
		SCHECK(v, vt_find(v, "Netflix", &r, &c) && vt_cell(v, r, c, &cell) &&
		          (cell.reverse || cell.underline) && cell.fg_default && cell.bg_default);
		quit_with(v, "q");
		vt_close(v);
	}
	/* --ascii, and a locale that is not UTF-8: only ASCII is sent. */
	static const char *const ascii_arg[] = { "--ascii", NULL };
	static const char *const c_locale[] = { "LANG=C", NULL };
	for (int i = 0; i < 2; i++) {
		v = fixture_open(24, 80, i ? NULL : ascii_arg, i ? c_locale : NULL);
		if (!v)
			continue;
		SCREEN_HAS(v, "Arjun Rao");
		SCHECK(v, vt_has(v, "Mar 2024 - present"));
		TYPE(v, "4");
		SCREEN_HAS(v, "Ramaiah");
		TYPE(v, "?");
		SCREEN_HAS(v, "vitae keys");
		TYPE(v, "q");
		size_t len;
		const char *log = vt_log(v, &len);
		SCHECK(v, all_ascii(log, len));
		SCHECK(v, all_ascii(vt_screen(v), strlen(vt_screen(v))));
		quit_with(v, "q");
		vt_close(v);
	}
}

/* A résumé with nothing but a header (`sections` misspelt): the viewer
 * shows the header and says why there is nothing more. */
static void empty_resume(void)
{
	char path[] = "/tmp/vitae-empty-XXXXXX";
	int fd = mkstemp(path);
	CHECK(fd >= 0);
	if (fd < 0)
		return;
	static const char doc[] = "cv:\n  name: Jane Doe\n  sectons:\n    experience:\n"
	                          "      - company: Acme\n        position: Engineer\n";
	CHECK(write(fd, doc, sizeof doc - 1) == (ssize_t)(sizeof doc - 1));
	close(fd);
	struct vt *v = vitae_open(24, 80, (const char *[]){ path, NULL }, NULL);
	if (v) {
		SCHECK(v, strstr(vt_row(v, 0), "Jane Doe") != NULL);
		/* the misspelt key is shown as a section of its own, and the
		 * problem list says what was meant */
		SCHECK(v, vt_has(v, "Company: Acme"));
		SCHECK(v, !vt_has(v, "Nothing here"));
		SCHECK(v, vt_has(v, "1 problem: press ! to list"));
		TYPE(v, "!");
		SCHECK(v, vt_has(v, "did you mean `sections`?"));
		TYPE(v, "q");           /* closes the list */
		quit_with(v, "q");
		vt_close(v);
	}
	unlink(path);
}

/* Without a FILE, the viewer shows the résumé compiled in: the same
 * screens as with that file named, whoever's it is. */
static void compiled_in(const char *bundled)
{
	struct vt *named = vitae_open_file(bundled, 24, 80, NULL, NULL);
	struct vt *v = vitae_open(24, 80, NULL, NULL);
	if (v && named) {
		static const char *const keys[] = { "", "G", "2" };
		for (size_t i = 0; i < sizeof keys / sizeof *keys; i++) {
			if (*keys[i]) {
				TYPE(v, keys[i]);
				TYPE(named, keys[i]);
			}
			char want[8192];
			snprintf(want, sizeof want, "%s", vt_screen(named));
			SCHECK(v, strcmp(want, vt_screen(v)) == 0);
			if (strcmp(want, vt_screen(v)) != 0) {
				fprintf(stderr, "after \"%s\", %s shows:\n", keys[i], bundled);
				vt_dump(named, stderr);
			}
		}
	}
	if (v) {
		quit_with(v, "q");
		vt_close(v);
	}
	if (named) {
		quit_with(named, "q");
		vt_close(named);
	}
}

int main(int argc, char **argv)
{
	SCREEN_MAIN_START(argc, argv);
	if (argc < 4) {
		fprintf(stderr, "usage: %s VITAE FIXTURE BUNDLED\n", argv[0]);
		return 2;
	}
	first_screen_80x24();
	first_screen_120x40();
	short_terminal();
	size_from_terminal();
	resize();
	redraw();
	quitting();
	fallback();
	options();
	colour_and_ascii();
	mono_terminal();
	empty_resume();
	compiled_in(argv[3]);
	T_DONE();
}
