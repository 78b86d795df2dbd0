/*
 * Fail closed: each of the kiosk's protections made to fail (failshim.c,
 * preloaded) must stop it before anything of the résumé is shown: one
 * line on stderr naming the protection, exit status 2. On the viewer's
 * path (a terminal) and on the text path. Then the self-test: every
 * protection reported active (exit 0), and a failure refused the same way.
 *
 * usage: test_kiosk_protect VITAE RESUME SHIM [--sanitized]
 * Sanitizer builds are exempt from RLIMIT_AS, RLIMIT_NPROC and the
 * filter (kiosk.h): those cases are left out there, and the self-test
 * must say NOT ACTIVE for them and exit 1.
 */
#define _XOPEN_SOURCE 700       /* realpath */
#include <limits.h>

#include "../screen/screen.h"

#define NAME "John Doe"

static const char *resume, *shim;
static bool sanitized;

static bool log_has(struct vt *v, const char *s)
{
	return vt_log_has(v, 0, s, strlen(s));
}

static int count(struct vt *v, const char *s)
{
	size_t len, n = strlen(s);
	const char *log = vt_log(v, &len);
	int c = 0;
	for (size_t i = 0; i + n <= len; i++)
		c += memcmp(log + i, s, n) == 0;
	return c;
}

/* Runs the kiosk with the shim failing `fail`; SSH_ORIGINAL_COMMAND is
 * request (NULL: none, the viewer). */
static void refused(const char *fail, const char *request, const char *what)
{
	char e_pre[PATH_MAX + 16], e_fail[64], e_req[64];
	snprintf(e_pre, sizeof e_pre, "LD_PRELOAD=%s", shim);
	snprintf(e_fail, sizeof e_fail, "VITAE_FAIL=%s", fail);
	snprintf(e_req, sizeof e_req, "SSH_ORIGINAL_COMMAND=%s", request ? request : "");
	/* ASan wants its runtime first; the shim goes before it. */
	const char *const env[] = { e_pre, e_fail, request ? e_req : "SSH_ORIGINAL_COMMAND",
	                            "ASAN_OPTIONS=verify_asan_link_order=0:detect_leaks=0", NULL };
	char *argv[] = { (char *)vitae_bin, "--kiosk", (char *)resume, NULL };
	struct vt *v = vt_start(argv, 24, 80, env);
	CHECK(v != NULL);
	if (!v)
		return;
	int st = -1;
	char want[128];
	snprintf(want, sizeof want, "vitae: kiosk: cannot set up %s: ", what);
	int f = t_failures;
	SCHECK(v, vt_wait_exit(v, EXIT_MS, &st));
	SCHECK(v, WIFEXITED(st) && WEXITSTATUS(st) == 2);
	SCHECK(v, log_has(v, want));
	SCHECK(v, log_has(v, "; refusing to serve"));
	SCHECK(v, count(v, "vitae:") == 1);
	SCHECK(v, !log_has(v, NAME));
	SCHECK(v, vt_restored(v, stderr));
	printf("%-22s %-8s %s\n", fail, request ? request : "viewer",
	       t_failures == f ? "refused" : "NOT REFUSED");
	vt_close(v);
}

static void selftest(const char *fail, int want_status)
{
	char e_pre[PATH_MAX + 16], e_fail[64];
	snprintf(e_pre, sizeof e_pre, "LD_PRELOAD=%s", shim);
	snprintf(e_fail, sizeof e_fail, "VITAE_FAIL=%s", fail ? fail : "");
	const char *const env[] = { fail ? e_pre : "LD_PRELOAD", e_fail,
	                            "ASAN_OPTIONS=verify_asan_link_order=0:detect_leaks=0", NULL };
	char *argv[] = { (char *)vitae_bin, "--kiosk-selftest", NULL };
	struct vt *v = vt_start(argv, 24, 80, env);
	CHECK(v != NULL);
	if (!v)
		return;
	int st = -1;
	SCHECK(v, vt_wait_exit(v, EXIT_MS, &st));
	SCHECK(v, WIFEXITED(st) && WEXITSTATUS(st) == want_status);
	if (want_status == 2) {
		SCHECK(v, log_has(v, "cannot set up seccomp"));
		SCHECK(v, !log_has(v, "self-test"));
	} else if (want_status == 0) {
		static const char *const lines[] = {
			"environment", "RLIMIT_CORE", "RLIMIT_FSIZE", "RLIMIT_NPROC", "RLIMIT_CPU",
			"RLIMIT_AS", "not dumpable", "no_new_privs", "seccomp filter",
			"refuses open", "refuses socket", "refuses mkdir", "refuses symlink",
			"refuses kill(-1)", "refuses unshare", "refuses execve", "refuses fork",
			"refuses exec memory", "refuses TIOCSTI",
		};
		for (size_t i = 0; i < sizeof lines / sizeof *lines; i++) {
			char l[64];
			snprintf(l, sizeof l, "%-22s active", lines[i]);
			SCHECK(v, log_has(v, l));
		}
		SCHECK(v, !log_has(v, "NOT ACTIVE"));
		SCHECK(v, log_has(v, "all protections active"));
	} else {
		/* A sanitizer build says what it is exempt from. */
		SCHECK(v, log_has(v, "RLIMIT_AS              NOT ACTIVE"));
		SCHECK(v, log_has(v, "seccomp filter         NOT ACTIVE"));
		SCHECK(v, log_has(v, "RLIMIT_CORE            active"));
		SCHECK(v, log_has(v, "not dumpable           active"));
	}
	vt_close(v);
}

int main(int argc, char **argv)
{
	screen_watchdog(100);
	if (argc < 4) {
		fprintf(stderr, "usage: %s VITAE RESUME SHIM [--sanitized]\n", argv[0]);
		return 2;
	}
	static char bin[PATH_MAX], res[PATH_MAX], sh[PATH_MAX];
	if (!realpath(argv[1], bin) || !realpath(argv[2], res) || !realpath(argv[3], sh)) {
		perror("realpath");
		return 2;
	}
	vitae_bin = bin;
	resume = res;
	shim = sh;
	sanitized = argc > 4 && strcmp(argv[4], "--sanitized") == 0;
	if (getenv("VITAE_VALGRIND")) {
		printf("SKIP: under valgrind, which cannot run seccomp filters\n");
		return 77;
	}

	static const struct {
		const char *fail, *what;
		bool exempt;    /* not set up at all in sanitizer builds */
	} cases[] = {
		{ .fail = "unsetenv", .what = "environment" },
		{ .fail = "prctl:4", .what = "PR_SET_DUMPABLE" },
		{ .fail = "setrlimit:4", .what = "RLIMIT_CORE" },
		{ .fail = "setrlimit:1", .what = "RLIMIT_FSIZE" },
		{ .fail = "setrlimit:0", .what = "RLIMIT_CPU" },
		{ .fail = "setrlimit:6", .what = "RLIMIT_NPROC", .exempt = true },
		{ .fail = "setrlimit:9", .what = "RLIMIT_AS", .exempt = true },
		/* Said to work, not in place: the read-back catches it. */
		{ .fail = "setrlimit-noop:9", .what = "RLIMIT_AS", .exempt = true },
		{ .fail = "setrlimit-noop:0", .what = "RLIMIT_CPU" },
		{ .fail = "prctl:38", .what = "no_new_privs" },
		{ .fail = "prctl:22", .what = "seccomp", .exempt = true },
	};
	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
		if (sanitized && cases[i].exempt)
			continue;
		refused(cases[i].fail, NULL, cases[i].what);
		refused(cases[i].fail, "text", cases[i].what);
	}
	selftest(NULL, sanitized ? 1 : 0);
	if (!sanitized)
		selftest("prctl:22", 2);
	T_DONE();
}
