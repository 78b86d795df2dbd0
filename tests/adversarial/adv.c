/*
 * The child runner and the byte checks behind adv.h.
 */
#define _GNU_SOURCE     /* wait4(), newlocale() */
#include "adv.h"
#include "../screen/testenv.h"

#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <locale.h>
#include <signal.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>
#include <wchar.h>


const char *adv_vitae;
const char *adv_start_dir;
static char *dir;
static char **made;             /* paths to remove at the end */
static size_t nmade;

#if defined(__SANITIZE_ADDRESS__)
#define ADV_ASAN 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define ADV_ASAN 1
#endif
#endif

static double now_s(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static double env_factor(const char *name)
{
	const char *s = getenv(name);
	double f = s ? strtod(s, NULL) : 0;
	return f >= 1 ? f : 1;
}

double adv_secs(double base)
{
#ifdef ADV_ASAN
	base *= 3;
#endif
	return base * env_factor("VITAE_TEST_SLOW");
}

bool adv_slow(void)
{
	return env_factor("VITAE_TEST_SLOW") > 1;
}

long adv_mib(long base)
{
	/* AddressSanitizer adds shadow memory, redzones and a quarantine of
	 * freed blocks (256 MiB at most by default). */
#ifdef ADV_ASAN
	base = base * 2 + 256;
#endif
	return (long)((double)base * env_factor("VITAE_TEST_MEM"));
}

void adv_cleanup(void)
{
	for (size_t i = 0; i < nmade; i++) {
		if (dir) {
			char p[8192];
			snprintf(p, sizeof p, "%s/%s", dir, made[i]);
			unlink(p);
		}
		free(made[i]);
	}
	free(made);
	made = NULL;
	nmade = 0;
	if (dir) {
		rmdir(dir);
		free(dir);
		dir = NULL;
	}
}

void adv_setup(int argc, char **argv)
{
	if (argc < 2) {
		fprintf(stderr, "usage: %s VITAE [CASE...]\n", argv[0]);
		exit(2);
	}
	adv_vitae = argv[1];
	const char *tmp = getenv("TMPDIR");
	size_t n = strlen(tmp && *tmp ? tmp : "/tmp") + sizeof "/vitae-adv-XXXXXX";
	dir = malloc(n);
	snprintf(dir, n, "%s/vitae-adv-XXXXXX", tmp && *tmp ? tmp : "/tmp");
	if (!mkdtemp(dir)) {
		perror("mkdtemp");
		exit(2);
	}
	static char start[4096];
	if (!getcwd(start, sizeof start) || chdir(dir) != 0) {
		perror("adv_setup");
		exit(2);
	}
	adv_start_dir = start;
	atexit(adv_cleanup);
	setlocale(LC_CTYPE, "C.UTF-8");
}

const char *adv_path(const char *name)
{
	for (size_t i = 0; i < nmade; i++)
		if (strcmp(made[i], name) == 0)
			return made[i];
	char *p = strdup(name);
	char **m = realloc(made, (nmade + 1) * sizeof *made);
	if (!p || !m) {
		perror("adv_path");
		exit(2);
	}
	made = m;
	made[nmade++] = p;
	return p;
}

FILE *adv_create(const char *name, const char **path)
{
	const char *p = adv_path(name);
	FILE *f = fopen(p, "wb");
	if (!f) {
		perror(p);
		exit(2);
	}
	if (path)
		*path = p;
	return f;
}

const char *adv_write(const char *name, const void *data, size_t n)
{
	const char *p;
	FILE *f = adv_create(name, &p);
	if (fwrite(data, 1, n, f) != n || fclose(f) != 0) {
		perror(p);
		exit(2);
	}
	return p;
}

const char *adv_write_str(const char *name, const char *text)
{
	return adv_write(name, text, strlen(text));
}

/* --- running ------------------------------------------------------------- */

/* A known locale; no terminal: the case says what TERM it wants. */
static const char *const env_defaults[] = {
	"LANG=C.UTF-8", "LC_ALL", "LC_CTYPE", "TERM", "LINES", "COLUMNS", "NO_COLOR",
};

/* Reads at most ADV_CAPTURE_MAX bytes of path into *buf; the file's size. */
static size_t slurp(const char *path, char **buf, size_t *len)
{
	struct stat st;
	int fd = open(path, O_RDONLY);
	*buf = NULL;
	*len = 0;
	if (fd < 0 || fstat(fd, &st) < 0) {
		if (fd >= 0)
			close(fd);
		*buf = calloc(1, 1);
		return 0;
	}
	size_t want = (size_t)st.st_size < ADV_CAPTURE_MAX ? (size_t)st.st_size : ADV_CAPTURE_MAX;
	*buf = malloc(want + 1);
	size_t got = 0;
	while (*buf && got < want) {
		ssize_t r = read(fd, *buf + got, want - got);
		if (r <= 0)
			break;
		got += (size_t)r;
	}
	close(fd);
	if (*buf)
		(*buf)[got] = '\0';
	*len = got;
	return (size_t)st.st_size;
}

bool adv_run(struct adv_result *r, const char *const args[],
             const char *const env[], const char *stdin_path, double timeout_s)
{
	const char *opath = adv_path("run.out"), *epath = adv_path("run.err");

	*r = (struct adv_result){ .status = -1 };
	char *argv[64] = { (char *)adv_vitae };
	size_t argc = 1;
	for (size_t i = 0; args && args[i] && argc < 63; i++)
		argv[argc++] = (char *)args[i];
	char **cenv = testenv_build(env_defaults,
	                             sizeof env_defaults / sizeof *env_defaults, env);
	if (!cenv)
		return false;

	fflush(NULL);
	double t0 = now_s();
	pid_t pid = fork();
	if (pid < 0) {
		perror("fork");
		free(cenv);
		return false;
	}
	if (pid == 0) {
		setpgid(0, 0);
		signal(SIGPIPE, SIG_DFL);
		int in = open(stdin_path ? stdin_path : "/dev/null", O_RDONLY);
		int out = open(opath, O_WRONLY | O_CREAT | O_TRUNC, 0600);
		int err = open(epath, O_WRONLY | O_CREAT | O_TRUNC, 0600);
		if (in < 0 || out < 0 || err < 0 || dup2(in, 0) < 0 || dup2(out, 1) < 0 ||
		    dup2(err, 2) < 0)
			_exit(126);
		execve(argv[0], argv, cenv);
		_exit(127);
	}
	free(cenv);

	struct rusage ru = { 0 };
	int st = 0;
	for (;;) {
		pid_t w = wait4(pid, &st, WNOHANG, &ru);
		if (w == pid)
			break;
		if (w < 0 && errno != EINTR) {
			perror("wait4");
			return false;
		}
		if (now_s() - t0 > timeout_s && !r->timed_out) {
			r->timed_out = true;
			kill(-pid, SIGKILL);
			kill(pid, SIGKILL);
		}
		nanosleep(&(struct timespec){ .tv_nsec = 2000000 }, NULL);
	}
	r->wall_s = now_s() - t0;
	r->status = st;
	r->cpu_s = (double)ru.ru_utime.tv_sec + (double)ru.ru_utime.tv_usec / 1e6 +
	           (double)ru.ru_stime.tv_sec + (double)ru.ru_stime.tv_usec / 1e6;
	r->maxrss_kib = ru.ru_maxrss;
	r->out_total = slurp(opath, &r->out, &r->nout);
	slurp(epath, &r->err, &r->nerr);
	unlink(opath);
	unlink(epath);
	return true;
}

void adv_result_free(struct adv_result *r)
{
	free(r->out);
	free(r->err);
	r->out = r->err = NULL;
}

void adv_describe(const struct adv_result *r, FILE *f)
{
	if (r->status == -1)
		fprintf(f, "did not run");
	else if (r->timed_out)
		fprintf(f, "killed after %.1f s", r->wall_s);
	else if (WIFSIGNALED(r->status))
		fprintf(f, "killed by signal %d", WTERMSIG(r->status));
	else
		fprintf(f, "exit %d", WEXITSTATUS(r->status));
	fprintf(f, ", %.2f s wall, %.2f s CPU, %ld MiB peak", r->wall_s, r->cpu_s,
	        r->maxrss_kib / 1024);
	const char *e = r->err ? r->err : "";
	fprintf(f, "; stderr: %.*s\n", (int)(strcspn(e, "\n") < 300 ? strcspn(e, "\n") : 300), e);
}

/* --- bytes --------------------------------------------------------------- */

/* One code point from s (at most n bytes): its length, 0 if invalid. */
static size_t decode(const unsigned char *s, size_t n, uint32_t *cp)
{
	if (s[0] < 0x80) {
		*cp = s[0];
		return 1;
	}
	size_t len = s[0] >= 0xF0 && s[0] <= 0xF4 ? 4 : s[0] >= 0xE0 ? 3 : s[0] >= 0xC2 ? 2 : 0;
	if (!len || len > n || s[0] > 0xF4)
		return 0;
	uint32_t c = s[0] & (0x7F >> len);
	for (size_t i = 1; i < len; i++) {
		if ((s[i] & 0xC0) != 0x80)
			return 0;
		c = c << 6 | (s[i] & 0x3F);
	}
	static const uint32_t least[] = { 0, 0, 0x80, 0x800, 0x10000 };
	if (c < least[len] || c > 0x10FFFF || (c >= 0xD800 && c <= 0xDFFF))
		return 0;
	*cp = c;
	return len;
}

/* Invisible characters that reorder or hide text; what vitae drops or
 * replaces, with the line and paragraph separators. Written out here on
 * purpose rather than taken from utf8.c: an oracle that shared the
 * classifier would agree with its mistakes. */
static bool invisible(uint32_t c)
{
	return (c >= 0x200B && c <= 0x200F) || (c >= 0x202A && c <= 0x202E) ||
	       (c >= 0x2060 && c <= 0x2069) || c == 0xFEFF || c == 0x061C ||
	       (c >= 0xE0000 && c <= 0xE007F) || c == 0x180E || c == 0x2028 ||
	       c == 0x2029 || (c >= 0xFFF9 && c <= 0xFFFB) || c == 0x034F ||
	       c == 0x115F || c == 0x1160 || c == 0x3164 || c == 0xFFA0;
}

bool adv_text_safe(const char *s, size_t n, char *why, size_t whylen)
{
	const unsigned char *u = (const unsigned char *)s;
	for (size_t i = 0; i < n;) {
		uint32_t c;
		size_t len = decode(u + i, n - i, &c);
		if (!len) {
			snprintf(why, whylen, "invalid UTF-8 (byte 0x%02X) at offset %zu", u[i], i);
			return false;
		}
		if ((c < 0x20 && c != '\n') || (c >= 0x7F && c <= 0x9F)) {
			snprintf(why, whylen, "control U+%04X at offset %zu", (unsigned)c, i);
			return false;
		}
		if (invisible(c)) {
			snprintf(why, whylen, "invisible U+%04X at offset %zu", (unsigned)c, i);
			return false;
		}
		i += len;
	}
	return true;
}

int adv_max_width(const char *s, size_t n)
{
	const unsigned char *u = (const unsigned char *)s;
	int max = 0, w = 0;
	for (size_t i = 0; i < n;) {
		uint32_t c;
		size_t len = decode(u + i, n - i, &c);
		if (!len) {
			i++;
			w++;
			continue;
		}
		i += len;
		if (c == '\n') {
			w = 0;
			continue;
		}
		int cw = wcwidth((wchar_t)c);
		w += cw < 0 ? 1 : cw;
		if (w > max)
			max = w;
	}
	return max;
}

bool adv_has_line(const char *text, const char *line)
{
	size_t n = strlen(line);
	for (const char *p = text; p && *p;) {
		const char *e = strchr(p, '\n');
		size_t len = e ? (size_t)(e - p) : strlen(p);
		if (len == n && memcmp(p, line, n) == 0)
			return true;
		p = e ? e + 1 : NULL;
	}
	return false;
}

/* Shows up to 24 bytes of s from i, escaped, for a failure message. */
static const char *excerpt(const unsigned char *s, size_t n, size_t i)
{
	static char buf[128];
	size_t k = 0;
	for (size_t j = i; j < n && j < i + 24 && k + 5 < sizeof buf; j++)
		k += (size_t)snprintf(buf + k, sizeof buf - k,
		                      s[j] >= 0x20 && s[j] < 0x7F ? "%c" : "\\x%02X", s[j]);
	buf[k] = '\0';
	return buf;
}

bool adv_term_safe(const char *str, size_t n, unsigned flags, char *why, size_t whylen)
{
	const unsigned char *s = (const unsigned char *)str;
	/* CSI finals curses uses through terminfo for xterm and its kin */
	static const char finals[] = "mHJKABCDGdLM@PXSTrhlbZEFf`t";
	for (size_t i = 0; i < n;) {
		unsigned char c = s[i];
		if (c == 0x1B) {
			size_t st = i++;
			if (i >= n)
				break;          /* cut at the end of the log */
			c = s[i++];
			if (c == '[') {
				size_t p0 = i;
				while (i < n && ((s[i] >= '0' && s[i] <= '9') || s[i] == ';' ||
				                 (i == p0 && (s[i] == '?' || s[i] == '>'))))
					i++;
				if (i >= n)
					break;
				if (i - p0 > 40 || !strchr(finals, s[i]) || !s[i]) {
					snprintf(why, whylen, "CSI not from curses at %zu: %s", st,
					         excerpt(s, n, st));
					return false;
				}
				/* window ops: only xterm's title stack, which ncurses'
				 * smcup and rmcup push and pop */
				if (s[i] == 't' && !((i - p0 == 6 && (memcmp(s + p0, "22;0;0", 6) == 0 ||
				                                      memcmp(s + p0, "23;0;0", 6) == 0)))) {
					snprintf(why, whylen, "window op at %zu: %s", st, excerpt(s, n, st));
					return false;
				}
				/* ED 3 clears the scrollback: terminfo's E3, which
				 * curses never sends */
				if (s[i] == 'J' && i - p0 == 1 && s[p0] == '3') {
					snprintf(why, whylen, "ESC[3J at %zu", st);
					return false;
				}
				i++;
			} else if (c == ']' && (flags & ADV_TERM_OSC52) && n - i >= 5 && memcmp(s + i, "52;c;", 5) == 0) {
				i += 5;
				while (i < n && (isalnum(s[i]) || s[i] == '+' || s[i] == '/' || s[i] == '='))
					i++;
				if (i < n && s[i] == 0x07)
					i++;
				else if (i + 1 < n && s[i] == 0x1B && s[i + 1] == '\\')
					i += 2;
				else if (i < n) {
					snprintf(why, whylen, "bad OSC 52 at %zu: %s", st, excerpt(s, n, st));
					return false;
				}
			} else if ((c == '(' || (c == ')' && (flags & ADV_TERM_G1))) && i < n &&
			           (s[i] == 'B' || s[i] == '0')) {
				i++;
			} else if (!strchr("78=>M", c) || !c) {
				snprintf(why, whylen, "escape sequence not from curses at %zu: %s", st,
				         excerpt(s, n, st));
				return false;
			}
			continue;
		}
		if (c < 0x20 || c == 0x7F) {
			bool g1 = (c == 0x0E || c == 0x0F) && (flags & ADV_TERM_G1);
			if (c != '\r' && c != '\n' && c != '\b' && c != '\t' && !g1) {
				snprintf(why, whylen, "control 0x%02X at %zu: %s", c, i, excerpt(s, n, i));
				return false;
			}
			i++;
			continue;
		}
		uint32_t cp;
		size_t len = decode(s + i, n - i, &cp);
		if (!len) {
			if (n - i < 4)
				break;          /* a character cut at the end of the log */
			snprintf(why, whylen, "invalid UTF-8 at %zu: %s", i, excerpt(s, n, i));
			return false;
		}
		if (cp >= 0x80 && cp <= 0x9F) {
			snprintf(why, whylen, "C1 control U+%04X at %zu", (unsigned)cp, i);
			return false;
		}
		if (invisible(cp)) {
			snprintf(why, whylen, "invisible U+%04X at %zu", (unsigned)cp, i);
			return false;
		}
		i += len;
	}
	return true;
}
