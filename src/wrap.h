#pragma once
/*
 * Wrapping, internal to the core library (layout.c is its one user):
 * rich-text paragraphs, the line being composed, and cutting paragraphs
 * into display lines by width, with hanging indents and a right-aligned
 * column. It knows lines and styles, not résumés.
 *
 * A paragraph (struct para: bytes plus styled spans covering them) is
 * where markup is parsed, ASCII mode transliterates and '\n' is
 * flattened. wrap() cuts one into lines at spaces (and after hyphens) by
 * display width, breaking only words wider than the line; a wide
 * character never straddles the edge and a combining mark never leaves
 * its letter. Each line is composed in the wrapper's scratch buffer and
 * copied once, exactly sized, into the layout.
 *
 * Ownership: a para owns buf and sp (para_free()). A wrapper owns lb, ls
 * and mk (wrapper_free()) and borrows l; every line it commits, text and
 * spans, is copied into l->arena and l->lines and lives as long as the
 * layout. A para filled from a string never points back into it.
 */
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "layout.h"
#include "markup.h"

struct pspan {
	size_t start, len;
	uint8_t style, flags;
};

/* Rich text: buf[0..len) entirely covered by sorted spans. */
struct para {
	char *buf;
	size_t len, cap;
	struct pspan *sp;
	size_t n, spcap;
};

/*
 * Where lines are composed and where they go. The caller sets l, ascii,
 * gut and cw once, and the placement fields before each run of lines.
 */
struct wrapper {
	struct layout *l;       /* lines are appended here */
	bool ascii;             /* transliterate what paragraphs take in */
	int gut;                /* gutter columns: 0 or 2 */
	int cw;                 /* content columns: width - gutter */
	/* the line being composed */
	char *lb;
	size_t lblen, lbcap;
	struct span *ls;
	size_t nls, lscap;
	/* where lines go */
	int32_t sec, ent;
	const char *marker;     /* gutter glyph for the next line started */
	bool head_pending;      /* the next entry line is its head */
	bool folded;            /* the current entry shows its head only */
	bool skip;              /* folded entry whose head is out */
	bool blank_pending;
	bool probe;             /* stop at an entry's second line ... */
	bool more;              /* ... and say there was one */
	struct markup mk;       /* scratch for para_markup() */
};

void wrapper_free(struct wrapper *w);

/* --- paragraphs --- */
void para_clear(struct para *p);
/* Appends s[0..n) as one style; see wrap.c for what is rewritten. */
void para_add(struct wrapper *w, struct para *p, const char *s, size_t n,
              int style, unsigned flags);
void para_str(struct wrapper *w, struct para *p, const char *s, int style, unsigned flags);
/* Appends s[0..n) with inline markup as span flags, extra on all of it. */
void para_markup(struct wrapper *w, struct para *p, const char *s, size_t n,
                 int style, unsigned extra);
void para_text(struct wrapper *w, struct para *p, const char *s, int style);
void para_append(struct para *dst, const struct para *src);
size_t para_width(const struct para *p);
void para_free(struct para *p);

/* --- lines --- */
/* Starts a line: the gutter, holding w->marker when set (then cleared). */
void lb_start(struct wrapper *w);
void lb_put(struct wrapper *w, const char *s, size_t n, int style, unsigned flags);
/* Ends the line as kind; a no-op while w->skip is set. */
void lb_commit(struct wrapper *w, enum line_kind kind);

/* --- wrapping --- */
struct wrapfmt {
	int col;                /* where the first line starts, after the gutter */
	const char *lead;       /* bullet or number on the first line, or NULL */
	int hang;               /* later lines start at col + hang */
	int limit;              /* text ends by this column (0: the full width) */
	const struct para *right;   /* flush right on the first line */
	enum line_kind kind;
};

void wrap(struct wrapper *w, const struct para *p, const struct wrapfmt *f);
void wrap_plain(struct wrapper *w, const struct para *p, int col, int hang,
                enum line_kind kind);
/* left, with right (dates, location) flush right on its first line. */
void wrap_pair(struct wrapper *w, const struct para *left, const struct para *right);
