/*
 * Hang-ups: the terminal goes away under the viewer (the pty's master side
 * closes, as when sshd drops a connection). vitae must end within a second
 * and without spinning, also when SIGHUP is ignored (nohup), when it is
 * blocked writing to a terminal nobody reads, and outside kiosk mode.
 *
 * A pty of its own rather than screen_vt: the test needs the child's
 * rusage (wait4) to see the CPU it burnt after the hang-up.
 *
 * usage: test_kiosk_hangup VITAE RESUME
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

static bool start(struct child *c, char *const argv[], bool ignore_hup)
{
	memset(c, 0, sizeof *c);
	c->master = posix_openpt(O_RDWR | O_NOCTTY);
	if (c->master < 0 || grantpt(c->master) < 0 || unlockpt(c->master) < 0)
		return false;
	struct winsize ws = { .ws_row = 24, .ws_col = 80 };
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
		char *env[] = { "TERM=xterm-256color", "LANG=C.UTF-8", NULL };
		execve(argv[0], argv, env);
		_exit(127);
	}
	fcntl(c->master, F_SETFL, O_NONBLOCK);
	return true;
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
			if (c->len >= sizeof c->out - 1)
				c->len = 0;     /* only the recent output matters */
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

int main(int argc, char **argv)
{
	alarm(120);
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
	T_DONE();
}
