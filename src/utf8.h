#pragma once
/*
 * UTF-8 decoding, display width and sanitising. Nothing here depends on
 * the user's locale: widths are the same in a C locale, under ssh, and in
 * the tests.
 */
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "arena.h"

#define UTF8_REPLACEMENT 0xFFFDu

/*
 * Decodes one code point from s[0..len), len > 0. Returns the number of
 * bytes used (1..4). Invalid, overlong or surrogate sequences give
 * UTF8_REPLACEMENT and consume one byte.
 */
size_t utf8_decode(const char *s, size_t len, uint32_t *cp);
/* How many bytes s[0..len) starts with that are printable ASCII (0x20 to
 * 0x7E): one column each, safe as they are. Eight at a time. */
size_t utf8_ascii_run(const char *s, size_t len);
/* Encodes cp into out (4 bytes room); returns the length. */
size_t utf8_encode(uint32_t cp, char *out);

/* Columns cp takes: 0 (combining), 1 or 2 (wide). Controls count 0. */
int cp_width(uint32_t cp);
/* Display width of s[0..len). */
size_t str_width(const char *s, size_t len);
/* The width table used only when the C library has no UTF-8 locale;
 * exposed so the tests can check it against the library's. */
int cp_width_builtin(uint32_t cp);

/*
 * An ASCII stand-in for cp, for --ascii: punctuation such as dashes and
 * curly quotes by their ASCII forms, Latin letters with diacritics by
 * their base letters ("ss", "ae", ...), combining marks by nothing, the
 * rest by '?'. Writes at most 4 bytes (no NUL); returns how many.
 */
size_t cp_to_ascii(uint32_t cp, char out[4]);
/* Columns s[0..len) takes with every character past ASCII written as
 * cp_to_ascii() writes it: the width --ascii shows. */
size_t str_width_ascii(const char *s, size_t len);

/*
 * Copies s[0..len) into the arena as safe, valid, NUL-terminated UTF-8:
 * invalid bytes become U+FFFD; C0 controls (but '\n', and '\t' which
 * becomes a space), DEL, C1 controls and NUL become U+FFFD; bidi
 * overrides/isolates/marks and zero-width characters (U+200B..U+200F,
 * U+202A..U+202E, U+2060..U+2069, U+FEFF, U+061C) are dropped.
 * "\r\n" and lone '\r' become '\n'. Code points the C library does not
 * know as printable (unassigned in its Unicode version, noncharacters,
 * U+2028/U+2029) become U+FFFD, so that every width is known.
 */
char *text_sanitize(struct arena *a, const char *s, size_t len);

/* What text_sanitize does with one code point: the one classifier for
 * text from files and for what is typed (the viewer's messages).
 * '\n' counts as kept; callers that show one line drop it themselves. */
enum utf8_class {
	UTF8_KEEP,
	UTF8_DROP,              /* invisible: bidi, zero-width, tags */
	UTF8_REPLACE,           /* controls, unknown to the C library */
};
enum utf8_class utf8_classify(uint32_t cp);

/* True when every byte of s[0..len) is safe to print (what text_sanitize
 * produces). For assertions in tests and the printers. */
bool text_is_safe(const char *s, size_t len);

/* Frees the private locale the widths are measured in (made on first
 * use, kept for the life of the process): for a clean exit under leak
 * checkers. Widths still work afterwards; the locale is made again. */
void utf8_cleanup(void);
