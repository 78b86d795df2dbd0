#include "links.h"

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "arena.h"
#include "markup.h"
#include "utf8.h"

static enum link_kind put(char *out, size_t cap, enum link_kind k, const char *a)
{
	int n = snprintf(out, cap, "%s", a);
	if (n < 0 || (size_t)n >= cap)
		out[0] = '\0';
	return k;
}

enum link_kind link_entry(const struct entry *e, char *out, size_t cap)
{
	if (has(e->url))
		return put(out, cap, LINK_URL, e->url);
	return LINK_NONE;
}

enum link_kind link_header(const struct header *h, char *out, size_t cap)
{
	if (h->emails.n && has(h->emails.v[0]))
		return put(out, cap, LINK_EMAIL, h->emails.v[0]);
	if (h->websites.n && has(h->websites.v[0]))
		return put(out, cap, LINK_URL, h->websites.v[0]);
	return LINK_NONE;
}

const char *link_kind_name(enum link_kind k)
{
	return k == LINK_EMAIL ? "the e-mail address" : "the link";
}

/*
 * The links' text, spaces left out: a link the width wrapped reads as
 * one, whichever space or indent the wrap put in it.
 */
struct squeezed {
	char *s;
	size_t n, cap;
};

static void squeeze(struct squeezed *q, const char *s, size_t n)
{
	grow_array(&q->s, &q->cap, q->n + n + 1, 1);
	for (size_t i = 0; i < n; i++)
		if (s[i] != ' ')
			q->s[q->n++] = s[i];
	q->s[q->n] = '\0';
}

/* One address an item can show: label ": " text, drawn as a link. */
struct cand {
	const char *label, *text;
	size_t len;
	const char *addr;
	enum link_kind kind;
};

/* The addresses the header shows, in the order layout.c puts them. */
static size_t header_cands(const struct header *h, struct cand *c, size_t cap)
{
	size_t n = 0;
	for (size_t i = 0; i < h->emails.n && n < cap; i++)
		if (has(h->emails.v[i]))
			c[n++] = (struct cand){ .text = h->emails.v[i],
				.len = strlen(h->emails.v[i]), .addr = h->emails.v[i],
				.kind = LINK_EMAIL };
	for (size_t i = 0; i < h->websites.n && n < cap; i++) {
		const char *u = h->websites.v[i];
		size_t len = has(u) ? strlen(u) : 0;
		if (len)
			c[n++] = (struct cand){ .text = url_display(u, &len), .len = len,
				.addr = u, .kind = LINK_URL };
	}
	for (size_t i = 0; i < h->nprofiles && n < cap; i++) {
		const struct profile *p = &h->profiles[i];
		if (!has(p->url))
			continue;
		size_t len = strlen(has(p->username) ? p->username : p->url);
		const char *t = has(p->username) ? p->username : url_display(p->url, &len);
		c[n++] = (struct cand){ .label = p->network, .text = t, .len = len,
			.addr = p->url, .kind = LINK_URL };
	}
	return n;
}

/* Byte of line l at display column col, or l->len past its end. */
static size_t byte_at(const struct line *l, int col)
{
	size_t i = 0;
	int x = 0;
	while (i < l->len) {
		uint32_t c;
		size_t k = utf8_decode(l->text + i, l->len - i, &c);
		int w = cp_width(c);
		if (w > 0 && x + w > col)
			break;
		x += w > 0 ? w : 0;
		i += k;
	}
	return i;
}

static const struct span *span_at(const struct line *l, size_t b)
{
	for (uint32_t i = 0; i < l->nspans; i++)
		if (b >= l->spans[i].start && b < l->spans[i].start + l->spans[i].len)
			return &l->spans[i];
	return NULL;
}

#define MAX_CANDS 64

enum link_kind link_at(const struct resume *r, const struct layout *l, long n, int col,
                       char *out, size_t cap)
{
	if (n < 0 || (size_t)n >= l->n || col < 0)
		return LINK_NONE;
	const struct line *ln = &l->lines[n];
	size_t b = byte_at(ln, col);
	const struct span *sp = span_at(ln, b);
	if (!sp || !(sp->flags & SPAN_LINK))
		return LINK_NONE;

	/* The item's addresses, in the order it shows them. */
	struct cand c[MAX_CANDS];
	size_t nc = 0;
	char link[1024];
	int sec = ln->section, ent = ln->entry;
	if (sec < 0) {
		nc = header_cands(&r->header, c, MAX_CANDS);
	} else if (ent >= 0 && (size_t)sec < r->nsections &&
	           (size_t)ent < r->sections[sec].nentries) {
		if (link_entry(&r->sections[sec].entries[ent], link, sizeof link) != LINK_NONE)
			c[nc++] = (struct cand){ .text = link, .len = strlen(link), .addr = link,
				.kind = LINK_URL };
	}
	if (!nc)
		return LINK_NONE;

	/* The item's lines: those around n with the same indices. */
	size_t first = (size_t)n, end = (size_t)n + 1;
	while (first > 0 && l->lines[first - 1].section == sec &&
	       l->lines[first - 1].entry == ent)
		first--;
	while (end < l->n && l->lines[end].section == sec && l->lines[end].entry == ent)
		end++;
	struct squeezed all = { 0 }, one = { 0 };
	size_t click = 0;
	for (size_t i = first; i < end; i++) {
		const struct line *x = &l->lines[i];
		for (uint32_t k = 0; k < x->nspans; k++) {
			const struct span *s = &x->spans[k];
			if (!(s->flags & SPAN_LINK))
				continue;
			if (s == sp) {
				click = all.n;
				for (size_t j = s->start; j < b; j++)
					click += x->text[j] != ' ';
			}
			squeeze(&all, x->text + s->start, s->len);
		}
	}
	/* Each address where it is drawn, in order: the one whose text
	 * holds the click is the one clicked. */
	enum link_kind kind = LINK_NONE;
	size_t from = 0;
	for (size_t i = 0; i < nc && kind == LINK_NONE && all.s; i++) {
		if (!c[i].len)
			continue;       /* an entry's address too long to hold */
		one.n = 0;
		if (has(c[i].label)) {
			squeeze(&one, c[i].label, strlen(c[i].label));
			squeeze(&one, ":", 1);
		}
		squeeze(&one, c[i].text, c[i].len);
		const char *at = strstr(all.s + from, one.s);
		if (!at)
			continue;
		from = (size_t)(at - all.s) + one.n;
		/* The same text may be drawn twice (a Markdown link showing
		 * the address): any time it holds the click. */
		for (; at && (size_t)(at - all.s) <= click; at = strstr(at + 1, one.s))
			if (click < (size_t)(at - all.s) + one.n) {
				kind = put(out, cap, c[i].kind, c[i].addr);
				break;
			}
	}
	free(all.s);
	free(one.s);
	return kind;
}
