#include "match.h"

#include <string.h>
#include <wctype.h>
#include "utf8.h"

/* ASCII folds without the locale, so tests and a C locale agree; other
 * letters fold as the locale says (the viewer runs in the user's one). */
static uint32_t fold(uint32_t c)
{
	if (c < 0x80)
		return c >= 'A' && c <= 'Z' ? c + ('a' - 'A') : c;
	return (uint32_t)towlower((wint_t)c);
}

bool pat_smart_icase(const char *pat)
{
	size_t len = strlen(pat);
	for (size_t i = 0; i < len;) {
		uint32_t c;
		i += utf8_decode(pat + i, len - i, &c);
		if (fold(c) != c)
			return false;
	}
	return true;
}

/* Bytes of s[at..len) matching pat in full, or 0. */
static size_t match_at(const char *s, size_t len, size_t at, const char *pat,
                       size_t plen, bool icase)
{
	size_t i = at, j = 0;
	while (j < plen) {
		if (i >= len)
			return 0;
		uint32_t a, b;
		size_t na = utf8_decode(s + i, len - i, &a);
		size_t nb = utf8_decode(pat + j, plen - j, &b);
		if (icase ? fold(a) != fold(b) : a != b)
			return 0;
		i += na;
		j += nb;
	}
	return i - at;
}

long pat_find(const char *s, size_t len, size_t from, const char *pat,
              bool icase, size_t *mlen)
{
	size_t plen = strlen(pat);
	*mlen = 0;
	if (!plen)
		return -1;
	for (size_t i = from; i < len;) {
		size_t n = match_at(s, len, i, pat, plen, icase);
		if (n) {
			*mlen = n;
			return (long)i;
		}
		uint32_t c;
		i += utf8_decode(s + i, len - i, &c);
	}
	return -1;
}
