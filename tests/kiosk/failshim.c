/*
 * An LD_PRELOAD library that makes one of the kiosk's protections fail, as
 * a kernel or a container that refuses it would. VITAE_FAIL (read when
 * the library loads, before vitae empties its environment) names it:
 *
 *   prctl:N        prctl(N, ...) fails with EPERM (4 PR_SET_DUMPABLE,
 *                  38 PR_SET_NO_NEW_PRIVS, 22 PR_SET_SECCOMP)
 *   setrlimit:N    setrlimit(N, ...) fails with EPERM (RLIMIT_* numbers)
 *   setrlimit-noop:N  setrlimit(N, ...) says it worked and does nothing
 *   unsetenv       unsetenv() fails with EINVAL
 *
 * Everything else goes to the C library. For tests/kiosk only.
 */
#define _GNU_SOURCE
/* Both setrlimit and setrlimit64 are defined below, under their own
 * names: no redirection of the one to the other. */
#undef _FILE_OFFSET_BITS
#include <dlfcn.h>
#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/resource.h>

static char fail_call[32];
static long fail_arg = -1;

__attribute__((constructor)) static void failshim_init(void)
{
	const char *f = getenv("VITAE_FAIL");
	if (!f)
		return;
	const char *colon = strchr(f, ':');
	size_t n = colon ? (size_t)(colon - f) : strlen(f);
	if (n >= sizeof fail_call)
		return;
	memcpy(fail_call, f, n);
	fail_call[n] = '\0';
	if (colon)
		fail_arg = strtol(colon + 1, NULL, 10);
}

/* The C library's own function: dlsym gives an object pointer, which
 * ISO C does not convert to a function pointer; copied instead. */
#define REAL(var, name) do { \
	void *p_ = dlsym(RTLD_NEXT, (name)); \
	memcpy(&(var), &p_, sizeof p_); \
} while (0)

static int failing(const char *call, long arg)
{
	return strcmp(fail_call, call) == 0 && (fail_arg < 0 || fail_arg == arg);
}

int prctl(int option, ...)
{
	va_list ap;
	va_start(ap, option);
	unsigned long a2 = va_arg(ap, unsigned long), a3 = va_arg(ap, unsigned long),
	              a4 = va_arg(ap, unsigned long), a5 = va_arg(ap, unsigned long);
	va_end(ap);
	if (failing("prctl", option)) {
		errno = EPERM;
		return -1;
	}
	int (*real)(int, ...);
	REAL(real, "prctl");
	return real(option, a2, a3, a4, a5);
}

static int shim_setrlimit(const char *name, int resource, const struct rlimit *rl)
{
	if (failing("setrlimit", resource)) {
		errno = EPERM;
		return -1;
	}
	if (failing("setrlimit-noop", resource))
		return 0;
	int (*real)(int, const struct rlimit *);
	REAL(real, name);
	return real(resource, rl);
}

/* Both names: with 64-bit file offsets the headers call setrlimit64. */
int setrlimit(__rlimit_resource_t resource, const struct rlimit *rl)
{
	return shim_setrlimit("setrlimit", (int)resource, rl);
}

int setrlimit64(__rlimit_resource_t resource, const struct rlimit64 *rl)
{
	return shim_setrlimit("setrlimit64", (int)resource, (const struct rlimit *)rl);
}

int unsetenv(const char *name)
{
	if (failing("unsetenv", -1)) {
		errno = EINVAL;
		return -1;
	}
	int (*real)(const char *);
	REAL(real, "unsetenv");
	return real(name);
}
