#include "match.h"

#include <stdint.h>
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

/*
 * A search scans every line of the résumé on each key typed at the
 * prompt, so the common case, a pattern starting with an ASCII
 * character, skips bytes that cannot start a match instead of decoding
 * every character. The answer is the same as the general loop's: an ASCII
 * byte always starts a character, and a character that folds to an ASCII
 * one is either that ASCII letter in the other case or starts with a lead
 * byte (0xC2 and up: U+212A KELVIN SIGN folds to 'k'), so those are the
 * only places tried.
 */
static long find_ascii(const char *s, size_t len, size_t from, const char *pat,
                       size_t plen, bool icase, size_t *mlen)
{
	const unsigned char *u = (const unsigned char *)s;
	unsigned char c = (unsigned char)pat[0];
	if (!icase) {
		for (size_t i = from; i < len; i++) {
			const unsigned char *p = memchr(u + i, c, len - i);
			if (!p)
				return -1;
			i = (size_t)(p - u);
			size_t n = match_at(s, len, i, pat, plen, false);
			if (n) {
				*mlen = n;
				return (long)i;
			}
		}
		return -1;
	}
	unsigned char lo = (unsigned char)fold(c), up = lo;
	if (lo >= 'a' && lo <= 'z')
		up = (unsigned char)(lo - ('a' - 'A'));
	const uint64_t ones = 0x0101010101010101u, highs = 0x8080808080808080u;
	const uint64_t wlo = ones * lo, wup = ones * up;
	/* The pattern's second character when it is ASCII, else 0. */
	uint32_t p1 = plen > 1 && (unsigned char)pat[1] < 0x80 ? fold((unsigned char)pat[1]) : 0;
	for (size_t i = from; i < len; i++) {
		/* Eight bytes at a time while none is lo, up or above 0x7F
		 * (a word has a zero byte when (x - ones) & ~x & highs). */
		while (i + 8 <= len) {
			uint64_t w, a, b;
			memcpy(&w, u + i, 8);
			a = w ^ wlo;
			b = w ^ wup;
			if (((a - ones) & ~a) & highs || ((b - ones) & ~b) & highs || w & highs)
				break;
			i += 8;
		}
		if (i >= len)
			break;
		unsigned char b = u[i];
		if (b != lo && b != up && b < 0xC2)
			continue;
		/* The next character is ASCII and not the pattern's next one:
		 * no match here, without decoding (most candidates). */
		if (b < 0x80 && p1 && i + 1 < len && u[i + 1] < 0x80 &&
		    fold(u[i + 1]) != p1)
			continue;
		size_t n = match_at(s, len, i, pat, plen, true);
		if (n) {
			*mlen = n;
			return (long)i;
		}
	}
	return -1;
}

/*
 * A pattern that starts past ASCII matches only where a character past
 * ASCII starts: matching case, at its own first byte; ignoring case,
 * at any lead byte, since an ASCII letter never folds to it (a pattern
 * that ignores case has no capital: its characters are their own fold).
 * So ASCII text is stepped over eight bytes at a time.
 */
static long find_other(const char *s, size_t len, size_t from, const char *pat,
                       size_t plen, bool icase, size_t *mlen)
{
	const unsigned char *u = (const unsigned char *)s;
	const uint64_t highs = 0x8080808080808080u;
	for (size_t i = from; i < len; i++) {
		if (!icase) {
			const unsigned char *p = memchr(u + i, (unsigned char)pat[0], len - i);
			if (!p)
				return -1;
			i = (size_t)(p - u);
		} else {
			while (i + 8 <= len) {
				uint64_t w;
				memcpy(&w, u + i, 8);
				if (w & highs)
					break;
				i += 8;
			}
			if (i >= len)
				break;
			if (u[i] < 0xC2)
				continue;
		}
		size_t n = match_at(s, len, i, pat, plen, icase);
		if (n) {
			*mlen = n;
			return (long)i;
		}
	}
	return -1;
}

long pat_find(const char *s, size_t len, size_t from, const char *pat,
              bool icase, size_t *mlen)
{
	size_t plen = strlen(pat);
	*mlen = 0;
	if (!plen)
		return -1;
	if ((unsigned char)pat[0] < 0x80)
		return find_ascii(s, len, from, pat, plen, icase, mlen);
	return find_other(s, len, from, pat, plen, icase, mlen);
}
