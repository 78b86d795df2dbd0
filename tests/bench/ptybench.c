/*
 * ptybench: runs a program in a pseudo-terminal and times its screens.
 *
 *   ptybench -n -- PROGRAM ARG...
 *   ptybench [-s ROWSxCOLS] [-q QUIET_MS] [-t TIMEOUT_MS] [-e NAME=VALUE]...
 *            [-w PRED]... [-k KEYS [-w PRED]...]... [-x KEYS] -- PROGRAM ARG...
 *            (-r FROM=TO and -z ROWSxCOLS start a step as -k does)
 *
 * A screen is complete when every predicate of its step holds and the
 * program then writes nothing for QUIET_MS (default 250). Its time is
 * taken at the LAST BYTE of that screen, not at the end of the quiet
 * period: the quiet period only proves that nothing more was coming.
 * The first step is the start-up (from just before fork() to the last
 * byte of the first complete frame); each -k starts another step, timed
 * from the write of its keys, or, for -r FROM=TO, from rename(FROM, TO):
 * a file saved the way vim saves it, for a program that watches TO, or,
 * for -z ROWSxCOLS, from the resize: the pty gets the new size, which
 * sends the program SIGWINCH, as a terminal window being resized does.
 * -x sends the keys that quit (default "q"),
 * then the program is reaped with wait4() for its peak memory.
 *
 * Predicates, about the screen as a terminal would show it (libvterm):
 *   last:TEXT   the last row contains TEXT
 *   nolast:TEXT the last row does not contain TEXT
 *   hl:TEXT     TEXT is on the screen and its first cell is highlighted
 *               (reverse video or a background colour)
 *   any:TEXT    TEXT is somewhere on the screen
 * -d prints the last screen on stderr before quitting.
 * -l FILE writes everything the program wrote to FILE, each step's bytes
 * after a line "\n--- step N ---\n", for reading what a step cost.
 * KEYS take C escapes: \r \n \t \e \\ \xHH.
 *
 * With -n there is no terminal: PROGRAM runs with standard input and
 * output on /dev/null, and its one step lasts from fork() to its exit
 * (wait4), for baselines that draw nothing.
 *
 * One line per step on stdout, then one for the exit:
 *   step 0 ms=12.345 bytes=4567
 *   exit maxrss_kb=5120 status=0 user_ms=1.2 sys_ms=0.8 minflt=321
 * A step that never completes within TIMEOUT_MS makes ptybench print the
 * screen on stderr and exit 1.
 *
 * The child gets TERM=xterm-256color and LANG=C.UTF-8; LC_ALL, LC_CTYPE,
 * LINES, COLUMNS, NO_COLOR and less's LESS, LESSOPEN and LESSCLOSE are
 * removed so that neither program is configured by whoever runs this.
 */
#ifndef _XOPEN_SOURCE
#define _XOPEN_SOURCE 700
#endif
#define _DEFAULT_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#include <vterm.h>

extern char **environ;

#define MAX_STEPS 256
#define MAX_PREDS 8

struct step {
	char keys[512];
	size_t nkeys;
	const char *rename;     /* -r FROM=TO: FROM, then '=', then TO */
	int zrows, zcols;       /* -z ROWSxCOLS: the new size; 0 when not a resize */
	const char *pred[MAX_PREDS];
	int npred;
};

static struct step steps[MAX_STEPS];
static int nsteps = 1;          /* step 0 is the start-up */

static int master = -1;
static VTerm *term;
static VTermScreen *screen;
static int rows = 24, cols = 80;
static bool eof;
static FILE *logf;

static double now_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

static _Noreturn void die(const char *msg)
{
	fprintf(stderr, "ptybench: %s\n", msg);
	exit(2);
}

/* Decodes C escapes into out; returns the length. */
static size_t unescape(const char *s, char *out, size_t cap)
{
	size_t n = 0;
	while (*s && n < cap) {
		char c = *s++;
		if (c == '\\' && *s) {
			c = *s++;
			switch (c) {
			case 'r': c = '\r'; break;
			case 'n': c = '\n'; break;
			case 't': c = '\t'; break;
			case 'e': c = 27; break;
			case 'x': {
				char hex[3] = { s[0], s[0] ? s[1] : 0, 0 };
				c = (char)strtol(hex, NULL, 16);
				s += strlen(hex);
				break;
			}
			default: break;
			}
		}
		out[n++] = c;
	}
	return n;
}

/* --- the screen ---------------------------------------------------------- */

static void on_output(const char *s, size_t len, void *user)
{
	(void)user;
	if (!eof)
		(void)!write(master, s, len);   /* answers to the child's queries */
}

/* Row r as UTF-8 into buf, one char per cell; *cellx maps bytes to cells. */
static void row_text(int r, char *buf, size_t cap, int *cellx)
{
	size_t n = 0;
	for (int c = 0; c < cols && n + 8 < cap; c++) {
		VTermScreenCell cell;
		vterm_screen_get_cell(screen, (VTermPos){ .row = r, .col = c }, &cell);
		if (cell.width == 0)
			continue;       /* the right half of a wide character */
		size_t start = n;
		if (!cell.chars[0]) {
			buf[n++] = ' ';
		} else {
			for (int i = 0; i < VTERM_MAX_CHARS_PER_CELL && cell.chars[i]; i++) {
				uint32_t u = cell.chars[i];
				if (u < 0x80) {
					buf[n++] = (char)u;
				} else if (u < 0x800) {
					buf[n++] = (char)(0xC0 | u >> 6);
					buf[n++] = (char)(0x80 | (u & 0x3F));
				} else if (u < 0x10000) {
					buf[n++] = (char)(0xE0 | u >> 12);
					buf[n++] = (char)(0x80 | (u >> 6 & 0x3F));
					buf[n++] = (char)(0x80 | (u & 0x3F));
				} else {
					buf[n++] = (char)(0xF0 | u >> 18);
					buf[n++] = (char)(0x80 | (u >> 12 & 0x3F));
					buf[n++] = (char)(0x80 | (u >> 6 & 0x3F));
					buf[n++] = (char)(0x80 | (u & 0x3F));
				}
			}
		}
		for (size_t i = start; i < n; i++)
			cellx[i] = c;
	}
	buf[n] = '\0';
}

static bool marked(int r, int c)
{
	VTermScreenCell cell;
	vterm_screen_get_cell(screen, (VTermPos){ .row = r, .col = c }, &cell);
	return cell.attrs.reverse || !VTERM_COLOR_IS_DEFAULT_BG(&cell.bg);
}

static bool holds(const char *pred)
{
	static char buf[8192];
	static int cellx[8192];
	const char *arg = strchr(pred, ':');
	if (!arg)
		die("a predicate is last:TEXT, nolast:TEXT, hl:TEXT or any:TEXT");
	arg++;
	bool no = strncmp(pred, "nolast:", 7) == 0;
	if (no || strncmp(pred, "last:", 5) == 0) {
		row_text(rows - 1, buf, sizeof buf, cellx);
		return (strstr(buf, arg) != NULL) != no;
	}
	bool hl = strncmp(pred, "hl:", 3) == 0;
	for (int r = 0; r < rows; r++) {
		row_text(r, buf, sizeof buf, cellx);
		const char *at = strstr(buf, arg);
		if (at && (!hl || marked(r, cellx[at - buf])))
			return true;
	}
	return false;
}

static bool all_hold(const struct step *s)
{
	for (int i = 0; i < s->npred; i++)
		if (!holds(s->pred[i]))
			return false;
	return true;
}

static void dump_screen(FILE *f)
{
	static char buf[8192];
	static int cellx[8192];
	for (int r = 0; r < rows; r++) {
		row_text(r, buf, sizeof buf, cellx);
		fprintf(f, "|%s\n", buf);
	}
}

/* --- the pty ------------------------------------------------------------- */

/* Reads what is there within timeout_ms: bytes read, 0 none, -1 closed.
 * *when gets the time of the read that returned the last byte. */
static long pump(int timeout_ms, double *when)
{
	if (eof)
		return -1;
	struct pollfd pfd = { .fd = master, .events = POLLIN };
	int r = poll(&pfd, 1, timeout_ms < 0 ? 0 : timeout_ms);
	if (r <= 0)
		return 0;
	char buf[65536];
	long got = 0;
	for (;;) {
		ssize_t n = read(master, buf, sizeof buf);
		if (n > 0) {
			*when = now_ms();
			vterm_input_write(term, buf, (size_t)n);
			if (logf)
				fwrite(buf, 1, (size_t)n, logf);
			got += n;
			continue;
		}
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK))
			break;
		eof = true;
		break;
	}
	return got ? got : eof ? -1 : 0;
}

/*
 * Waits for step s to complete: its predicates hold and then nothing
 * comes for quiet ms. Returns the time of its last byte (or t0 when no
 * byte came), and adds the bytes to *bytes; < 0 on timeout.
 */
static double wait_step(const struct step *s, double t0, int quiet, int timeout,
                        long *bytes)
{
	double last = t0, quiet_from = now_ms();
	bool ok = all_hold(s);
	for (;;) {
		double t = now_ms();
		if (t - t0 > timeout)
			return -1;
		if (ok && t - quiet_from >= quiet)
			return last;
		double left = ok ? quiet - (t - quiet_from) : timeout - (t - t0);
		long n = pump((int)left + 1, &last);
		if (n > 0) {
			*bytes += n;
			quiet_from = now_ms();
			ok = all_hold(s);
		} else if (n < 0) {
			return ok ? last : -1;
		}
	}
}

static char **child_env(char **extra, int nextra)
{
	static const char *const drop[] = {
		"TERM", "LANG", "LC_ALL", "LC_CTYPE", "LINES", "COLUMNS", "NO_COLOR",
		"LESS", "LESSOPEN", "LESSCLOSE",
	};
	size_t n = 0;
	while (environ[n])
		n++;
	char **env = calloc(n + (size_t)nextra + 3, sizeof *env);
	if (!env)
		die("out of memory");
	size_t k = 0;
	for (size_t i = 0; i < n; i++) {
		bool keep = true;
		for (size_t j = 0; j < sizeof drop / sizeof *drop; j++) {
			size_t l = strlen(drop[j]);
			if (strncmp(environ[i], drop[j], l) == 0 && environ[i][l] == '=')
				keep = false;
		}
		if (keep)
			env[k++] = environ[i];
	}
	env[k++] = "TERM=xterm-256color";
	env[k++] = "LANG=C.UTF-8";
	for (int i = 0; i < nextra; i++)
		env[k++] = extra[i];
	env[k] = NULL;
	return env;
}

/* -n: fork, exec with /dev/null around it, wait4. */
static int run_plain(char **cmd, char **env)
{
	fflush(NULL);
	double t0 = now_ms();
	pid_t pid = fork();
	if (pid < 0)
		die("fork failed");
	if (pid == 0) {
		int null = open("/dev/null", O_RDWR);
		if (null < 0 || dup2(null, 0) < 0 || dup2(null, 1) < 0)
			_exit(126);
		execve(cmd[0], cmd, env);
		dprintf(2, "ptybench: cannot run %s: %s\n", cmd[0], strerror(errno));
		_exit(127);
	}
	int status;
	struct rusage ru;
	if (wait4(pid, &status, 0, &ru) != pid)
		die("wait4 failed");
	double t = now_ms();
	printf("step 0 ms=%.3f bytes=0\n", t - t0);
	printf("exit maxrss_kb=%ld status=%d user_ms=%.3f sys_ms=%.3f minflt=%ld\n",
	       ru.ru_maxrss, WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status),
	       (double)ru.ru_utime.tv_sec * 1e3 + (double)ru.ru_utime.tv_usec / 1e3,
	       (double)ru.ru_stime.tv_sec * 1e3 + (double)ru.ru_stime.tv_usec / 1e3,
	       ru.ru_minflt);
	return WIFEXITED(status) && WEXITSTATUS(status) == 0 ? 0 : 1;
}

/* ROWSxCOLS, each from 2 to 500. */
static bool size_arg(const char *a, int *r, int *c)
{
	return sscanf(a, "%dx%d", r, c) == 2 && *r >= 2 && *c >= 2 && *r <= 500 && *c <= 500;
}

int main(int argc, char **argv)
{
	int quiet = 250, timeout = 60000, nextra = 0;
	bool noterm = false, show = false;
	char *extra[32];
	char quit[64] = "q";
	size_t nquit = 1;
	int i = 1;
	for (; i < argc && strcmp(argv[i], "--") != 0; i++) {
		const char *o = argv[i], *a = i + 1 < argc ? argv[i + 1] : NULL;
		if (strcmp(o, "-n") == 0 || strcmp(o, "-d") == 0) {
			noterm |= o[1] == 'n';
			show |= o[1] == 'd';
			continue;
		}
		if (!a)
			die("an option lacks its value");
		i++;
		if (strcmp(o, "-s") == 0) {
			if (!size_arg(a, &rows, &cols))
				die("-s takes ROWSxCOLS");
		} else if (strcmp(o, "-q") == 0) {
			quiet = atoi(a);
		} else if (strcmp(o, "-t") == 0) {
			timeout = atoi(a);
		} else if (strcmp(o, "-e") == 0) {
			if (nextra == 32)
				die("too many -e");
			extra[nextra++] = (char *)a;
		} else if (strcmp(o, "-w") == 0) {
			struct step *s = &steps[nsteps - 1];
			if (s->npred == MAX_PREDS)
				die("too many -w");
			s->pred[s->npred++] = a;
		} else if (strcmp(o, "-k") == 0) {
			if (nsteps == MAX_STEPS)
				die("too many -k");
			struct step *s = &steps[nsteps++];
			s->nkeys = unescape(a, s->keys, sizeof s->keys);
		} else if (strcmp(o, "-r") == 0) {
			if (nsteps == MAX_STEPS)
				die("too many steps");
			if (!strchr(a, '='))
				die("-r takes FROM=TO");
			steps[nsteps++].rename = a;
		} else if (strcmp(o, "-z") == 0) {
			if (nsteps == MAX_STEPS)
				die("too many steps");
			struct step *s = &steps[nsteps++];
			if (!size_arg(a, &s->zrows, &s->zcols))
				die("-z takes ROWSxCOLS");
		} else if (strcmp(o, "-l") == 0) {
			if (!(logf = fopen(a, "wb")))
				die("cannot write the -l file");
		} else if (strcmp(o, "-x") == 0) {
			nquit = unescape(a, quit, sizeof quit);
		} else {
			die("unknown option");
		}
	}
	if (i + 1 >= argc)
		die("usage: ptybench [options] -- PROGRAM ARG...");
	char **cmd = argv + i + 1;
	char **env = child_env(extra, nextra);
	if (noterm)
		return run_plain(cmd, env);

	master = posix_openpt(O_RDWR | O_NOCTTY);
	if (master < 0 || grantpt(master) < 0 || unlockpt(master) < 0)
		die("no pty");
	const char *name = ptsname(master);
	int slave = name ? open(name, O_RDWR | O_NOCTTY) : -1;
	if (slave < 0)
		die("no pty slave");
	struct winsize ws = { .ws_row = (unsigned short)rows, .ws_col = (unsigned short)cols };
	ioctl(master, TIOCSWINSZ, &ws);
	term = vterm_new(rows, cols);
	vterm_set_utf8(term, 1);
	vterm_output_set_callback(term, on_output, NULL);
	screen = vterm_obtain_screen(term);
	vterm_screen_enable_altscreen(screen, 1);
	vterm_screen_reset(screen, 1);

	fflush(NULL);
	double t0 = now_ms();
	pid_t pid = fork();
	if (pid < 0)
		die("fork failed");
	if (pid == 0) {
		close(master);
		if (setsid() < 0 || ioctl(slave, TIOCSCTTY, 0) < 0 ||
		    dup2(slave, 0) < 0 || dup2(slave, 1) < 0 || dup2(slave, 2) < 0)
			_exit(126);
		if (slave > 2)
			close(slave);
		execve(cmd[0], cmd, env);
		dprintf(2, "ptybench: cannot run %s: %s\r\n", cmd[0], strerror(errno));
		_exit(127);
	}
	close(slave);
	fcntl(master, F_SETFL, fcntl(master, F_GETFL) | O_NONBLOCK);

	int status = 0;
	for (int s = 0; s < nsteps; s++) {
		long bytes = 0;
		if (logf)
			fprintf(logf, "\n--- step %d ---\n", s);
		if (s > 0) {
			t0 = now_ms();
			if (steps[s].rename) {
				char from[4096];
				const char *eq = strchr(steps[s].rename, '=');
				snprintf(from, sizeof from, "%.*s",
				         (int)(eq - steps[s].rename), steps[s].rename);
				if (rename(from, eq + 1) != 0)
					die("cannot rename");
			} else if (steps[s].zrows) {
				rows = steps[s].zrows;
				cols = steps[s].zcols;
				vterm_set_size(term, rows, cols);
				struct winsize z = { .ws_row = (unsigned short)rows,
				                     .ws_col = (unsigned short)cols };
				if (ioctl(master, TIOCSWINSZ, &z) != 0)
					die("cannot resize the pty");
			} else if (write(master, steps[s].keys, steps[s].nkeys) !=
			           (ssize_t)steps[s].nkeys) {
				die("cannot type");
			}
		}
		double end = wait_step(&steps[s], t0, quiet, timeout, &bytes);
		if (end < 0) {
			fprintf(stderr, "ptybench: step %d of %s: no complete screen in %d ms\n",
			        s, cmd[0], timeout);
			dump_screen(stderr);
			kill(pid, SIGKILL);
			waitpid(pid, NULL, 0);
			return 1;
		}
		printf("step %d ms=%.3f bytes=%ld\n", s, end - t0, bytes);
		fflush(stdout);
	}
	if (show)
		dump_screen(stderr);
	if (write(master, quit, nquit) != (ssize_t)nquit)
		die("cannot type");
	/* Drain until the child closes the pty, then reap it. */
	double t = now_ms(), dummy;
	while (!eof && now_ms() - t < timeout)
		pump(100, &dummy);
	struct rusage ru;
	pid_t w;
	while ((w = wait4(pid, &status, WNOHANG, &ru)) == 0 && now_ms() - t < timeout)
		usleep(1000);
	if (w != pid) {
		fprintf(stderr, "ptybench: %s did not quit\n", cmd[0]);
		dump_screen(stderr);
		kill(pid, SIGKILL);
		waitpid(pid, NULL, 0);
		return 1;
	}
	printf("exit maxrss_kb=%ld status=%d user_ms=%.3f sys_ms=%.3f minflt=%ld\n",
	       ru.ru_maxrss, WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status),
	       (double)ru.ru_utime.tv_sec * 1e3 + (double)ru.ru_utime.tv_usec / 1e3,
	       (double)ru.ru_stime.tv_sec * 1e3 + (double)ru.ru_stime.tv_usec / 1e3,
	       ru.ru_minflt);
	vterm_free(term);
	return 0;
}
