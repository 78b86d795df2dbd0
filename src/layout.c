/*
 * Layout: the résumé at a width, as display lines with styled spans.
 *
 * This file knows the résumé: the header, sections and their headings,
 * how each entry kind looks, folds and the filter. Paragraphs, the line
 * buffer and wrapping by display width are in wrap.c.
 */
#include "layout.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "markup.h"
#include "utf8.h"
#include "wrap.h"

/* Decorations; bullets carry their space, rule and markers are 1 column.
 * In ASCII the fold markers are vim's fold column's, '-' open and '+'
 * folded: '<' and '>' say that the viewer's pane bar scrolls. */
struct glyphs {
	const char *bullet, *sub, *rule, *open, *folded, *sep;
};

static const struct glyphs glyph_sets[2] = {
	[false] = { .bullet = "• ", .sub = "◦ ", .rule = "─", .open = "▾",
	            .folded = "▸", .sep = " · " },
	[true] = { .bullet = "* ", .sub = "- ", .rule = "-", .open = "-",
	           .folded = "+", .sep = " | " },
};

struct lctx {
	struct wrapper w;       /* the lines being made, and where they go */
	const struct resume *r;
	const struct layout_opts *o;
	const struct glyphs *g;
	struct para p, q, tmp;
	const struct entry *e;  /* the entry degree_piece() writes */
};

/* --- entries --------------------------------------------------------- */

/* Each line of text ('\n'-separated) as a paragraph of its own. */
static void paragraphs(struct lctx *c, const char *text, int style)
{
	const char *p = text;

	while (*p && !c->w.skip) {
		const char *nl = strchr(p, '\n');
		size_t n = nl ? (size_t)(nl - p) : strlen(p);

		para_clear(&c->p);
		para_markup(&c->w, &c->p, p, n, style, 0);
		wrap_plain(&c->w, &c->p, 0, 0, LINE_ENTRY_BODY);
		p += n;
		if (*p)
			p++;
	}
}

/* "Label:" hangs its value under the value when the label is short. */
static int label_hang(const struct lctx *c, size_t label_w)
{
	return label_w + 1 <= (size_t)c->w.cw / 3 ? (int)label_w + 1 : 2;
}

/* Starts c->p as "Label: " and returns the hanging indent. */
static int label_start(struct lctx *c, const char *label, size_t n)
{
	para_clear(&c->p);
	para_markup(&c->w, &c->p, label, n, ST_LABEL, 0);
	para_str(&c->w, &c->p, ":", ST_LABEL, 0);
	int hang = label_hang(c, para_width(&c->p));
	para_str(&c->w, &c->p, " ", ST_BODY, 0);
	return hang;
}

struct hl_state {
	struct lctx *c;
	int level;
	bool open;
};

static void hl_flush(struct hl_state *h)
{
	struct lctx *c = h->c;

	if (!h->open)
		return;
	wrap(&c->w, &c->p, &(struct wrapfmt){
		.col = h->level ? 2 : 0, .hang = 2, .kind = LINE_ENTRY_BODY,
		.lead = h->level ? c->g->sub : c->g->bullet });
	h->open = false;
}

static void hl_piece(void *ctx, const struct hl_piece *pc)
{
	struct hl_state *h = ctx;
	struct lctx *c = h->c;

	if (pc->cont && h->open) {
		para_str(&c->w, &c->p, " ", ST_BODY, 0);
	} else {
		hl_flush(h);
		para_clear(&c->p);
		h->level = pc->level;
		h->open = true;
	}
	para_markup(&c->w, &c->p, pc->s, pc->len, ST_BODY, 0);
}

/* What every kind may carry below its own lines. */
static void entry_tail(struct lctx *c, const struct entry *e)
{
	struct hl_state h = { .c = c };

	if (has(e->summary))
		paragraphs(c, e->summary, ST_BODY);
	for (size_t i = 0; i < e->highlights.n && !c->w.skip; i++) {
		if (has(e->highlights.v[i]))
			highlight_split(e->highlights.v[i], c->r->format == FORMAT_RENDERCV,
			                hl_piece, &h);
		hl_flush(&h);
	}
	if (e->technologies.n && !c->w.skip) {
		const char *label = locale_or_default(&c->r->locale)->technologies;
		int hang = label_start(c, label, strlen(label));
		for (size_t i = 0; i < e->technologies.n; i++) {
			if (i)
				para_str(&c->w, &c->p, ", ", ST_BODY, 0);
			if (e->technologies.v[i])
				para_text(&c->w, &c->p, e->technologies.v[i], ST_TECH);
		}
		wrap_plain(&c->w, &c->p, 0, hang, LINE_ENTRY_BODY);
	}
	for (size_t i = 0; i < e->nfields && !c->w.skip; i++) {
		const struct field *f = &e->fields[i];
		if (!has(f->label) || !has(f->value))
			continue;
		int hang = label_start(c, f->label, strlen(f->label));
		para_text(&c->w, &c->p, f->value, ST_BODY);
		wrap_plain(&c->w, &c->p, 0, hang, LINE_ENTRY_BODY);
	}
	if (has(e->url) && !c->w.skip) {
		para_clear(&c->p);
		para_str(&c->w, &c->p, e->url, ST_URL, SPAN_LINK);
		wrap_plain(&c->w, &c->p, 0, 0, LINE_ENTRY_BODY);
	}
}

static void authors(struct lctx *c, const struct strlist *a)
{
	para_clear(&c->p);
	for (size_t i = 0; i < a->n; i++) {
		const char *s = a->v[i];
		if (!has(s))
			continue;
		if (c->p.len)
			para_str(&c->w, &c->p, ", ", ST_AUTHOR, 0);
		markup_parse(&c->w.mk, s, strlen(s));
		if (markup_is_emphasised(&c->w.mk))
			para_add(&c->w, &c->p, c->w.mk.text, c->w.mk.len, ST_OWNER, SPAN_BOLD);
		else
			para_text(&c->w, &c->p, s, ST_AUTHOR);
	}
	wrap_plain(&c->w, &c->p, 0, 0, LINE_ENTRY_BODY);
}

/* "DEGREE in AREA", in the résumé's language. */
static void degree_piece(void *ctx, enum phrase_part part, const char *s, size_t n)
{
	struct lctx *c = ctx;
	const struct entry *e = c->e;
	if (part == PHRASE_DEGREE)
		para_text(&c->w, &c->p, e->degree, ST_SUBTITLE);
	else if (part == PHRASE_AREA)
		para_text(&c->w, &c->p, e->subtitle, ST_SUBTITLE);
	else
		para_markup(&c->w, &c->p, s, n, ST_SUBTITLE, 0);
}

/* Experience, education, publication, normal: title and dates, then
 * position (or degree in area) and location, authors, venue. */
static void block_entry(struct lctx *c, const struct section *s, size_t i)
{
	const struct entry *e = &s->entries[i];
	struct para *left = &c->p, *right = &c->q;

	para_clear(left);
	para_clear(right);
	if (has(e->title))
		para_text(&c->w, left, e->title, ST_TITLE);
	if (has(e->dates))      /* RenderCV puts links in dates too */
		para_text(&c->w, right, e->dates, ST_DATE);
	if (left->len || right->len)
		wrap_pair(&c->w, left, right);

	para_clear(left);
	para_clear(right);
	if (has(e->degree) && has(e->subtitle)) {
		c->e = e;
		locale_phrase(locale_or_default(&c->r->locale)->degree_with_area, degree_piece, c);
	} else if (has(e->degree) || has(e->subtitle)) {
		para_text(&c->w, left, has(e->degree) ? e->degree : e->subtitle, ST_SUBTITLE);
	}
	/* The right column as RenderCV's: dates, location, time span. */
	const char *span = has(e->time_span) ? e->time_span : NULL;
	if (has(e->location)) {
		para_text(&c->w, right, e->location, ST_LOCATION);
	} else if (span) {
		para_text(&c->w, right, span, ST_DATE);
		span = NULL;
	}
	if ((left->len || right->len) && !c->w.skip)
		wrap_pair(&c->w, left, right);
	if (span && !c->w.skip) {
		para_clear(left);
		para_clear(right);
		para_text(&c->w, right, span, ST_DATE);
		wrap_pair(&c->w, left, right);
	}

	if (e->authors.n && !c->w.skip)
		authors(c, &e->authors);
	if (has(e->venue) && !c->w.skip) {
		para_clear(left);
		para_text(&c->w, left, e->venue, ST_VENUE);
		wrap_plain(&c->w, left, 0, 0, LINE_ENTRY_BODY);
	}
}

static void text_entry(struct lctx *c, const struct section *s, size_t i)
{
	if (has(s->entries[i].title))
		paragraphs(c, s->entries[i].title, ST_BODY);
}

static void oneline_entry(struct lctx *c, const struct section *s, size_t i)
{
	const struct entry *e = &s->entries[i];
	int hang = 0;

	para_clear(&c->p);
	if (has(e->title) && has(e->subtitle))
		hang = label_start(c, e->title, strlen(e->title));
	else if (has(e->title))
		para_text(&c->w, &c->p, e->title, ST_LABEL);
	if (has(e->subtitle))
		para_text(&c->w, &c->p, e->subtitle, ST_BODY);
	wrap_plain(&c->w, &c->p, 0, hang, LINE_ENTRY_BODY);
}

/* Bullet, numbered and reversed entries: a glyph and hanging text. */
static void listed_entry(struct lctx *c, const struct section *s, size_t i)
{
	const struct entry *e = &s->entries[i];
	char lead[48];

	if (e->kind == ENTRY_BULLET) {
		snprintf(lead, sizeof lead, "%s", c->g->bullet);
	} else {
		size_t num = e->kind == ENTRY_REVERSED ? s->nentries - i : i + 1;
		int digits = snprintf(NULL, 0, "%zu", s->nentries);
		snprintf(lead, sizeof lead, "%*zu. ", digits, num);
	}
	para_clear(&c->p);
	if (has(e->title))
		para_text(&c->w, &c->p, e->title, ST_BODY);
	wrap(&c->w, &c->p, &(struct wrapfmt){ .lead = lead, .kind = LINE_ENTRY_BODY,
		.hang = (int)str_width(lead, strlen(lead)) });
}

typedef void entry_fn(struct lctx *c, const struct section *s, size_t i);

static const struct {
	entry_fn *render;
	bool compact;           /* no blank line between two of these */
} kinds[ENTRY_KIND_COUNT] = {
	[ENTRY_TEXT] = { .render = text_entry },
	[ENTRY_EXPERIENCE] = { .render = block_entry },
	[ENTRY_EDUCATION] = { .render = block_entry },
	[ENTRY_PUBLICATION] = { .render = block_entry },
	[ENTRY_NORMAL] = { .render = block_entry },
	[ENTRY_ONELINE] = { .render = oneline_entry, .compact = true },
	[ENTRY_BULLET] = { .render = listed_entry, .compact = true },
	[ENTRY_NUMBERED] = { .render = listed_entry, .compact = true },
	[ENTRY_REVERSED] = { .render = listed_entry, .compact = true },
};

static enum entry_kind kind_of(const struct entry *e)
{
	return (unsigned)e->kind < ENTRY_KIND_COUNT ? e->kind : ENTRY_TEXT;
}

/* A list-like entry stays one tight line only without a tail below it. */
static bool compact(const struct entry *e)
{
	return kinds[kind_of(e)].compact && !has(e->summary) && !e->highlights.n &&
	       !e->technologies.n && !e->nfields && !has(e->url) && !has(e->doi);
}

bool layout_blank_between(const struct entry *a, bool a_folded, const struct entry *b,
                          bool b_folded)
{
	return !(compact(a) && compact(b)) && !(a_folded && b_folded);
}

static void render_entry(struct lctx *c, size_t si, size_t ei, bool folded,
                         const char *marker)
{
	const struct section *s = &c->r->sections[si];
	const struct entry *e = &s->entries[ei];

	c->w.sec = (int32_t)si;
	c->w.ent = (int32_t)ei;
	c->w.head_pending = true;
	c->w.folded = folded;
	c->w.skip = false;
	c->w.marker = marker;
	kinds[kind_of(e)].render(c, s, ei);
	if (!c->w.skip)
		entry_tail(c, e);
	if (c->w.head_pending) {
		/* Nothing to show, but the entry still needs a line to fold. */
		lb_start(&c->w);
		lb_put(&c->w, "(empty)", 7, ST_FOLD, 0);
		lb_commit(&c->w, LINE_ENTRY_BODY);
	}
	c->w.head_pending = false;
	c->w.folded = false;
	c->w.skip = false;
	c->w.marker = NULL;
}

/* Lines [from, l->n) that are not blank. */
static size_t text_lines(const struct layout *l, size_t from)
{
	size_t n = 0;
	for (size_t i = from; i < l->n; i++)
		n += l->lines[i].kind != LINE_BLANK;
	return n;
}

/*
 * An entry, with its fold marker in the gutter. An entry of one line has
 * nothing to fold, so it gets no marker: laid out open, it is laid out
 * again without one (a one-line entry is cheap). The viewer never folds
 * such an entry (layout_entry_folds), so a folded one is taken as is.
 */
static void entry(struct lctx *c, size_t si, size_t ei, bool folded)
{
	if (!c->w.gut || folded) {
		render_entry(c, si, ei, folded, c->w.gut ? c->g->folded : NULL);
		return;
	}
	size_t n0 = c->w.l->n;
	bool blank = c->w.blank_pending;
	render_entry(c, si, ei, false, c->g->open);
	if (text_lines(c->w.l, n0) > 1)
		return;
	c->w.l->n = n0;
	c->w.blank_pending = blank;
	render_entry(c, si, ei, false, NULL);
}

bool layout_entry_folds(const struct resume *r, size_t sec, size_t ent, int width,
                        bool ascii)
{
	if (sec >= r->nsections || ent >= r->sections[sec].nentries)
		return false;
	struct layout l = LAYOUT_INIT;
	struct layout_opts o = { .width = width, .gutter = true, .ascii = ascii };
	/* Laid out only as far as a second line. */
	struct lctx c = {
		.w = { .l = &l, .ascii = ascii, .gut = 2, .sec = -1, .ent = -1,
		       .probe = true },
		.r = r, .o = &o, .g = &glyph_sets[ascii],
	};
	l.width = width < LAYOUT_MIN_WIDTH ? LAYOUT_MIN_WIDTH :
	          width > LAYOUT_MAX_WIDTH ? LAYOUT_MAX_WIDTH : width;
	c.w.cw = l.width - c.w.gut;
	render_entry(&c, sec, ent, false, NULL);
	bool folds = c.w.more;
	wrapper_free(&c.w);
	para_free(&c.p);
	para_free(&c.q);
	para_free(&c.tmp);
	layout_free(&l);
	return folds;
}

/* --- header and sections --------------------------------------------- */

static void contact_flush(struct lctx *c, struct para *line, size_t *lw)
{
	if (line->len)
		wrap_plain(&c->w, line, 0, 0, LINE_HEADER);
	para_clear(line);
	*lw = 0;
}

/*
 * Adds "label: text" (an address without its scheme when url is set, its
 * inline markup styled when markup is) to
 * the contact line, starting a new line when it would not fit: an item is
 * only split when it alone is wider than the screen.
 */
static void contact(struct lctx *c, struct para *line, size_t *lw, const char *label,
                    const char *text, bool url, bool markup, unsigned flags)
{
	size_t n, iw, sepw = str_width(c->g->sep, strlen(c->g->sep));

	if (!has(text))
		return;
	para_clear(&c->tmp);
	if (has(label)) {
		para_str(&c->w, &c->tmp, label, ST_CONTACT, flags);
		para_str(&c->w, &c->tmp, ": ", ST_CONTACT, flags);
	}
	n = strlen(text);
	if (url)
		text = url_display(text, &n);
	if (markup)
		para_markup(&c->w, &c->tmp, text, n, ST_CONTACT, flags);
	else
		para_add(&c->w, &c->tmp, text, n, ST_CONTACT, flags);
	iw = para_width(&c->tmp);
	if (*lw && *lw + sepw + iw > (size_t)c->w.cw)
		contact_flush(c, line, lw);
	if (*lw) {
		para_str(&c->w, line, c->g->sep, ST_BODY, 0);
		*lw += sepw;
	}
	para_append(line, &c->tmp);
	*lw += iw;
}

static void header(struct lctx *c)
{
	const struct header *h = &c->r->header;
	struct para *line = &c->q;
	size_t lw = 0;

	c->w.sec = -1;
	c->w.ent = -1;
	if (has(h->name)) {
		para_clear(&c->p);
		para_text(&c->w, &c->p, h->name, ST_NAME);
		wrap_plain(&c->w, &c->p, 0, 0, LINE_HEADER);
	}
	if (has(h->headline)) {
		para_clear(&c->p);
		para_text(&c->w, &c->p, h->headline, ST_HEADLINE);
		wrap_plain(&c->w, &c->p, 0, 0, LINE_HEADER);
	}
	para_clear(line);
	contact(c, line, &lw, NULL, h->location, false, true, 0);
	for (size_t i = 0; i < h->emails.n; i++)
		contact(c, line, &lw, NULL, h->emails.v[i], false, false, SPAN_LINK);
	contact(c, line, &lw, NULL, h->phone, false, false, 0);
	for (size_t i = 0; i < h->websites.n; i++)
		contact(c, line, &lw, NULL, h->websites.v[i], true, false, SPAN_LINK);
	for (size_t i = 0; i < h->nprofiles; i++) {
		const struct profile *pr = &h->profiles[i];
		unsigned flags = has(pr->url) ? SPAN_LINK : 0;

		/* "LinkedIn: linkedin.com/in/jane" when there is no username */
		if (has(pr->username))
			contact(c, line, &lw, pr->network, pr->username, false, false, flags);
		else if (has(pr->url))
			contact(c, line, &lw, pr->network, pr->url, true, false, flags);
		else
			contact(c, line, &lw, NULL, pr->network, false, false, 0);
	}
	contact_flush(c, line, &lw);
}

static bool shown(const struct lctx *c, size_t si, size_t ei)
{
	const struct layout_hooks *h = c->o->hooks;

	return !h || !h->entry_shown || h->entry_shown(c->o->ctx, si, ei);
}

static void heading(struct lctx *c, size_t si, bool folded, size_t count)
{
	const struct section *s = &c->r->sections[si];
	const char *title = has(s->title) ? s->title : has(s->key) ? s->key : "";

	c->w.sec = (int32_t)si;
	c->w.ent = -1;
	para_clear(&c->p);
	para_text(&c->w, &c->p, title, ST_SECTION);
	if (folded) {
		char buf[64];
		snprintf(buf, sizeof buf, "(%zu %s)", count, count == 1 ? "entry" : "entries");
		if (c->p.len)
			para_str(&c->w, &c->p, " ", ST_BODY, 0);
		para_str(&c->w, &c->p, buf, ST_FOLD, 0);
	}
	c->w.marker = c->w.gut ? (folded ? c->g->folded : c->g->open) : NULL;
	wrap_plain(&c->w, &c->p, 0, 0, LINE_SECTION);
	c->w.marker = NULL;
	if (!folded) {
		lb_start(&c->w);
		for (int i = 0; i < c->w.cw; i++)
			lb_put(&c->w, c->g->rule, strlen(c->g->rule), ST_RULE, 0);
		lb_commit(&c->w, LINE_RULE);
	}
}

static void section(struct lctx *c, size_t si)
{
	const struct layout_opts *o = c->o;
	const struct section *s = &c->r->sections[si];
	const struct entry *prev = NULL;
	size_t count = 0;
	bool prev_folded = false, folded;

	for (size_t ei = 0; ei < s->nentries; ei++)
		count += shown(c, si, ei);
	if (!count)
		return;
	folded = o->hooks && o->hooks->section_folded &&
	         o->hooks->section_folded(o->ctx, si);
	c->w.blank_pending = c->w.l->n > 0;
	if (o->headings) {
		heading(c, si, folded, count);
		if (folded)
			return;
	}
	for (size_t ei = 0; ei < s->nentries; ei++) {
		bool efold;

		if (!shown(c, si, ei))
			continue;
		efold = o->hooks && o->hooks->entry_folded &&
		        o->hooks->entry_folded(o->ctx, si, ei);
		if (prev && layout_blank_between(prev, prev_folded, &s->entries[ei], efold))
			c->w.blank_pending = true;
		entry(c, si, ei, efold);
		prev = &s->entries[ei];
		prev_folded = efold;
	}
}

void layout_build(struct layout *l, const struct resume *r, const struct layout_opts *o)
{
	int width = o->width < LAYOUT_MIN_WIDTH ? LAYOUT_MIN_WIDTH :
	            o->width > LAYOUT_MAX_WIDTH ? LAYOUT_MAX_WIDTH : o->width;
	struct lctx c = {
		.w = { .l = l, .ascii = o->ascii, .gut = o->gutter ? 2 : 0,
		       .sec = -1, .ent = -1 },
		.r = r, .o = o, .g = &glyph_sets[o->ascii],
	};

	arena_free(&l->arena);
	l->n = 0;
	l->width = width;
	c.w.cw = width - c.w.gut;
	if (o->header)
		header(&c);
	if (o->header && r->empty_note) {
		/* Say why there is nothing (or only unknown keys) below,
		 * rather than nothing. */
		c.w.blank_pending = c.w.l->n > 0;
		paragraphs(&c, r->empty_note, ST_BODY);
	}
	if (o->section < 0) {
		for (size_t si = 0; si < r->nsections; si++)
			section(&c, si);
	} else if ((size_t)o->section < r->nsections) {
		section(&c, (size_t)o->section);
	}
	wrapper_free(&c.w);
	para_free(&c.p);
	para_free(&c.q);
	para_free(&c.tmp);
}

void layout_free(struct layout *l)
{
	if (!l)
		return;
	arena_free(&l->arena);
	free(l->lines);
	*l = (struct layout)LAYOUT_INIT;
}

void layout_append(struct layout *l, const struct layout *src, size_t first,
                   size_t end)
{
	if (end > src->n)
		end = src->n;
	if (first >= end)
		return;
	grow_array(&l->lines, &l->cap, l->n + (end - first), sizeof *l->lines);
	for (size_t i = first; i < end; i++) {
		struct line *d = &l->lines[l->n++];
		*d = src->lines[i];
		if (d->len)
			d->text = arena_strndup(&l->arena, d->text, d->len);
		if (d->nspans) {
			struct span *sp = arena_alloc_align(&l->arena, d->nspans * sizeof *sp,
			                                    _Alignof(struct span));
			memcpy(sp, d->spans, d->nspans * sizeof *sp);
			d->spans = sp;
		}
	}
	l->width = src->width;
}

/* Lines are in (section, entry) order, the header (-1, -1) first and a
 * heading (s, -1) before its entries, so a binary search finds one. */
long layout_find_entry(const struct layout *l, int sec, int ent)
{
	size_t a = 0, b = l->n;

	while (a < b) {
		size_t m = a + (b - a) / 2;
		const struct line *x = &l->lines[m];
		if (x->section < sec || (x->section == sec && x->entry < ent))
			a = m + 1;
		else
			b = m;
	}
	if (a < l->n && l->lines[a].section == sec && l->lines[a].entry == ent)
		return (long)a;
	return -1;
}
