/*
 * Wrapping: paragraphs, the line being composed, and lines cut by
 * display width. The interface and who owns what are in wrap.h.
 */
#include "wrap.h"

#include <stdlib.h>
#include <string.h>

#include "utf8.h"

_Static_assert((int)MK_BOLD == (int)SPAN_BOLD && (int)MK_ITALIC == (int)SPAN_ITALIC &&
               (int)MK_LINK == (int)SPAN_LINK, "markup flags are span flags");

/* Gap between a left column and right-aligned dates or location. */
#define GAP 2

/* --- paragraphs ------------------------------------------------------ */

void para_clear(struct para *p)
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
void para_add(struct wrapper *w, struct para *p, const char *s, size_t n,
              int style, unsigned flags)
{
	size_t start = p->len, i = 0;

	if (!text_is_safe(s, n)) {
		s = text_sanitize(&w->l->arena, s, n);
		n = strlen(s);
	}
	grow_array(&p->buf, &p->cap, p->len + 2 * n + 1, 1);     /* "(TM)" from 3 bytes */
	while (i < n) {
		/* Bytes that stay as they are, in one piece: ASCII, and in
		 * UTF-8 mode everything; then '\n' becomes a space. */
		size_t run = w->ascii ? i : n;
		while (run < n && (unsigned char)s[run] < 0x80)
			run++;
		char *out = p->buf + p->len, *end = out + (run - i);
		memcpy(out, s + i, run - i);
		for (char *nl = out; (nl = memchr(nl, '\n', (size_t)(end - nl))); nl++)
			*nl = ' ';
		p->len += run - i;
		i = run;
		if (i < n) {            /* ASCII mode: a character past ASCII */
			uint32_t cp;
			i += utf8_decode(s + i, n - i, &cp);
			p->len += cp_to_ascii(cp, p->buf + p->len);
		}
	}
	para_span(p, start, p->len - start, style, flags);
}

void para_str(struct wrapper *w, struct para *p, const char *s, int style, unsigned flags)
{
	para_add(w, p, s, strlen(s), style, flags);
}

/*
 * Appends s[0..n) with its inline markup turned into span flags. A link
 * keeps its text and is followed by its address, "text (example.com)",
 * since a terminal cannot follow it; not when the text is the address.
 */
void para_markup(struct wrapper *w, struct para *p, const char *s, size_t n,
                 int style, unsigned extra)
{
	struct markup *m = &w->mk;
	size_t at = 0;

	markup_parse(m, s, n);
	for (size_t k = 0; k < m->nspans; k++) {
		const struct markup_span *ms = &m->spans[k];

		para_add(w, p, m->text + at, ms->start - at, style, extra);
		para_add(w, p, m->text + ms->start, ms->len, style, extra | ms->flags);
		at = ms->start + ms->len;
		if (ms->link_end) {
			size_t un = ms->url_len, tn = at - ms->link_start;
			const char *u = url_display(ms->url, &un), *t = m->text + ms->link_start;

			if ((tn != un || memcmp(t, u, un)) && (tn != ms->url_len || memcmp(t, ms->url, tn))) {
				para_add(w, p, " (", 2, style, extra);
				para_add(w, p, u, un, ST_URL, extra | SPAN_LINK);
				para_add(w, p, ")", 1, style, extra);
			}
		}
	}
	para_add(w, p, m->text + at, m->len - at, style, extra);
}

void para_text(struct wrapper *w, struct para *p, const char *s, int style)
{
	para_markup(w, p, s, strlen(s), style, 0);
}

void para_append(struct para *dst, const struct para *src)
{
	size_t base = dst->len;

	grow_array(&dst->buf, &dst->cap, dst->len + src->len + 1, 1);
	memcpy(dst->buf + dst->len, src->buf, src->len);
	dst->len += src->len;
	for (size_t k = 0; k < src->n; k++)
		para_span(dst, base + src->sp[k].start, src->sp[k].len,
		          src->sp[k].style, src->sp[k].flags);
}

size_t para_width(const struct para *p)
{
	return str_width(p->buf, p->len);
}

void para_free(struct para *p)
{
	free(p->buf);
	free(p->sp);
}

/* --- lines ----------------------------------------------------------- */

void lb_put(struct wrapper *w, const char *s, size_t n, int style, unsigned flags)
{
	struct span *last = w->nls ? &w->ls[w->nls - 1] : NULL;

	if (!n)
		return;
	grow_array(&w->lb, &w->lbcap, w->lblen + n + 1, 1);
	memcpy(w->lb + w->lblen, s, n);
	if (style != ST_BODY || flags) {
		if (last && last->style == style && last->flags == flags &&
		    last->start + last->len == w->lblen) {
			last->len += (uint32_t)n;
		} else {
			grow_array(&w->ls, &w->lscap, w->nls + 1, sizeof *w->ls);
			w->ls[w->nls++] = (struct span){ .start = (uint32_t)w->lblen,
				.len = (uint32_t)n, .style = (uint8_t)style, .flags = (uint8_t)flags };
		}
	}
	w->lblen += n;
}

static void lb_pad(struct wrapper *w, size_t n)
{
	static const char spaces[] = "                                ";

	while (n) {
		size_t k = n < sizeof spaces - 1 ? n : sizeof spaces - 1;
		lb_put(w, spaces, k, ST_BODY, 0);
		n -= k;
	}
}

/* Starts a line: the gutter, holding a fold marker when one is due. */
void lb_start(struct wrapper *w)
{
	w->lblen = 0;
	w->nls = 0;
	if (w->gut) {
		if (w->marker) {
			lb_put(w, w->marker, strlen(w->marker), ST_FOLD, 0);
			lb_pad(w, 1);
		} else {
			lb_pad(w, (size_t)w->gut);
		}
	}
	w->marker = NULL;
}

static void push_line(struct wrapper *w, const char *text, size_t len, const struct span *sp,
                      size_t nsp, size_t width, enum line_kind kind)
{
	struct layout *l = w->l;
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
		.section = w->sec, .entry = w->ent, .kind = (uint8_t)kind,
	};
}

/* Ends the line: trailing spaces go, a pending blank line comes first. */
void lb_commit(struct wrapper *w, enum line_kind kind)
{
	struct layout *l = w->l;

	if (w->skip)
		return;
	if (w->probe && l->n) {
		w->more = true;
		w->skip = true;
		return;
	}
	while (w->lblen && w->lb[w->lblen - 1] == ' ')
		w->lblen--;
	while (w->nls && w->ls[w->nls - 1].start >= w->lblen)
		w->nls--;
	if (w->nls && w->ls[w->nls - 1].start + w->ls[w->nls - 1].len > w->lblen)
		w->ls[w->nls - 1].len = (uint32_t)w->lblen - w->ls[w->nls - 1].start;
	if (w->blank_pending && l->n) {
		const struct line *prev = &l->lines[l->n - 1];
		int32_t sec = w->sec, ent = w->ent;
		w->sec = prev->section;
		w->ent = prev->entry;
		push_line(w, "", 0, NULL, 0, 0, LINE_BLANK);
		w->sec = sec;
		w->ent = ent;
	}
	w->blank_pending = false;
	if (kind == LINE_ENTRY_BODY && w->head_pending) {
		kind = LINE_ENTRY_HEAD;
		w->head_pending = false;
		w->skip = w->folded;
	}
	push_line(w, w->lb, w->lblen, w->ls, w->nls, str_width(w->lb, w->lblen), kind);
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
		/* Plain characters (one column each, neither space nor
		 * hyphen) hold no break: step over as many as fit at once.
		 * The scan stops at what fits, so a long word stays linear. */
		size_t room = avail > w ? avail - w : 0, run = 0;
		const unsigned char *u = (const unsigned char *)s + i;
		if (room > len - i)
			room = len - i;
		while (run < room && (unsigned char)(u[run] - 0x21) < 0x7F - 0x21 &&
		       u[run] != '-')
			run++;
		if (run) {
			w += run;
			i += run;
			continue;
		}
		if ((unsigned char)s[i] > 0x20 && (unsigned char)s[i] < 0x7F) {
			cp = (unsigned char)s[i];       /* most of a résumé */
			j = i + 1;
			cwid = 1;
		} else {
			j = i + utf8_decode(s + i, len - i, &cp);
			cwid = cp_width(cp);
		}
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
static void put_slice(struct wrapper *w, const struct para *p, size_t a, size_t b, size_t *k)
{
	while (*k < p->n && p->sp[*k].start + p->sp[*k].len <= a)
		(*k)++;
	for (size_t i = *k; i < p->n && p->sp[i].start < b; i++) {
		size_t s0 = p->sp[i].start > a ? p->sp[i].start : a;
		size_t s1 = p->sp[i].start + p->sp[i].len < b ? p->sp[i].start + p->sp[i].len : b;
		lb_put(w, p->buf + s0, s1 - s0, p->sp[i].style, p->sp[i].flags);
	}
}

void wrap(struct wrapper *w, const struct para *p, const struct wrapfmt *f)
{
	size_t pos = 0, k = 0, next;
	int limit = f->limit ? f->limit : w->cw;
	int lead_w = f->lead ? (int)str_width(f->lead, strlen(f->lead)) : 0;
	bool first = true;

	while (pos < p->len && p->buf[pos] == ' ')
		pos++;
	while (pos < p->len && !w->skip) {
		int start = first ? f->col + lead_w : f->col + f->hang;
		/* at the narrowest content width (18) the deepest indent is a
		 * nested bullet's 4, a label's hang is a third and a number's
		 * at most 9, so avail never really drops below 2 */
		int avail = limit - start;
		size_t end = next_break(p->buf, p->len, pos, avail < 2 ? 2 : (size_t)avail, &next);

		lb_start(w);
		lb_pad(w, (size_t)f->col);
		if (first && f->lead)
			lb_put(w, f->lead, strlen(f->lead), ST_BULLET, 0);
		else if (!first)
			lb_pad(w, (size_t)f->hang);
		put_slice(w, p, pos, end, &k);
		if (first && f->right) {
			size_t used = str_width(w->lb, w->lblen) - (size_t)w->gut;
			size_t rw = para_width(f->right);
			size_t kk = 0;
			lb_pad(w, (size_t)w->cw > rw + used ? (size_t)w->cw - rw - used : 0);
			put_slice(w, f->right, 0, f->right->len, &kk);
		}
		lb_commit(w, f->kind);
		first = false;
		pos = next;
		while (pos < p->len && p->buf[pos] == ' ')
			pos++;
	}
}

void wrap_plain(struct wrapper *w, const struct para *p, int col, int hang,
                enum line_kind kind)
{
	wrap(w, p, &(struct wrapfmt){ .col = col, .hang = hang, .kind = kind });
}

/*
 * left, with right (dates, location) flush right on its first line when
 * there is room: on the same line, else beside a narrower left column,
 * else on a line of its own below.
 */
void wrap_pair(struct wrapper *w, const struct para *left, const struct para *right)
{
	size_t lw = para_width(left), rw = right->len ? para_width(right) : 0;
	size_t cw = (size_t)w->cw;

	if (!rw) {
		wrap_plain(w, left, 0, 0, LINE_ENTRY_BODY);
	} else if (!left->len) {
		if (rw <= cw) {
			lb_start(w);
			lb_pad(w, cw - rw);
			size_t k = 0;
			put_slice(w, right, 0, right->len, &k);
			lb_commit(w, LINE_ENTRY_BODY);
		} else {
			wrap_plain(w, right, 0, 0, LINE_ENTRY_BODY);
		}
	} else if (rw + GAP < cw && (lw + GAP + rw <= cw || cw - rw - GAP >= cw / 2)) {
		wrap(w, left, &(struct wrapfmt){ .limit = (int)(cw - rw - GAP), .right = right,
		                                 .kind = LINE_ENTRY_BODY });
	} else {
		wrap_plain(w, left, 0, 0, LINE_ENTRY_BODY);
		wrap_plain(w, right, 0, 0, LINE_ENTRY_BODY);
	}
}

void wrapper_free(struct wrapper *w)
{
	free(w->lb);
	free(w->ls);
	markup_free(&w->mk);
}
