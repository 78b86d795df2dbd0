/*
 * The harness tested on programs whose output is known: /bin/sh printing
 * text, attributes, wide characters and modes, reading a pipe and its
 * terminal, and keyecho (an ncurses
 * program that names every key it decodes). If these fail, no screen test
 * of vitae can be trusted.
 *
 * usage: test_vt KEYECHO
 */
#include "screen.h"

static struct vt *sh(const char *script, int rows, int cols, const char *const env[])
{
	char *argv[] = { "/bin/sh", "-c", (char *)script, NULL };
	return vt_start(argv, rows, cols, env);
}

static void text_and_attributes(void)
{
	struct vt *v = sh("printf 'hello \\033[1mBOLD\\033[0m \\033[7mrev\\033[0m "
	                  "\\033[4mund\\033[0m \\033[31;44mcol\\033[0m\\r\\n"
	                  "caf\\303\\251 \\346\\274\\242\\345\\255\\227x\\r\\n'", 5, 40, NULL);
	int st = -1, r = -1, c = -1;
	struct vt_cell cell;
	CHECK(v != NULL);
	if (!v)
		return;
	SCREEN_HAS(v, "hello BOLD rev und col");
	SCHECK(v, vt_wait_exit(v, EXIT_MS, &st));
	SCHECK(v, WIFEXITED(st) && WEXITSTATUS(st) == 0);
	CHECK_STR(vt_row(v, 0), "hello BOLD rev und col");
	/* A wide character is one character in the text, two cells on screen. */
	CHECK_STR(vt_row(v, 1), "café 漢字x");
	SCHECK(v, vt_find(v, "x", &r, &c));
	CHECK_INT(r, 1);
	CHECK_INT(c, 9);
	SCHECK(v, vt_find(v, "字", &r, &c));
	CHECK_INT(c, 7);
	CHECK(vt_cell(v, 1, 5, &cell) && cell.width == 2 && strcmp(cell.text, "漢") == 0);
	CHECK_INT(vt_count(v, "o"), 2);
	CHECK_STR(vt_text(v, 0, 6, 4), "BOLD");
	CHECK_STR(vt_text(v, 1, 5, 2), "漢");
	CHECK_STR(vt_text(v, 1, 7, -1), "字x");
	CHECK_STR(vt_text(v, 0, 30, 5), "");
	CHECK_INT(vt_find_row(v, "caf", 0), 1);
	CHECK_INT(vt_find_row(v, "caf", 2), -1);

	CHECK(vt_cell(v, 0, 6, &cell) && cell.bold && !cell.reverse && strcmp(cell.text, "B") == 0);
	CHECK(vt_cell(v, 0, 0, &cell) && !cell.bold && cell.fg_default && cell.bg_default);
	CHECK(vt_cell(v, 0, 11, &cell) && cell.reverse && !cell.bold);
	CHECK(vt_cell_marked(v, 0, 11));
	CHECK(!vt_cell_marked(v, 0, 6));
	CHECK(vt_cell(v, 0, 15, &cell) && cell.underline == 1);
	CHECK(vt_cell(v, 0, 19, &cell) && cell.fg == 1 && cell.bg == 4 && !cell.fg_default);
	CHECK(vt_cell_marked(v, 0, 19));
	CHECK(vt_cell(v, 4, 39, &cell) && cell.text[0] == '\0');
	CHECK(!vt_cell(v, 5, 0, &cell));

	size_t len;
	const char *log = vt_log(v, &len);
	CHECK(len == vt_bytes(v) && len > 40);
	CHECK(memcmp(log, "hello \033[1mBOLD", 14) == 0);
	CHECK(vt_log_has(v, 0, "\033[7mrev", 7));
	CHECK(!vt_log_has(v, 0, "\033[8m", 4));
	vt_close(v);
}

static void exit_status_and_env(void)
{
	struct vt *v = sh("exit 3", 5, 20, NULL);
	int st = -1;
	CHECK(v && vt_wait_exit(v, EXIT_MS, &st));
	CHECK(WIFEXITED(st) && WEXITSTATUS(st) == 3);
	vt_close(v);

	v = sh("echo sleeping; sleep 20", 5, 20, NULL);
	SCREEN_HAS(v, "sleeping");
	CHECK(vt_kill(v, SIGTERM));
	CHECK(vt_wait_exit(v, EXIT_MS, &st));
	CHECK(WIFSIGNALED(st) && WTERMSIG(st) == SIGTERM);
	CHECK(!vt_kill(v, SIGTERM));
	vt_close(v);

	static const char *const env[] = { "TERM", "VT_TEST=a b", "LANG=C", NULL };
	v = sh("echo \"T=${TERM-unset} V=$VT_TEST L=$LANG C=${COLUMNS-unset}\"; "
	       "[ -t 0 ] && [ -t 1 ] && echo tty; stty size", 5, 60, env);
	CHECK(v != NULL);
	if (!v)
		return;
	SCREEN_HAS(v, "T=unset V=a b L=C C=unset");
	SCREEN_HAS(v, "tty");
	SCREEN_HAS(v, "5 60");
	CHECK(vt_wait_exit(v, EXIT_MS, &st) && WIFEXITED(st) && WEXITSTATUS(st) == 0);
	vt_close(v);

	v = sh("echo \"$TERM $LANG\"", 5, 60, NULL);
	SCREEN_HAS(v, "xterm-256color C.UTF-8");
	vt_close(v);

	/* A program that cannot run fails the wait, not the harness. */
	char *argv[] = { "/nonexistent/program", NULL };
	v = vt_start(argv, 5, 60, NULL);
	CHECK(v && vt_wait_exit(v, EXIT_MS, &st));
	/* 127 from the harness's child; under valgrind, which follows the
	 * child into exec, valgrind's own failure status instead. */
	if (screen_slow() == 1)
		CHECK(WEXITSTATUS(st) == 127);
	SCREEN_HAS(v, "cannot run");
	vt_close(v);
}

static void resize_and_input(void)
{
	struct vt *v = sh("trap 'echo winch; stty size' WINCH; echo start; "
	                  "while :; do read line && echo \"got <$line>\"; done", 10, 50, NULL);
	CHECK(v != NULL);
	if (!v)
		return;
	SCREEN_HAS(v, "start");
	CHECK(vt_resize(v, 12, 70));
	/* The trap runs when read is interrupted or returns; a line makes sure. */
	CHECK(vt_send(v, "abc\r"));
	SCREEN_HAS(v, "got <abc>");
	SCREEN_HAS(v, "winch");
	SCREEN_HAS(v, "12 70");
	int rows, cols;
	vt_size(v, &rows, &cols);
	CHECK(rows == 12 && cols == 70);
	CHECK_STR(vt_row(v, 11), "");
	/* A child that never exits is killed by the timeout path. */
	int st;
	CHECK(!vt_wait_exit(v, 100, &st));
	CHECK(!vt_exited(v));
	CHECK(vt_wait_text(v, "nothing like this", 50) == false);
	vt_close(v);
}

static void modes(void)
{
	struct vt *v = sh("printf '\\033[?1049h\\033[?1h\\033=\\033[?1006;1000h\\033[?25lfull'; read x; "
	                  "printf '\\033[?1006;1000l\\033[?1l\\033>\\033[?12l\\033[?25h\\033[?1049lback'; read x",
	                  6, 30, NULL);
	CHECK(v != NULL);
	if (!v)
		return;
	SCREEN_HAS(v, "full");
	CHECK(vt_altscreen(v));
	CHECK(!vt_cursor_visible(v));
	CHECK_INT(vt_mode(v, 1049), 1);
	CHECK_INT(vt_mode(v, 1000), 1);
	CHECK_INT(vt_mode(v, 1006), 1);
	CHECK_INT(vt_mode(v, 1), 1);
	CHECK_INT(vt_mode(v, 2004), -1);
	CHECK_INT(vt_keypad(v), 1);
	CHECK(!vt_restored(v, NULL));
	CHECK(vt_send(v, "\r"));
	SCREEN_HAS(v, "back");
	/* Back on the normal screen, which never showed "full". */
	CHECK(!vt_has(v, "full"));
	CHECK(!vt_altscreen(v));
	CHECK(vt_cursor_visible(v));
	CHECK_INT(vt_mode(v, 1049), 0);
	CHECK_INT(vt_mode_sets(v, 1049), 1);
	CHECK_INT(vt_keypad(v), 0);
	CHECK(vt_restored(v, stderr));
	vt_close(v);
}

/* keyecho names what ncurses decoded; each key must come out as itself. */
static void keys(const char *keyecho)
{
	char *argv[] = { (char *)keyecho, NULL };
	struct vt *v = vt_start(argv, 24, 80, NULL);
	CHECK(v != NULL);
	if (!v)
		return;
	SCREEN_HAS(v, "ready 80x24");
	/* What ncurses asked the terminal for, under xterm-256color. */
	CHECK_INT(vt_mode(v, 1049), 1);
	CHECK_INT(vt_mode(v, 1), 1);
	CHECK_INT(vt_mode(v, 1000), 1);
	CHECK_INT(vt_mode(v, 1006), 1);
	CHECK(vt_altscreen(v));
	CHECK(!vt_cursor_visible(v));

	static const struct { enum vt_key key; const char *name; } table[] = {
		{ .key = VT_KEY_UP, .name = "KEY KEY_UP" },
		{ .key = VT_KEY_DOWN, .name = "KEY KEY_DOWN" },
		{ .key = VT_KEY_LEFT, .name = "KEY KEY_LEFT" },
		{ .key = VT_KEY_RIGHT, .name = "KEY KEY_RIGHT" },
		{ .key = VT_KEY_HOME, .name = "KEY KEY_HOME" },
		{ .key = VT_KEY_END, .name = "KEY KEY_END" },
		{ .key = VT_KEY_PGUP, .name = "KEY KEY_PPAGE" },
		{ .key = VT_KEY_PGDN, .name = "KEY KEY_NPAGE" },
		{ .key = VT_KEY_F1, .name = "KEY KEY_F(1)" },
		{ .key = VT_KEY_BTAB, .name = "KEY KEY_BTAB" },
		{ .key = VT_KEY_TAB, .name = "KEY ^I" },
		{ .key = VT_KEY_ENTER, .name = "KEY ^J" },
		{ .key = VT_KEY_BACKSPACE, .name = "KEY KEY_BACKSPACE" },
		{ .key = VT_KEY_ESC, .name = "KEY ^[" },
	};
	for (size_t i = 0; i < sizeof table / sizeof table[0]; i++) {
		CHECK(vt_send_key(v, table[i].key));
		SCREEN_HAS(v, table[i].name);
	}
	CHECK(vt_send_ctrl(v, 'x'));
	SCREEN_HAS(v, "KEY ^X");
	CHECK(vt_send_ctrl(v, 'L'));
	SCREEN_HAS(v, "KEY ^L");

	CHECK(vt_click(v, 5, 10));
	/* A press, or a press and release ncurses folded into a click. */
	SCREEN_HAS(v, "MOUSE 5 10 B1");
	CHECK(vt_wheel(v, VT_WHEEL_DOWN, 7, 70));
	SCREEN_HAS(v, "MOUSE 7 70 B5P");
	CHECK(vt_wheel(v, VT_WHEEL_UP, 0, 0));
	SCREEN_HAS(v, "MOUSE 0 0 B4P");
	CHECK(vt_send_mouse(v, VT_MOUSE_SGR, 0, true, 23, 79));
	SCREEN_HAS(v, "MOUSE 23 79 B1");

	/* Past 17 events keyecho starts a new page: clear it first. */
	CHECK(vt_resize(v, 30, 100));
	SCREEN_HAS(v, "RESIZE 100x30");
	CHECK(vt_type(v, "Z", WAIT_MS));
	SCREEN_HAS(v, "KEY Z");
	CHECK(vt_resize(v, 10, 40));
	SCREEN_HAS(v, "RESIZE 40x10");

	size_t before = vt_bytes(v);
	CHECK(vt_send(v, "q"));
	int st = -1;
	SCHECK(v, vt_wait_exit(v, EXIT_MS, &st));
	CHECK(WIFEXITED(st) && WEXITSTATUS(st) == 0);
	CHECK(vt_bytes(v) > before);
	CHECK(vt_log_has(v, before, "\033[?1049l", 8));
	SCHECK(v, vt_restored(v, stderr));
	CHECK(!vt_send(v, "x") || vt_exited(v));
	vt_close(v);
}

/* The X10 encoding, checked byte for byte against a shell that dumps it. */
static void x10_bytes(void)
{
	struct vt *v = sh("stty raw -echo; printf '\\033[?1000hgo\\r\\n'; "
	                  "dd bs=1 count=12 2>/dev/null | od -An -tx1; stty sane", 6, 60, NULL);
	CHECK(v != NULL);
	if (!v)
		return;
	SCREEN_HAS(v, "go");
	vt_settle(v, 50, 500);
	CHECK(vt_click(v, 2, 3));           /* X10: no SGR mode was asked for */
	SCREEN_HAS(v, "1b 5b 4d 20 24 23 1b 5b 4d 23 24 23");
	vt_close(v);
}

/* vt_start_input: standard input is the pipe, to its end; the pty is
 * standard output and the controlling terminal, which reads keys. */
static void piped_input(void)
{
	char *argv[] = { "/bin/sh", "-c",
		"tr a-z A-Z; test -t 0 || echo in-pipe; test -t 1 && echo out-tty; "
		"read k </dev/tty; echo key-$k", NULL };
	static const char input[] = "down the pipe\n";
	struct vt *v = vt_start_input(argv, 5, 40, NULL, input, sizeof input - 1);
	CHECK(v != NULL);
	if (!v)
		return;
	SCREEN_HAS(v, "out-tty");
	SCHECK(v, vt_has(v, "DOWN THE PIPE"));
	SCHECK(v, vt_has(v, "in-pipe"));
	vt_send(v, "j\r");
	SCREEN_HAS(v, "key-j");
	int st = -1;
	SCHECK(v, vt_wait_exit(v, EXIT_MS, &st));
	SCHECK(v, WIFEXITED(st) && WEXITSTATUS(st) == 0);
	vt_close(v);
}

int main(int argc, char **argv)
{
	screen_watchdog(50);
	if (argc < 2) {
		fprintf(stderr, "usage: test_vt KEYECHO\n");
		return 2;
	}
	text_and_attributes();
	exit_status_and_env();
	resize_and_input();
	modes();
	keys(argv[1]);
	x10_bytes();
	piped_input();
	T_DONE();
}
