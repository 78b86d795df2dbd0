#pragma once
/*
 * Kiosk mode: what vitae does differently when it is handed to anonymous
 * visitors over ssh (sshd's ForceCommand, or vitae as the login shell).
 * Nothing here draws or touches curses; main.c calls it in order:
 *
 *   kiosk_login_shell()   before option parsing: are we a login shell?
 *   kiosk_scrub_env()     keep only TERM, the locale and NO_COLOR
 *   kiosk_limits()        rlimits: no core, no files, no children, caps
 *   kiosk_request()       the visitor's words -> a format from a fixed list
 *   kiosk_sandbox()       once the résumé is loaded and the terminal set up:
 *                         no exec, no fork, no open, enforced by the kernel
 *
 * Owned by main.c; the functions keep no state of their own.
 */
#include <stdbool.h>
#include <stddef.h>

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

/* Removes every environment variable except TERM, LANG, LC_ALL, LC_CTYPE
 * and NO_COLOR, so that PAGER, SHELL, TERMINFO, HOME, LINES and the rest
 * can change nothing. A TERM that is not a plain name is removed too. */
void kiosk_scrub_env(void);

/* Kiosk resource limits. max_mem 0 leaves the address space alone. */
struct kiosk_limits {
	size_t max_mem;                 /* RLIMIT_AS, bytes */
	unsigned long cpu_seconds;      /* RLIMIT_CPU */
};
#define KIOSK_DEFAULT_MEM ((size_t)512 << 20)
#define KIOSK_DEFAULT_CPU 300UL

/* Sets RLIMIT_CORE, RLIMIT_FSIZE and RLIMIT_NPROC to 0 (SIGXFSZ ignored,
 * so writing to a regular file fails with EFBIG) and the memory and CPU
 * caps, and makes the process non-dumpable (no ptrace or /proc/PID/mem
 * from another session of the same user). In sanitizer builds the memory cap is skipped: their shadow
 * memory reserves terabytes of address space. 0 on success, else -1 with
 * errno. */
int kiosk_limits(const struct kiosk_limits *l);

/*
 * Installs a seccomp filter under which execve, execveat, fork, vfork,
 * clone (other than a thread), open, openat, openat2, creat,
 * open_by_handle_at, io_uring_*, ptrace and process_vm_readv/writev fail
 * with EPERM (clone3 with ENOSYS), with no_new_privs set. Irreversible: call it once
 * everything that needs a file is open. Returns 0, or -1 with errno
 * (ENOSYS on architectures it does not know, and in sanitizer builds,
 * whose runtime must be able to open files and start a symbolizer).
 */
int kiosk_sandbox(void);

/* Whether kiosk_sandbox() can work in this build. */
bool kiosk_sandbox_supported(void);

/*
 * "90", "90s", "15m", "2h": seconds into *secs. 0 is allowed (off).
 * Returns false for anything else or more than a week.
 */
bool kiosk_parse_duration(const char *s, unsigned long *secs);
