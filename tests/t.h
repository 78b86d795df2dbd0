#pragma once
/*
 * A minimal unit-test harness: each test program runs its checks, prints
 * one line per failure with file and line, and exits non-zero if any
 * failed. meson counts each program as one test.
 */
#include <stdio.h>
#include <string.h>

static int t_failures;
static int t_checks;

#define CHECK(cond) do { \
	t_checks++; \
	if (!(cond)) { \
		t_failures++; \
		fprintf(stderr, "%s:%d: check failed: %s\n", __FILE__, __LINE__, #cond); \
	} \
} while (0)

#define CHECK_STR(got, want) do { \
	const char *g_ = (got), *w_ = (want); \
	t_checks++; \
	if (!g_ || !w_ || strcmp(g_, w_) != 0) { \
		t_failures++; \
		fprintf(stderr, "%s:%d: %s\n  got:  \"%s\"\n  want: \"%s\"\n", \
		        __FILE__, __LINE__, #got, g_ ? g_ : "(null)", w_ ? w_ : "(null)"); \
	} \
} while (0)

#define CHECK_INT(got, want) do { \
	long long g_ = (long long)(got), w_ = (long long)(want); \
	t_checks++; \
	if (g_ != w_) { \
		t_failures++; \
		fprintf(stderr, "%s:%d: %s = %lld, want %lld\n", \
		        __FILE__, __LINE__, #got, g_, w_); \
	} \
} while (0)

/*
 * A bound on seconds that only a hang or a quadratic blow-up crosses
 * (those take minutes to hours), generous enough for sanitizer and
 * valgrind builds on a loaded machine. Never a measure of speed: that is
 * tests/bench/run's job, against a baseline in the same run.
 */
#define T_HANG_SECS 30.0

#define T_DONE() do { \
	printf("%d checks, %d failed\n", t_checks, t_failures); \
	return t_failures ? 1 : 0; \
} while (0)
