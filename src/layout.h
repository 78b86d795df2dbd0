#pragma once
/*
 * Layout: the model at a given width, with folds and a filter, becomes an
 * array of display lines with styled spans. No curses here: the text
 * printer writes the lines as they are, the viewer draws them with
 * attributes chosen per style.
 *
 * A layout owns its lines, their text and spans (layout->arena); they die
 * with layout_free() or the next layout_build() on the same layout. The
 * résumé must outlive the layout (lines point back by index only).
 */
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "arena.h"
#include "model.h"

/* What a span of text is; the viewer maps each to colours/attributes. */
enum style {
	ST_BODY,
	ST_NAME,            /* the person's name in the header */
	ST_HEADLINE,
	ST_CONTACT,         /* email, website, profiles in the header */
	ST_SECTION,         /* section heading */
	ST_RULE,            /* the line under a heading */
	ST_TITLE,           /* entry title: company, institution, paper */
	ST_SUBTITLE,        /* position, degree and area, details */
	ST_DATE,
	ST_LOCATION,
	ST_BULLET,          /* the bullet or number glyph */
	ST_LABEL,           /* "Technologies:", "Score:", one-line label */
	ST_TECH,            /* technology names */
	ST_AUTHOR,
	ST_OWNER,           /* the résumé owner's name among authors */
	ST_VENUE,
	ST_URL,
	ST_FOLD,            /* fold marker and "(3 entries)" counts */
	ST_COUNT_
};

/* Inline markup flags on a span, from **bold**, *italic*, [text](url). */
enum {
	SPAN_BOLD = 1,
	SPAN_ITALIC = 2,
	SPAN_LINK = 4,
};

struct span {
	uint32_t start, len;    /* bytes within line->text */
	uint8_t style;          /* enum style */
	uint8_t flags;          /* SPAN_* */
};

enum line_kind {
	LINE_BLANK,
	LINE_HEADER,            /* name, headline, contact lines */
	LINE_SECTION,           /* section heading (folds in the All pane) */
	LINE_RULE,              /* rule under a heading */
	LINE_ENTRY_HEAD,        /* first line of an entry; all a folded entry shows */
	LINE_ENTRY_BODY,        /* the rest of an entry */
};

struct line {
	const char *text;       /* sanitised UTF-8, no '\n', no trailing spaces */
	uint32_t len;           /* bytes */
	uint32_t width;         /* display columns, <= layout width */
	const struct span *spans;   /* sorted, non-overlapping; gaps are ST_BODY */
	uint32_t nspans;
	int32_t section;        /* index into resume->sections, -1 for header */
	int32_t entry;          /* index into section->entries, -1 for heading;
	                           a blank line has the indices of the line
	                           above it, so (section, entry) never decreases */
	uint8_t kind;           /* enum line_kind */
};

/* How the viewer asks about folds and the filter. All may be NULL. */
struct layout_hooks {
	bool (*entry_folded)(void *ctx, size_t sec, size_t ent);
	bool (*section_folded)(void *ctx, size_t sec);
	/* false hides the entry; a section with no shown entry is left out. */
	bool (*entry_shown)(void *ctx, size_t sec, size_t ent);
};

struct layout_opts {
	int width;              /* columns; clamped to [LAYOUT_MIN_WIDTH, LAYOUT_MAX_WIDTH] */
	int section;            /* -1: every section, else just that one */
	bool header;            /* start with the name/headline/contact block */
	bool headings;          /* section headings and rules */
	bool gutter;            /* 2-column fold-marker gutter before entries */
	bool ascii;             /* ASCII only: decorations and content */
	const struct layout_hooks *hooks;
	void *ctx;
};

#define LAYOUT_MIN_WIDTH 20
#define LAYOUT_MAX_WIDTH 1000

struct layout {
	struct arena arena;     /* owns text and spans */
	struct line *lines;     /* malloc'd array */
	size_t n, cap;
	int width;              /* the clamped width used */
};

#define LAYOUT_INIT { 0 }

/* Replaces whatever l held with r laid out under o. */
void layout_build(struct layout *l, const struct resume *r,
                  const struct layout_opts *o);
void layout_free(struct layout *l);

/* Whether a blank line separates two entries that follow each other in a
 * section: not between two one-line list entries, nor two folded ones.
 * (The viewer re-lays out one entry when it folds, and needs the rule.) */
bool layout_blank_between(const struct entry *a, bool a_folded, const struct entry *b,
                          bool b_folded);

/* Whether entry (sec, ent) has anything to fold at width: whether it lays
 * out, open, to more than one line. One that does not carries no fold
 * marker in the gutter, and the viewer does not fold it. */
bool layout_entry_folds(const struct resume *r, size_t sec, size_t ent, int width,
                        bool ascii);

/* Adds lines [first, end) of src at the end of l, their text and spans
 * copied into l's arena: the viewer shows a section's lines that the All
 * pane already laid out (same width, same folds) without laying them out
 * again. */
void layout_append(struct layout *l, const struct layout *src, size_t first,
                   size_t end);

/* First line of entry (sec, ent) in l, or -1 when it is not there. */
long layout_find_entry(const struct layout *l, int sec, int ent);
