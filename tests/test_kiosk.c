/*
 * Kiosk mode's pure parts: what a visitor's words ask for, the note for
 * anything else, how sshd's login-shell calls are recognised, durations,
 * and the environment left after scrubbing. The sandbox and the limits,
 * which change the process for good, are tested in tests/kiosk/.
 */
#define _XOPEN_SOURCE 700        /* putenv */
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include "utf8.h"
#include "kiosk.h"
#include "t.h"

static void test_request(void)
{
	CHECK_INT(kiosk_request(NULL), REQ_DEFAULT);
	CHECK_INT(kiosk_request(""), REQ_DEFAULT);
	CHECK_INT(kiosk_request(" \t\n"), REQ_DEFAULT);
	CHECK_INT(kiosk_request("text"), REQ_TEXT);
	CHECK_INT(kiosk_request("  text\n"), REQ_TEXT);
	CHECK_INT(kiosk_request("markdown"), REQ_MARKDOWN);
	CHECK_INT(kiosk_request("md"), REQ_MARKDOWN);
	/* A word from the list, not a prefix, an argument or a case. */
	CHECK_INT(kiosk_request("Text"), REQ_UNKNOWN);
	CHECK_INT(kiosk_request("tex"), REQ_UNKNOWN);
	CHECK_INT(kiosk_request("texts"), REQ_UNKNOWN);
	CHECK_INT(kiosk_request("text /etc/passwd"), REQ_UNKNOWN);
	CHECK_INT(kiosk_request("--format=markdown"), REQ_UNKNOWN);
	CHECK_INT(kiosk_request("id"), REQ_UNKNOWN);
	CHECK_INT(kiosk_request("-c sh"), REQ_UNKNOWN);
	CHECK_INT(kiosk_request("text\0hidden"), REQ_TEXT);    /* C string */
}

static void test_note(void)
{
	char buf[160];
	kiosk_unknown_note(buf, sizeof buf, "id");
	CHECK_STR(buf, "vitae: unknown request \"id\"; accepted: text, markdown");
	/* Controls, quotes and every non-ASCII byte (UTF-8 can spell C1
	 * CSI: C2 9B) become '?'. */
	kiosk_unknown_note(buf, sizeof buf, "\x1b]0;x\x07\xc2\x9b\"");
	CHECK_STR(buf, "vitae: unknown request \"?]0;x????\"; accepted: text, markdown");
	/* Cut at 40 bytes, and says so. */
	kiosk_unknown_note(buf, sizeof buf,
	                   "0123456789012345678901234567890123456789TAIL");
	CHECK_STR(buf, "vitae: unknown request \"0123456789012345678901234567890123456789...\"; "
	               "accepted: text, markdown");
	kiosk_unknown_note(buf, sizeof buf, NULL);
	CHECK_STR(buf, "vitae: unknown request \"\"; accepted: text, markdown");
}

static void test_login_shell(void)
{
	const char *req = "unset";
	char *login[] = { "-vitae", NULL };
	CHECK(kiosk_login_shell(1, login, &req));
	CHECK(req == NULL);
	char *cmd[] = { "vitae", "-c", "markdown", NULL };
	CHECK(kiosk_login_shell(3, cmd, &req));
	CHECK_STR(req, "markdown");
	char *bare_c[] = { "vitae", "-c", NULL };
	CHECK(kiosk_login_shell(2, bare_c, &req));
	CHECK(req == NULL);
	/* -c is only sshd's form when it comes first. */
	char *later[] = { "vitae", "--dump", "-c", "x", NULL };
	CHECK(!kiosk_login_shell(4, later, &req));
	char *plain[] = { "vitae", "resume.yaml", NULL };
	CHECK(!kiosk_login_shell(2, plain, &req));
	char *none[] = { NULL };
	CHECK(!kiosk_login_shell(0, none, &req));
}

static void test_duration(void)
{
	unsigned long s = 99;
	CHECK(kiosk_parse_duration("0", &s) && s == 0);
	CHECK(kiosk_parse_duration("90", &s) && s == 90);
	CHECK(kiosk_parse_duration("90s", &s) && s == 90);
	CHECK(kiosk_parse_duration("10m", &s) && s == 600);
	CHECK(kiosk_parse_duration("2h", &s) && s == 7200);
	CHECK(kiosk_parse_duration("168h", &s) && s == 7 * 24 * 3600);
	s = 5;
	CHECK(!kiosk_parse_duration("169h", &s));
	CHECK(!kiosk_parse_duration("99999999999999999999", &s));
	CHECK(!kiosk_parse_duration("", &s));
	CHECK(!kiosk_parse_duration("m", &s));
	CHECK(!kiosk_parse_duration("-1", &s));
	CHECK(!kiosk_parse_duration("10 m", &s));
	CHECK(!kiosk_parse_duration("10ms", &s));
	CHECK(!kiosk_parse_duration("1.5h", &s));
	CHECK(!kiosk_parse_duration(NULL, &s));
	CHECK_INT(s, 5);        /* untouched on failure */
}

extern char **environ;

static void test_scrub(void)
{
	setenv("TERM", "xterm-256color", 1);
	setenv("LANG", "C.UTF-8", 1);
	setenv("NO_COLOR", "1", 1);
	setenv("PAGER", "/bin/sh", 1);
	setenv("SHELL", "/bin/sh", 1);
	setenv("TERMINFO", "/tmp/evil", 1);
	setenv("LINES", "10000", 1);
	setenv("SSH_ORIGINAL_COMMAND", "id", 1);
	/* putenv keeps our string: an entry without '=', which unsetenv
	 * cannot name, must go as well. */
	static char odd[] = "NOEQUALS";
	putenv(odd);
	const char *what = "unset";
	CHECK_INT(kiosk_scrub_env(&what), 0);
	CHECK_STR(getenv("TERM"), "xterm-256color");
	CHECK_STR(getenv("LANG"), "C.UTF-8");
	CHECK_STR(getenv("NO_COLOR"), "1");
	CHECK(getenv("PAGER") == NULL);
	CHECK(getenv("SHELL") == NULL);
	CHECK(getenv("TERMINFO") == NULL);
	CHECK(getenv("LINES") == NULL);
	CHECK(getenv("PATH") == NULL);
	CHECK(getenv("HOME") == NULL);
	CHECK(getenv("SSH_ORIGINAL_COMMAND") == NULL);
	int n = 0;
	for (char **e = environ; *e; e++)
		n++;
	CHECK(n <= 5);
	for (char **e = environ; *e; e++)
		CHECK(kiosk_env_kept(*e));
	/* A kept name needs its '=': "TERM" alone is not TERM. */
	CHECK(kiosk_env_kept("TERM=xterm"));
	CHECK(!kiosk_env_kept("TERM"));
	CHECK(!kiosk_env_kept("TERMINFO=/tmp"));
	CHECK(!kiosk_env_kept("LANGUAGE=de"));
}

/* The allowlist by name: the calls the viewer needs, none of the ones
 * the sandbox exists to refuse. */
static void test_allowlist(void)
{
	static const char *const never[] = {
		"open", "openat", "openat2", "creat", "execve", "execveat", "fork", "vfork",
		"clone", "clone3", "socket", "connect", "mkdir", "mkdirat", "symlink",
		"symlinkat", "mknod", "mknodat", "truncate", "ftruncate", "rename", "renameat",
		"renameat2", "unshare", "ptrace", "process_vm_readv", "io_uring_setup", "bpf",
		"setns", "mount", "unlink", "unlinkat", "link", "linkat", "chmod", "fchmodat",
	};
	size_t n = 0;
	bool has_write = false, has_pselect = false;
	for (const char *c; (c = kiosk_allowed_call(n)); n++) {
		for (size_t i = 0; i < sizeof never / sizeof *never; i++)
			if (strcmp(c, never[i]) == 0) {
				t_failures++;
				fprintf(stderr, "allowed: %s\n", c);
			}
		has_write |= strcmp(c, "write") == 0;
		has_pselect |= strcmp(c, "pselect6") == 0;
	}
	if (kiosk_filter() != KIOSK_FILTER_NONE) {
		CHECK(n > 10 && n < 40);
		CHECK(has_write && has_pselect);
	}
}

int main(void)
{
	test_request();
	test_note();
	test_login_shell();
	test_duration();
	test_scrub();
	test_allowlist();
	utf8_cleanup();         /* a clean exit for leak checkers */
	T_DONE();
}
