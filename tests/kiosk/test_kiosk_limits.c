/*
 * What a visitor can make one session cost, on a pty of its own rather
 * than screen_vt: the test needs the child's rusage (wait4) and a reader
 * that can stop reading.
 *
 * - Hang-ups: the terminal goes away under the viewer (the pty's master
 *   side closes, as when sshd drops a connection). vitae must end within
 *   a second and without spinning, also when SIGHUP is ignored (nohup),
 *   when it is blocked writing to a terminal nobody reads, and outside
 *   kiosk mode.
 * - Memory: a 2300x2300 pty (the kiosk, and the viewer) peaks under the
 *   bound vitae(1) gives, the pty is clamped, and LINES/COLUMNS of 5000
 *   on an 80x24 pty change nothing.
 * - A reader that stops reading: --max-time still ends the session (the
 *   viewer, and the text of a request), and SIGTERM or SIGHUP end it in
 *   the middle of a write.
 * - A key flood meeting a small CPU limit: a clean exit (SIGXCPU, not the
 *   kernel's kill) with the terminal restored, seen in the bytes.
 *
 * usage: test_kiosk_limits VITAE RESUME
 */
#define _XOPEN_SOURCE 700       /* posix_openpt and friends */
#define _DEFAULT_SOURCE         /* wait4 */
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
#include <sys/time.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <termios.h>
#include <time.h>
#include <unistd.h>

#include "../t.h"

static const char *vitae, *resume;

static double now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

static double cpu_of(const struct rusage *ru)
{
	return (double)ru->ru_utime.tv_sec + ru->ru_utime.tv_usec / 1e6 +
	       (double)ru->ru_stime.tv_sec + ru->ru_stime.tv_usec / 1e6;
}

/* CPU seconds used so far by a running process, from /proc. */
static double cpu_now(pid_t pid)
{
	char path[64], buf[1024];
	snprintf(path, sizeof path, "/proc/%ld/stat", (long)pid);
	FILE *f = fopen(path, "r");
	if (!f)
		return -1;
	size_t n = fread(buf, 1, sizeof buf - 1, f);
	fclose(f);
	buf[n] = '\0';
	char *p = strrchr(buf, ')');
	unsigned long ut, st;
	/* After ")": state ppid pgrp session tty tpgid flags minflt cminflt
	 * majflt cmajflt utime stime. */
	if (!p || sscanf(p + 2, "%*c %*d %*d %*d %*d %*d %*u %*u %*u %*u %*u %lu %lu",
	                 &ut, &st) != 2)
		return -1;
	return (double)(ut + st) / (double)sysconf(_SC_CLK_TCK);
}

struct child {
	pid_t pid;
	int master;
	char out[1 << 16];
	size_t len;
};

static bool start_sized(struct child *c, char *const argv[], bool ignore_hup,
                        unsigned short rows, unsigned short cols, char *const *extra_env)
{
	memset(c, 0, sizeof *c);
	c->master = posix_openpt(O_RDWR | O_NOCTTY);
	if (c->master < 0 || grantpt(c->master) < 0 || unlockpt(c->master) < 0)
		return false;
	struct winsize ws = { .ws_row = rows, .ws_col = cols };
	ioctl(c->master, TIOCSWINSZ, &ws);
	const char *name = ptsname(c->master);
	fflush(NULL);
	c->pid = fork();
	if (c->pid < 0)
		return false;
	if (c->pid == 0) {
		setsid();
		int s = open(name, O_RDWR);
		if (s < 0)
			_exit(126);
		ioctl(s, TIOCSCTTY, 0);
		dup2(s, 0);
		dup2(s, 1);
		dup2(s, 2);
		if (s > 2)
			close(s);
		close(c->master);
		signal(SIGHUP, ignore_hup ? SIG_IGN : SIG_DFL);
		char *env[8] = { "TERM=xterm-256color", "LANG=C.UTF-8", NULL };
		for (size_t i = 0; extra_env && extra_env[i] && i < 5; i++)
			env[2 + i] = extra_env[i];
		execve(argv[0], argv, env);
		_exit(127);
	}
	fcntl(c->master, F_SETFL, O_NONBLOCK);
	return true;
}

static bool start(struct child *c, char *const argv[], bool ignore_hup)
{
	return start_sized(c, argv, ignore_hup, 24, 80, NULL);
}

/* Reads what the child wrote until text shows up. */
static bool wait_for(struct child *c, const char *text, int ms)
{
	double end = now() + ms / 1000.0;
	while (now() < end) {
		c->out[c->len] = '\0';
		if (strstr(c->out, text))
			return true;
		struct pollfd p = { .fd = c->master, .events = POLLIN };
		if (poll(&p, 1, 50) > 0) {
			ssize_t n = read(c->master, c->out + c->len, sizeof c->out - 1 - c->len);
			if (n > 0)
				c->len += (size_t)n;
			else if (n < 0 && errno != EAGAIN)
				return false;
			if (c->len >= sizeof c->out - 1) {
				/* Only the recent output matters. */
				memmove(c->out, c->out + c->len / 2, c->len - c->len / 2);
				c->len -= c->len / 2;
			}
		}
	}
	return false;
}

/*
 * Closes the master and waits (up to 5 s) for the child. Reports how long
 * it took and the CPU it used after the hang-up; checks it ended within a
 * second, on its own, without a crash and without burning the CPU.
 */
static void hang_up(struct child *c, const char *what, bool want_sighup)
{
	double cpu0 = cpu_now(c->pid);
	double t0 = now();
	close(c->master);
	int st = 0;
	struct rusage ru;
	pid_t r = 0;
	while (now() - t0 < 5.0) {
		r = wait4(c->pid, &st, WNOHANG, &ru);
		if (r == c->pid)
			break;
		struct timespec ts = { .tv_nsec = 2000000 };
		nanosleep(&ts, NULL);
	}
	double took = now() - t0;
	t_checks++;
	if (r != c->pid) {
		t_failures++;
		fprintf(stderr, "%s: still running 5 s after the hang-up\n", what);
		kill(c->pid, SIGKILL);
		waitpid(c->pid, NULL, 0);
		return;
	}
	double cpu = cpu_of(&ru) - cpu0;
	printf("%-28s ended after %4.0f ms, %3.0f ms of CPU after the hang-up, %s %d\n", what,
	       took * 1000, cpu * 1000, WIFEXITED(st) ? "exit" : "signal",
	       WIFEXITED(st) ? WEXITSTATUS(st) : WTERMSIG(st));
	CHECK(took < 1.0);
	CHECK(cpu < 0.25);
	/* Ended on purpose: an exit, or the hang-up signal; no crash. */
	if (WIFSIGNALED(st)) {
		CHECK(want_sighup && WTERMSIG(st) == SIGHUP);
		CHECK(!WCOREDUMP(st));
	} else {
		CHECK(WIFEXITED(st));
		CHECK(WEXITSTATUS(st) != 0);
		if (want_sighup)
			CHECK_INT(WEXITSTATUS(st), 128 + SIGHUP);
	}
}

static void viewer_hangup(bool kiosk, bool ignore_hup, bool stuck_writing)
{
	char *kargv[] = { (char *)vitae, "--kiosk", (char *)resume, NULL };
	char *pargv[] = { (char *)vitae, (char *)resume, NULL };
	char what[64];
	snprintf(what, sizeof what, "%s, SIGHUP %s%s", kiosk ? "kiosk" : "viewer",
	         ignore_hup ? "ignored" : "default", stuck_writing ? ", writing" : "");
	struct child c;
	t_checks++;
	if (!start(&c, kiosk ? kargv : pargv, ignore_hup)) {
		t_failures++;
		perror("pty");
		return;
	}
	t_checks++;
	if (!wait_for(&c, "? help", 5000)) {
		t_failures++;
		fprintf(stderr, "%s: no viewer\n", what);
		kill(c.pid, SIGKILL);
		waitpid(c.pid, NULL, 0);
		close(c.master);
		return;
	}
	if (stuck_writing) {
		/* Keys that each redraw a screen, with nobody reading: the
		 * pty fills up and vitae blocks in write(). */
		for (int i = 0; i < 400; i++)
			(void)!write(c.master, i % 2 ? "g" : "G", 1);
		struct timespec ts = { .tv_nsec = 300000000 };
		nanosleep(&ts, NULL);
	}
	hang_up(&c, what, !ignore_hup);
}

/* --- memory ---------------------------------------------------------------- */

/* vitae(1), "What a visitor costs": under 40 MiB resident at any terminal
 * size (measured: about 24 MiB at the 500x500 the size is clamped to). */
#define PEAK_BOUND_KB (40L * 1024)

/* Waits up to ms for the child to end, reading its output if drain; the
 * status and rusage, or false (the child is then killed). */
static bool reap(struct child *c, int ms, bool drain, int *st, struct rusage *ru)
{
	double end = now() + ms / 1000.0;
	while (now() < end) {
		if (wait4(c->pid, st, WNOHANG, ru) == c->pid)
			return true;
		if (drain)
			wait_for(c, "\001never\001", 20);
		else {
			struct timespec ts = { .tv_nsec = 20000000 };
			nanosleep(&ts, NULL);
		}
	}
	kill(c->pid, SIGKILL);
	waitpid(c->pid, NULL, 0);
	return false;
}

static void peak_memory(bool kiosk)
{
	/* The kiosk's own address-space limit lifted: the bound must hold
	 * because nothing big is allocated, not because allocation fails. */
	char *kargv[] = { (char *)vitae, "--kiosk", "--max-memory", "1G", (char *)resume, NULL };
	char *pargv[] = { (char *)vitae, (char *)resume, NULL };
	const char *what = kiosk ? "kiosk" : "viewer";
	struct child c;
	t_checks++;
	if (!start_sized(&c, kiosk ? kargv : pargv, false, 2300, 2300, NULL)) {
		t_failures++;
		return;
	}
	CHECK(wait_for(&c, "? help", 10000));
	struct winsize ws = { 0 };
	CHECK(ioctl(c.master, TIOCGWINSZ, &ws) == 0);
	CHECK_INT(ws.ws_row, 500);      /* the clamped size, set on the pty */
	CHECK_INT(ws.ws_col, 500);
	(void)!write(c.master, "q", 1);
	int st = -1;
	struct rusage ru;
	CHECK(reap(&c, 10000, true, &st, &ru));
	CHECK(WIFEXITED(st) && WEXITSTATUS(st) == 0);
	printf("%-6s on a 2300x2300 pty: %ldx%ld used, peak %ld KiB resident (bound %ld)\n",
	       what, (long)ws.ws_col, (long)ws.ws_row, ru.ru_maxrss, PEAK_BOUND_KB);
	CHECK(ru.ru_maxrss > 0 && ru.ru_maxrss < PEAK_BOUND_KB);
	if (!kiosk) {
		/* The user's own terminal gets its size back. */
		CHECK(ioctl(c.master, TIOCGWINSZ, &ws) == 0);
		CHECK(ws.ws_row == 2300 && ws.ws_col == 2300);
	}
	close(c.master);
}

/* LINES and COLUMNS never decide the size: 80x24 is what is drawn. */
static void environment_size(void)
{
	char *argv[] = { (char *)vitae, (char *)resume, NULL };
	char *env[] = { "LINES=5000", "COLUMNS=5000", NULL };
	struct child c;
	t_checks++;
	if (!start_sized(&c, argv, false, 24, 80, env)) {
		t_failures++;
		return;
	}
	CHECK(wait_for(&c, "? help", 10000));
	/* The status line is drawn on row 24, and nothing beyond: the
	 * highest row any cursor move (CSI row;col H, CSI row d) names. */
	long top = 0;
	for (size_t i = 0; i + 2 < c.len; i++) {
		if (c.out[i] != '\033' || c.out[i + 1] != '[')
			continue;
		char *end;
		long row = strtol(c.out + i + 2, &end, 10);
		if (end < c.out + c.len && *end == ';')
			strtol(end + 1, &end, 10);      /* the column */
		if (end < c.out + c.len && (*end == 'H' || *end == 'd') && row > top)
			top = row;
	}
	CHECK_INT(top, 24);
	(void)!write(c.master, "q", 1);
	int st = -1;
	struct rusage ru;
	CHECK(reap(&c, 10000, true, &st, &ru));
	CHECK(WIFEXITED(st) && WEXITSTATUS(st) == 0);
	printf("LINES=COLUMNS=5000 on 80x24: peak %ld KiB\n", ru.ru_maxrss);
	CHECK(ru.ru_maxrss < 16L * 1024);
	close(c.master);
}

/* --- a reader that stops reading ------------------------------------------ */

/* Ctrl-L redraws the whole screen: a flood of them, never read, fills
 * the pty and leaves vitae blocked in write(). */
static void flood_unread(struct child *c)
{
	for (int i = 0; i < 3000; i++)
		if (write(c->master, "\f", 1) < 0 && errno != EAGAIN)
			break;
	struct timespec ts = { .tv_nsec = 500000000 };
	nanosleep(&ts, NULL);
	nanosleep(&ts, NULL);
	int waiting = 0;
	ioctl(c->master, FIONREAD, &waiting);
	printf("  %d bytes unread in the pty\n", waiting);
}

static void stalled(const char *what, char *const argv[], int sig, int want)
{
	struct child c;
	t_checks++;
	if (!start(&c, argv, false)) {
		t_failures++;
		return;
	}
	t_checks++;
	if (!wait_for(&c, "? help", 5000)) {
		t_failures++;
		kill(c.pid, SIGKILL);
		waitpid(c.pid, NULL, 0);
		close(c.master);
		return;
	}
	double t0 = now();
	flood_unread(&c);
	int st = -1;
	struct rusage ru;
	if (sig) {
		CHECK(waitpid(c.pid, &st, WNOHANG) == 0);       /* stuck, not gone */
		t0 = now();
		kill(c.pid, sig);
	}
	bool ended = reap(&c, 20000, false, &st, &ru);
	double took = now() - t0;
	printf("%-34s ended after %.1f s, %s %d\n", what, took,
	       WIFEXITED(st) ? "exit" : "signal", WIFEXITED(st) ? WEXITSTATUS(st) : WTERMSIG(st));
	CHECK(ended);
	CHECK(WIFEXITED(st) && WEXITSTATUS(st) == want);
	close(c.master);
}

/* The text a visitor asks for ("ssh -t resume@host text"), more of it
 * than a pty holds, never read: --max-time ends it (SIGALRM, whose
 * default action ends the process; there are no terminal modes to
 * restore when printing). */
static void stalled_text(void)
{
	char path[] = "/tmp/vitae-limits-XXXXXX";
	int fd = mkstemp(path);
	FILE *f = fd >= 0 ? fdopen(fd, "w") : NULL;
	t_checks++;
	if (!f) {
		t_failures++;
		return;
	}
	fputs("cv:\n  name: Big Text\n  sections:\n    notes:\n", f);
	for (int i = 0; i < 3000; i++)
		fprintf(f, "      - \"Line %d of a long section, long enough to fill a pty.\"\n", i);
	fclose(f);
	char *argv[] = { (char *)vitae, "--kiosk", "--max-time", "2", path, NULL };
	char *env[] = { "SSH_ORIGINAL_COMMAND=text", NULL };
	struct child c;
	t_checks++;
	if (!start_sized(&c, argv, false, 24, 80, env)) {
		t_failures++;
		unlink(path);
		return;
	}
	double t0 = now();
	int st = -1;
	struct rusage ru;
	bool ended = reap(&c, 20000, false, &st, &ru);
	printf("text, unread, --max-time 2: ended after %.1f s, %s %d\n", now() - t0,
	       WIFEXITED(st) ? "exit" : "signal", WIFEXITED(st) ? WEXITSTATUS(st) : WTERMSIG(st));
	CHECK(ended);
	CHECK(WIFSIGNALED(st) && WTERMSIG(st) == SIGALRM);
	close(c.master);
	unlink(path);
}

/* --- CPU ---------------------------------------------------------------- */

static long last_at(const char *buf, size_t len, const char *s)
{
	size_t n = strlen(s);
	for (size_t i = len >= n ? len - n + 1 : 0; i-- > 0;)
		if (memcmp(buf + i, s, n) == 0)
			return (long)i;
	return -1;
}

static void cpu_flood(void)
{
	char *argv[] = { (char *)vitae, "--kiosk", "--max-cpu", "1", (char *)resume, NULL };
	struct child c;
	t_checks++;
	if (!start_sized(&c, argv, false, 60, 200, NULL)) {
		t_failures++;
		return;
	}
	CHECK(wait_for(&c, "? help", 5000));
	static const char keys[] = "G\fg\f";
	int st = -1;
	struct rusage ru;
	bool ended = false;
	double t0 = now();
	for (int i = 0; now() - t0 < 60; i++) {
		if (wait4(c.pid, &st, WNOHANG, &ru) == c.pid) {
			ended = true;
			break;
		}
		(void)!write(c.master, keys, sizeof keys - 1);
		wait_for(&c, "\001never\001", 2);
	}
	if (!ended)
		ended = reap(&c, 10000, true, &st, &ru);
	wait_for(&c, "\001never\001", 200);     /* what it wrote last */
	printf("key flood, --max-cpu 1: ended after %.1f s, %.2f s of CPU, %s %d\n", now() - t0,
	       cpu_of(&ru), WIFEXITED(st) ? "exit" : "signal",
	       WIFEXITED(st) ? WEXITSTATUS(st) : WTERMSIG(st));
	CHECK(ended);
	/* SIGXCPU through the exit path, not the hard limit's SIGKILL. */
	CHECK(WIFEXITED(st) && WEXITSTATUS(st) == 128 + SIGXCPU);
	/* The terminal restored: the alternate screen left and the mouse
	 * turned off after they were last turned on. */
	long alt_on = last_at(c.out, c.len, "\033[?1049h"), alt_off = last_at(c.out, c.len, "\033[?1049l");
	long mouse_on = last_at(c.out, c.len, "1000h"), mouse_off = last_at(c.out, c.len, "1000l");
	CHECK(alt_off >= 0 && alt_off > alt_on);
	CHECK(mouse_off >= 0 && mouse_off > mouse_on);
	c.out[c.len] = '\0';
	CHECK(strstr(c.out, "CPU limit") != NULL);
	close(c.master);
}

int main(int argc, char **argv)
{
	alarm(240);
	if (argc < 3) {
		fprintf(stderr, "usage: %s VITAE RESUME\n", argv[0]);
		return 2;
	}
	vitae = argv[1];
	resume = argv[2];
	viewer_hangup(true, true, false);
	viewer_hangup(true, false, false);
	viewer_hangup(true, true, true);
	viewer_hangup(true, false, true);
	viewer_hangup(false, true, false);
	viewer_hangup(false, false, false);

	peak_memory(true);
	peak_memory(false);
	environment_size();

	char *max_time[] = { (char *)vitae, "--kiosk", "--max-time", "3", (char *)resume, NULL };
	char *kiosk[] = { (char *)vitae, "--kiosk", (char *)resume, NULL };
	stalled("unread, --max-time 3", max_time, 0, 0);
	stalled("unread, SIGTERM mid-write", kiosk, SIGTERM, 128 + SIGTERM);
	stalled("unread, SIGHUP mid-write", kiosk, SIGHUP, 128 + SIGHUP);
	stalled_text();
	cpu_flood();
	T_DONE();
}
