#pragma once
/*
 * What the adversarial tests share: running vitae as a child with a wall
 * clock bound, its peak memory and CPU time from wait4(), inputs written
 * at test time into a private temporary directory, and byte-level checks
 * that output is safe to send to a terminal.
 *
 * Bounds are generous on purpose: they catch a hang, a loop or memory
 * that grows with a hostile input, not a slow machine. VITAE_TEST_SLOW
 * (a number, default 1) multiplies every time bound and VITAE_TEST_MEM
 * every memory bound; the valgrind test setup sets both. A sanitizer
 * build scales them itself (adv.c).
 *
 * Ownership: strings returned by adv_path() and adv_write() live until
 * adv_cleanup(), which removes the directory (it runs at exit).
 */
#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>
#include <sys/types.h>
#include <sys/wait.h>
#include "../t.h"

/* Most of a child's output kept for checks; the total is still counted. */
#define ADV_CAPTURE_MAX ((size_t)128 << 20)

struct adv_result {
	int status;             /* raw wait status; -1 if it never ran */
	bool timed_out;         /* killed at the wall clock bound */
	double wall_s, cpu_s;   /* elapsed, and user + system time */
	long maxrss_kib;        /* peak resident set, from wait4() */
	char *out, *err;        /* NUL-terminated captures */
	size_t nout, nerr;      /* their lengths (at most ADV_CAPTURE_MAX) */
	size_t out_total;       /* bytes written to stdout in all */
};

/*
 * argv[1] is the vitae binary. Makes the temporary directory and makes it
 * the working directory, so that inputs are named by their bare names
 * (and messages read "name.yaml:1:2: error: ..."); adv_start_dir is the
 * directory the test started in (meson's workdir: tests/).
 */
void adv_setup(int argc, char **argv);
extern const char *adv_vitae;
extern const char *adv_start_dir;
void adv_cleanup(void);

/* Time and memory bounds for this build and setup. */
double adv_secs(double base);
long adv_mib(long base);
/* Under a slow setup (valgrind): the long loops run a sample. */
bool adv_slow(void);

/* A file in the temporary directory: its name, or the file written. */
const char *adv_path(const char *name);
const char *adv_write(const char *name, const void *data, size_t n);
const char *adv_write_str(const char *name, const char *text);
/* Opens name for writing (the caller closes it); *path gets its path. */
FILE *adv_create(const char *name, const char **path);

/*
 * Runs vitae with args (NULL-terminated, not counting the program) and
 * env operations (as vt_start(): "NAME=value" sets, "NAME" unsets;
 * LANG=C.UTF-8 and no LC_ALL/LC_CTYPE/TERM by default), stdin from
 * stdin_path (NULL: /dev/null), killed after timeout_s. Fills r; false if
 * it could not be started.
 */
bool adv_run(struct adv_result *r, const char *const args[],
             const char *const env[], const char *stdin_path, double timeout_s);
void adv_result_free(struct adv_result *r);
/* One line for failure reports: status, time, memory, first stderr line. */
void adv_describe(const struct adv_result *r, FILE *f);

/*
 * Whether bytes are safe on a terminal as plain text: valid UTF-8 with
 * no C0 control but newline, no DEL, no C1 control, and none of the
 * invisible characters that reorder or hide text (bidi controls, zero
 * width, BOM, tags). On false, why says what and at which byte offset.
 */
bool adv_text_safe(const char *s, size_t n, char *why, size_t whylen);
/*
 * Whether raw terminal output holds nothing but what curses sends to an
 * xterm-like terminal: UTF-8 text with CR, LF, BS and TAB; CSI sequences
 * with numeric parameters (and a private '?' or '>') ending in a final
 * that terminfo uses (SGR, motion, erase, insert/delete, scroll region,
 * modes; CSI 22;0;0 t and 23;0;0 t, the title stack of smcup/rmcup);
 * ESC ( B and ESC ( 0; ESC 7, 8, =, >, M. No OSC, DCS, APC, PM
 * or SOS string, no other ESC sequence, no C1 control and no other C0
 * control. Flags allow more: ADV_TERM_OSC52, clipboard writes (the `y`
 * key); ADV_TERM_G1, the G1 character set (ESC ) 0, SO and SI) that the
 * screen and tmux descriptions use for line drawing. On false, why says
 * what and at which offset.
 */
enum { ADV_TERM_OSC52 = 1, ADV_TERM_G1 = 2 };
bool adv_term_safe(const char *s, size_t n, unsigned flags, char *why, size_t whylen);
/* The widest line of s, in terminal columns (C.UTF-8 wcwidth). */
int adv_max_width(const char *s, size_t n);

/* --- checks ------------------------------------------------------------ */

/* Ran, was not killed, and finished within the bounds. */
#define CHECK_BOUNDED(r, secs, mib) do { \
	const struct adv_result *r_ = (r); \
	double s_ = adv_secs(secs); \
	long m_ = adv_mib(mib); \
	t_checks++; \
	if (r_->status == -1 || r_->timed_out || r_->wall_s > s_ || \
	    r_->maxrss_kib > m_ * 1024) { \
		t_failures++; \
		fprintf(stderr, "%s:%d: not within %.0f s and %ld MiB: ", \
		        __FILE__, __LINE__, s_, m_); \
		adv_describe(r_, stderr); \
	} \
} while (0)

/* Exited normally with this status. */
#define CHECK_EXIT(r, code) do { \
	const struct adv_result *r_ = (r); \
	t_checks++; \
	if (!WIFEXITED(r_->status) || WEXITSTATUS(r_->status) != (code)) { \
		t_failures++; \
		fprintf(stderr, "%s:%d: want exit %d: ", __FILE__, __LINE__, (code)); \
		adv_describe(r_, stderr); \
	} \
} while (0)

/* Bytes are safe for a terminal (adv_text_safe). */
#define CHECK_SAFE(what, s, n) do { \
	char why_[160]; \
	t_checks++; \
	if (!adv_text_safe((s), (n), why_, sizeof why_)) { \
		t_failures++; \
		fprintf(stderr, "%s:%d: %s is unsafe: %s\n", __FILE__, __LINE__, (what), why_); \
	} \
} while (0)

/* Raw terminal output is what curses would send (adv_term_safe). */
#define CHECK_TERM_SAFE(s, n, flags) do { \
	char why_[200]; \
	t_checks++; \
	if (!adv_term_safe((s), (n), (flags), why_, sizeof why_)) { \
		t_failures++; \
		fprintf(stderr, "%s:%d: terminal output: %s\n", __FILE__, __LINE__, why_); \
	} \
} while (0)

/* Text contains a substring (with the text shown, cut, on failure). */
#define CHECK_HAS(s, sub) do { \
	const char *s_ = (s), *u_ = (sub); \
	t_checks++; \
	if (!s_ || !strstr(s_, u_)) { \
		t_failures++; \
		fprintf(stderr, "%s:%d: lacks \"%s\" in:\n%.600s\n", __FILE__, __LINE__, \
		        u_, s_ ? s_ : "(null)"); \
	} \
} while (0)

#define CHECK_LACKS(s, sub) do { \
	const char *s_ = (s), *u_ = (sub); \
	t_checks++; \
	if (s_ && strstr(s_, u_)) { \
		t_failures++; \
		fprintf(stderr, "%s:%d: has \"%s\" in:\n%.600s\n", __FILE__, __LINE__, \
		        u_, s_); \
	} \
} while (0)

/* stderr has a line exactly equal to want. */
#define CHECK_LINE(r, want) do { \
	const struct adv_result *r_ = (r); \
	t_checks++; \
	if (!adv_has_line(r_->err, (want))) { \
		t_failures++; \
		fprintf(stderr, "%s:%d: stderr lacks the line\n  %s\ngot:\n%.1200s\n", \
		        __FILE__, __LINE__, (want), r_->err ? r_->err : ""); \
	} \
} while (0)

/* The first line of stderr is exactly want. */
#define CHECK_FIRST(r, want) do { \
	const struct adv_result *r_ = (r); \
	const char *e_ = r_->err ? r_->err : ""; \
	size_t l_ = strcspn(e_, "\n"); \
	t_checks++; \
	if (strlen(want) != l_ || strncmp(e_, (want), l_) != 0) { \
		t_failures++; \
		fprintf(stderr, "%s:%d: first line of stderr\n  got:  %.*s\n  want: %s\n", \
		        __FILE__, __LINE__, (int)(l_ < 600 ? l_ : 600), e_, (want)); \
	} \
} while (0)

bool adv_has_line(const char *text, const char *line);

/*
 * Runs vitae and checks what every run must satisfy: it ended by itself
 * within the bounds, with status 0, 1 or 2 (never a signal or a
 * sanitizer's status), and its standard error is safe for a terminal.
 * Standard output is the caller's to check: it may be a terminal's.
 */
static inline void run_vitae(struct adv_result *r, const char *const args[],
                              const char *stdin_path, double secs, long mib)
{
	adv_run(r, args, NULL, stdin_path, adv_secs(secs) + 30);
	CHECK_BOUNDED(r, secs, mib);
	t_checks++;
	if (!WIFEXITED(r->status) || WEXITSTATUS(r->status) > 2) {
		t_failures++;
		fprintf(stderr, "vitae");
		for (size_t i = 0; args && args[i]; i++)
			fprintf(stderr, " %.60s", args[i]);
		fprintf(stderr, ": ");
		adv_describe(r, stderr);
		fprintf(stderr, "%.2000s\n", r->err ? r->err : "");
	}
	CHECK_SAFE("stderr", r->err, r->nerr);
}

/* --- cases ------------------------------------------------------------- */

struct adv_case {
	const char *name;
	void (*run)(void);
};

/*
 * main() of a test program: `test VITAE CASE` runs one case (meson
 * registers each as a test), `test VITAE` runs them all. ADV_MAIN_WITH
 * runs a statement first, after adv_setup().
 */
#define ADV_MAIN_WITH(cases, init) \
int main(int argc, char **argv) \
{ \
	adv_setup(argc, argv); \
	init; \
	size_t n_ = sizeof (cases) / sizeof (cases)[0], ran_ = 0; \
	for (size_t i_ = 0; i_ < n_; i_++) \
		if (argc < 3 || strcmp(argv[2], (cases)[i_].name) == 0) { \
			(cases)[i_].run(); \
			ran_++; \
		} \
	if (!ran_) { \
		fprintf(stderr, "no case named %s\n", argv[2]); \
		return 2; \
	} \
	T_DONE(); \
}

#define ADV_MAIN(cases) ADV_MAIN_WITH(cases, (void)0)
