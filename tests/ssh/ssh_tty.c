/*
 * The ssh client in a pseudo-terminal, read back through libvterm: what a
 * visitor sees after `ssh -tt resume@host`. e2e.py starts sshd and runs
 * this with the ssh command line; the screen is the remote vitae's.
 *
 * usage: ssh_tty [--term TERM] [--text] NAME PANE2 -- SSH ARGS...
 *
 * NAME is the résumé's name (the header), PANE2 the name of its second
 * pane. Without --text: the viewer appears with no password prompt, keys
 * switch panes, resizes reach the remote viewer, q ends the session with
 * status 0 and the terminal restored. With --text (an unknown TERM): the
 * text is printed, no viewer is started, status 0.
 */
#include "../screen/screen.h"

/* A first screen comes after the key exchange and PAM: give it longer
 * than a local start. */
#define CONNECT_MS 20000

/* The status line, "... ? help", reaches the right edge of a rows x cols
 * screen. */
struct size { int rows, cols; };

static bool status_at(struct vt *v, const void *arg)
{
	const struct size *s = arg;
	int rows, cols;
	vt_size(v, &rows, &cols);
	if (rows != s->rows || cols != s->cols)
		return false;
	int c = vt_find_col(v, rows - 1, "? help");
	return c >= 0 && c + 6 >= cols - 1 && c + 6 <= cols;
}

/* Text beyond column 85 on a row other than the pane bar and the status
 * line: the résumé was laid out again for a wider screen. */
static bool wide_text(struct vt *v, const void *unused)
{
	(void)unused;
	int rows, cols, bar = bar_row(v);
	vt_size(v, &rows, &cols);
	for (int r = 0; r < rows - 1; r++)
		if (r != bar && *vt_text(v, r, 85, -1))
			return true;
	return false;
}

static void viewer(char *const argv[], const char *const env[], const char *name,
                   const char *pane2)
{
	struct vt *v = vt_start(argv, 24, 80, env);
	CHECK(v != NULL);
	if (!v)
		return;
	t_checks++;
	if (!vt_wait_for(v, ready, NULL, CONNECT_MS)) {
		t_failures++;
		fprintf(stderr, "no résumé screen through ssh\n");
		vt_dump(v, stderr);
		vt_close(v);
		return;
	}
	vt_settle(v, 50, 1000);
	/* The résumé's header, in the viewer on the alternate screen. */
	SCHECK(v, strstr(vt_row(v, 0), name) != NULL);
	SCHECK(v, vt_altscreen(v));
	SCHECK(v, pane_is(v, "All"));
	/* Nothing came before it: no password prompt, no motd or last login
	 * (ForceCommand makes the login quiet). */
	size_t len;
	const char *log = vt_log(v, &len);
	SCHECK(v, !mem_has(log, len, "assword", 7));
	SCHECK(v, !mem_has(log, len, "Last login", 10));
	SCHECK(v, !mem_has(log, len, "Debian GNU/Linux", 16));

	/* Keys travel: panes switch and come back. */
	TYPE(v, "2");
	PANE_IS(v, pane2);
	TYPE(v, "1");
	PANE_IS(v, "All");
	TYPE(v, "j");
	TYPE(v, "G");
	STATUS_HAS(v, "end");

	/* A resize reaches the remote viewer (the window-change request):
	 * too small, then larger, then the first size again. */
	CHECK(vt_resize(v, 8, 30));
	SCREEN_HAS(v, "Terminal too small");
	SCHECK(v, vt_has(v, "30x8"));
	CHECK(vt_resize(v, 30, 100));
	struct size big = { 30, 100 }, small = { 24, 80 };
	SCHECK(v, vt_wait_for(v, status_at, &big, WAIT_MS));
	SCHECK(v, strstr(vt_row(v, 0), name) != NULL);
	SCHECK(v, wide_text(v, NULL));
	SCHECK(v, !vt_has(v, "too small"));
	CHECK(vt_resize(v, 24, 80));
	SCHECK(v, vt_wait_for(v, status_at, &small, WAIT_MS));
	SCHECK(v, !wide_text(v, NULL));

	/* q ends the session: ssh reports the remote status, 0. */
	int st = -1;
	vt_send(v, "q");
	t_checks++;
	if (!vt_wait_exit(v, CONNECT_MS, &st)) {
		t_failures++;
		fprintf(stderr, "q: the ssh session did not end\n");
		vt_dump(v, stderr);
	} else {
		CHECK(WIFEXITED(st) && WEXITSTATUS(st) == 0);
		CHECK(vt_restored(v, stderr));
		SCHECK(v, !vt_has(v, name));
	}
	vt_close(v);
}

static void text(char *const argv[], const char *const env[], const char *name)
{
	struct vt *v = vt_start(argv, 24, 80, env);
	CHECK(v != NULL);
	if (!v)
		return;
	int st = -1;
	t_checks++;
	if (!vt_wait_exit(v, CONNECT_MS, &st)) {
		t_failures++;
		fprintf(stderr, "text through ssh: the session did not end\n");
		vt_dump(v, stderr);
	} else {
		CHECK(WIFEXITED(st) && WEXITSTATUS(st) == 0);
		/* The text went by: the end of the résumé is on the screen,
		 * the start scrolled away; the viewer never started. */
		size_t len;
		const char *log = vt_log(v, &len);
		SCHECK(v, mem_has(log, len, name, strlen(name)));
		SCHECK(v, vt_mode_sets(v, 1049) == 0 && !vt_altscreen(v));
		SCHECK(v, vt_mode(v, 1000) != 1);
	}
	vt_close(v);
}

int main(int argc, char **argv)
{
	screen_watchdog(100);
	const char *term = "xterm-256color";
	bool want_text = false;
	int i = 1;
	for (; i < argc && strncmp(argv[i], "--", 2) == 0 && argv[i][2]; i++) {
		if (strcmp(argv[i], "--term") == 0 && i + 1 < argc)
			term = argv[++i];
		else if (strcmp(argv[i], "--text") == 0)
			want_text = true;
		else
			break;
	}
	if (argc - i < 4 || strcmp(argv[i + 2], "--") != 0) {
		fprintf(stderr, "usage: %s [--term TERM] [--text] NAME PANE2 -- SSH ARGS...\n",
		        argv[0]);
		return 2;
	}
	const char *name = argv[i], *pane2 = argv[i + 1];
	char **ssh = argv + i + 3;
	char termvar[256];
	snprintf(termvar, sizeof termvar, "TERM=%s", term);
	const char *const env[] = { termvar, NULL };
	if (want_text)
		text(ssh, env, name);
	else
		viewer(ssh, env, name, pane2);
	T_DONE();
}
