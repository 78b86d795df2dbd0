/*
 * utf8.c: decoding (every class of invalid input), widths that do not
 * depend on the locale, sanitising of hostile text, ASCII stand-ins.
 */
#define _XOPEN_SOURCE 700       /* wcwidth, as src/meson.build gives the library */
#include <locale.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>

#include "t.h"
#include "utf8.h"

static uint32_t dec(const char *s, size_t len, size_t *used)
{
	uint32_t cp = 0;
	*used = utf8_decode(s, len, &cp);
	return cp;
}

#define DEC_OK(bytes, want_cp) do { \
	size_t u_; \
	CHECK_INT(dec(bytes, sizeof(bytes) - 1, &u_), want_cp); \
	CHECK_INT(u_, sizeof(bytes) - 1); \
} while (0)

#define DEC_BAD(bytes) do { \
	size_t u_; \
	CHECK_INT(dec(bytes, sizeof(bytes) - 1, &u_), UTF8_REPLACEMENT); \
	CHECK_INT(u_, 1); \
} while (0)

static void test_decode(void)
{
	DEC_OK("A", 'A');
	DEC_OK("\x7f", 0x7F);
	DEC_OK("\xC2\x80", 0x80);
	DEC_OK("\xC3\xA9", 0xE9);
	DEC_OK("\xDF\xBF", 0x7FF);
	DEC_OK("\xE0\xA0\x80", 0x800);
	DEC_OK("\xE2\x82\xAC", 0x20AC);
	DEC_OK("\xED\x9F\xBF", 0xD7FF);        /* just below the surrogates */
	DEC_OK("\xEE\x80\x80", 0xE000);
	DEC_OK("\xEF\xBF\xBD", 0xFFFD);        /* a real U+FFFD is 3 bytes */
	DEC_OK("\xF0\x90\x80\x80", 0x10000);
	DEC_OK("\xF0\x9F\x98\xAD", 0x1F62D);
	DEC_OK("\xF4\x8F\xBF\xBF", 0x10FFFF);

	/* lone continuation bytes, invalid lead bytes */
	DEC_BAD("\x80");
	DEC_BAD("\xBF");
	DEC_BAD("\xC0\x80");                    /* overlong NUL */
	DEC_BAD("\xC1\xBF");                    /* overlong */
	DEC_BAD("\xF5\x80\x80\x80");            /* above U+10FFFF */
	DEC_BAD("\xFE");
	DEC_BAD("\xFF");
	/* overlongs of 3 and 4 bytes */
	DEC_BAD("\xE0\x80\xAF");                /* overlong '/' */
	DEC_BAD("\xE0\x9F\xBF");
	DEC_BAD("\xF0\x80\x80\xAF");
	DEC_BAD("\xF0\x8F\xBF\xBF");
	/* surrogates, high and low */
	DEC_BAD("\xED\xA0\x80");
	DEC_BAD("\xED\xBF\xBF");
	/* above the last code point */
	DEC_BAD("\xF4\x90\x80\x80");
	/* truncated sequences */
	DEC_BAD("\xC3");
	DEC_BAD("\xE2\x82");
	DEC_BAD("\xF0\x9F\x98");
	/* a continuation that is not one */
	DEC_BAD("\xC3\x41");
	DEC_BAD("\xE2\x41\xAC");
	DEC_BAD("\xE2\x82\x41");
	DEC_BAD("\xF0\x9F\x41\xAD");

	/* a truncated sequence stops at the given length, not at a NUL */
	{
		size_t u;
		CHECK_INT(dec("\xE2\x82\xAC", 2, &u), UTF8_REPLACEMENT);
		CHECK_INT(u, 1);
	}
}

static void test_encode(void)
{
	static const uint32_t cps[] = { 0, 'a', 0x7F, 0x80, 0x7FF, 0x800, 0xFFFD, 0xFFFF,
	                                 0x10000, 0x1F62D, 0x10FFFF };
	char buf[4];

	for (size_t i = 0; i < sizeof cps / sizeof cps[0]; i++) {
		size_t n = utf8_encode(cps[i], buf), u;
		uint32_t back = 0;
		u = utf8_decode(buf, n, &back);
		CHECK_INT(back, cps[i]);
		CHECK_INT(u, n);
	}
	/* what cannot be encoded becomes U+FFFD */
	CHECK_INT(utf8_encode(0xD800, buf), 3);
	CHECK(!memcmp(buf, "\xEF\xBF\xBD", 3));
	CHECK_INT(utf8_encode(0x110000, buf), 3);
	CHECK(!memcmp(buf, "\xEF\xBF\xBD", 3));
}

static void test_width(void)
{
	CHECK_INT(cp_width('a'), 1);
	CHECK_INT(cp_width(' '), 1);
	CHECK_INT(cp_width('\n'), 0);
	CHECK_INT(cp_width(0x1B), 0);
	CHECK_INT(cp_width(0x7F), 0);
	CHECK_INT(cp_width(0x9B), 0);
	CHECK_INT(cp_width(0xE9), 1);           /* é */
	CHECK_INT(cp_width(0x0301), 0);         /* combining acute */
	CHECK_INT(cp_width(0x20D7), 0);         /* combining arrow */
	CHECK_INT(cp_width(0x4E2D), 2);         /* 中 */
	CHECK_INT(cp_width(0xAC00), 2);         /* 가 */
	CHECK_INT(cp_width(0xFF21), 2);         /* fullwidth A */
	CHECK_INT(cp_width(0x1F62D), 2);        /* emoji */
	CHECK_INT(cp_width(0x2022), 1);         /* • */
	CHECK_INT(cp_width(0x2500), 1);         /* ─ */
	CHECK_INT(cp_width(0x25B8), 1);         /* ▸ */
	CHECK_INT(cp_width(0xFE0F), 0);         /* variation selector */

	CHECK_INT(str_width("", 0), 0);
	CHECK_INT(str_width("abc", 3), 3);
	CHECK_INT(str_width("e\xCC\x81", 3), 1);        /* e + combining acute */
	CHECK_INT(str_width("\xE4\xB8\xAD\xE6\x96\x87", 6), 4);  /* 中文 */
	CHECK_INT(str_width("a\xF0\x9F\x98\xAD" "b", 6), 4);
	CHECK_INT(str_width("\xFF", 1), 1);     /* an invalid byte shows as U+FFFD */
	CHECK_INT(str_width("Mar 2024 \xE2\x80\x93 Present", 20), 18);
}

/* Widths must not change with the process locale. */
static void test_width_locale_independent(void)
{
	const char *s = "\xE4\xB8\xAD e\xCC\x81 \xF0\x9F\x98\xAD \xE2\x80\xA2";
	size_t w_c, w_utf8;

	setlocale(LC_ALL, "C");
	w_c = str_width(s, strlen(s));
	if (setlocale(LC_ALL, "C.UTF-8")) {
		w_utf8 = str_width(s, strlen(s));
		CHECK_INT(w_c, w_utf8);
	}
	setlocale(LC_ALL, "C");
	CHECK_INT(w_c, 2 + 1 + 1 + 1 + 2 + 1 + 1);
	/* and the process locale is left as it was */
	CHECK_STR(setlocale(LC_CTYPE, NULL), "C");
}

/* The fallback table agrees with the C library on the common cases. */
static void test_builtin_table(void)
{
	static const uint32_t cps[] = { 'a', 0xE9, 0x0301, 0x0483, 0x1100, 0x3042, 0x4E2D,
	                                 0xAC00, 0xFF21, 0xFE0F, 0x1F600, 0x1F62D, 0x20000,
	                                 0x20AC, 0x2022 };
	locale_t loc = newlocale(LC_CTYPE_MASK, "C.UTF-8", (locale_t)0);

	CHECK_INT(cp_width_builtin(0x1B), 0);
	CHECK_INT(cp_width_builtin(0x4E2D), 2);
	CHECK_INT(cp_width_builtin(0x0301), 0);
	CHECK_INT(cp_width_builtin('x'), 1);
	if (loc == (locale_t)0)
		return;
	locale_t old = uselocale(loc);
	for (size_t i = 0; i < sizeof cps / sizeof cps[0]; i++) {
		int lib = wcwidth((wchar_t)cps[i]);
		if (cp_width_builtin(cps[i]) != lib)
			fprintf(stderr, "U+%04X: builtin %d, libc %d\n", (unsigned)cps[i],
			        cp_width_builtin(cps[i]), lib);
		CHECK_INT(cp_width_builtin(cps[i]), lib);
	}
	uselocale(old);
	freelocale(loc);
}

static struct arena A = ARENA_INIT;

static const char *san(const char *s, size_t len)
{
	const char *out = text_sanitize(&A, s, len);
	CHECK(text_is_safe(out, strlen(out)));
	return out;
}

#define SAN(lit) san(lit, sizeof(lit) - 1)
#define FFFD "\xEF\xBF\xBD"

static void test_sanitize(void)
{
	CHECK_STR(SAN(""), "");
	CHECK_STR(SAN("plain text"), "plain text");
	CHECK_STR(SAN("caf\xC3\xA9 \xE4\xB8\xAD \xF0\x9F\x98\xAD"), "caf\xC3\xA9 \xE4\xB8\xAD \xF0\x9F\x98\xAD");
	/* newlines, CR, CRLF, tab */
	CHECK_STR(SAN("a\nb"), "a\nb");
	CHECK_STR(SAN("a\r\nb"), "a\nb");
	CHECK_STR(SAN("a\rb"), "a\nb");
	CHECK_STR(SAN("a\r\r\nb"), "a\n\nb");
	CHECK_STR(SAN("a\r"), "a\n");
	CHECK_STR(SAN("a\tb"), "a b");
	/* NUL inside the length, C0, ESC sequences, DEL, C1 */
	CHECK_STR(SAN("a\0b"), "a" FFFD "b");
	CHECK_STR(SAN("\x01\x07\x08\x0B\x0C\x1F"), FFFD FFFD FFFD FFFD FFFD FFFD);
	CHECK_STR(SAN("\x1B[2J\x1B]0;title\x07"), FFFD "[2J" FFFD "]0;title" FFFD);
	CHECK_STR(SAN("x\x7Fy"), "x" FFFD "y");
	CHECK_STR(SAN("\xC2\x9B" "31m"), FFFD "31m");           /* U+009B CSI */
	CHECK_STR(SAN("\xC2\x80\xC2\x9F"), FFFD FFFD);
	CHECK_STR(SAN("\xC2\x9D" "8;;http://x\xC2\x9C"), FFFD "8;;http://x" FFFD);
	/* invalid UTF-8: one U+FFFD per byte consumed */
	CHECK_STR(SAN("\x80"), FFFD);
	CHECK_STR(SAN("a\xFF" "b"), "a" FFFD "b");
	CHECK_STR(SAN("\xC0\xAF"), FFFD FFFD);                  /* overlong '/' */
	CHECK_STR(SAN("\xE0\x80\xAF"), FFFD FFFD FFFD);
	CHECK_STR(SAN("\xED\xA0\x80"), FFFD FFFD FFFD);         /* surrogate */
	CHECK_STR(SAN("\xF4\x90\x80\x80"), FFFD FFFD FFFD FFFD);
	CHECK_STR(SAN("\xE2\x82"), FFFD FFFD);                  /* truncated */
	CHECK_STR(SAN("\xC3" "A"), FFFD "A");
	/* bidi controls, zero-width characters, BOM: dropped */
	CHECK_STR(SAN("a\xE2\x80\xAE" "cba\xE2\x80\xAC" "d"), "acbad");   /* RLO, PDF */
	CHECK_STR(SAN("\xE2\x80\xAA\xE2\x80\xAB\xE2\x80\xAD"), "");       /* LRE RLE LRO */
	CHECK_STR(SAN("a\xE2\x81\xA6" "b\xE2\x81\xA9"), "ab");            /* LRI, PDI */
	CHECK_STR(SAN("\xE2\x81\xA7\xE2\x81\xA8"), "");                   /* RLI, FSI */
	CHECK_STR(SAN("\xE2\x80\x8E\xE2\x80\x8F\xD8\x9C"), "");           /* LRM RLM ALM */
	CHECK_STR(SAN("a\xE2\x80\x8B" "b\xE2\x80\x8C" "c\xE2\x80\x8D" "d"), "abcd");
	CHECK_STR(SAN("\xEF\xBB\xBFhello"), "hello");                    /* BOM */
	CHECK_STR(SAN("a\xE2\x81\xA0" "b"), "ab");                        /* word joiner */
	/* other invisibles that can hide text */
	CHECK_STR(SAN("A\xF3\xA0\x81\x81" "B\xF3\xA0\x81\xBF"), "AB");   /* tags */
	CHECK_STR(SAN("a\xE1\xA0\x8E" "b\xCD\x8F" "c"), "abc");           /* MVS, CGJ */
	CHECK_STR(SAN("\xEF\xBF\xB9x\xEF\xBF\xBB\xE3\x85\xA4\xE1\x85\x9F"), "x");
	/* combining marks and wide characters are kept */
	CHECK_STR(SAN("e\xCC\x81"), "e\xCC\x81");
	CHECK_STR(SAN("\xEF\xBC\xA1"), "\xEF\xBC\xA1");
	/* a real U+FFFD stays one */
	CHECK_STR(SAN(FFFD), FFFD);
	/* code points the C library does not know become U+FFFD */
	CHECK_STR(SAN("\xE2\x80\xA8"), FFFD);                   /* U+2028 */
	CHECK_STR(SAN("\xEF\xBF\xBE"), FFFD);                   /* U+FFFE */
	CHECK_STR(SAN("\xF4\x8F\xBF\xBF"), FFFD);               /* U+10FFFF */
	/* private use is printable (icon fonts) */
	CHECK_STR(SAN("\xEE\x80\x80"), "\xEE\x80\x80");
}

static void test_sanitize_big(void)
{
	/* every byte value, many times: output is safe and grows at most 3x */
	size_t n = 256 * 64;
	char *in = malloc(n);
	for (size_t i = 0; i < n; i++)
		in[i] = (char)(i * 7 + i / 256);
	const char *out = text_sanitize(&A, in, n);
	size_t on = strlen(out);
	CHECK(on <= 3 * n);
	CHECK(text_is_safe(out, on));
	size_t bad = 0;
	for (size_t i = 0; i < on; i++) {
		unsigned char b = (unsigned char)out[i];
		bad += (b < 0x20 && b != '\n') || b == 0x7F;
	}
	CHECK_INT(bad, 0);
	free(in);
}

static void test_is_safe(void)
{
	CHECK(text_is_safe("", 0));
	CHECK(text_is_safe("hello\nworld", 11));
	CHECK(text_is_safe("\xE2\x80\xA2 \xE4\xB8\xAD", 7));
	CHECK(!text_is_safe("\x1B[31m", 5));
	CHECK(!text_is_safe("a\rb", 3));
	CHECK(!text_is_safe("a\tb", 3));
	CHECK(!text_is_safe("a\0b", 3));
	CHECK(!text_is_safe("\x7F", 1));
	CHECK(!text_is_safe("\xC2\x9B", 2));
	CHECK(!text_is_safe("\xFF", 1));
	CHECK(!text_is_safe("\xE2\x80\xAE", 3));
	CHECK(!text_is_safe("\xEF\xBB\xBF", 3));
	CHECK(!text_is_safe("\xE2\x80\x8B", 3));
	CHECK(!text_is_safe("\xED\xA0\x80", 3));
	CHECK(text_is_safe(FFFD, 3));
}

static const char *ascii(const char *s)
{
	static char buf[256];
	size_t i = 0, o = 0, len = strlen(s);

	while (i < len && o + 4 < sizeof buf) {
		uint32_t cp;
		i += utf8_decode(s + i, len - i, &cp);
		o += cp_to_ascii(cp, buf + o);
	}
	buf[o] = '\0';
	return buf;
}

static void test_ascii(void)
{
	CHECK_STR(ascii("plain"), "plain");
	CHECK_STR(ascii("Mar 2024 \xE2\x80\x93 Present"), "Mar 2024 - Present");
	CHECK_STR(ascii("a\xE2\x80\x94" "b"), "a-b");
	CHECK_STR(ascii("\xE2\x80\x98q\xE2\x80\x99 \xE2\x80\x9Cqq\xE2\x80\x9D"), "'q' \"qq\"");
	CHECK_STR(ascii("\xE2\x80\xA2 wait\xE2\x80\xA6"), "* wait...");
	CHECK_STR(ascii("Bo\xC4\x9F" "azi\xC3\xA7i T\xC3\xBCrkiye"), "Bogazici Turkiye");
	CHECK_STR(ascii("\xC3\x85ngstr\xC3\xB6m Stra\xC3\x9F" "e \xC5\x81\xC3\xB3" "d\xC5\xBA"),
	          "Angstrom Strasse Lodz");
	CHECK_STR(ascii("\xC3\x86sir \xC5\x92uvre \xC3\xBE"), "AEsir OEuvre th");
	CHECK_STR(ascii("e\xCC\x81"), "e");                     /* combining dropped */
	CHECK_STR(ascii("\xE4\xB8\xAD\xF0\x9F\x98\xAD"), "??");
	CHECK_STR(ascii("\xC2\xA0"), " ");
	CHECK_STR(ascii("\xC3\x80\xC3\xBF\xC4\x80\xC5\xBF"), "AyAs");   /* table ends */
	CHECK_STR(ascii("\xC4\xB1\xC4\xB0"), "iI");             /* dotless i, dotted I */
	/* The one fallback: a section title reads the same wherever it is
	 * drawn (the viewer's pane bar draws with cp_to_ascii too). */
	CHECK_STR(ascii("Research \xE2\x80\x93 2024"), "Research - 2024");
	/* ... and is measured as it is drawn */
	static const char *const widths[] = {
		"Research \xE2\x80\x93 2024", "Stra\xC3\x9F" "e", "Awards\xE2\x84\xA2",
		"e\xCC\x81", "\xE4\xB8\xAD", "plain", "",
	};
	for (size_t i = 0; i < sizeof widths / sizeof *widths; i++)
		CHECK_INT(str_width_ascii(widths[i], strlen(widths[i])),
		          strlen(ascii(widths[i])));
	CHECK_INT(str_width_ascii("Awards\xE2\x84\xA2", 9), 10);     /* "(TM)" */
	CHECK_INT(str_width("Awards\xE2\x84\xA2", 9), 7);
}

static void test_classify(void)
{
	CHECK_INT(utf8_classify('a'), UTF8_KEEP);
	CHECK_INT(utf8_classify(0xE9), UTF8_KEEP);
	CHECK_INT(utf8_classify('\n'), UTF8_KEEP);
	CHECK_INT(utf8_classify(0x1B), UTF8_REPLACE);
	CHECK_INT(utf8_classify(0x9B), UTF8_REPLACE);
	CHECK_INT(utf8_classify(0x202E), UTF8_DROP);
	CHECK_INT(utf8_classify(0xE0041), UTF8_DROP);
	CHECK_INT(utf8_classify(0xFFFD), UTF8_KEEP);    /* the character itself */
	/* The same verdict as text_sanitize on the encoded character. */
	static const uint32_t cps[] = { 'a', 0x7F, 0x200B, 0xE0001, 0x4E00, 0xFFFE };
	for (size_t i = 0; i < sizeof cps / sizeof *cps; i++) {
		char enc[5] = { 0 };
		size_t n = utf8_encode(cps[i], enc);
		const char *out = text_sanitize(&A, enc, n);
		enum utf8_class want = strcmp(out, enc) == 0 ? UTF8_KEEP :
		                       out[0] == '\0' ? UTF8_DROP : UTF8_REPLACE;
		CHECK_INT(utf8_classify(cps[i]), want);
	}
}

int main(void)
{
	test_classify();
	test_decode();
	test_encode();
	test_width();
	test_width_locale_independent();
	test_builtin_table();
	test_sanitize();
	test_sanitize_big();
	test_is_safe();
	test_ascii();
	arena_free(&A);
	utf8_cleanup();         /* a clean exit for leak checkers */
	T_DONE();
}
