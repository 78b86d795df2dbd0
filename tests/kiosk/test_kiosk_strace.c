/*
 * Proof by tracing: kiosk sessions under strace, every system call traced.
 * The viewer driven through a pty (a search, panes, help, a filter, folds,
 * a copy, a click on a link, the mouse off and on, an unknown key,
 * resizes beyond the clamp, quit), the text a visitor gets with "text",
 * and `--kiosk -` with the résumé on a pipe, which prints it and never
 * opens the terminal (/dev/tty) for keys. Then, in each trace:
 *   - every program start and file open is checked against what is
 *     allowed: one execve (strace starting vitae itself), no new process,
 *     and opens only of the résumé, the terminfo entry for TERM, the
 *     dynamic loader's cache and libraries, the locale, and the password
 *     database (is vitae this user's login shell?);
 *   - every call after the seccomp filter went on must be on the
 *     sandbox's allowlist (kiosk_allowed_call), and none may have been
 *     refused: a new call in the viewer fails here before it fails for a
 *     visitor.
 *
 * The environment points TERMINFO, TERMINFO_DIRS and HOME at a directory
 * of this test; nothing under it may be opened.
 *
 * usage: test_kiosk_strace VITAE RESUME [--sanitized]
 * Skips (77) without strace, where tracing is not allowed, and in
 * sanitizer builds (their runtime opens /proc files and more).
 */
#define _XOPEN_SOURCE 700       /* realpath */
#include <limits.h>
#include <sys/stat.h>

#include "../screen/screen.h"
#include "kiosk.h"

#define STRACE "/usr/bin/strace"
#define NAME "John Doe"

static char resume[PATH_MAX], bin[PATH_MAX], tmp[PATH_MAX], logpath[PATH_MAX + 16];

static bool starts(const char *s, const char *prefix)
{
	return strncmp(s, prefix, strlen(prefix)) == 0;
}

static bool ends(const char *s, const char *suffix)
{
	size_t n = strlen(s), m = strlen(suffix);
	return n >= m && strcmp(s + n - m, suffix) == 0;
}

/* What an opened path is, or NULL if it has no business being opened. */
static const char *classify(const char *path)
{
	if (strcmp(path, resume) == 0)
		return "the résumé";
	if (strcmp(path, "/etc/ld.so.cache") == 0)
		return "loader cache";
	if ((starts(path, "/lib/") || starts(path, "/lib64/") || starts(path, "/usr/lib/")) &&
	    strstr(strrchr(path, '/'), ".so"))
		return "library";
	if (starts(path, "/usr/lib/locale/") || strcmp(path, "/usr/share/locale/locale.alias") == 0 ||
	    (starts(path, "/usr/lib/") && strstr(path, "/gconv/")))
		return "locale";
	if (strcmp(path, "/etc/passwd") == 0 || strcmp(path, "/etc/nsswitch.conf") == 0)
		return "account";
	if ((starts(path, "/etc/terminfo/") || starts(path, "/lib/terminfo/") ||
	     starts(path, "/usr/share/terminfo/")) && ends(path, "/xterm-256color"))
		return "terminfo";
	return NULL;
}

/* The first "..." argument of a strace line, unescaped only as far as
 * paths need. */
static bool first_string(const char *line, char *out, size_t size)
{
	const char *q = strchr(line, '"');
	if (!q)
		return false;
	size_t n = 0;
	for (q++; *q && *q != '"' && n + 1 < size; q++) {
		if (*q == '\\' && q[1])
			q++;
		out[n++] = *q;
	}
	out[n] = '\0';
	return *q == '"';
}

static void drive(struct vt *v)
{
	TYPE(v, "/Princeton\r");
	TYPE(v, "n");
	TYPE(v, "\t");
	TYPE(v, "3");
	TYPE(v, "?");
	SCREEN_HAS(v, "keys");
	TYPE(v, "q");
	TYPE(v, "&PhD\r");
	TYPE(v, "&\r");
	TYPE(v, "zM");
	TYPE(v, "zR");
	TYPE(v, "J");
	TYPE(v, "y");
	int row, col;
	if (vt_find(v, "@", &row, &col)) {      /* the header's e-mail address */
		size_t before = vt_bytes(v);
		vt_click(v, row, col);
		STATUS_HAS(v, "Sent the e-mail address");
		CHECK(vt_log_has(v, before, "\033]52;c;", 7));
	}
	TYPE(v, "M");
	STATUS_HAS(v, "Mouse off");
	TYPE(v, "M");
	TYPE(v, "x");           /* unknown: a message */
	CHECK(vt_resize(v, 30, 100));
	vt_settle(v, 100, WAIT_MS);
	vt_settle(v, 100, WAIT_MS);
	TYPE(v, "1");
	TYPE(v, "G");
	STATUS_HAS(v, "end");
	CHECK(vt_resize(v, 900, 900));  /* beyond the clamp */
	vt_settle(v, 100, WAIT_MS);
	CHECK(vt_resize(v, 24, 80));
	vt_settle(v, 100, WAIT_MS);
	int st = -1;
	vt_send(v, "q");
	SCHECK(v, vt_wait_exit(v, 10000, &st));
	SCHECK(v, WIFEXITED(st) && WEXITSTATUS(st) == 0);
	SCHECK(v, vt_restored(v, stderr));
}

static bool allowed_call(const char *call)
{
	size_t n = strcspn(call, "(");
	for (size_t i = 0; kiosk_allowed_call(i); i++)
		if (strlen(kiosk_allowed_call(i)) == n && strncmp(kiosk_allowed_call(i), call, n) == 0)
			return true;
	return false;
}

/* viewer: the session was the viewer, not text; piped: the résumé came
 * on standard input, so no file of it is opened. */
static int check_log(bool viewer, bool piped)
{
	FILE *f = fopen(logpath, "r");
	if (!f) {
		printf("SKIP: strace wrote no log\n");
		return 77;
	}
	char line[8192], path[4096];
	int execs = 0, lines = 0, opened_resume = 0, opened_terminfo = 0, after = 0;
	bool sandboxed = false;
	static const char *const spawners[] = {
		"fork(", "vfork(", "clone(", "clone3(", "execveat(", "io_uring_setup(",
	};
	static const char *const openers[] = {
		"open(", "openat(", "openat2(", "creat(", "open_by_handle_at(",
	};
	while (fgets(line, sizeof line, f)) {
		lines++;
		line[strcspn(line, "\n")] = '\0';
		/* "PID  call(args) = result" */
		char *call = line;
		while (*call >= '0' && *call <= '9')
			call++;
		while (*call == ' ')
			call++;
		if (starts(call, "+++") || starts(call, "---") || starts(call, "<..."))
			continue;
		t_checks++;
		if (strstr(line, tmp)) {
			t_failures++;
			fprintf(stderr, "touched the test's TERMINFO/HOME: %s\n", line);
			continue;
		}
		if (sandboxed) {
			after++;
			if (!allowed_call(call) || strstr(call, "= -1 EPERM")) {
				t_failures++;
				fprintf(stderr, "under the sandbox, %s: %s\n",
				        allowed_call(call) ? "refused" : "not on the allowlist", line);
			}
			continue;
		}
		if (starts(call, "prctl(PR_SET_SECCOMP,")) {
			sandboxed = ends(call, "= 0");
			continue;
		}
		if (starts(call, "execve(")) {
			execs++;
			char want[PATH_MAX + 16];
			snprintf(want, sizeof want, "execve(\"%s\", ", bin);
			if (execs > 1 || !starts(call, want) || !ends(call, "= 0")) {
				t_failures++;
				fprintf(stderr, "program started: %s\n", line);
			}
			continue;
		}
		bool bad = false;
		for (size_t i = 0; i < sizeof spawners / sizeof *spawners; i++)
			bad |= starts(call, spawners[i]);
		if (bad) {
			t_failures++;
			fprintf(stderr, "process or ring: %s\n", line);
			continue;
		}
		bool opener = false;
		for (size_t i = 0; i < sizeof openers / sizeof *openers; i++)
			opener |= starts(call, openers[i]);
		if (!opener)
			continue;
		const char *kind = first_string(call, path, sizeof path) ? classify(path) : NULL;
		if (!kind) {
			t_failures++;
			fprintf(stderr, "opened: %s\n", line);
			continue;
		}
		opened_resume += strcmp(kind, "the résumé") == 0;
		opened_terminfo += strcmp(kind, "terminfo") == 0;
		if (strcmp(kind, "library") != 0 && strcmp(kind, "locale") != 0)
			printf("  %-12s %s\n", kind, call);
	}
	fclose(f);
	if (lines == 0 || (execs == 0 && lines < 3)) {
		printf("SKIP: strace could not trace here (%d lines)\n", lines);
		return 77;
	}
	printf("%d calls traced, %d under the sandbox\n", lines, after);
	CHECK_INT(execs, 1);
	CHECK(piped ? opened_resume == 0 : opened_resume >= 1);
	CHECK(opened_terminfo >= 1 || !viewer);
	CHECK(sandboxed);
	CHECK(after > (viewer ? 100 : 2));
	return -1;
}

int main(int argc, char **argv)
{
	screen_watchdog(100);
	if (argc < 3) {
		fprintf(stderr, "usage: %s VITAE RESUME [--sanitized]\n", argv[0]);
		return 2;
	}
	if (argc > 3 && strcmp(argv[3], "--sanitized") == 0) {
		printf("SKIP: sanitizer build (its runtime opens files of its own)\n");
		return 77;
	}
	if (access(STRACE, X_OK) != 0) {
		printf("SKIP: no %s (apt-get install strace)\n", STRACE);
		return 77;
	}
	if (!realpath(argv[1], bin) || !realpath(argv[2], resume)) {
		perror("realpath");
		return 2;
	}
	vitae_bin = bin;
	snprintf(tmp, sizeof tmp, "/tmp/vitae-strace-XXXXXX");
	if (!mkdtemp(tmp))
		return 2;
	snprintf(logpath, sizeof logpath, "%s.log", tmp);

	char e_ti[PATH_MAX + 32], e_tid[PATH_MAX + 32], e_home[PATH_MAX + 32];
	snprintf(e_ti, sizeof e_ti, "TERMINFO=%s/ti", tmp);
	snprintf(e_tid, sizeof e_tid, "TERMINFO_DIRS=%s/tid", tmp);
	snprintf(e_home, sizeof e_home, "HOME=%s", tmp);
	const char *const env[] = { e_ti, e_tid, e_home, "PAGER=/bin/cat", "SHELL=/bin/sh",
	                            "SSH_ORIGINAL_COMMAND", NULL };
	char *args[] = {
		STRACE, "-f", "-qq", "-s", "4096", "-o", logpath,
		bin, "--kiosk", resume, NULL,
	};
	struct vt *v = vt_start(args, 24, 80, env);
	CHECK(v != NULL);
	if (v) {
		if (!vt_wait_for(v, ready, NULL, 4 * WAIT_MS)) {
			/* strace may not be allowed to trace (a container's
			 * seccomp profile, Yama): then it says so. */
			vt_settle(v, 100, 1000);
			size_t len;
			const char *log = vt_log(v, &len);
			if (mem_has(log, len, "strace:", 7)) {
				printf("SKIP: strace cannot trace here:\n%.*s\n", (int)len, log);
				vt_close(v);
				remove(logpath);
				rmdir(tmp);
				return 77;
			}
			CHECK(!"the viewer under strace");
			vt_dump(v, stderr);
		} else {
			SCHECK(v, strstr(vt_row(v, 0), NAME) != NULL);
			drive(v);
		}
		vt_close(v);
	}
	int rc = check_log(true, false);
	remove(logpath);
	if (rc != 77) {
		/* The text a visitor gets with "text", on the same pty. */
		const char *const text_env[] = { e_ti, e_tid, e_home, "SSH_ORIGINAL_COMMAND=text",
		                                 NULL };
		v = vt_start(args, 24, 80, text_env);
		int st = -1;
		CHECK(v && vt_wait_exit(v, EXIT_MS, &st));
		CHECK(WIFEXITED(st) && WEXITSTATUS(st) == 0);
		CHECK(v && vt_log_has(v, 0, NAME, strlen(NAME)));
		vt_close(v);
		rc = check_log(false, false);
		remove(logpath);
	}
	if (rc != 77) {
		/* `--kiosk -`, the résumé on a pipe and the pty the controlling
		 * terminal: text, and /dev/tty is not opened (check_log). */
		FILE *f = fopen(resume, "rb");
		static char yaml[1 << 16];
		size_t n = f ? fread(yaml, 1, sizeof yaml, f) : 0;
		if (f)
			fclose(f);
		CHECK(n > 0 && n < sizeof yaml);
		char *pargs[] = {
			STRACE, "-f", "-qq", "-s", "4096", "-o", logpath,
			bin, "--kiosk", "-", NULL,
		};
		v = vt_start_input(pargs, 24, 80, env, yaml, n);
		int st = -1;
		CHECK(v && vt_wait_exit(v, EXIT_MS, &st));
		CHECK(WIFEXITED(st) && WEXITSTATUS(st) == 0);
		CHECK(v && vt_log_has(v, 0, NAME, strlen(NAME)));
		CHECK(v && vt_mode_sets(v, 1049) == 0);
		vt_close(v);
		rc = check_log(false, true);
		remove(logpath);
	}
	rmdir(tmp);
	if (rc == 77)
		return rc;
	T_DONE();
}
