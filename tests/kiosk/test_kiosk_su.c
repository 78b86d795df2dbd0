/*
 * vitae as an account's login shell, reached through su(1): whatever su
 * is asked, the account gives a sandboxed kiosk or nothing.
 *
 * A throwaway account, vitae-su-test (not the ssh suite's "resume"), is
 * made with a copy of the built vitae as its shell, in a directory of
 * this test, and removed at the end. Needs root (useradd, and su without
 * a password); skips with 77 otherwise.
 *
 *   su ACCOUNT           vitae started plainly ("vitae", no arguments):
 *                        a kiosk because it is the account's shell; the
 *                        process is checked in /proc: seccomp filter on,
 *                        no_new_privs, not dumpable
 *   su - ACCOUNT         a login shell ("-vitae"): the same
 *   su ACCOUNT -c id     "vitae -c id": the text and a note, no shell
 *   runuser -u ACCOUNT -- vitae /etc/passwd
 *                        any other start, with arguments: the same kiosk,
 *                        the arguments ignored
 *   runuser -u ACCOUNT -- vitae --kiosk-selftest
 *                        the one argument such a kiosk takes: every
 *                        protection active
 *   su -s /bin/sh ACCOUNT -c ...
 *                        as root: /bin/sh runs. This is expected: root
 *                        choosing another shell for an account is root
 *                        running a program as that user, which it can do
 *                        in many ways. su(1) lets only root override the
 *                        shell of an account whose shell is not listed in
 *                        /etc/shells (vitae is not), so for anyone else
 *                        this door is shut; checked as "nobody", who is
 *                        refused (the account has no usable password).
 *
 * usage: test_kiosk_su VITAE [--sanitized]
 * A sanitizer build has no filter (kiosk.h): there the kiosk is still
 * checked for no_new_privs and non-dumpable, and the self-test must say
 * that not every protection is active.
 */
#define _XOPEN_SOURCE 700       /* realpath */
#include <dirent.h>
#include <limits.h>
#include <pwd.h>
#include <sys/stat.h>

#include "../screen/screen.h"

#define ACCOUNT "vitae-su-test"

static char dir[PATH_MAX], shell[PATH_MAX + 16], bundled[256];
static bool sanitized;

static bool log_has(struct vt *v, const char *s)
{
	return vt_log_has(v, 0, s, strlen(s));
}

static int run(const char *cmd)
{
	int r = system(cmd);
	return WIFEXITED(r) ? WEXITSTATUS(r) : -1;
}

/* The status of the vitae the account runs, from /proc: "Seccomp:",
 * "NoNewPrivs:" and whether it is dumpable (its /proc files then belong
 * to root rather than to the account). False if there is none. */
struct confined {
	int seccomp, no_new_privs;
	bool non_dumpable;
};

static bool find_vitae(uid_t uid, struct confined *c)
{
	DIR *d = opendir("/proc");
	if (!d)
		return false;
	bool found = false;
	struct dirent *e;
	while (!found && (e = readdir(d))) {
		if (e->d_name[0] < '0' || e->d_name[0] > '9')
			continue;
		char path[PATH_MAX], exe[PATH_MAX];
		snprintf(path, sizeof path, "/proc/%s/exe", e->d_name);
		ssize_t n = readlink(path, exe, sizeof exe - 1);
		if (n <= 0)
			continue;
		exe[n] = '\0';
		if (strcmp(exe, shell) != 0)
			continue;
		snprintf(path, sizeof path, "/proc/%s/status", e->d_name);
		FILE *f = fopen(path, "r");
		if (!f)
			continue;
		char line[256];
		unsigned long ruid = (unsigned long)-1;
		c->seccomp = c->no_new_privs = -1;
		while (fgets(line, sizeof line, f)) {
			sscanf(line, "Uid: %lu", &ruid);
			sscanf(line, "Seccomp: %d", &c->seccomp);
			sscanf(line, "NoNewPrivs: %d", &c->no_new_privs);
		}
		fclose(f);
		struct stat st;
		c->non_dumpable = stat(path, &st) == 0 && st.st_uid == 0;
		found = ruid == uid;
	}
	closedir(d);
	return found;
}

/* su with these arguments in a pty must give the viewer, confined. */
static void kiosk_viewer(char *const argv[], uid_t uid)
{
	struct vt *v = vt_start(argv, 24, 80, NULL);
	CHECK(v != NULL);
	if (!v)
		return;
	t_checks++;
	if (!vt_wait_for(v, ready, NULL, WAIT_MS)) {
		t_failures++;
		fprintf(stderr, "%s %s: no viewer\n", argv[0], argv[1]);
		vt_dump(v, stderr);
		vt_close(v);
		return;
	}
	SCHECK(v, strstr(vt_row(v, 0), bundled) != NULL);
	struct confined c = { 0 };
	CHECK(find_vitae(uid, &c));
	printf("%s %s %s: viewer, Seccomp %d, NoNewPrivs %d, %s\n", argv[0], argv[1],
	       argv[2] ? argv[2] : "", c.seccomp, c.no_new_privs,
	       c.non_dumpable ? "not dumpable" : "DUMPABLE");
	CHECK_INT(c.seccomp, sanitized ? 0 : 2);
	CHECK_INT(c.no_new_privs, 1);
	CHECK(c.non_dumpable);
	quit_with(v, "q");
	vt_close(v);
}

int main(int argc, char **argv)
{
	screen_watchdog(100);
	if (argc < 2) {
		fprintf(stderr, "usage: %s VITAE [--sanitized]\n", argv[0]);
		return 2;
	}
	sanitized = argc > 2 && strcmp(argv[2], "--sanitized") == 0;
	if (geteuid() != 0 || access("/usr/sbin/useradd", X_OK) != 0 ||
	    access("/bin/su", X_OK) != 0 || access("/usr/sbin/runuser", X_OK) != 0) {
		printf("SKIP: needs root, useradd, su and runuser\n");
		return 77;
	}
	if (getenv("VITAE_VALGRIND")) {
		printf("SKIP: under valgrind, which cannot run seccomp filters\n");
		return 77;
	}
	/* A copy every user can run, as the account's shell. */
	snprintf(dir, sizeof dir, "/tmp/vitae-su-XXXXXX");
	if (!mkdtemp(dir) || chmod(dir, 0755) != 0)
		return 2;
	snprintf(shell, sizeof shell, "%s/vitae", dir);
	char cmd[4 * PATH_MAX];
	snprintf(cmd, sizeof cmd, "install -m 755 '%s' '%s'", argv[1], shell);
	if (run(cmd) != 0)
		return 2;
	snprintf(cmd, sizeof cmd, "'%s' --dump", shell);
	FILE *p = popen(cmd, "r");
	if (!p || !fgets(bundled, sizeof bundled, p))
		return 2;
	pclose(p);
	bundled[strcspn(bundled, "\n")] = '\0';

	run("userdel " ACCOUNT " 2>/dev/null");
	snprintf(cmd, sizeof cmd,
	         "useradd --system --no-create-home --home-dir '%s' --shell '%s' " ACCOUNT, dir,
	         shell);
	if (run(cmd) != 0) {
		fprintf(stderr, "useradd failed\n");
		return 2;
	}
	struct passwd *pw = getpwnam(ACCOUNT);
	CHECK(pw != NULL);
	uid_t uid = pw ? pw->pw_uid : (uid_t)-1;

	char *su_plain[] = { "/bin/su", ACCOUNT, NULL };
	char *su_login[] = { "/bin/su", "-", ACCOUNT, NULL };
	kiosk_viewer(su_plain, uid);
	kiosk_viewer(su_login, uid);
	char *runuser_args[] = { "/usr/sbin/runuser", "-u", ACCOUNT, "--", shell, "/etc/passwd", NULL };
	kiosk_viewer(runuser_args, uid);

	char *self[] = { "/usr/sbin/runuser", "-u", ACCOUNT, "--", shell, "--kiosk-selftest", NULL };
	struct vt *v = vt_start(self, 24, 80, NULL);
	int st = -1;
	if (v) {
		SCHECK(v, vt_wait_exit(v, EXIT_MS, &st));
		SCHECK(v, WIFEXITED(st) && WEXITSTATUS(st) == (sanitized ? 1 : 0));
		SCHECK(v, log_has(v, sanitized ? "NOT ACTIVE" : "all protections active"));
		printf("runuser -u " ACCOUNT " -- vitae --kiosk-selftest: all active\n");
		vt_close(v);
	}

	/* "vitae -c id": a request, not a command. */
	char *su_c[] = { "/bin/su", ACCOUNT, "-c", "id", NULL };
	v = vt_start(su_c, 24, 80, NULL);
	if (v) {
		SCHECK(v, vt_wait_exit(v, EXIT_MS, &st));
		SCHECK(v, log_has(v, "vitae: unknown request \"id\""));
		SCHECK(v, log_has(v, bundled));
		SCHECK(v, !log_has(v, "uid="));
		printf("su " ACCOUNT " -c id: the text and a note\n");
		vt_close(v);
	}

	/* Root choosing another shell: /bin/sh runs (see above). */
	char *su_s_root[] = { "/bin/su", "-s", "/bin/sh", ACCOUNT, "-c", "echo shell-ran", NULL };
	v = vt_start(su_s_root, 24, 80, NULL);
	if (v) {
		SCHECK(v, vt_wait_exit(v, EXIT_MS, &st));
		SCHECK(v, log_has(v, "shell-ran"));
		printf("su -s /bin/sh " ACCOUNT " as root: /bin/sh, as expected for root\n");
		vt_close(v);
	}
	/* Anyone else: asked for a password the account does not have. */
	{
		char *su_s_user[] = { "/usr/sbin/runuser", "-u", "nobody", "--", "/bin/su", "-s",
		                      "/bin/sh", ACCOUNT, "-c", "echo shell-ran", NULL };
		v = vt_start(su_s_user, 24, 80, NULL);
		if (v) {
			if (vt_wait_text(v, "assword", WAIT_MS))
				vt_send(v, "\r");
			SCHECK(v, vt_wait_exit(v, 10000, &st));
			SCHECK(v, WIFEXITED(st) && WEXITSTATUS(st) != 0);
			SCHECK(v, !log_has(v, "shell-ran"));
			printf("su -s /bin/sh " ACCOUNT " as nobody: refused\n");
			vt_close(v);
		}
	}

	run("userdel " ACCOUNT);
	CHECK(getpwnam(ACCOUNT) == NULL);
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
	run(cmd);
	T_DONE();
}
