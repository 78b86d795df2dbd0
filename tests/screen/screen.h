#pragma once
/*
 * What every screen test shares: t.h's checks, plus checks that print the
 * screen when they fail (a failed screen check is unreadable without it),
 * and a watchdog so a stuck test dies well before meson's timeout.
 */
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>
#include "../t.h"
#include "vt.h"

/* Generous bounds: they only matter when something is wrong. Under
 * valgrind (its test setup sets VITAE_TEST_SLOW=10) vitae starts about
 * fifty times slower, so they grow with it. */
static inline int screen_slow(void)
{
	const char *s = getenv("VITAE_TEST_SLOW");
	int f = s ? atoi(s) : 1;
	return f < 1 ? 1 : f > 100 ? 100 : f;
}
#define WAIT_MS (3000 * screen_slow())
#define EXIT_MS (3000 * screen_slow())

/* CHECK, and dump the screen when it fails. */
#define SCHECK(v, cond) do { \
	int f_ = t_failures; \
	CHECK(cond); \
	if (t_failures != f_) \
		vt_dump((v), stderr); \
} while (0)

/* The screen shows text (waiting for it a while). */
#define SCREEN_HAS(v, text) do { \
	int f_ = t_failures; \
	t_checks++; \
	if (!vt_wait_text((v), (text), WAIT_MS)) { \
		t_failures++; \
		fprintf(stderr, "%s:%d: screen lacks \"%s\"\n", __FILE__, __LINE__, (text)); \
	} else { \
		vt_settle((v), 20, 500); /* the rest of that redraw */ \
	} \
	if (t_failures != f_) \
		vt_dump((v), stderr); \
} while (0)

/* The screen does not show text (waiting for it to go, a short while). */
#define SCREEN_LACKS(v, text) do { \
	int f_ = t_failures; \
	t_checks++; \
	if (!vt_wait_gone((v), (text), 1000)) { \
		t_failures++; \
		fprintf(stderr, "%s:%d: screen shows \"%s\"\n", __FILE__, __LINE__, (text)); \
	} \
	if (t_failures != f_) \
		vt_dump((v), stderr); \
} while (0)

static inline void screen_watchdog(unsigned seconds)
{
	signal(SIGALRM, SIG_DFL);
	alarm(seconds * (unsigned)screen_slow());
}

/* --- vitae ------------------------------------------------------------ */

/* The binary under test: argv[1] of every test_*.c but test_vt. */
static const char *vitae_bin;
/* The résumé the tests read, never the one compiled in (an owner's
 * -Dresume build runs them too): argv[2], tests/fixtures/arjun-rao.yaml,
 * for fixture_open(). */
static const char *vitae_fixture;

/* The last row: pane name, position, message, "? help". */
static inline const char *status_row(struct vt *v)
{
	int rows, cols;
	vt_size(v, &rows, &cols);
	return vt_row(v, rows - 1);
}

static inline bool status_has(struct vt *v, const void *text)
{
	return strstr(status_row(v), text) != NULL;
}

/* The status line starts with the pane's name: " Education  Top", or
 * the start of a long name cut with an ellipsis; in the text's column,
 * centred on a wide terminal. */
static inline bool pane_is(struct vt *v, const void *name)
{
	const char *s = status_row(v), *n = name;
	while (s[0] == ' ' && s[1] == ' ')
		s++;
	if (*s++ != ' ')
		return false;
	size_t i = 0;
	while (n[i] && s[i] == n[i])
		i++;
	if (!n[i])
		return s[i] == ' ';
	return i > 3 && strncmp(s + i, "…", strlen("…")) == 0;
}

/* Whether s[0..n) is all ASCII: what --ascii sends and shows. */
static inline bool all_ascii(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if ((unsigned char)s[i] >= 0x80)
			return false;
	return true;
}

/* Whether the bytes occur in buf. */
static inline bool mem_has(const char *buf, size_t len, const char *bytes, size_t n)
{
	for (size_t i = 0; n && i + n <= len; i++)
		if (buf[i] == bytes[0] && memcmp(buf + i, bytes, n) == 0)
			return true;
	return false;
}

#define STATUS_HAS(v, text) do { \
	int f_ = t_failures; \
	t_checks++; \
	if (!vt_wait_for((v), status_has, (text), WAIT_MS)) { \
		t_failures++; \
		fprintf(stderr, "%s:%d: status line lacks \"%s\"\n", __FILE__, __LINE__, (text)); \
	} else { \
		vt_settle((v), 20, 500); \
	} \
	if (t_failures != f_) \
		vt_dump((v), stderr); \
} while (0)

#define PANE_IS(v, name) do { \
	int f_ = t_failures; \
	t_checks++; \
	if (!vt_wait_for((v), pane_is, (name), WAIT_MS)) { \
		t_failures++; \
		fprintf(stderr, "%s:%d: pane is not \"%s\"\n", __FILE__, __LINE__, (name)); \
	} else { \
		vt_settle((v), 20, 500); \
	} \
	if (t_failures != f_) \
		vt_dump((v), stderr); \
} while (0)

/* Types keys and waits until the screen has answered and gone quiet. */
#define TYPE(v, keys) do { \
	if (!vt_type((v), (keys), WAIT_MS)) \
		fprintf(stderr, "%s:%d: no output after typing \"%s\"\n", \
		        __FILE__, __LINE__, (keys)); \
} while (0)

static inline bool ready(struct vt *v, const void *unused)
{
	(void)unused;
	/* on a narrow screen, a file's problems note takes the place of the
	 * hint */
	return status_has(v, "? help") || status_has(v, ": press ! to list") ||
	       vt_has(v, "Terminal too small");
}

/*
 * Starts vitae with args (NULL-terminated, may be NULL; without a FILE
 * in them, the compiled-in résumé) and waits for its first full screen.
 * NULL if it could not start.
 */
static inline struct vt *vitae_open(int rows, int cols, const char *const args[],
                                    const char *const env[])
{
	char *argv[16] = { (char *)vitae_bin };
	int n = 1;
	for (int i = 0; args && args[i] && n < 15; i++)
		argv[n++] = (char *)args[i];
	argv[n] = NULL;
	struct vt *v = vt_start(argv, rows, cols, env);
	t_checks++;
	if (!v) {
		t_failures++;
		fprintf(stderr, "cannot start %s\n", vitae_bin);
		return NULL;
	}
	if (!vt_wait_for(v, ready, NULL, WAIT_MS)) {
		t_failures++;
		fprintf(stderr, "vitae %dx%d: no first screen\n", cols, rows);
		vt_dump(v, stderr);
	}
	vt_settle(v, 30, 500);
	return v;
}

/* vitae_open() on file, args before it. */
static inline struct vt *vitae_open_file(const char *file, int rows, int cols,
                                         const char *const args[], const char *const env[])
{
	const char *a[15];
	int n = 0;
	for (; args && args[n] && n < 13; n++)
		a[n] = args[n];
	a[n++] = file;
	a[n] = NULL;
	return vitae_open(rows, cols, a, env);
}

/* vitae_open_file() on the fixture. */
static inline struct vt *fixture_open(int rows, int cols, const char *const args[],
                                      const char *const env[])
{
	t_checks++;
	if (!vitae_fixture) {
		t_failures++;
		fprintf(stderr, "fixture_open: no fixture given (usage: TEST VITAE FIXTURE)\n");
		return NULL;
	}
	return vitae_open_file(vitae_fixture, rows, cols, args, env);
}

/* The row of the pane bar: it starts with the All tab, or the arrow
 * saying the bar scrolled, in the text's column (centred on a wide
 * terminal). -1 if there is none. */
static inline int bar_row(struct vt *v)
{
	int rows, cols;
	vt_size(v, &rows, &cols);
	for (int r = 0; r < rows - 1; r++) {
		const char *s = vt_row(v, r);
		while (s[0] == ' ' && s[1] == ' ')
			s++;
		if (strncmp(s, " 1 All ", 7) == 0 || strncmp(s, "‹ ", strlen("‹ ")) == 0 ||
		    strncmp(s, "< ", 2) == 0)
			return r;
	}
	return -1;
}

/* A content row with the current-entry marker blanked, so that rows can
 * be compared whichever entry is marked. */
static inline const char *content_text(struct vt *v, int row)
{
	const char *s = vt_row(v, row);
	static char buf[4096];
	size_t i = 0;
	while (s[i] == ' ')
		i++;
	snprintf(buf, sizeof buf, "%s", s);
	if (strncmp(s + i, "│", strlen("│")) == 0) {
		memset(buf + i, ' ', 1);
		memmove(buf + i + 1, buf + i + strlen("│"), strlen(buf + i + strlen("│")) + 1);
	} else if (s[i] == '|') {
		buf[i] = ' ';
	}
	return buf;
}

/* Whether a content row carries the current-entry marker. */
static inline bool row_marked(struct vt *v, int row)
{
	const char *s = vt_row(v, row);
	while (*s == ' ')
		s++;
	return strncmp(s, "│", strlen("│")) == 0 || *s == '|';
}

/* Quits with key and checks the exit and the terminal. */
static inline void quit_with(struct vt *v, const char *key)
{
	int st = -1;
	size_t before = vt_bytes(v);
	if (key[0] == 3)
		vt_send_ctrl(v, 'c');
	else
		vt_send(v, key);
	t_checks++;
	if (!vt_wait_exit(v, EXIT_MS, &st)) {
		t_failures++;
		fprintf(stderr, "quitting with %s: still running\n", key[0] == 3 ? "^C" : key);
		vt_dump(v, stderr);
		return;
	}
	CHECK(WIFEXITED(st) && WEXITSTATUS(st) == 0);
	CHECK(vt_log_has(v, before, "\033[?1049l", 8));
	CHECK(vt_restored(v, stderr));
}

/* Every screen test starts with this: VITAE, then the fixture if the
 * test reads it. */
#define SCREEN_MAIN_START(argc, argv) do { \
	screen_watchdog(50); \
	if ((argc) < 2) { \
		fprintf(stderr, "usage: %s VITAE\n", (argv)[0]); \
		return 2; \
	} \
	vitae_bin = (argv)[1]; \
	vitae_fixture = (argc) > 2 ? (argv)[2] : NULL; \
} while (0)
