#pragma once
/*
 * Kiosk mode: what vitae does differently when it is handed to anonymous
 * visitors over ssh (sshd's ForceCommand, or vitae as the login shell).
 * Nothing here draws or touches curses; main.c calls it in order:
 *
 *   kiosk_login_shell()   before option parsing: are we a login shell?
 *   kiosk_is_account_shell()  ... or this user's shell, however started?
 *   kiosk_request()       the visitor's words -> a format from a fixed list
 *   kiosk_scrub_env()     keep only TERM, the locale and NO_COLOR
 *   kiosk_limits()        non-dumpable; rlimits: no core, no files, no
 *                         children, memory and CPU caps
 *   kiosk_sandbox()       once the résumé is loaded and the terminal set up:
 *                         a seccomp allowlist of the calls the viewer makes
 *
 * Each protection fails closed: main.c (or the viewer, for the sandbox)
 * refuses to serve when one cannot be set up. Owned by main.c; the
 * functions keep no state of their own.
 */
#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

/* What a visitor may ask for: SSH_ORIGINAL_COMMAND, or the string after
 * -c when vitae is the login shell. */
enum kiosk_request {
	REQ_DEFAULT,    /* nothing asked: the viewer on a terminal, else text */
	REQ_TEXT,       /* "text" */
	REQ_MARKDOWN,   /* "markdown" or "md" */
	REQ_UNKNOWN,    /* anything else: text, and a note of the words */
};

/* The accepted words, for the note and the manual. */
#define KIOSK_WORDS "text, markdown"

/* Classifies the request (NULL is REQ_DEFAULT); blanks around the word are
 * ignored and case matters, as in a shell command. */
enum kiosk_request kiosk_request(const char *req);

/* The note for REQ_UNKNOWN: one line, the request shown sanitised (no
 * control characters) and cut to 40 bytes, into buf. */
void kiosk_unknown_note(char *buf, size_t size, const char *req);

/*
 * Whether argv is how sshd starts a login shell: argv[0] begins with '-'
 * ("-vitae", no arguments), or argv[1] is "-c" ("vitae -c 'what the client
 * typed'"). In that case *req gets the -c string (or NULL) and every other
 * argument must be ignored.
 */
bool kiosk_login_shell(int argc, char **argv, const char **req);

/*
 * Set-up failures. Every protection below either is in place when its
 * function returns 0, or the function returns -1 with errno set and
 * *what naming the protection ("RLIMIT_NPROC", "seccomp", ...): the kiosk
 * then refuses to serve (kiosk_refuse). Nothing is skipped silently but
 * the exemptions of sanitizer builds, decided when vitae is compiled
 * (kiosk_exempt).
 */

/* Removes every environment variable except TERM, LANG, LC_ALL, LC_CTYPE
 * and NO_COLOR, so that PAGER, SHELL, TERMINFO, TERMINFO_DIRS, HOME,
 * LINES and the rest can change nothing. A TERM that is not a plain name
 * is removed too. Fails if a variable cannot be removed. */
int kiosk_scrub_env(const char **what);

/* Whether name=value may stay in a kiosk's environment. */
bool kiosk_env_kept(const char *entry);

/* Kiosk resource limits. */
struct kiosk_limits {
	size_t max_mem;                 /* RLIMIT_AS, bytes */
	unsigned long cpu_seconds;      /* RLIMIT_CPU soft limit (SIGXCPU) */
};
/*
 * 64 MiB of address space: the viewer at the largest terminal it draws
 * (VIEW_MAX_SIZE squared) with a résumé of the kiosk's default --max-size
 * peaks at about 35 MiB after searching and filtering (measured; vitae(1)
 * has the numbers).
 */
#define KIOSK_DEFAULT_MEM ((size_t)64 << 20)
#define KIOSK_DEFAULT_CPU 300UL
/* The kiosk's --max-size unless given: a résumé is tens of kilobytes. */
#define KIOSK_DEFAULT_MAX_SIZE ((size_t)1 << 20)
/* The hard CPU limit is this much above the soft one: the time the viewer
 * has, after SIGXCPU, to restore the terminal before the kernel kills. */
#define KIOSK_CPU_MARGIN 5UL

/*
 * Makes the process non-dumpable (no ptrace or /proc/PID/mem from another
 * session of the same user) and sets RLIMIT_CORE, RLIMIT_FSIZE and
 * RLIMIT_NPROC to 0 (SIGXFSZ ignored, so writing to a regular file fails
 * with EFBIG), RLIMIT_CPU (soft below hard) and RLIMIT_AS. A limit the
 * administrator set lower is kept. Sanitizer builds leave RLIMIT_AS (their
 * shadow memory reserves terabytes) and RLIMIT_NPROC (LeakSanitizer
 * starts a tracer at exit).
 */
int kiosk_limits(const struct kiosk_limits *l, const char **what);

/*
 * Sets no_new_privs, then installs the seccomp allowlist: from here on only
 * the system calls the viewer makes are allowed, ioctl only for the
 * terminal requests it uses, mmap and mprotect only without PROT_EXEC,
 * kill and tgkill only on itself, prctl and prlimit64 only to read the
 * protections back; every other call fails with EPERM, and calls of another
 * architecture (i386, x32) kill the process. Irreversible: call it once
 * everything that needs a file is open. Where the build has no filter
 * (kiosk_filter() below) only no_new_privs is set.
 */
int kiosk_sandbox(const char **what);

/* What this build's sandbox is. */
enum kiosk_filter {
	KIOSK_FILTER_ON,        /* the allowlist (x86-64, AArch64) */
	KIOSK_FILTER_EXEMPT,    /* sanitizer build: its runtime opens files */
	KIOSK_FILTER_NONE,      /* no filter for this architecture */
};
enum kiosk_filter kiosk_filter(void);

/* Whether this is a sanitizer build (limits and filter exempt). */
bool kiosk_exempt(void);

/* The allowlist's system calls by name, as strace writes them: the i-th,
 * or NULL past the end. For the test that compares it with a trace. */
const char *kiosk_allowed_call(size_t i);

/* The one line a kiosk that cannot protect itself prints (stderr), then
 * exit status 2: "vitae: kiosk: cannot set up WHAT: strerror(err);
 * refusing to serve". */
void kiosk_refuse_message(const char *what, int err);
#define KIOSK_EXIT_REFUSED 2

/*
 * Whether vitae is the login shell of the user it runs as: the shell in
 * the password database resolves (realpath) to /proc/self/exe (without
 * /proc, to the file execve() was given, AT_EXECFN). Then it
 * is a kiosk however it was started (su, su -, sshd, a forced command, a
 * console login), and ignores its arguments but for sshd's "-c WORDS".
 */
bool kiosk_is_account_shell(void);

/*
 * The self-test (vitae --kiosk-selftest), once every protection is set up
 * as for a visitor: reads each one back from inside and tries what the
 * sandbox must refuse, one line each on out. Returns 0 when every
 * protection is active, else 1.
 */
int kiosk_selftest(FILE *out, const struct kiosk_limits *l);

/*
 * "90", "90s", "15m", "2h": seconds into *secs. 0 is allowed (off).
 * Returns false for anything else or more than a week.
 */
bool kiosk_parse_duration(const char *s, unsigned long *secs);
