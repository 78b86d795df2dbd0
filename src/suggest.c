#include "suggest.h"

#include <string.h>

#define LEN_MAX 64              /* longer words are not typos of a key */

static char lower(char c)
{
	return c >= 'A' && c <= 'Z' ? (char)(c - 'A' + 'a') : c;
}

size_t suggest_distance(const char *a, const char *b, size_t limit)
{
	size_t la = strlen(a), lb = strlen(b);
	if (la > LEN_MAX || lb > LEN_MAX)
		return limit + 1;
	if ((la > lb ? la - lb : lb - la) > limit)
		return limit + 1;
	/* Three rows of the optimal-string-alignment table. */
	size_t rows[3][LEN_MAX + 1];
	size_t *prev2 = rows[0], *prev = rows[1], *cur = rows[2];
	for (size_t j = 0; j <= lb; j++)
		prev[j] = j;
	for (size_t i = 1; i <= la; i++) {
		cur[0] = i;
		size_t best = cur[0];
		for (size_t j = 1; j <= lb; j++) {
			size_t cost = lower(a[i - 1]) != lower(b[j - 1]);
			size_t v = prev[j - 1] + cost;
			if (prev[j] + 1 < v)
				v = prev[j] + 1;
			if (cur[j - 1] + 1 < v)
				v = cur[j - 1] + 1;
			if (i > 1 && j > 1 && lower(a[i - 1]) == lower(b[j - 2]) &&
			    lower(a[i - 2]) == lower(b[j - 1]) && prev2[j - 2] + 1 < v)
				v = prev2[j - 2] + 1;
			cur[j] = v;
			if (v < best)
				best = v;
		}
		if (best > limit)
			return limit + 1;
		size_t *t = prev2;
		prev2 = prev;
		prev = cur;
		cur = t;
	}
	return prev[lb];
}

const char *suggest(const char *word, name_at_fn name_at, void *ctx)
{
	const char *best = NULL;
	size_t best_d = (size_t)-1, wl = strlen(word);
	const char *name;
	if (!wl)
		return NULL;
	for (size_t i = 0; (name = name_at(i, ctx)); i++) {
		size_t nl = strlen(name);
		size_t limit = nl <= 4 ? 1 : 2;
		if (limit >= wl)        /* "a" is not a typo of "at" */
			limit = wl - 1;
		size_t d = suggest_distance(word, name, limit);
		if (d == 0 && strcmp(word, name) == 0)
			return NULL;
		if (d <= limit && d < best_d) {
			best = name;
			best_d = d;
		}
	}
	return best;
}
