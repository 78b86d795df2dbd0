/*
 * Layout: the résumé at a width, as display lines with styled spans.
 *
 * Text goes through a paragraph (struct para: bytes plus styled spans
 * covering them), which is where markup is parsed, ASCII mode
 * transliterates and '\n' is flattened. wrap() cuts a paragraph into
 * lines at spaces (and after hyphens) by display width, breaking only
 * words wider than the line; a wide character never straddles the edge
 * and a combining mark never leaves its letter.
 * Each line is composed in a scratch buffer and copied once, exactly
 * sized, into the layout's arena.
 */
#include "layout.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "markup.h"
#include "utf8.h"

_Static_assert((int)MK_BOLD == (int)SPAN_BOLD && (int)MK_ITALIC == (int)SPAN_ITALIC &&
               (int)MK_LINK == (int)SPAN_LINK, "markup flags are span flags");

/* Decorations; bullets carry their space, rule and markers are 1 column. */
struct glyphs {
	const char *bullet, *sub, *rule, *open, *folded, *sep;
};

static const struct glyphs glyph_sets[2] = {
	[false] = { .bullet = "• ", .sub = "◦ ", .rule = "─", .open = "▾",
	            .folded = "▸", .sep = " · " },
	[true] = { .bullet = "* ", .sub = "- ", .rule = "-", .open = "v",
	           .folded = ">", .sep = " | " },
};

/* Gap between a left column and right-aligned dates or location. */
#define GAP 2

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

struct lctx {
	struct layout *l;
	const struct resume *r;
	const struct layout_opts *o;
	const struct glyphs *g;
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
	struct para p, q, tmp;
	struct markup mk;
};

/* --- paragraphs ------------------------------------------------------ */

static void para_clear(struct para *p)
{
	p->len = 0;
	p->n = 0;
}

static void para_span(struct para *p, size_t start, size_t len, int style, unsigned flags)
{
	struct pspan *last = p->n ? &p->sp[p->n - 1] : NULL;

	if (!len)
		return;
	if (last && last->style == style && last->flags == flags &&
	    last->start + last->len == start) {
		last->len += len;
		return;
	}
	grow_array(&p->sp, &p->spcap, p->n + 1, sizeof *p->sp);
	p->sp[p->n++] = (struct pspan){ .start = start, .len = len,
	                                 .style = (uint8_t)style, .flags = (uint8_t)flags };
}

/* Appends s[0..n) as one style. The model is sanitised already; a string
 * that is not safe anyway is sanitised again rather than trusted. */
static void para_add(struct lctx *c, struct para *p, const char *s, size_t n,
                     int style, unsigned flags)
{
	size_t start = p->len, i = 0;

	if (!text_is_safe(s, n)) {
		s = text_sanitize(&c->l->arena, s, n);
		n = strlen(s);
	}
	grow_array(&p->buf, &p->cap, p->len + 2 * n + 1, 1);     /* "(TM)" from 3 bytes */
	while (i < n) {
		unsigned char b = (unsigned char)s[i];
		uint32_t cp;

		if (b < 0x80) {
			p->buf[p->len++] = b == '\n' ? ' ' : (char)b;
			i++;
		} else if (c->o->ascii) {
			i += utf8_decode(s + i, n - i, &cp);
			p->len += cp_to_ascii(cp, p->buf + p->len);
		} else {
			p->buf[p->len++] = (char)b;
			i++;
		}
	}
	para_span(p, start, p->len - start, style, flags);
}

static void para_str(struct lctx *c, struct para *p, const char *s, int style, unsigned flags)
{
	para_add(c, p, s, strlen(s), style, flags);
}

/*
 * Appends s[0..n) with its inline markup turned into span flags. A link
 * keeps its text and is followed by its address, "text (example.com)",
 * since a terminal cannot follow it; not when the text is the address.
 */
static void para_markup(struct lctx *c, struct para *p, const char *s, size_t n,
                        int style, unsigned extra)
{
	struct markup *m = &c->mk;
	size_t at = 0;

	markup_parse(m, s, n);
	for (size_t k = 0; k < m->nspans; k++) {
		const struct markup_span *ms = &m->spans[k];

		para_add(c, p, m->text + at, ms->start - at, style, extra);
		para_add(c, p, m->text + ms->start, ms->len, style, extra | ms->flags);
		at = ms->start + ms->len;
		if (ms->link_end) {
			size_t un = ms->url_len, tn = at - ms->link_start;
			const char *u = url_display(ms->url, &un), *t = m->text + ms->link_start;

			if ((tn != un || memcmp(t, u, un)) && (tn != ms->url_len || memcmp(t, ms->url, tn))) {
				para_add(c, p, " (", 2, style, extra);
				para_add(c, p, u, un, ST_URL, extra | SPAN_LINK);
				para_add(c, p, ")", 1, style, extra);
			}
		}
	}
	para_add(c, p, m->text + at, m->len - at, style, extra);
}

static void para_text(struct lctx *c, struct para *p, const char *s, int style)
{
	para_markup(c, p, s, strlen(s), style, 0);
}

static void para_append(struct para *dst, const struct para *src)
{
	size_t base = dst->len;

	grow_array(&dst->buf, &dst->cap, dst->len + src->len + 1, 1);
	memcpy(dst->buf + dst->len, src->buf, src->len);
	dst->len += src->len;
	for (size_t k = 0; k < src->n; k++)
		para_span(dst, base + src->sp[k].start, src->sp[k].len,
		          src->sp[k].style, src->sp[k].flags);
}

static size_t para_width(const struct para *p)
{
	return str_width(p->buf, p->len);
}

static void para_free(struct para *p)
{
	free(p->buf);
	free(p->sp);
}

/* --- lines ----------------------------------------------------------- */

static void lb_put(struct lctx *c, const char *s, size_t n, int style, unsigned flags)
{
	struct span *last = c->nls ? &c->ls[c->nls - 1] : NULL;

	if (!n)
		return;
	grow_array(&c->lb, &c->lbcap, c->lblen + n + 1, 1);
	memcpy(c->lb + c->lblen, s, n);
	if (style != ST_BODY || flags) {
		if (last && last->style == style && last->flags == flags &&
		    last->start + last->len == c->lblen) {
			last->len += (uint32_t)n;
		} else {
			grow_array(&c->ls, &c->lscap, c->nls + 1, sizeof *c->ls);
			c->ls[c->nls++] = (struct span){ .start = (uint32_t)c->lblen,
				.len = (uint32_t)n, .style = (uint8_t)style, .flags = (uint8_t)flags };
		}
	}
	c->lblen += n;
}

static void lb_pad(struct lctx *c, size_t n)
{
	static const char spaces[] = "                                ";

	while (n) {
		size_t k = n < sizeof spaces - 1 ? n : sizeof spaces - 1;
		lb_put(c, spaces, k, ST_BODY, 0);
		n -= k;
	}
}

/* Starts a line: the gutter, holding a fold marker when one is due. */
static void lb_start(struct lctx *c)
{
	c->lblen = 0;
	c->nls = 0;
	if (c->gut) {
		if (c->marker) {
			lb_put(c, c->marker, strlen(c->marker), ST_FOLD, 0);
			lb_pad(c, 1);
		} else {
			lb_pad(c, (size_t)c->gut);
		}
	}
	c->marker = NULL;
}

static void push_line(struct lctx *c, const char *text, size_t len, const struct span *sp,
                      size_t nsp, size_t width, enum line_kind kind)
{
	struct layout *l = c->l;
	struct span *spans = NULL;

	if (nsp) {
		spans = arena_alloc(&l->arena, nsp * sizeof *spans);
		memcpy(spans, sp, nsp * sizeof *spans);
	}
	grow_array(&l->lines, &l->cap, l->n + 1, sizeof *l->lines);
	l->lines[l->n++] = (struct line){
		.text = len ? arena_strndup(&l->arena, text, len) : "",
		.len = (uint32_t)len, .width = (uint32_t)width,
		.spans = spans, .nspans = (uint32_t)nsp,
		.section = c->sec, .entry = c->ent, .kind = (uint8_t)kind,
	};
}

/* Ends the line: trailing spaces go, a pending blank line comes first. */
static void lb_commit(struct lctx *c, enum line_kind kind)
{
	struct layout *l = c->l;

	if (c->skip)
		return;
	while (c->lblen && c->lb[c->lblen - 1] == ' ')
		c->lblen--;
	while (c->nls && c->ls[c->nls - 1].start >= c->lblen)
		c->nls--;
	if (c->nls && c->ls[c->nls - 1].start + c->ls[c->nls - 1].len > c->lblen)
		c->ls[c->nls - 1].len = (uint32_t)c->lblen - c->ls[c->nls - 1].start;
	if (c->blank_pending && l->n) {
		const struct line *prev = &l->lines[l->n - 1];
		int32_t sec = c->sec, ent = c->ent;
		c->sec = prev->section;
		c->ent = prev->entry;
		push_line(c, "", 0, NULL, 0, 0, LINE_BLANK);
		c->sec = sec;
		c->ent = ent;
	}
	c->blank_pending = false;
	if (kind == LINE_ENTRY_BODY && c->head_pending) {
		kind = LINE_ENTRY_HEAD;
		c->head_pending = false;
		c->skip = c->folded;
	}
	push_line(c, c->lb, c->lblen, c->ls, c->nls, str_width(c->lb, c->lblen), kind);
}

/* --- wrapping -------------------------------------------------------- */

/*
 * The line starting at pos (not a space) that fits in avail columns:
 * returns its end without trailing spaces; *next is where the next line
 * starts. Lines break at spaces and after a hyphen inside a word; words
 * wider than avail are cut between characters.
 */
static size_t next_break(const char *s, size_t len, size_t pos, size_t avail, size_t *next)
{
	size_t i = pos, w = 0, brk_end = 0, brk_next = 0;
	bool have_brk = false, in_space = false;

	while (i < len) {
		uint32_t cp;
		size_t j;
		int cwid;

		if (s[i] == ' ') {
			if (!in_space) {
				brk_end = i;
				have_brk = true;
				in_space = true;
			}
			i++;
			w++;
			brk_next = i;
			continue;
		}
		in_space = false;
		j = i + utf8_decode(s + i, len - i, &cp);
		cwid = cp_width(cp);
		/* a combining mark has no width, so it always fits beside its
		 * letter: no break ever falls between them */
		if (w + (size_t)cwid > avail && i > pos) {
			if (have_brk) {
				*next = brk_next;
				return brk_end;
			}
			*next = i;
			return i;
		}
		w += (size_t)cwid;
		if (cp == '-' && i > pos && s[i - 1] != ' ' && s[i - 1] != '-' &&
		    j < len && s[j] != ' ' && s[j] != '-') {
			brk_end = brk_next = j;
			have_brk = true;
		}
		i = j;
	}
	*next = len;
	return in_space ? brk_end : len;
}

/* Appends p's bytes [a, b) with their spans; *k is a cursor into p->sp. */
static void put_slice(struct lctx *c, const struct para *p, size_t a, size_t b, size_t *k)
{
	while (*k < p->n && p->sp[*k].start + p->sp[*k].len <= a)
		(*k)++;
	for (size_t i = *k; i < p->n && p->sp[i].start < b; i++) {
		size_t s0 = p->sp[i].start > a ? p->sp[i].start : a;
		size_t s1 = p->sp[i].start + p->sp[i].len < b ? p->sp[i].start + p->sp[i].len : b;
		lb_put(c, p->buf + s0, s1 - s0, p->sp[i].style, p->sp[i].flags);
	}
}

struct wrapfmt {
	int col;                /* where the first line starts, after the gutter */
	const char *lead;       /* bullet or number on the first line, or NULL */
	int hang;               /* later lines start at col + hang */
	int limit;              /* text ends by this column (0: the full width) */
	const struct para *right;   /* flush right on the first line */
	enum line_kind kind;
};

static void wrap(struct lctx *c, const struct para *p, const struct wrapfmt *f)
{
	size_t pos = 0, k = 0, next;
	int limit = f->limit ? f->limit : c->cw;
	int lead_w = f->lead ? (int)str_width(f->lead, strlen(f->lead)) : 0;
	bool first = true;

	while (pos < p->len && p->buf[pos] == ' ')
		pos++;
	while (pos < p->len && !c->skip) {
		int start = first ? f->col + lead_w : f->col + f->hang;
		/* at the narrowest content width (18) the deepest indent is a
		 * nested bullet's 4, a label's hang is a third and a number's
		 * at most 9, so avail never really drops below 2 */
		int avail = limit - start;
		size_t end = next_break(p->buf, p->len, pos, avail < 2 ? 2 : (size_t)avail, &next);

		lb_start(c);
		lb_pad(c, (size_t)f->col);
		if (first && f->lead)
			lb_put(c, f->lead, strlen(f->lead), ST_BULLET, 0);
		else if (!first)
			lb_pad(c, (size_t)f->hang);
		put_slice(c, p, pos, end, &k);
		if (first && f->right) {
			size_t used = str_width(c->lb, c->lblen) - (size_t)c->gut;
			size_t rw = para_width(f->right);
			size_t kk = 0;
			lb_pad(c, (size_t)c->cw > rw + used ? (size_t)c->cw - rw - used : 0);
			put_slice(c, f->right, 0, f->right->len, &kk);
		}
		lb_commit(c, f->kind);
		first = false;
		pos = next;
		while (pos < p->len && p->buf[pos] == ' ')
			pos++;
	}
}

static void wrap_plain(struct lctx *c, const struct para *p, int col, int hang,
                       enum line_kind kind)
{
	wrap(c, p, &(struct wrapfmt){ .col = col, .hang = hang, .kind = kind });
}

/*
 * left, with right (dates, location) flush right on its first line when
 * there is room: on the same line, else beside a narrower left column,
 * else on a line of its own below.
 */
static void pair(struct lctx *c, const struct para *left, const struct para *right)
{
	size_t lw = para_width(left), rw = right->len ? para_width(right) : 0;
	size_t cw = (size_t)c->cw;

	if (!rw) {
		wrap_plain(c, left, 0, 0, LINE_ENTRY_BODY);
	} else if (!left->len) {
		if (rw <= cw) {
			lb_start(c);
			lb_pad(c, cw - rw);
			size_t k = 0;
			put_slice(c, right, 0, right->len, &k);
			lb_commit(c, LINE_ENTRY_BODY);
		} else {
			wrap_plain(c, right, 0, 0, LINE_ENTRY_BODY);
		}
	} else if (rw + GAP < cw && (lw + GAP + rw <= cw || cw - rw - GAP >= cw / 2)) {
		wrap(c, left, &(struct wrapfmt){ .limit = (int)(cw - rw - GAP), .right = right,
		                                 .kind = LINE_ENTRY_BODY });
	} else {
		wrap_plain(c, left, 0, 0, LINE_ENTRY_BODY);
		wrap_plain(c, right, 0, 0, LINE_ENTRY_BODY);
	}
}

/* --- entries --------------------------------------------------------- */

static bool has(const char *s)
{
	return s && *s;
}

/* Each line of text ('\n'-separated) as a paragraph of its own. */
static void paragraphs(struct lctx *c, const char *text, int style)
{
	const char *p = text;

	while (*p && !c->skip) {
		const char *nl = strchr(p, '\n');
		size_t n = nl ? (size_t)(nl - p) : strlen(p);

		para_clear(&c->p);
		para_markup(c, &c->p, p, n, style, 0);
		wrap_plain(c, &c->p, 0, 0, LINE_ENTRY_BODY);
		p += n;
		if (*p)
			p++;
	}
}

/* "Label:" hangs its value under the value when the label is short. */
static int label_hang(const struct lctx *c, size_t label_w)
{
	return label_w + 1 <= (size_t)c->cw / 3 ? (int)label_w + 1 : 2;
}

/* Starts c->p as "Label: " and returns the hanging indent. */
static int label_start(struct lctx *c, const char *label, size_t n)
{
	para_clear(&c->p);
	para_markup(c, &c->p, label, n, ST_LABEL, 0);
	para_str(c, &c->p, ":", ST_LABEL, 0);
	int hang = label_hang(c, para_width(&c->p));
	para_str(c, &c->p, " ", ST_BODY, 0);
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
	wrap(c, &c->p, &(struct wrapfmt){
		.col = h->level ? 2 : 0, .hang = 2, .kind = LINE_ENTRY_BODY,
		.lead = h->level ? c->g->sub : c->g->bullet });
	h->open = false;
}

static void hl_piece(void *ctx, const struct hl_piece *pc)
{
	struct hl_state *h = ctx;
	struct lctx *c = h->c;

	if (pc->cont && h->open) {
		para_str(c, &c->p, " ", ST_BODY, 0);
	} else {
		hl_flush(h);
		para_clear(&c->p);
		h->level = pc->level;
		h->open = true;
	}
	para_markup(c, &c->p, pc->s, pc->len, ST_BODY, 0);
}

/* What every kind may carry below its own lines. */
static void entry_tail(struct lctx *c, const struct entry *e)
{
	struct hl_state h = { .c = c };

	if (has(e->summary))
		paragraphs(c, e->summary, ST_BODY);
	for (size_t i = 0; i < e->highlights.n && !c->skip; i++) {
		if (has(e->highlights.v[i]))
			highlight_split(e->highlights.v[i], c->r->format == FORMAT_RENDERCV,
			                hl_piece, &h);
		hl_flush(&h);
	}
	if (e->technologies.n && !c->skip) {
		int hang = label_start(c, "Technologies", 12);
		for (size_t i = 0; i < e->technologies.n; i++) {
			if (i)
				para_str(c, &c->p, ", ", ST_BODY, 0);
			if (e->technologies.v[i])
				para_text(c, &c->p, e->technologies.v[i], ST_TECH);
		}
		wrap_plain(c, &c->p, 0, hang, LINE_ENTRY_BODY);
	}
	for (size_t i = 0; i < e->nfields && !c->skip; i++) {
		const struct field *f = &e->fields[i];
		if (!has(f->label) || !has(f->value))
			continue;
		int hang = label_start(c, f->label, strlen(f->label));
		para_text(c, &c->p, f->value, ST_BODY);
		wrap_plain(c, &c->p, 0, hang, LINE_ENTRY_BODY);
	}
	if ((has(e->url) || has(e->doi)) && !c->skip) {
		para_clear(&c->p);
		if (has(e->url)) {
			para_str(c, &c->p, e->url, ST_URL, SPAN_LINK);
		} else {
			para_str(c, &c->p, "https://doi.org/", ST_URL, SPAN_LINK);
			para_str(c, &c->p, e->doi, ST_URL, SPAN_LINK);
		}
		wrap_plain(c, &c->p, 0, 0, LINE_ENTRY_BODY);
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
			para_str(c, &c->p, ", ", ST_AUTHOR, 0);
		markup_parse(&c->mk, s, strlen(s));
		if (markup_is_emphasised(&c->mk))
			para_add(c, &c->p, c->mk.text, c->mk.len, ST_OWNER, SPAN_BOLD);
		else
			para_text(c, &c->p, s, ST_AUTHOR);
	}
	wrap_plain(c, &c->p, 0, 0, LINE_ENTRY_BODY);
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
		para_text(c, left, e->title, ST_TITLE);
	if (has(e->dates))
		para_str(c, right, e->dates, ST_DATE, 0);
	if (left->len || right->len)
		pair(c, left, right);

	para_clear(left);
	para_clear(right);
	if (has(e->degree)) {
		para_text(c, left, e->degree, ST_SUBTITLE);
		if (has(e->subtitle))
			para_str(c, left, " in ", ST_SUBTITLE, 0);
	}
	if (has(e->subtitle))
		para_text(c, left, e->subtitle, ST_SUBTITLE);
	if (has(e->location))
		para_text(c, right, e->location, ST_LOCATION);
	if ((left->len || right->len) && !c->skip)
		pair(c, left, right);

	if (e->authors.n && !c->skip)
		authors(c, &e->authors);
	if (has(e->venue) && !c->skip) {
		para_clear(left);
		para_text(c, left, e->venue, ST_VENUE);
		wrap_plain(c, left, 0, 0, LINE_ENTRY_BODY);
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
		para_text(c, &c->p, e->title, ST_LABEL);
	if (has(e->subtitle))
		para_text(c, &c->p, e->subtitle, ST_BODY);
	wrap_plain(c, &c->p, 0, hang, LINE_ENTRY_BODY);
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
		para_text(c, &c->p, e->title, ST_BODY);
	wrap(c, &c->p, &(struct wrapfmt){ .lead = lead, .kind = LINE_ENTRY_BODY,
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

static void entry(struct lctx *c, size_t si, size_t ei, bool folded)
{
	const struct section *s = &c->r->sections[si];
	const struct entry *e = &s->entries[ei];

	c->sec = (int32_t)si;
	c->ent = (int32_t)ei;
	c->head_pending = true;
	c->folded = folded;
	c->skip = false;
	c->marker = c->gut ? (folded ? c->g->folded : c->g->open) : NULL;
	kinds[kind_of(e)].render(c, s, ei);
	if (!c->skip)
		entry_tail(c, e);
	if (c->head_pending) {
		/* Nothing to show, but the entry still needs a line to fold. */
		lb_start(c);
		lb_put(c, "(empty)", 7, ST_FOLD, 0);
		lb_commit(c, LINE_ENTRY_BODY);
	}
	c->head_pending = false;
	c->folded = false;
	c->skip = false;
	c->marker = NULL;
}

/* --- header and sections --------------------------------------------- */

static void contact_flush(struct lctx *c, struct para *line, size_t *lw)
{
	if (line->len)
		wrap_plain(c, line, 0, 0, LINE_HEADER);
	para_clear(line);
	*lw = 0;
}

/*
 * Adds "label: text" (an address without its scheme when url is set) to
 * the contact line, starting a new line when it would not fit: an item is
 * only split when it alone is wider than the screen.
 */
static void contact(struct lctx *c, struct para *line, size_t *lw, const char *label,
                    const char *text, bool url, unsigned flags)
{
	size_t n, iw, sepw = str_width(c->g->sep, strlen(c->g->sep));

	if (!has(text))
		return;
	para_clear(&c->tmp);
	if (has(label)) {
		para_str(c, &c->tmp, label, ST_CONTACT, flags);
		para_str(c, &c->tmp, ": ", ST_CONTACT, flags);
	}
	n = strlen(text);
	if (url)
		text = url_display(text, &n);
	para_add(c, &c->tmp, text, n, ST_CONTACT, flags);
	iw = para_width(&c->tmp);
	if (*lw && *lw + sepw + iw > (size_t)c->cw)
		contact_flush(c, line, lw);
	if (*lw) {
		para_str(c, line, c->g->sep, ST_BODY, 0);
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

	c->sec = -1;
	c->ent = -1;
	if (has(h->name)) {
		para_clear(&c->p);
		para_text(c, &c->p, h->name, ST_NAME);
		wrap_plain(c, &c->p, 0, 0, LINE_HEADER);
	}
	if (has(h->headline)) {
		para_clear(&c->p);
		para_text(c, &c->p, h->headline, ST_HEADLINE);
		wrap_plain(c, &c->p, 0, 0, LINE_HEADER);
	}
	para_clear(line);
	contact(c, line, &lw, NULL, h->location, false, 0);
	for (size_t i = 0; i < h->emails.n; i++)
		contact(c, line, &lw, NULL, h->emails.v[i], false, SPAN_LINK);
	contact(c, line, &lw, NULL, h->phone, false, 0);
	for (size_t i = 0; i < h->websites.n; i++)
		contact(c, line, &lw, NULL, h->websites.v[i], true, SPAN_LINK);
	for (size_t i = 0; i < h->nprofiles; i++) {
		const struct profile *pr = &h->profiles[i];
		unsigned flags = has(pr->url) ? SPAN_LINK : 0;

		if (has(pr->username))
			contact(c, line, &lw, pr->network, pr->username, false, flags);
		else if (has(pr->url))
			contact(c, line, &lw, NULL, pr->url, true, flags);
		else
			contact(c, line, &lw, NULL, pr->network, false, 0);
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

	c->sec = (int32_t)si;
	c->ent = -1;
	para_clear(&c->p);
	para_text(c, &c->p, title, ST_SECTION);
	if (folded) {
		char buf[64];
		snprintf(buf, sizeof buf, "(%zu %s)", count, count == 1 ? "entry" : "entries");
		if (c->p.len)
			para_str(c, &c->p, " ", ST_BODY, 0);
		para_str(c, &c->p, buf, ST_FOLD, 0);
	}
	c->marker = c->gut ? (folded ? c->g->folded : c->g->open) : NULL;
	wrap_plain(c, &c->p, 0, 0, LINE_SECTION);
	c->marker = NULL;
	if (!folded) {
		lb_start(c);
		for (int i = 0; i < c->cw; i++)
			lb_put(c, c->g->rule, strlen(c->g->rule), ST_RULE, 0);
		lb_commit(c, LINE_RULE);
	}
}

static void section(struct lctx *c, size_t si)
{
	const struct layout_opts *o = c->o;
	const struct section *s = &c->r->sections[si];
	size_t count = 0;
	bool first = true, prev_compact = false, prev_folded = false, folded;

	for (size_t ei = 0; ei < s->nentries; ei++)
		count += shown(c, si, ei);
	if (!count)
		return;
	folded = o->hooks && o->hooks->section_folded &&
	         o->hooks->section_folded(o->ctx, si);
	c->blank_pending = c->l->n > 0;
	if (o->headings) {
		heading(c, si, folded, count);
		if (folded)
			return;
	}
	for (size_t ei = 0; ei < s->nentries; ei++) {
		bool efold, tight = compact(&s->entries[ei]);

		if (!shown(c, si, ei))
			continue;
		efold = o->hooks && o->hooks->entry_folded &&
		        o->hooks->entry_folded(o->ctx, si, ei);
		if (!first && !(prev_compact && tight) && !(prev_folded && efold))
			c->blank_pending = true;
		entry(c, si, ei, efold);
		first = false;
		prev_compact = tight;
		prev_folded = efold;
	}
}

void layout_build(struct layout *l, const struct resume *r, const struct layout_opts *o)
{
	int width = o->width < LAYOUT_MIN_WIDTH ? LAYOUT_MIN_WIDTH :
	            o->width > LAYOUT_MAX_WIDTH ? LAYOUT_MAX_WIDTH : o->width;
	struct lctx c = {
		.l = l, .r = r, .o = o, .g = &glyph_sets[o->ascii],
		.gut = o->gutter ? 2 : 0, .sec = -1, .ent = -1,
	};

	arena_free(&l->arena);
	l->n = 0;
	l->width = width;
	c.cw = width - c.gut;
	if (o->header)
		header(&c);
	if (o->section < 0) {
		for (size_t si = 0; si < r->nsections; si++)
			section(&c, si);
	} else if ((size_t)o->section < r->nsections) {
		section(&c, (size_t)o->section);
	}
	free(c.lb);
	free(c.ls);
	para_free(&c.p);
	para_free(&c.q);
	para_free(&c.tmp);
	markup_free(&c.mk);
}

void layout_free(struct layout *l)
{
	if (!l)
		return;
	arena_free(&l->arena);
	free(l->lines);
	*l = (struct layout)LAYOUT_INIT;
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
