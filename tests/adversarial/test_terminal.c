/*
 * Hostile terminals, in a pseudo-terminal: TERM unset, empty, unknown,
 * path-like, 5000 characters long or dumb (plain text, not one escape
 * sequence); LANG=C (the viewer in ASCII); standard output a pipe or
 * standard input not a terminal; resize storms down to 0x0 and up to
 * 10000x10000 (clamped, memory bounded); 10,000 random keys, escape
 * sequences, mouse reports and pastes, after which q still quits and the
 * terminal is restored; and the terminal closed under the viewer, with
 * SIGHUP caught or ignored: it ends within a second, without spinning.
 * Each shows tests/fixtures/arjun-rao.yaml.
 *
 * The resize and hang-up cases need the child's pid and the pty's master
 * side, which vt.h keeps to itself: they use the harness's private header.
 */
/* wait4(), posix_openpt() */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/resource.h>
#include <time.h>
#include "adv.h"
#include "../screen/screen.h"
#include "../screen/vt_priv.h"

static double now_s(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static long children_mib(void)
{
	struct rusage ru;
	getrusage(RUSAGE_CHILDREN, &ru);
	return ru.ru_maxrss / 1024;
}

static bool log_has_esc(struct vt *v)
{
	size_t len;
	const char *log = vt_log(v, &len);
	return memchr(log, 0x1b, len) != NULL;
}

/* --- TERM ---------------------------------------------------------------- */

/* No usable terminal description: the résumé as plain text, no escape. */
static void expect_text(const char *const env[], const char *what)
{
	struct vt *v = vt_start((char *[]){ (char *)adv_vitae, (char *)vitae_fixture, NULL },
	                        24, 80, env);
	CHECK(v != NULL);
	if (!v)
		return;
	int st = -1;
	t_checks++;
	if (!vt_wait_exit(v, (int)(adv_secs(10) * 1000), &st)) {
		t_failures++;
		fprintf(stderr, "%s: still running: the viewer started?\n", what);
		vt_dump(v, stderr);
	} else if (!WIFEXITED(st) || WEXITSTATUS(st) != 0) {
		t_failures++;
		fprintf(stderr, "%s: status %#x\n", what, st);
	}
	size_t len;
	const char *log = vt_log(v, &len);
	t_checks += 2;
	if (!strstr(log, "Arjun Rao") || !strstr(log, "Industry Experience")) {
		t_failures++;
		fprintf(stderr, "%s: no résumé text in:\n%.300s\n", what, log);
	}
	if (log_has_esc(v)) {
		t_failures++;
		fprintf(stderr, "%s: an escape sequence in the text\n", what);
	}
	CHECK_TERM_SAFE(log, len, 0);
	vt_close(v);
}

static void term_values(void)
{
	static char longterm[5006] = "TERM=";
	memset(longterm + 5, 'x', 5000);
	static char longish[80] = "TERM=xterm-256color";
	memset(longish + strlen(longish), 'x', 60);        /* 79 bytes: over 64 */
	const char *const cases[] = {
		"TERM", "TERM=", "TERM=dumb", "TERM=unknown-terminal-xyz", "TERM=/etc/passwd",
		"TERM=../../x", "TERM=..", "TERM=x/../../../../lib/terminfo/x/xterm",
		"TERM=/lib/terminfo/x/xterm", "TERM=xterm\x1b]0;t\x07", "TERM=xterm-256color ",
		"TERM=xterm\n", "TERM=xterm;ls", "TERM=$(id)", "TERM=\xC3\xA9", longterm, longish,
	};
	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
		char what[64];
		snprintf(what, sizeof what, "%.40s", cases[i]);
		for (char *p = what; *p; p++)
			if ((unsigned char)*p < 0x20 || (unsigned char)*p >= 0x7f)
				*p = '?';
		expect_text((const char *[]){ cases[i], NULL }, what);
	}
}

/* Terminals terminfo knows (all in Debian's ncurses-base): the viewer. */
static void term_known(void)
{
	static const char *const terms[] = {
		"TERM=xterm", "TERM=xterm-mono", "TERM=screen-256color", "TERM=tmux-256color",
		"TERM=vt100", "TERM=linux", "TERM=ansi",
	};
	for (size_t i = 0; i < sizeof terms / sizeof *terms; i++) {
		struct vt *v = fixture_open(24, 80, NULL, (const char *[]){ terms[i], NULL });
		if (!v)
			return;
		SCREEN_HAS(v, "Arjun Rao");
		vt_send(v, "\t");
		vt_settle(v, 30, 1000);
		int st = -1;
		vt_send(v, "q");
		SCHECK(v, vt_wait_exit(v, EXIT_MS, &st) && WIFEXITED(st) && WEXITSTATUS(st) == 0);
		/* what an xterm-like description makes curses send */
		if (i < 4) {
			size_t len;
			const char *log = vt_log(v, &len);
			CHECK_TERM_SAFE(log, len, ADV_TERM_G1);
			CHECK(vt_restored(v, stderr));
		}
		vt_close(v);
	}
}

/* --- locale ------------------------------------------------------------ */

static void lang_c(void)
{
	static const char *const envs[][3] = {
		{ "LANG=C" }, { "LANG=C.UTF-8", "LC_ALL=C" }, { "LANG=POSIX" },
		{ "LANG=xx_YY.UTF-8" },         /* no such locale: setlocale fails */
	};
	for (size_t i = 0; i < sizeof envs / sizeof *envs; i++) {
		struct vt *v = fixture_open(24, 80, NULL, envs[i]);
		if (!v)
			return;
		SCREEN_HAS(v, "Arjun Rao");
		static const char *const keys[] = { "\t", "G", "/Netflix\r", "?", "q", "zM" };
		for (size_t k = 0; k < sizeof keys / sizeof *keys; k++) {
			vt_send(v, keys[k]);
			vt_settle(v, 30, 1000);
		}
		quit_with(v, "q");
		size_t len;
		const char *log = vt_log(v, &len);
		CHECK_TERM_SAFE(log, len, 0);
		for (size_t k = 0; k < len; k++)
			if ((unsigned char)log[k] >= 0x80) {
				CHECK(!"a byte outside ASCII in a C locale");
				fprintf(stderr, "%s: byte 0x%02X at %zu\n", envs[i][0],
				        (unsigned char)log[k], k);
				break;
			}
		vt_close(v);
	}
}

/* --- not a terminal -------------------------------------------------------- */

/* stdin the pty, stdout a pipe: text into the pipe, nothing on the pty. */
static void stdout_pipe(void)
{
	int m = posix_openpt(O_RDWR | O_NOCTTY);
	CHECK(m >= 0 && grantpt(m) == 0 && unlockpt(m) == 0);
	int p[2];
	CHECK(pipe(p) == 0);
	pid_t pid = fork();
	if (pid == 0) {
		setsid();
		int s = open(ptsname(m), O_RDWR);
		ioctl(s, TIOCSCTTY, 0);
		dup2(s, 0);
		dup2(p[1], 1);
		dup2(s, 2);
		close(p[0]);
		setenv("TERM", "xterm-256color", 1);
		setenv("LANG", "C.UTF-8", 1);
		execl(adv_vitae, adv_vitae, vitae_fixture, (char *)NULL);
		_exit(127);
	}
	close(p[1]);
	fcntl(m, F_SETFL, O_NONBLOCK);
	static char out[1 << 20];
	size_t n = 0;
	ssize_t r;
	while ((r = read(p[0], out + n, sizeof out - 1 - n)) > 0)
		n += (size_t)r;
	out[n] = '\0';
	close(p[0]);
	int st = -1;
	waitpid(pid, &st, 0);
	char tty[4096];
	ssize_t tn = read(m, tty, sizeof tty);
	close(m);
	CHECK(WIFEXITED(st) && WEXITSTATUS(st) == 0);
	CHECK_HAS(out, "Arjun Rao\n");
	CHECK_SAFE("text in the pipe", out, n);
	CHECK(tn <= 0);         /* not a byte to the terminal */

	/* stdin not a terminal, stdout the pty: text, no escape */
	struct vt *v = vt_start((char *[]){ "/bin/sh", "-c", "exec \"$0\" \"$1\" </dev/null",
	                                    (char *)adv_vitae, (char *)vitae_fixture, NULL },
	                        24, 80, NULL);
	CHECK(v != NULL);
	if (!v)
		return;
	SCHECK(v, vt_wait_exit(v, (int)(adv_secs(10) * 1000), &st) && WIFEXITED(st) &&
	          WEXITSTATUS(st) == 0);
	size_t len;
	CHECK(strstr(vt_log(v, &len), "Arjun Rao") != NULL);
	CHECK(!log_has_esc(v));
	vt_close(v);
}

/* --- resizing ---------------------------------------------------------- */

/* Tells the kernel (and so the child, by SIGWINCH) a size, leaving the
 * libvterm screen as it is: libvterm would need gigabytes for the
 * biggest, and some sizes (0x0) are not a screen at all. */
static void pty_size(struct vt *v, int rows, int cols)
{
	struct winsize ws = { .ws_row = (unsigned short)rows, .ws_col = (unsigned short)cols };
	ioctl(v->master, TIOCSWINSZ, &ws);
}

static bool has_bar(struct vt *v, const void *unused)
{
	(void)unused;
	return bar_row(v) > 0;
}

static void resize_storm(void)
{
	struct vt *v = fixture_open(24, 80, NULL, NULL);
	if (!v)
		return;
	static const int sizes[][2] = {
		{ 1, 1 }, { 0, 0 }, { 24, 1 }, { 1, 80 }, { 0, 80 }, { 24, 0 }, { 2, 2 },
		{ 10000, 10000 }, { 9, 39 }, { 10, 40 }, { 1000, 1000 }, { 1001, 3 },
		{ 65535, 65535 }, { 3, 10000 }, { 10000, 3 }, { 60, 200 },
	};
	unsigned seed = 5;
	double t0 = now_s();
	for (int round = 0; round < 20; round++) {
		for (size_t i = 0; i < sizeof sizes / sizeof *sizes; i++) {
			pty_size(v, sizes[i][0], sizes[i][1]);
			/* sometimes let it draw, sometimes not */
			seed = seed * 1103515245 + 12345;
			vt_settle(v, 0, (int)(seed >> 16) % 3);
		}
		/* a burst of resizes with no pause at all */
		for (int k = 0; k < 50; k++)
			pty_size(v, 1 + k % 7, 1 + k % 11);
	}
	/* only the biggest sizes, a few times, with time to draw each */
	for (int k = 0; k < 3; k++) {
		pty_size(v, 10000, 10000);
		vt_settle(v, 50, (int)(adv_secs(5) * 1000));
		pty_size(v, 1000, 1000);
		vt_settle(v, 50, (int)(adv_secs(5) * 1000));
	}
	double storm = now_s() - t0;
	SCHECK(v, !vt_exited(v));
	/* back to a real size: the screen is right again */
	vt_resize(v, 24, 80);
	vt_send_ctrl(v, 'l');
	SCREEN_HAS(v, "Arjun Rao");
	STATUS_HAS(v, "? help");
	/* Those two may still be on a frame drawn for a size of the storm:
	 * the pane bar is drawn at its place once the last resize is read. */
	SCHECK(v, vt_wait_for(v, has_bar, NULL, WAIT_MS));
	quit_with(v, "q");
	vt_close(v);
	/* 1000x1000 (the clamp) costs tens of MiB in curses' screens; a
	 * 10000x10000 screen would take gigabytes */
	long mib = children_mib(), bound = adv_mib(256);
	t_checks++;
	if (mib > bound) {
		t_failures++;
		fprintf(stderr, "resize storm: vitae peaked at %ld MiB (bound %ld)\n", mib, bound);
	}
	printf("resize storm: %.1f s, peak %ld MiB\n", storm, mib);
}

/* --- keys ------------------------------------------------------------- */

static unsigned rnd_state = 20240601;

static unsigned rnd(unsigned n)
{
	rnd_state = rnd_state * 1664525u + 1013904223u;
	return (rnd_state >> 8) % n;
}

/* One random "key" into buf: its length. Never q, Q, Ctrl-C, Ctrl-\ or
 * Ctrl-Z, which end or stop the viewer by design, not even inside an
 * escape sequence (curses hands the rest of an unknown one over as keys:
 * XTGETTCAP's ESC P + q would quit). */
static size_t random_key(char *buf)
{
	static const char *const seqs[] = {
		"\x1b[A", "\x1b[B", "\x1b[C", "\x1b[D", "\x1bOA", "\x1bOB", "\x1b[5~", "\x1b[6~",
		"\x1b[H", "\x1b[F", "\x1bOP", "\x1b[Z", "\x1b[1;5C", "\x1b[3~", "\x1b[2~", "\x1b[15~",
		"\x1b[24~", "\x1b[99999999999999999999;9999999999A", "\x1b[", "\x1bO", "\x1b[?",
		"\x1b[<0;1;1M", "\x1b[<0;1;1m", "\x1b[<64;40;10M", "\x1b[<65;40;10M",
		"\x1b[<0;99999;99999M", "\x1b[<2;0;0M", "\x1b[<35;10;10M", "\x1b[M \x21\x21",
		"\x1b[M#\xff\xff", "\x1b[Ma\x30\x30", "\x1b[I", "\x1b[O", "\x1b[200~", "\x1b[201~",
		"\x1b]0;x\x07", "\x1bP1$r0m\x1b\\", "\x1b[0n", "\x1b[1;1R", "\x1b[?1;2c",
		"\xC2\x9B", "\xC2\x85", "\xE2\x80\xAE", "\xF0\x9F\x98\x80", "\xFF", "\xC0\xAF",
		"\xE6\xBC\xA2", "\x7f", "\x08", "\r", "\n", "\t", "\x1b", "\x1b\x1b",
	};
	unsigned kind = rnd(10);
	if (kind < 4) {                 /* a printable character or a command */
		static const char keys[] =
			"jkhlgGJKbdfuzaoRMcn N/&?y123456789[]{}!@#$%^*()_+-=:;'\",.<>`~\\|"
			"ABCDEFHIJKLMNOPRSTUVWXYZabcdefghijklmnoprstuvwxz0";
		buf[0] = keys[rnd(sizeof keys - 1)];
		return 1;
	}
	if (kind < 5) {                 /* a control character */
		static const char ctl[] = "\x01\x02\x04\x05\x06\x07\x0b\x0c\x0e\x0f\x10"
		                          "\x12\x14\x15\x16\x17\x18\x19\x1d\x1e\x1f";
		buf[0] = ctl[rnd(sizeof ctl - 1)];
		return 1;
	}
	if (kind < 9) {
		const char *s = seqs[rnd(sizeof seqs / sizeof *seqs)];
		size_t n = strlen(s);
		memcpy(buf, s, n);
		return n;
	}
	/* a paste: up to 200 characters of text, sometimes bracketed */
	size_t n = 0;
	bool bracket = rnd(2);
	if (bracket)
		n += (size_t)sprintf(buf, "\x1b[200~");
	unsigned len = rnd(200);
	for (unsigned i = 0; i < len; i++) {
		unsigned c = rnd(100);
		if (c < 80)
			buf[n++] = (char)('a' + rnd(16));   /* a-p: no q */
		else if (c < 90)
			buf[n++] = ' ';
		else if (c < 95)
			n += (size_t)sprintf(buf + n, "\xC3\xA9");
		else
			n += (size_t)sprintf(buf + n, "\x1b]52;c;aGk=\x07");
	}
	if (bracket)
		n += (size_t)sprintf(buf + n, "\x1b[201~");
	return n;
}

static void random_keys(void)
{
	struct vt *v = fixture_open(24, 80, NULL, NULL);
	if (!v)
		return;
	printf("random keys: seed %u\n", rnd_state);
	char buf[4096];
	double t0 = now_s();
	int nkeys = adv_slow() ? 2000 : 10000;
	for (int i = 0; i < nkeys; i++) {
		size_t n = random_key(buf);
		if (!vt_send_n(v, buf, n))
			break;
		if (i % 25 == 0)
			vt_settle(v, 0, 5);    /* let it read, and drain what it draws */
		if (i % 1000 == 999 && vt_exited(v))
			break;
	}
	double typing = now_s() - t0;
	SCHECK(v, !vt_exited(v));
	vt_settle(v, 100, (int)(adv_secs(10) * 1000));
	/* out of any prompt, help closed: then q quits */
	vt_send(v, "\x1b");
	vt_settle(v, 60, 1000);
	vt_send(v, "\x1b");
	vt_settle(v, 60, 1000);
	if (vt_has(v, "vitae keys")) {
		vt_send(v, "q");
		vt_settle(v, 60, 1000);
	}
	STATUS_HAS(v, "? help");
	quit_with(v, "q");
	size_t len;
	const char *log = vt_log(v, &len);
	CHECK_TERM_SAFE(log, len, ADV_TERM_OSC52);
	CHECK(!vt_log_has(v, 0, "\x1b]0;", 4));
	vt_close(v);
	long mib = children_mib();
	t_checks++;
	if (mib > adv_mib(64)) {
		t_failures++;
		fprintf(stderr, "random keys: vitae peaked at %ld MiB\n", mib);
	}
	printf("random keys: %.1f s to type, peak %ld MiB\n", typing, mib);
}

/* Bytes that are not UTF-8, typed again and again: each is a key that
 * means nothing, not the terminal going away. */
static void invalid_keys(void)
{
	static const char *const bytes[] = { "\xFF", "\xFE", "\xC0\xAF", "\xED\xA0\x80", "\x80" };
	for (size_t i = 0; i < sizeof bytes / sizeof *bytes; i++) {
		struct vt *v = fixture_open(24, 80, NULL, NULL);
		if (!v)
			return;
		/* one at a time, each read on its own, then in a burst */
		for (int k = 0; k < 10; k++) {
			vt_send(v, bytes[i]);
			vt_settle(v, 20, 200);
		}
		for (int k = 0; k < 50; k++)
			vt_send(v, bytes[i]);
		vt_settle(v, 100, 1000);
		t_checks++;
		if (vt_exited(v)) {
			t_failures++;
			fprintf(stderr, "typing %02X over and over ended vitae\n", (unsigned char)bytes[i][0]);
			vt_close(v);
			continue;
		}
		STATUS_HAS(v, "? help");
		quit_with(v, "q");
		vt_close(v);
	}
}

/* --- hang-up ------------------------------------------------------------ */

/* CPU seconds the live process pid has used. */
static double cpu_of(pid_t pid)
{
	char path[64], buf[1024];
	snprintf(path, sizeof path, "/proc/%d/stat", (int)pid);
	int fd = open(path, O_RDONLY);
	ssize_t n = fd >= 0 ? read(fd, buf, sizeof buf - 1) : -1;
	if (fd >= 0)
		close(fd);
	if (n <= 0)
		return 0;
	buf[n] = '\0';
	const char *p = strrchr(buf, ')');
	unsigned long ut = 0, stt = 0;
	/* after the name: state, then fields 4..13, then utime and stime */
	if (!p || sscanf(p + 2, "%*c %*d %*d %*d %*d %*d %*u %*u %*u %*u %*u %lu %lu",
	                 &ut, &stt) != 2)
		return 0;
	return (double)(ut + stt) / (double)sysconf(_SC_CLK_TCK);
}

/*
 * Closes the terminal under the viewer: the master side goes, so the
 * child's reads fail and the kernel hangs the session up. Returns the
 * wait status; *secs and *cpu get how long it took to exit and the CPU
 * time it used meanwhile.
 */
static int hang_up(struct vt *v, double *secs, double *cpu)
{
	vt_settle(v, 50, 1000);
	double c0 = cpu_of(v->pid);
	double t0 = now_s();
	close(v->master);
	v->master = -1;
	v->eof = true;
	int st = -1;
	struct rusage ru = { 0 };
	double limit = adv_secs(5);
	while (now_s() - t0 < limit) {
		pid_t w = wait4(v->pid, &st, WNOHANG, &ru);
		if (w == v->pid) {
			v->exited = true;
			v->status = st;
			break;
		}
		nanosleep(&(struct timespec){ .tv_nsec = 2000000 }, NULL);
	}
	*secs = now_s() - t0;
	double total = (double)ru.ru_utime.tv_sec + (double)ru.ru_utime.tv_usec / 1e6 +
	               (double)ru.ru_stime.tv_sec + (double)ru.ru_stime.tv_usec / 1e6;
	*cpu = v->exited ? total - c0 : cpu_of(v->pid) - c0;
	return v->exited ? st : -1;
}

static void check_hangup(const char *what, int st, double secs, double cpu, int want)
{
	printf("%s: status %#x after %.3f s, %.3f s CPU\n", what, st, secs, cpu);
	t_checks += 3;
	if (st == -1 || !WIFEXITED(st) || (want >= 0 && WEXITSTATUS(st) != want)) {
		t_failures++;
		fprintf(stderr, "%s: status %#x (want exit %d)\n", what, st, want);
	}
	if (secs > adv_secs(1)) {
		t_failures++;
		fprintf(stderr, "%s: took %.2f s to end\n", what, secs);
	}
	if (cpu > 0.5) {
		t_failures++;
		fprintf(stderr, "%s: used %.2f s of CPU after the hang-up: a busy loop\n", what, cpu);
	}
}

/* SIGHUP ignored (nohup, or a careless parent): it must notice by itself. */
static void hangup_ignored(void)
{
	/* the harness resets signals in the child; env sets SIGHUP ignored */
	static const char *const starts[][4] = {
		{ "/usr/bin/env", "--ignore-signal=HUP", NULL },
		{ "/usr/bin/env", "--ignore-signal=HUP", NULL, "--no-mouse" },
	};
	for (size_t i = 0; i < 2; i++) {
		char *argv[6] = { (char *)starts[i][0], (char *)starts[i][1], (char *)adv_vitae,
		                  (char *)vitae_fixture, (char *)starts[i][3], NULL };
		struct vt *v = vt_start(argv, 24, 80, NULL);
		CHECK(v != NULL);
		if (!v)
			return;
		SCHECK(v, vt_wait_for(v, ready, NULL, WAIT_MS));
		if (i == 1) {           /* at a prompt, in the middle of typing */
			vt_send(v, "/Netf");
			vt_settle(v, 30, 1000);
		}
		double secs, cpu;
		int st = hang_up(v, &secs, &cpu);
		check_hangup(i ? "hang-up at a prompt, SIGHUP ignored" : "hang-up, SIGHUP ignored",
		             st, secs, cpu, -1);
		vt_close(v);
	}
}

/* SIGHUP as it comes: the viewer ends with 128 + 1. */
static void hangup(void)
{
	struct vt *v = fixture_open(24, 80, NULL, NULL);
	if (!v)
		return;
	double secs, cpu;
	int st = hang_up(v, &secs, &cpu);
	check_hangup("hang-up", st, secs, cpu, 129);
	vt_close(v);

	/* a SIGHUP with the terminal still there: restored on the way out */
	v = fixture_open(24, 80, NULL, NULL);
	if (!v)
		return;
	vt_kill(v, SIGHUP);
	st = -1;
	SCHECK(v, vt_wait_exit(v, EXIT_MS, &st));
	CHECK(WIFEXITED(st) && WEXITSTATUS(st) == 129);
	CHECK(vt_restored(v, stderr));
	vt_close(v);
}

static const struct adv_case cases[] = {
	{ "term-values", term_values },
	{ "term-known", term_known },
	{ "lang-c", lang_c },
	{ "stdout-pipe", stdout_pipe },
	{ "resize-storm", resize_storm },
	{ "random-keys", random_keys },
	{ "invalid-keys", invalid_keys },
	{ "hangup-ignored", hangup_ignored },
	{ "hangup", hangup },
};

/* The résumé every case shows: the fixture, not the compiled-in one,
 * which an owner's -Dresume build replaces. */
static char fixture[4096];

ADV_MAIN_WITH(cases, (vitae_bin = adv_vitae,
	snprintf(fixture, sizeof fixture, "%s/fixtures/arjun-rao.yaml", adv_start_dir),
	vitae_fixture = fixture, screen_watchdog(100)))
