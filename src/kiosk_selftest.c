/*
 * vitae --kiosk-selftest: once the kiosk's protections are set up exactly
 * as for a visitor (main.c does that first, and refuses on any failure),
 * each is read back from inside the process, and what the sandbox must
 * refuse is tried with arguments that do no harm if it were allowed: an
 * answer other than EPERM, or a success, means the protection is not
 * there. One line per protection, "active" or "NOT ACTIVE".
 */
#define _DEFAULT_SOURCE         /* syscall, MAP_ANONYMOUS */
#include "kiosk.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdbool.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

#if defined(__linux__)
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#endif

extern char **environ;

struct report {
	FILE *out;
	int inactive;
};

static void line(struct report *r, const char *name, bool active, const char *detail)
{
	/* A sanitizer build is exempt from some protections on purpose; it
	 * says so, and still counts them as not active. */
	const char *state = active ? "active" : "NOT ACTIVE";
	fprintf(r->out, "  %-22s %-10s %s\n", name, state, detail);
	if (!active)
		r->inactive++;
}

static void limit(struct report *r, const char *name, int resource, rlim_t soft_max,
                  bool exempt)
{
	struct rlimit rl;
	char detail[96];
	if (getrlimit(resource, &rl) != 0) {
		line(r, name, false, strerror(errno));
		return;
	}
	bool ok = rl.rlim_cur != RLIM_INFINITY && rl.rlim_cur <= soft_max &&
	          rl.rlim_max != RLIM_INFINITY;
	if (rl.rlim_cur == RLIM_INFINITY)
		snprintf(detail, sizeof detail, "unlimited%s", exempt ? " (sanitizer build)" : "");
	else
		snprintf(detail, sizeof detail, "soft %llu, hard %llu",
		         (unsigned long long)rl.rlim_cur, (unsigned long long)rl.rlim_max);
	line(r, name, ok, detail);
}

/* A call the sandbox must refuse: r < 0 with EPERM. */
static void refused(struct report *r, const char *name, long rc)
{
	int err = errno;
	char detail[96];
	if (rc >= 0)
		snprintf(detail, sizeof detail, "allowed");
	else
		snprintf(detail, sizeof detail, "%s", strerror(err));
	line(r, name, rc < 0 && err == EPERM, detail);
}

int kiosk_selftest(FILE *out, const struct kiosk_limits *l)
{
	struct report r = { .out = out };
	bool exempt = kiosk_exempt();
	fprintf(out, "vitae kiosk self-test (pid %ld)\n", (long)getpid());

	size_t nenv = 0, kept = 0;
	for (char **e = environ; e && *e; e++) {
		nenv++;
		kept += kiosk_env_kept(*e);
	}
	char detail[96];
	snprintf(detail, sizeof detail, "%zu variables, all of TERM, LANG, LC_*, NO_COLOR", nenv);
	line(&r, "environment", kept == nenv, detail);

	limit(&r, "RLIMIT_CORE", RLIMIT_CORE, 0, false);
	limit(&r, "RLIMIT_FSIZE", RLIMIT_FSIZE, 0, false);
	limit(&r, "RLIMIT_NPROC", RLIMIT_NPROC, 0, exempt);
	limit(&r, "RLIMIT_CPU", RLIMIT_CPU, l->cpu_seconds, false);
	struct rlimit cpu;
	line(&r, "SIGXCPU before kill",
	     getrlimit(RLIMIT_CPU, &cpu) == 0 && cpu.rlim_cur < cpu.rlim_max,
	     "soft limit below the hard one");
	limit(&r, "RLIMIT_AS", RLIMIT_AS, l->max_mem, exempt);

#if defined(__linux__)
	line(&r, "not dumpable", prctl(PR_GET_DUMPABLE, 0, 0, 0, 0) == 0, "PR_GET_DUMPABLE 0");
	line(&r, "no_new_privs", prctl(PR_GET_NO_NEW_PRIVS, 0, 0, 0, 0) == 1,
	     "PR_GET_NO_NEW_PRIVS 1");
	int mode = prctl(PR_GET_SECCOMP, 0, 0, 0, 0);
	snprintf(detail, sizeof detail, "mode %d%s", mode,
	         kiosk_filter() == KIOSK_FILTER_EXEMPT ? " (sanitizer build: no filter)" :
	         kiosk_filter() == KIOSK_FILTER_NONE ? " (no filter for this architecture)" : "");
	line(&r, "seccomp filter", mode == 2, detail);

	/* What the filter refuses, tried harmlessly: each of these would
	 * fail with another error, or do nothing, if it were let through. */
	refused(&r, "refuses open", open("/", O_RDONLY | O_CLOEXEC));
	refused(&r, "refuses socket", socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0));
	refused(&r, "refuses mkdir", mkdir("/", 0700));
	refused(&r, "refuses symlink", symlink("/", "/"));
	refused(&r, "refuses kill(-1)", kill(-1, 0));
	refused(&r, "refuses unshare", syscall(SYS_unshare, 0));
	char *const argv[] = { "/", NULL };
	refused(&r, "refuses execve", execve("/", argv, environ));
	pid_t child = fork();
	if (child == 0)
		_exit(0);
	if (child > 0)
		waitpid(child, NULL, 0);
	refused(&r, "refuses fork", child);
	void *m = mmap(NULL, 4096, PROT_READ | PROT_EXEC, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	refused(&r, "refuses exec memory", m == MAP_FAILED ? -1 : 0);
	if (m != MAP_FAILED)
		munmap(m, 4096);
	/* On no descriptor: let through, it would fail with EBADF. */
	char c = ' ';
	refused(&r, "refuses TIOCSTI", ioctl(-1, TIOCSTI, &c));
#else
	line(&r, "sandbox", false, "not Linux");
#endif
	fprintf(out, r.inactive ? "%d protection%s NOT ACTIVE\n" : "all protections active\n",
	        r.inactive, r.inactive == 1 ? "" : "s");
	return r.inactive ? 1 : 0;
}
