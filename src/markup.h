#pragma once
/*
 * Inline markup in résumé text, as RenderCV documents it: **bold**,
 * *italic*, [text](url), and backslash escapes (\* \[ \\ ...) for the
 * literal characters. Underscores are always literal: RenderCV's
 * markup uses only '*' for emphasis, and résumés are full of snake_case and __init__.
 *
 * The parse is one left-to-right pass with a delimiter stack (every
 * delimiter is pushed and popped at most once), so it is linear even on
 * 100k '*' or '['. Delimiters that find no partner are literal text.
 * Emphasis opens before a non-space and closes after one; a link's
 * brackets fence emphasis (links take precedence); links do not nest.
 *
 * A struct markup owns its buffers (malloc'd, reused across parses) and
 * is released with markup_free(). Span URLs point into the parsed
 * source, which must outlive their use.
 */
#include <stdbool.h>
#include <stddef.h>

/* Same bits as SPAN_BOLD/SPAN_ITALIC/SPAN_LINK in layout.h. */
enum {
	MK_BOLD = 1,
	MK_ITALIC = 2,
	MK_LINK = 4,
};

struct markup_span {
	size_t start, len;      /* bytes within markup.text */
	unsigned flags;         /* MK_*; never 0 */
	const char *url;        /* MK_LINK: the destination, not NUL-terminated */
	size_t url_len;
	size_t link_start;      /* MK_LINK: where the link's text starts */
	int link_end;           /* MK_LINK: the last span of its link */
};

struct markup_tok;
struct markup_open;

struct markup {
	char *text;             /* the plain text, NUL-terminated */
	size_t len;
	struct markup_span *spans;  /* marked-up runs only, sorted, disjoint */
	size_t nspans;
	/* private scratch, kept between parses */
	size_t text_cap, spans_cap;
	struct markup_tok *tok;
	size_t ntok, tok_cap;
	struct markup_open *stack;
	size_t stack_cap;
};

#define MARKUP_INIT { 0 }

/* Replaces m's contents with the parse of s[0..len). */
void markup_parse(struct markup *m, const char *s, size_t len);
void markup_free(struct markup *m);

/*
 * True when the whole text is one bold or italic run (and no link): how a
 * publication marks the résumé owner among its authors ("**Jane Doe**").
 */
bool markup_is_emphasised(const struct markup *m);

/* An address as people read it: without "https://", "http://" or
 * "mailto:" and a trailing '/'. Returns a pointer into u; *n is in and
 * out. */
const char *url_display(const char *u, size_t *n);

/* True when u[0..n) is an address vitae makes a link of: http, https or
 * mailto, or one with no scheme at all; never javascript:, data: or any
 * other scheme. */
bool url_dest_ok(const char *u, size_t n);

/*
 * A RenderCV highlight holds a main text and nested items: lines written
 * "- item" (after optional indentation), and, when inline_dashes is set
 * (RenderCV files), every " - " inside a line, since RenderCV turns
 * " - " into a nested bullet. Other lines continue the item before them.
 */
struct hl_piece {
	int level;              /* 0 main text, 1 nested item */
	bool cont;              /* continues the previous piece's item */
	const char *s;          /* points into the highlight */
	size_t len;
};

void highlight_split(const char *h, bool inline_dashes,
                     void (*fn)(void *ctx, const struct hl_piece *pc), void *ctx);
