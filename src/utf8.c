/*
 * UTF-8 decoding, display widths, sanitising and ASCII stand-ins.
 *
 * Widths come from glibc's wcwidth() evaluated under a private C.UTF-8
 * locale (newlocale + uselocale, restored before returning), never under
 * the user's locale. Every glibc UTF-8 locale shares that one width table,
 * and ncursesw measures with it too, so the layout, the viewer and the
 * text dump agree on every line whatever LANG a visitor brings. A small
 * built-in table is used only when no UTF-8 locale exists at all.
 */
#include "utf8.h"

#include <assert.h>
#include <locale.h>
#include <string.h>
#include <wchar.h>

/* Module state: the private locale, created once, never exposed. */
static locale_t utf8_locale;
static int utf8_locale_state;   /* 0 untried, 1 usable, -1 unavailable */

static locale_t width_locale(void)
{
	static const char *const names[] = { "C.UTF-8", "C.utf8", "en_US.UTF-8" };

	if (utf8_locale_state == 0) {
		utf8_locale_state = -1;
		for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
			utf8_locale = newlocale(LC_CTYPE_MASK, names[i], (locale_t)0);
			if (utf8_locale != (locale_t)0) {
				utf8_locale_state = 1;
				break;
			}
		}
	}
	return utf8_locale_state > 0 ? utf8_locale : (locale_t)0;
}

void utf8_cleanup(void)
{
	if (utf8_locale_state > 0)
		freelocale(utf8_locale);
	utf8_locale = (locale_t)0;
	utf8_locale_state = 0;
}

size_t utf8_decode(const char *s, size_t len, uint32_t *cp)
{
	const unsigned char *u = (const unsigned char *)s;
	unsigned char b0 = u[0];
	size_t n;
	uint32_t c;
	unsigned char lo = 0x80, hi = 0xBF;     /* range of the second byte */

	if (b0 < 0x80) {
		*cp = b0;
		return 1;
	}
	if (b0 >= 0xC2 && b0 <= 0xDF) {
		n = 2;
		c = b0 & 0x1F;
	} else if (b0 >= 0xE0 && b0 <= 0xEF) {
		n = 3;
		c = b0 & 0x0F;
		if (b0 == 0xE0)
			lo = 0xA0;      /* overlong */
		else if (b0 == 0xED)
			hi = 0x9F;      /* surrogates */
	} else if (b0 >= 0xF0 && b0 <= 0xF4) {
		n = 4;
		c = b0 & 0x07;
		if (b0 == 0xF0)
			lo = 0x90;      /* overlong */
		else if (b0 == 0xF4)
			hi = 0x8F;      /* above U+10FFFF */
	} else {
		goto bad;               /* continuation, C0/C1 overlong, F5..FF */
	}
	if (len < n || u[1] < lo || u[1] > hi)
		goto bad;
	c = (c << 6) | (u[1] & 0x3F);
	for (size_t i = 2; i < n; i++) {
		if ((u[i] & 0xC0) != 0x80)
			goto bad;
		c = (c << 6) | (u[i] & 0x3F);
	}
	*cp = c;
	return n;
bad:
	*cp = UTF8_REPLACEMENT;
	return 1;
}

size_t utf8_encode(uint32_t cp, char *out)
{
	unsigned char *o = (unsigned char *)out;

	if (cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
		cp = UTF8_REPLACEMENT;
	if (cp < 0x80) {
		o[0] = (unsigned char)cp;
		return 1;
	}
	if (cp < 0x800) {
		o[0] = (unsigned char)(0xC0 | (cp >> 6));
		o[1] = (unsigned char)(0x80 | (cp & 0x3F));
		return 2;
	}
	if (cp < 0x10000) {
		o[0] = (unsigned char)(0xE0 | (cp >> 12));
		o[1] = (unsigned char)(0x80 | ((cp >> 6) & 0x3F));
		o[2] = (unsigned char)(0x80 | (cp & 0x3F));
		return 3;
	}
	o[0] = (unsigned char)(0xF0 | (cp >> 18));
	o[1] = (unsigned char)(0x80 | ((cp >> 12) & 0x3F));
	o[2] = (unsigned char)(0x80 | ((cp >> 6) & 0x3F));
	o[3] = (unsigned char)(0x80 | (cp & 0x3F));
	return 4;
}

size_t utf8_ascii_run(const char *s, size_t len)
{
	/* Eight bytes at a time: none below 0x20, none 0x7F, none past
	 * ASCII (the classic "has a byte less than n" and "has a zero byte"
	 * tests, exact as yes/no answers). */
	const uint64_t ones = 0x0101010101010101u, highs = 0x8080808080808080u;
	size_t i = 0;

	while (len - i >= 8) {
		uint64_t x, del;
		memcpy(&x, s + i, 8);
		del = x ^ (ones * 0x7F);        /* a zero where x has 0x7F */
		if ((((x - ones * 0x20) & ~x) | ((del - ones) & ~del) | x) & highs)
			break;
		i += 8;
	}
	while (i < len && (unsigned char)s[i] >= 0x20 && (unsigned char)s[i] < 0x7F)
		i++;
	return i;
}

static bool is_control(uint32_t cp)
{
	return cp < 0x20 || (cp >= 0x7F && cp <= 0x9F);
}

/* Invisible characters that reorder or hide text: dropped outright. */
static bool is_dropped(uint32_t cp)
{
	return (cp >= 0x200B && cp <= 0x200F) || (cp >= 0x202A && cp <= 0x202E) ||
	       (cp >= 0x2060 && cp <= 0x2069) || cp == 0xFEFF || cp == 0x061C ||
	       /* also invisible, and usable to hide text from a reader:
	        * tag characters, the Mongolian vowel separator, interlinear
	        * annotation marks, the combining grapheme joiner and the
	        * Hangul fillers */
	       (cp >= 0xE0000 && cp <= 0xE007F) || cp == 0x180E ||
	       (cp >= 0xFFF9 && cp <= 0xFFFB) || cp == 0x034F ||
	       cp == 0x115F || cp == 0x1160 || cp == 0x3164 || cp == 0xFFA0;
}

struct range {
	uint32_t lo, hi;
};

static bool in_ranges(uint32_t cp, const struct range *r, size_t n)
{
	size_t a = 0, b = n;

	while (a < b) {
		size_t m = a + (b - a) / 2;
		if (cp < r[m].lo)
			b = m;
		else if (cp > r[m].hi)
			a = m + 1;
		else
			return true;
	}
	return false;
}

int cp_width_builtin(uint32_t cp)
{
	/* The common combining blocks and East Asian Wide/emoji blocks. */
	static const struct range zero[] = {
		{ 0x0300, 0x036F }, { 0x0483, 0x0489 }, { 0x0591, 0x05BD },
		{ 0x0610, 0x061A }, { 0x064B, 0x065F }, { 0x0E31, 0x0E31 },
		{ 0x0E34, 0x0E3A }, { 0x0E47, 0x0E4E }, { 0x1160, 0x11FF },
		{ 0x1AB0, 0x1AFF }, { 0x1DC0, 0x1DFF }, { 0x200B, 0x200F },
		{ 0x20D0, 0x20FF }, { 0xFE00, 0xFE0F }, { 0xFE20, 0xFE2F },
		{ 0xE0000, 0xE0FFF },
	};
	static const struct range wide[] = {
		{ 0x1100, 0x115F }, { 0x231A, 0x231B }, { 0x2E80, 0x303E },
		{ 0x3041, 0x33FF }, { 0x3400, 0x4DBF }, { 0x4E00, 0x9FFF },
		{ 0xA000, 0xA4CF }, { 0xAC00, 0xD7A3 }, { 0xF900, 0xFAFF },
		{ 0xFE30, 0xFE4F }, { 0xFF00, 0xFF60 }, { 0xFFE0, 0xFFE6 },
		{ 0x1F300, 0x1F64F }, { 0x1F900, 0x1F9FF }, { 0x20000, 0x2FFFD },
		{ 0x30000, 0x3FFFD },
	};

	if (is_control(cp))
		return 0;
	if (in_ranges(cp, zero, sizeof zero / sizeof zero[0]))
		return 0;
	if (in_ranges(cp, wide, sizeof wide / sizeof wide[0]))
		return 2;
	return 1;
}

/*
 * A width scope switches to the private locale once for a whole string
 * rather than once per code point, and only when the string holds a
 * character past ASCII: most strings never need the locale, and
 * uselocale() is not free. wcwidth() < 0 means the C library does not
 * know cp as printable (unassigned in its Unicode version, a
 * noncharacter, U+2028): -1 is returned so text_sanitize can replace it.
 */
struct wscope {
	locale_t old;
	int state;              /* 0 not switched yet, 1 switched, -1 no locale */
};

static void ws_begin(struct wscope *w)
{
	w->state = 0;
}

static void ws_end(struct wscope *w)
{
	if (w->state > 0)
		uselocale(w->old);
}

static int ws_width(struct wscope *w, uint32_t cp)
{
	if (cp >= 0x20 && cp < 0x7F)
		return 1;
	if (is_control(cp))
		return 0;
	if (w->state == 0) {
		locale_t loc = width_locale();
		w->state = loc != (locale_t)0 ? 1 : -1;
		if (w->state > 0)
			w->old = uselocale(loc);
	}
	if (w->state < 0)
		return cp_width_builtin(cp);
	return wcwidth((wchar_t)cp);
}

int cp_width(uint32_t cp)
{
	struct wscope w;
	int n;

	if (cp >= 0x20 && cp < 0x7F)
		return 1;
	ws_begin(&w);
	n = ws_width(&w, cp);
	ws_end(&w);
	return n < 0 ? 1 : n;       /* what terminals do with the unknown */
}

/* str_width(), or with ascii the width of cp_to_ascii()'s stand-ins. */
static size_t width_of(const char *s, size_t len, bool ascii)
{
	struct wscope w;
	size_t i = 0, total = 0;
	char buf[4];

	ws_begin(&w);
	while (i < len) {
		uint32_t cp;
		int n;
		size_t run = utf8_ascii_run(s + i, len - i);

		total += run;
		i += run;
		if (i == len)
			break;
		i += utf8_decode(s + i, len - i, &cp);
		if (ascii) {
			total += cp < 0x80 ? 0 : cp_to_ascii(cp, buf);  /* controls: none */
			continue;
		}
		n = ws_width(&w, cp);
		total += n < 0 ? 1 : (size_t)n;
	}
	ws_end(&w);
	return total;
}

size_t str_width(const char *s, size_t len)
{
	return width_of(s, len, false);
}

size_t str_width_ascii(const char *s, size_t len)
{
	return width_of(s, len, true);
}

/*
 * What happens to one decoded code point: 0 keep, 1 drop, 2 replace with
 * U+FFFD. '\r' and '\t' are handled by the callers.
 */
static int classify(struct wscope *w, uint32_t cp, size_t used)
{
	if (cp == UTF8_REPLACEMENT && used == 1)
		return 2;                       /* an invalid byte */
	if (cp == '\n')
		return 0;
	if (is_control(cp))
		return 2;
	if (is_dropped(cp))
		return 1;
	if (cp >= 0x80 && ws_width(w, cp) < 0)
		return 2;
	return 0;
}

enum utf8_class utf8_classify(uint32_t cp)
{
	struct wscope w;
	ws_begin(&w);
	/* A code point on its own: U+FFFD here is the character itself,
	 * not an invalid byte (a "used" of 1). */
	int c = classify(&w, cp, 0);
	ws_end(&w);
	return c == 0 ? UTF8_KEEP : c == 1 ? UTF8_DROP : UTF8_REPLACE;
}

/* One pass of text_sanitize; out == NULL only counts. */
static size_t sanitize_pass(struct wscope *w, const char *s, size_t len,
                            char *out)
{
	size_t i = 0, o = 0;
	static const char repl[] = "\xEF\xBF\xBD";

	while (i < len) {
		unsigned char b = (unsigned char)s[i];
		uint32_t cp;
		size_t n;

		if (b >= 0x20 && b < 0x7F) {
			if (out)
				out[o] = (char)b;
			o++;
			i++;
			continue;
		}
		if (b == '\r' || b == '\t') {
			if (out)
				out[o] = b == '\t' ? ' ' : '\n';
			o++;
			i += (b == '\r' && i + 1 < len && s[i + 1] == '\n') ? 2 : 1;
			continue;
		}
		n = utf8_decode(s + i, len - i, &cp);
		switch (classify(w, cp, n)) {
		case 0:
			if (out)
				memcpy(out + o, s + i, n);
			o += n;
			break;
		case 2:
			if (out)
				memcpy(out + o, repl, 3);
			o += 3;
			break;
		default:
			break;
		}
		i += n;
	}
	return o;
}

char *text_sanitize(struct arena *a, const char *s, size_t len)
{
	struct wscope w;
	size_t n;
	char *out;

	/* Two passes keep the copy exact: replacing bytes may triple them. */
	ws_begin(&w);
	n = sanitize_pass(&w, s, len, NULL);
	out = arena_stralloc(a, n + 1);
	sanitize_pass(&w, s, len, out);
	ws_end(&w);
	out[n] = '\0';
	return out;
}

bool text_is_safe(const char *s, size_t len)
{
	struct wscope w;
	size_t i = 0;
	bool ok = true;

	ws_begin(&w);
	while (i < len) {
		uint32_t cp;
		size_t n;

		i += utf8_ascii_run(s + i, len - i);
		if (i == len)
			break;
		n = utf8_decode(s + i, len - i, &cp);
		if (classify(&w, cp, n) != 0) {
			ok = false;
			break;
		}
		i += n;
	}
	ws_end(&w);
	return ok;
}

/* Latin-1 letters U+00C0..U+00FF and Latin Extended-A U+0100..U+017F by
 * their base letter; '?' marks the few that need two letters (below). */
static const char latin1_base[] =
	"AAAAAA?CEEEEIIII" "DNOOOOOxOUUUUY??" "aaaaaa?ceeeeiiii" "dnooooo/ouuuuy?y";
static const char latin_ext_a_base[] =
	"AaAaAa" "CcCcCcCc" "DdDd" "EeEeEeEeEe" "GgGgGgGg" "HhHh" "IiIiIiIiIi"
	"??" "Jj" "Kkk" "LlLlLlLlLl" "NnNnNnnNn" "OoOoOo??" "RrRrRr" "SsSsSsSs"
	"TtTtTt" "UuUuUuUuUuUu" "WwYyY" "ZzZzZzs";
_Static_assert(sizeof latin1_base == 65, "one letter per code point");
_Static_assert(sizeof latin_ext_a_base == 129, "one letter per code point");

struct ascii_map {
	uint32_t cp;
	const char *s;
};

/* Sorted by code point for bsearch-like lookup. */
static const struct ascii_map ascii_maps[] = {
	{ .cp = 0x00A0, .s = " " },   { .cp = 0x00A9, .s = "(c)" },
	{ .cp = 0x00AB, .s = "\"" },  { .cp = 0x00AD, .s = "-" },
	{ .cp = 0x00AE, .s = "(R)" }, { .cp = 0x00B4, .s = "'" },
	{ .cp = 0x00B7, .s = "." },   { .cp = 0x00BB, .s = "\"" },
	{ .cp = 0x00C6, .s = "AE" },  { .cp = 0x00DE, .s = "TH" },
	{ .cp = 0x00DF, .s = "ss" },  { .cp = 0x00E6, .s = "ae" },
	{ .cp = 0x00FE, .s = "th" },  { .cp = 0x0132, .s = "IJ" },
	{ .cp = 0x0133, .s = "ij" },  { .cp = 0x0152, .s = "OE" },
	{ .cp = 0x0153, .s = "oe" },  { .cp = 0x2010, .s = "-" },
	{ .cp = 0x2011, .s = "-" },   { .cp = 0x2012, .s = "-" },
	{ .cp = 0x2013, .s = "-" },   { .cp = 0x2014, .s = "-" },
	{ .cp = 0x2015, .s = "-" },   { .cp = 0x2018, .s = "'" },
	{ .cp = 0x2019, .s = "'" },   { .cp = 0x201A, .s = "'" },
	{ .cp = 0x201B, .s = "'" },   { .cp = 0x201C, .s = "\"" },
	{ .cp = 0x201D, .s = "\"" },  { .cp = 0x201E, .s = "\"" },
	{ .cp = 0x201F, .s = "\"" },  { .cp = 0x2022, .s = "*" },
	{ .cp = 0x2026, .s = "..." }, { .cp = 0x2032, .s = "'" },
	{ .cp = 0x2033, .s = "\"" },  { .cp = 0x2039, .s = "<" },
	{ .cp = 0x203A, .s = ">" },   { .cp = 0x20AC, .s = "EUR" },
	{ .cp = 0x2122, .s = "(TM)" },{ .cp = 0x2190, .s = "<-" },
	{ .cp = 0x2192, .s = "->" },  { .cp = 0x2212, .s = "-" },
};

size_t cp_to_ascii(uint32_t cp, char out[4])
{
	const char *s = NULL;
	size_t a = 0, b = sizeof ascii_maps / sizeof ascii_maps[0];

	if (cp < 0x80) {
		out[0] = (char)cp;
		return 1;
	}
	if ((cp >= 0x0300 && cp <= 0x036F) || (cp >= 0x1AB0 && cp <= 0x1AFF) ||
	    (cp >= 0x1DC0 && cp <= 0x1DFF) || (cp >= 0x20D0 && cp <= 0x20FF) ||
	    (cp >= 0xFE00 && cp <= 0xFE0F) || (cp >= 0xFE20 && cp <= 0xFE2F))
		return 0;       /* combining marks: the base letter stays */
	while (a < b) {
		size_t m = a + (b - a) / 2;
		if (cp < ascii_maps[m].cp)
			b = m;
		else if (cp > ascii_maps[m].cp)
			a = m + 1;
		else {
			s = ascii_maps[m].s;
			break;
		}
	}
	if (!s && cp >= 0x2000 && cp <= 0x200A)
		s = " ";
	if (!s && (cp == 0x202F || cp == 0x205F))
		s = " ";
	if (s) {
		size_t n = strlen(s);
		memcpy(out, s, n);
		return n;
	}
	if (cp >= 0xC0 && cp <= 0xFF)
		out[0] = latin1_base[cp - 0xC0];
	else if (cp >= 0x100 && cp <= 0x17F)
		out[0] = latin_ext_a_base[cp - 0x100];
	else
		out[0] = '?';
	return 1;
}
