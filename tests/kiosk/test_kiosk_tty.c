/*
 * vitae --kiosk, and vitae as a login shell, in a pseudo-terminal without
 * sshd: what a visitor's words choose (a format, nothing else), what the
 * environment cannot change, signals, Ctrl-Z, the time limits and TERM.
 *
 * usage: test_kiosk_tty VITAE RESUME
 * RESUME is tests/samples/rendercv-classic.yaml (John Doe).
 */
#define _XOPEN_SOURCE 700       /* realpath */
#include <errno.h>
#include <limits.h>
#include <sys/stat.h>
#include <time.h>

#include "../screen/screen.h"

static const char *resume;
#define NAME "John Doe"
#define PANE2 "Welcome to RenderCV"
/* The bundled résumé's name, the first line of `vitae --dump`. */
static char bundled[256];
/* A file the login shell is given and must not show. Written at run
 * time, so it is never the bundled one: -Dresume may have compiled in
 * RESUME itself. */
static char decoy[PATH_MAX];
#define DECOY "Decoy Given As FILE"

static double now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

/* Starts argv (argv[0] a path) and waits for the viewer's first screen. */
static struct vt *open_viewer(char *const argv[], const char *const env[])
{
	struct vt *v = vt_start(argv, 24, 80, env);
	t_checks++;
	if (!v) {
		t_failures++;
		return NULL;
	}
	if (!vt_wait_for(v, ready, NULL, WAIT_MS)) {
		t_failures++;
		fprintf(stderr, "%s: no viewer\n", argv[0]);
		vt_dump(v, stderr);
	}
	vt_settle(v, 30, 500);
	return v;
}

/* Runs argv to its end (no viewer expected); the vt for inspection, and
 * the raw status. */
static struct vt *run_to_end(char *const argv[], const char *const env[], int *st)
{
	struct vt *v = vt_start(argv, 24, 80, env);
	t_checks++;
	if (!v) {
		t_failures++;
		return NULL;
	}
	if (!vt_wait_exit(v, EXIT_MS, st)) {
		t_failures++;
		fprintf(stderr, "%s: still running\n", argv[0]);
		vt_dump(v, stderr);
		*st = -1;
	}
	return v;
}

static bool log_has(struct vt *v, const char *s)
{
	return vt_log_has(v, 0, s, strlen(s));
}

/* Printed as plain text: status 0, the text there, the viewer never
 * started, not one escape sequence sent. */
#define PRINTED(v, st, text) do { \
	SCHECK(v, WIFEXITED(st) && WEXITSTATUS(st) == 0); \
	SCHECK(v, log_has(v, text)); \
	SCHECK(v, vt_mode_sets(v, 1049) == 0); \
	SCHECK(v, !log_has(v, "\033")); \
} while (0)

/* q ends it with 0 and the terminal as it was; for terminals with no
 * alternate screen, where quit_with() would want one left. */
static void quit_plain(struct vt *v)
{
	int st = -1;
	vt_send(v, "q");
	SCHECK(v, vt_wait_exit(v, EXIT_MS, &st));
	SCHECK(v, WIFEXITED(st) && WEXITSTATUS(st) == 0);
	SCHECK(v, vt_restored(v, stderr));
}

/* --- the request --------------------------------------------------------- */

static void request(const char *word, const char *const want, bool note)
{
	char var[512];
	snprintf(var, sizeof var, "SSH_ORIGINAL_COMMAND=%s", word);
	const char *const env[] = { var, NULL };
	char *argv[] = { (char *)vitae_bin, "--kiosk", (char *)resume, NULL };
	int st;
	struct vt *v = run_to_end(argv, env, &st);
	if (!v)
		return;
	PRINTED(v, st, want);
	char line[256];
	snprintf(line, sizeof line, "vitae: unknown request \"");
	SCHECK(v, log_has(v, line) == note);
	SCHECK(v, !log_has(v, "usage:"));
	SCHECK(v, !log_has(v, "root:"));
	vt_close(v);
}

static void requests(void)
{
	/* No request, or an empty one: the viewer. */
	static const char *const envs[][2] = {
		{ "SSH_ORIGINAL_COMMAND", NULL },
		{ "SSH_ORIGINAL_COMMAND=", NULL },
		{ "SSH_ORIGINAL_COMMAND= \t ", NULL },
	};
	char *argv[] = { (char *)vitae_bin, "--kiosk", (char *)resume, NULL };
	for (size_t i = 0; i < sizeof envs / sizeof envs[0]; i++) {
		struct vt *v = open_viewer(argv, envs[i]);
		if (!v)
			continue;
		SCHECK(v, strstr(vt_row(v, 0), NAME) != NULL);
		quit_with(v, "q");
		vt_close(v);
	}
	request("text", "Education\r\n", false);
	request("  text  ", NAME "\r\n", false);
	request("markdown", "# " NAME, false);
	request("md", "# " NAME, false);
	request("bogus", "vitae: unknown request \"bogus\"; accepted: text, markdown", true);
	request("bogus", NAME "\r\n", true);
	request("--help", "unknown request \"--help\"", true);
	request("-c sh", "unknown request \"-c sh\"", true);
	request("/etc/passwd", NAME, true);
	request("--kiosk /etc/passwd", NAME, true);
	request("text /etc/passwd", NAME, true);
	request("\033]0;x\007\033[2J", "unknown request \"?]0;x??[2J\"", true);
}

/* --- login-shell mode ---------------------------------------------------- */

/* A directory holding a link named "-vitae": run from there, argv[0] is
 * "-vitae", as sshd starts a login shell. */
static char shell_dir[PATH_MAX];

static void login_shell(void)
{
	/* `vitae -c WORDS`: the bundled résumé, whatever else is there. */
	struct {
		const char *c, *want;
		bool note, viewer;
	} cases[] = {
		{ .c = "--help", .want = bundled, .note = true },
		{ .c = "/etc/passwd", .want = bundled, .note = true },
		{ .c = "--kiosk", .want = bundled, .note = true },
		{ .c = "text", .want = bundled },
		{ .c = "markdown", .want = "# " },
		{ .c = "", .viewer = true },
		{ .c = NULL, .viewer = true },  /* `vitae -c` and nothing */
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		/* The file and options after the -c string are ignored too. */
		char *argv[] = { (char *)vitae_bin, "-c", (char *)cases[i].c, "--help",
		                 decoy, NULL };
		if (!cases[i].c)
			argv[2] = NULL;
		if (cases[i].viewer) {
			struct vt *v = open_viewer(argv, NULL);
			if (v) {
				SCHECK(v, strstr(vt_row(v, 0), bundled) != NULL);
				quit_with(v, "q");
				vt_close(v);
			}
			continue;
		}
		int st;
		struct vt *v = run_to_end(argv, NULL, &st);
		if (!v)
			continue;
		PRINTED(v, st, cases[i].want);
		SCHECK(v, log_has(v, "unknown request") == cases[i].note);
		SCHECK(v, !log_has(v, DECOY));
		SCHECK(v, !log_has(v, "usage:") && !log_has(v, "root:"));
		vt_close(v);
	}
	/* "-vitae": a login shell with a terminal; arguments ignored. */
	char cwd[PATH_MAX];
	if (!getcwd(cwd, sizeof cwd) || chdir(shell_dir) != 0) {
		CHECK(!"chdir to the login-shell directory");
		return;
	}
	char *argv[] = { "-vitae", "--help", decoy, NULL };
	struct vt *v = open_viewer(argv, NULL);
	if (v) {
		SCHECK(v, strstr(vt_row(v, 0), bundled) != NULL);
		quit_with(v, "q");
		vt_close(v);
	}
	char *argv2[] = { "-vitae", "-c", "md", NULL };
	int st;
	v = run_to_end(argv2, NULL, &st);
	if (v) {
		PRINTED(v, st, "# ");
		SCHECK(v, log_has(v, bundled));
		vt_close(v);
	}
	CHECK(chdir(cwd) == 0);
}

/* --- the environment ----------------------------------------------------- */

static char tmp[PATH_MAX];

/* A terminfo tree whose xterm-256color has no alternate screen: if vitae
 * read it, the viewer would not switch screens. */
static bool make_terminfo(const char *dir)
{
	char cmd[PATH_MAX * 2];
	snprintf(cmd, sizeof cmd,
	         "infocmp -x xterm-256color 2>/dev/null | sed 's/smcup=[^,]*,//; s/rmcup=[^,]*,//' | "
	         "tic -x -o '%s' - 2>/dev/null", dir);
	struct stat sb;
	char probe[PATH_MAX + 32];
	snprintf(probe, sizeof probe, "%s/x/xterm-256color", dir);
	return system(cmd) == 0 && stat(probe, &sb) == 0;
}

static void environment(void)
{
	char ti[PATH_MAX + 16], home[PATH_MAX + 16], hometi[PATH_MAX + 32], marker[PATH_MAX + 16],
	     prog[PATH_MAX + 16];
	snprintf(ti, sizeof ti, "%s/ti", tmp);
	snprintf(home, sizeof home, "%s/home", tmp);
	snprintf(hometi, sizeof hometi, "%s/home/.terminfo", tmp);
	snprintf(marker, sizeof marker, "%s/ran", tmp);
	snprintf(prog, sizeof prog, "%s/prog", tmp);
	mkdir(home, 0755);
	/* A program that leaves a mark if anything starts it. */
	FILE *f = fopen(prog, "w");
	if (f) {
		fprintf(f, "#!/bin/sh\ntouch '%s'\n", marker);
		fclose(f);
		chmod(prog, 0755);
	}
	char e_ti[PATH_MAX + 32], e_tid[PATH_MAX + 32], e_home[PATH_MAX + 32], e_pager[PATH_MAX + 32],
	     e_editor[PATH_MAX + 32], e_browser[PATH_MAX + 32], e_shell[PATH_MAX + 32],
	     e_visual[PATH_MAX + 32];
	snprintf(e_ti, sizeof e_ti, "TERMINFO=%s", ti);
	snprintf(e_tid, sizeof e_tid, "TERMINFO_DIRS=%s", ti);
	snprintf(e_home, sizeof e_home, "HOME=%s", home);
	snprintf(e_pager, sizeof e_pager, "PAGER=%s", prog);
	snprintf(e_editor, sizeof e_editor, "EDITOR=%s", prog);
	snprintf(e_visual, sizeof e_visual, "VISUAL=%s", prog);
	snprintf(e_browser, sizeof e_browser, "BROWSER=%s", prog);
	snprintf(e_shell, sizeof e_shell, "SHELL=%s", prog);
	const char *const env[] = { e_ti, e_tid, e_home, e_pager, e_editor, e_visual, e_browser,
	                            e_shell, "LINES=10", "COLUMNS=30", NULL };

	bool trap = make_terminfo(ti) && make_terminfo(hometi);
	char *plain[] = { (char *)vitae_bin, (char *)resume, NULL };
	char *kiosk[] = { (char *)vitae_bin, "--kiosk", (char *)resume, NULL };
	if (trap) {
		/* The trap works: outside kiosk mode curses takes it (unless
		 * it ignores TERMINFO for root, as some builds do). */
		struct vt *v = open_viewer(plain, env);
		bool taken = v && vt_mode_sets(v, 1049) == 0;
		if (v) {
			quit_plain(v);
			vt_close(v);
		}
		if (!taken) {
			printf("note: curses ignores TERMINFO here (root?); "
			       "test_kiosk_strace checks that no file under it is opened\n");
			trap = false;
		}
	}
	struct vt *v = open_viewer(kiosk, env);
	if (!v)
		return;
	/* The system's xterm-256color, not the planted one. */
	if (trap)
		SCHECK(v, vt_mode_sets(v, 1049) >= 1);
	/* The terminal's size, not LINES and COLUMNS. */
	int rows, cols;
	vt_size(v, &rows, &cols);
	SCHECK(v, vt_find_col(v, 23, "? help") > 60);
	/* Keys a pager, editor or browser hangs on elsewhere. */
	static const char *const keys[] = { "v", "e", "o", "!", "|", "s", "y", "\r", "E", "x" };
	for (size_t i = 0; i < sizeof keys / sizeof keys[0]; i++) {
		vt_send(v, keys[i]);
		vt_settle(v, 30, 300);
	}
	SCHECK(v, !vt_exited(v));
	quit_with(v, "q");
	vt_close(v);
	struct stat sb;
	CHECK(stat(marker, &sb) != 0 && errno == ENOENT);
}

/* --- signals and keys ---------------------------------------------------- */

static void signals(void)
{
	char *argv[] = { (char *)vitae_bin, "--kiosk", (char *)resume, NULL };
	/* Ctrl-Z and SIGTSTP: no suspension, keys still work. */
	struct vt *v = open_viewer(argv, NULL);
	if (v) {
		CHECK(vt_send_ctrl(v, 'z'));
		vt_settle(v, 100, 500);
		TYPE(v, "2");
		PANE_IS(v, PANE2);
		CHECK(vt_kill(v, SIGTSTP));
		vt_settle(v, 100, 500);
		TYPE(v, "1");
		PANE_IS(v, "All");
		SCHECK(v, !vt_exited(v));
		quit_with(v, "\003");   /* Ctrl-C quits, 0 */
		vt_close(v);
	}
	/* SIGTERM and SIGHUP end it with the terminal restored: 128 + sig. */
	static const int sigs[] = { SIGTERM, SIGHUP, SIGINT };
	for (size_t i = 0; i < sizeof sigs / sizeof sigs[0]; i++) {
		v = open_viewer(argv, NULL);
		if (!v)
			continue;
		int st = -1;
		CHECK(vt_kill(v, sigs[i]));
		SCHECK(v, vt_wait_exit(v, EXIT_MS, &st));
		int want = sigs[i] == SIGINT ? 0 : 128 + sigs[i];
		SCHECK(v, WIFEXITED(st) && WEXITSTATUS(st) == want);
		SCHECK(v, vt_restored(v, stderr));
		vt_close(v);
	}
}

/* --- typed invisible characters ------------------------------------------ */

/* A typed Unicode TAG character goes through the same classifier as the
 * file's text: shown by number in "Unknown key", never echoed raw. */
static void typed_invisible(void)
{
	char *argv[] = { (char *)vitae_bin, "--kiosk", (char *)resume, NULL };
	struct vt *v = open_viewer(argv, NULL);
	if (!v)
		return;
	static const char tag_a[] = "\xf3\xa0\x81\x81";     /* U+E0041 */
	static const char rlo[] = "\xe2\x80\xae";            /* U+202E */
	vt_send(v, tag_a);
	STATUS_HAS(v, "Unknown key: U+E0041");
	vt_send(v, rlo);
	STATUS_HAS(v, "Unknown key: U+202E");
	SCHECK(v, !vt_log_has(v, 0, tag_a, strlen(tag_a)));
	SCHECK(v, !vt_log_has(v, 0, rlo, strlen(rlo)));
	quit_with(v, "q");
	vt_close(v);
}

/* --- time limits --------------------------------------------------------- */

/* Types j/k every 300 ms for ms, or until the viewer ends. */
static void keep_busy(struct vt *v, int ms)
{
	double end = now() + ms / 1000.0;
	for (int i = 0; now() < end && !vt_exited(v); i++) {
		vt_send(v, i % 2 ? "k" : "j");
		vt_settle(v, 300, 300);
	}
}

static void limits(void)
{
	/* Idle: nothing typed for 1 s ends it, status 0, with a note. */
	char *idle1[] = { (char *)vitae_bin, "--kiosk", "--idle-timeout", "1", (char *)resume, NULL };
	struct vt *v = open_viewer(idle1, NULL);
	if (v) {
		double t0 = now();
		int st = -1;
		SCHECK(v, vt_wait_exit(v, 8000, &st));
		double took = now() - t0;
		SCHECK(v, took > 0.5);
		SCHECK(v, WIFEXITED(st) && WEXITSTATUS(st) == 0);
		SCHECK(v, vt_restored(v, stderr));
		SCHECK(v, log_has(v, "vitae: idle for"));
		printf("idle timeout 1s: ended after %.2f s\n", took);
		vt_close(v);
	}
	/* Keys keep it open past the idle time; then it ends. */
	char *idle2[] = { (char *)vitae_bin, "--kiosk", "--idle-timeout", "2s", (char *)resume, NULL };
	v = open_viewer(idle2, NULL);
	if (v) {
		keep_busy(v, 3500);
		SCHECK(v, !vt_exited(v));
		int st = -1;
		SCHECK(v, vt_wait_exit(v, 8000, &st));
		SCHECK(v, WIFEXITED(st) && WEXITSTATUS(st) == 0);
		SCHECK(v, vt_restored(v, stderr));
		vt_close(v);
	}
	/* The session's length: ends after 2 s however busy. */
	char *max2[] = { (char *)vitae_bin, "--kiosk", "--max-time", "2", (char *)resume, NULL };
	v = open_viewer(max2, NULL);
	if (v) {
		double t0 = now();
		keep_busy(v, 8000);
		double took = now() - t0;
		int st = -1;
		SCHECK(v, vt_wait_exit(v, 1000, &st));
		SCHECK(v, took > 1.0 && took < 8.0);
		SCHECK(v, WIFEXITED(st) && WEXITSTATUS(st) == 0);
		SCHECK(v, vt_restored(v, stderr));
		SCHECK(v, log_has(v, "vitae: "));
		printf("max time 2s while typing: ended after %.2f s\n", took);
		vt_close(v);
	}
	/* Bad durations are usage errors, before anything is shown. */
	char *bad[] = { (char *)vitae_bin, "--kiosk", "--idle-timeout", "soon", (char *)resume, NULL };
	int st;
	v = run_to_end(bad, NULL, &st);
	if (v) {
		SCHECK(v, WIFEXITED(st) && WEXITSTATUS(st) == 2);
		vt_close(v);
	}
}

/* --- TERM ---------------------------------------------------------------- */

static void terms(void)
{
	char *argv[] = { (char *)vitae_bin, "--kiosk", (char *)resume, NULL };
	char longname[200], just_over[66];
	memset(longname, 'x', sizeof longname - 1);
	longname[sizeof longname - 1] = '\0';
	/* 65 bytes of a name terminfo might even have. */
	snprintf(just_over, sizeof just_over, "xterm-256color%051d", 0);
	static char v_long[256], v_over[128];
	snprintf(v_long, sizeof v_long, "TERM=%s", longname);
	snprintf(v_over, sizeof v_over, "TERM=%s", just_over);
	const char *const texts[] = {
		"TERM", "TERM=", "TERM=dumb", v_long, v_over, "TERM=no-such-terminal",
		"TERM=../../../../etc/passwd", "TERM=/usr/share/terminfo/x/xterm",
		"TERM=x/xterm", "TERM=xterm 256color", "TERM=xterm\033[31m", "TERM=.",
		"TERM=..",
	};
	for (size_t i = 0; i < sizeof texts / sizeof texts[0]; i++) {
		const char *const env[] = { texts[i], NULL };
		int st;
		struct vt *v = run_to_end(argv, env, &st);
		if (!v)
			continue;
		int f = t_failures;
		PRINTED(v, st, NAME);
		if (f != t_failures)
			fprintf(stderr, "  with %.40s\n", texts[i]);
		vt_close(v);
	}
	/* Names terminfo knows still get the viewer. */
	const char *const viewers[] = { "TERM=xterm", "TERM=vt100", "TERM=screen-256color" };
	for (size_t i = 0; i < sizeof viewers / sizeof viewers[0]; i++) {
		const char *const env[] = { viewers[i], NULL };
		struct vt *v = open_viewer(argv, env);
		if (!v)
			continue;
		SCHECK(v, strstr(vt_row(v, 0), NAME) != NULL);
		quit_plain(v);
		vt_close(v);
	}
}

int main(int argc, char **argv)
{
	screen_watchdog(170);
	if (argc < 3) {
		fprintf(stderr, "usage: %s VITAE RESUME\n", argv[0]);
		return 2;
	}
	static char bin[PATH_MAX], res[PATH_MAX];
	if (!realpath(argv[1], bin) || !realpath(argv[2], res)) {
		perror("realpath");
		return 2;
	}
	vitae_bin = bin;
	resume = res;

	char cmd[PATH_MAX + 32];
	snprintf(cmd, sizeof cmd, "'%s' --dump", vitae_bin);
	FILE *p = popen(cmd, "r");
	if (!p || !fgets(bundled, sizeof bundled, p)) {
		fprintf(stderr, "cannot run %s --dump\n", vitae_bin);
		return 2;
	}
	pclose(p);
	bundled[strcspn(bundled, "\n")] = '\0';

	snprintf(tmp, sizeof tmp, "/tmp/vitae-kiosk-XXXXXX");
	if (!mkdtemp(tmp))
		return 2;
	if (snprintf(shell_dir, sizeof shell_dir, "%s/shell", tmp) >= (int)sizeof shell_dir)
		return 2;
	char link[PATH_MAX + 16];
	snprintf(link, sizeof link, "%s/-vitae", shell_dir);
	if (mkdir(shell_dir, 0755) != 0 || symlink(vitae_bin, link) != 0) {
		perror(link);
		return 2;
	}
	if (snprintf(decoy, sizeof decoy, "%s/decoy.yaml", tmp) >= (int)sizeof decoy)
		return 2;
	FILE *f = fopen(decoy, "w");
	if (!f || fputs("cv:\n  name: " DECOY "\n", f) < 0 || fclose(f) != 0) {
		perror(decoy);
		return 2;
	}

	requests();
	login_shell();
	environment();
	signals();
	typed_invisible();
	limits();
	terms();

	snprintf(cmd, sizeof cmd, "rm -rf '%s'", tmp);
	if (system(cmd) != 0)
		fprintf(stderr, "could not remove %s\n", tmp);
	T_DONE();
}
