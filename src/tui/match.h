#pragma once
/*
 * Finding a pattern in text, with smart case: a pattern without an
 * upper-case letter ignores case. Plain substrings, not regular
 * expressions: a résumé reader types words, and "C++" or "C#" must mean
 * what they say. Owned by the viewer (src/tui/).
 */
#include <stdbool.h>
#include <stddef.h>

/* True when pat has no upper-case letter, so case is to be ignored. */
bool pat_smart_icase(const char *pat);

/*
 * First occurrence of the NUL-terminated pat in s[from..len), or -1.
 * *mlen gets the number of bytes of s matched (case folding can change
 * it). An empty pattern matches nothing.
 */
long pat_find(const char *s, size_t len, size_t from, const char *pat,
              bool icase, size_t *mlen);
