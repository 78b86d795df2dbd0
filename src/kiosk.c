/*
 * Kiosk mode: the visitor's request, the environment, resource limits and
 * the seccomp sandbox. See kiosk.h for the order main.c calls them in.
 */
#include "kiosk.h"

#include <errno.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>

#if defined(__linux__)
#include <linux/audit.h>
#include <linux/filter.h>
#include <linux/seccomp.h>
#include <linux/sched.h>
#include <stddef.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#endif

/* Sanitizer runtimes reserve terabytes of address space, open files and
 * start a symbolizer when they report: the address-space cap and the
 * sandbox would only turn their reports into noise. */
#if defined(__SANITIZE_ADDRESS__) || defined(__SANITIZE_THREAD__)
#define VITAE_SANITIZED 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer) || __has_feature(memory_sanitizer) || \
    __has_feature(thread_sanitizer)
#define VITAE_SANITIZED 1
#endif
#endif

extern char **environ;

static bool is_blank(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

enum kiosk_request kiosk_request(const char *req)
{
	if (!req)
		return REQ_DEFAULT;
	while (is_blank(*req))
		req++;
	size_t n = strlen(req);
	while (n && is_blank(req[n - 1]))
		n--;
	static const struct {
		const char *word;
		enum kiosk_request req;
	} words[] = {
		{ .word = "text", .req = REQ_TEXT },
		{ .word = "markdown", .req = REQ_MARKDOWN },
		{ .word = "md", .req = REQ_MARKDOWN },
	};
	if (n == 0)
		return REQ_DEFAULT;
	for (size_t i = 0; i < sizeof words / sizeof *words; i++)
		if (strlen(words[i].word) == n && memcmp(words[i].word, req, n) == 0)
			return words[i].req;
	return REQ_UNKNOWN;
}

void kiosk_unknown_note(char *buf, size_t size, const char *req)
{
	/* Printable ASCII only: a visitor's bytes go back to their own
	 * terminal here, and UTF-8 could spell a C1 control. */
	char shown[48];
	size_t n = 0;
	const char *s = req ? req : "";
	for (; *s && n < 40; s++)
		shown[n++] = (*s >= 0x20 && *s < 0x7f && *s != '"') ? *s : '?';
	shown[n] = '\0';
	snprintf(buf, size, "vitae: unknown request \"%s%s\"; accepted: " KIOSK_WORDS,
	         shown, *s ? "..." : "");
}

bool kiosk_login_shell(int argc, char **argv, const char **req)
{
	*req = NULL;
	if (argc >= 2 && strcmp(argv[1], "-c") == 0) {
		*req = argc >= 3 ? argv[2] : NULL;
		return true;
	}
	return argc >= 1 && argv[0] && argv[0][0] == '-';
}

void kiosk_scrub_env(void)
{
	static const char *const keep[] = {
		"TERM", "LANG", "LC_ALL", "LC_CTYPE", "NO_COLOR",
	};
	/* Collect the names first: unsetenv() changes environ under us. */
	for (;;) {
		const char *victim = NULL;
		size_t len = 0;
		for (char **e = environ; e && *e; e++) {
			const char *eq = strchr(*e, '=');
			size_t n = eq ? (size_t)(eq - *e) : strlen(*e);
			bool kept = false;
			for (size_t i = 0; i < sizeof keep / sizeof *keep; i++)
				if (strlen(keep[i]) == n && strncmp(keep[i], *e, n) == 0)
					kept = true;
			if (!kept) {
				victim = *e;
				len = n;
				break;
			}
		}
		if (!victim)
			return;
		char name[256];
		if (len == 0 || len >= sizeof name) {
			/* A name unsetenv() cannot take: drop the entry by hand. */
			char **e = environ;
			while (*e != victim)
				e++;
			do
				e[0] = e[1];
			while (*e++);
			continue;
		}
		memcpy(name, victim, len);
		name[len] = '\0';
		unsetenv(name);
	}
}

static int set_limit(int resource, rlim_t soft, rlim_t hard)
{
	struct rlimit cur;
	if (getrlimit(resource, &cur) != 0)
		return -1;
	/* Never raise a limit the administrator set lower. */
	if (cur.rlim_max != RLIM_INFINITY && hard > cur.rlim_max)
		hard = cur.rlim_max;
	if (soft > hard)
		soft = hard;
	struct rlimit rl = { .rlim_cur = soft, .rlim_max = hard };
	return setrlimit(resource, &rl);
}

int kiosk_limits(const struct kiosk_limits *l)
{
	int rc = 0;
#if defined(__linux__)
	/* Every visitor's process runs as the same user. Not dumpable, a
	 * session still starting (before its sandbox) cannot be traced or
	 * have its memory read through /proc by another one. */
	rc |= prctl(PR_SET_DUMPABLE, 0, 0, 0, 0);
#endif
	rc |= set_limit(RLIMIT_CORE, 0, 0);
#ifndef VITAE_SANITIZED
	/* LeakSanitizer clones a tracer at exit: its builds keep NPROC. */
	rc |= set_limit(RLIMIT_NPROC, 0, 0);
#endif
	/* No file grows: with SIGXFSZ ignored, a write to a regular file
	 * fails with EFBIG and is reported, instead of killing us. */
	signal(SIGXFSZ, SIG_IGN);
	rc |= set_limit(RLIMIT_FSIZE, 0, 0);
	if (l->cpu_seconds)
		/* The soft limit sends SIGXCPU, which the viewer turns into a
		 * clean exit; the hard one, a little later, kills. */
		rc |= set_limit(RLIMIT_CPU, l->cpu_seconds, l->cpu_seconds + 5);
#ifndef VITAE_SANITIZED
	if (l->max_mem)
		rc |= set_limit(RLIMIT_AS, l->max_mem, l->max_mem);
#endif
	return rc ? -1 : 0;
}

bool kiosk_parse_duration(const char *s, unsigned long *secs)
{
	if (!s || *s < '0' || *s > '9')
		return false;
	unsigned long v = 0;
	for (; *s >= '0' && *s <= '9'; s++) {
		v = v * 10 + (unsigned long)(*s - '0');
		if (v > 7UL * 24 * 3600)
			return false;
	}
	unsigned long mult = 1;
	if (*s == 's')
		s++;
	else if (*s == 'm')
		mult = 60, s++;
	else if (*s == 'h')
		mult = 3600, s++;
	if (*s || v * mult > 7UL * 24 * 3600)
		return false;
	*secs = v * mult;
	return true;
}

/* --- seccomp ------------------------------------------------------------ */

#if defined(__linux__) && !defined(VITAE_SANITIZED) && \
    (defined(__x86_64__) || defined(__aarch64__))
#define HAVE_SANDBOX 1
#if defined(__x86_64__)
#define VITAE_AUDIT_ARCH AUDIT_ARCH_X86_64
#else
#define VITAE_AUDIT_ARCH AUDIT_ARCH_AARCH64
#endif
#endif

bool kiosk_sandbox_supported(void)
{
#ifdef HAVE_SANDBOX
	return true;
#else
	return false;
#endif
}

#ifdef HAVE_SANDBOX
/* Both architectures are little-endian: the low word of an argument is at
 * its start. */
#define ARG_LO(n) (offsetof(struct seccomp_data, args) + (n) * sizeof(uint64_t))
#define DENY(nr) \
	BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, (nr), 0, 1), \
	BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ERRNO | EPERM)
#endif

int kiosk_sandbox(void)
{
#ifdef HAVE_SANDBOX
	struct sock_filter prog[] = {
		/* Another architecture's calls (or x32's) are refused. */
		BPF_STMT(BPF_LD | BPF_W | BPF_ABS, offsetof(struct seccomp_data, arch)),
		BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, VITAE_AUDIT_ARCH, 1, 0),
		BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_KILL_PROCESS),
		BPF_STMT(BPF_LD | BPF_W | BPF_ABS, offsetof(struct seccomp_data, nr)),
#if defined(__x86_64__)
		BPF_JUMP(BPF_JMP | BPF_JGE | BPF_K, 0x40000000, 0, 1),
		BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ERRNO | EPERM),
#endif
		DENY(__NR_execve),
		DENY(__NR_execveat),
#ifdef __NR_fork
		DENY(__NR_fork),
#endif
#ifdef __NR_vfork
		DENY(__NR_vfork),
#endif
#ifdef __NR_open
		DENY(__NR_open),
#endif
#ifdef __NR_creat
		DENY(__NR_creat),
#endif
		DENY(__NR_openat),
		/* io_uring would open files inside the kernel, where the
		 * filter does not look. */
#ifdef __NR_io_uring_setup
		DENY(__NR_io_uring_setup),
		DENY(__NR_io_uring_enter),
		DENY(__NR_io_uring_register),
#endif
		/* All visitors share one uid: none may reach into another's
		 * process. */
		DENY(__NR_ptrace),
		DENY(__NR_process_vm_readv),
		DENY(__NR_process_vm_writev),
#ifdef __NR_openat2
		DENY(__NR_openat2),
#endif
#ifdef __NR_open_by_handle_at
		DENY(__NR_open_by_handle_at),
#endif
#ifdef __NR_clone3
		/* clone3 passes its flags in memory, out of the filter's
		 * reach; ENOSYS makes a library fall back to clone. */
		BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, __NR_clone3, 0, 1),
		BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ERRNO | ENOSYS),
#endif
		/* clone: a thread shares the process and is allowed; a new
		 * process is not. */
		BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, __NR_clone, 0, 3),
		BPF_STMT(BPF_LD | BPF_W | BPF_ABS, ARG_LO(0)),
		BPF_JUMP(BPF_JMP | BPF_JSET | BPF_K, CLONE_THREAD, 1, 0),
		BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ERRNO | EPERM),
		BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ALLOW),
	};
	struct sock_fprog fprog = {
		.len = (unsigned short)(sizeof prog / sizeof *prog),
		.filter = prog,
	};
	if (prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) != 0)
		return -1;
	if (prctl(PR_SET_SECCOMP, SECCOMP_MODE_FILTER, &fprog) != 0)
		return -1;
	return 0;
#else
	errno = ENOSYS;
	return -1;
#endif
}
