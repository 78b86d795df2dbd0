/*
 * Search, filter and the status-line prompt that reads their patterns.
 *
 * The search runs over one layout of the whole résumé with nothing
 * folded (v->slay), at the width of the panes, so it finds text in folded
 * entries and in other panes. A match is kept as (section, entry, k-th
 * occurrence in that entry): the same entry laid out in any pane has the
 * same lines, so the k-th occurrence there is the same text.
 */
#include <stdlib.h>
#include <string.h>
#include "keys.h"
#include "match.h"
#include "utf8.h"
#include "view.h"

/* Past this many matches the count says "more than". */
#define MATCH_MAX 100000

static bool hook_entry_shown(void *ctx, size_t sec, size_t ent)
{
	return view_entry_shown(ctx, (int)sec, (int)ent);
}

static const struct layout_hooks search_hooks = {
	.entry_shown = hook_entry_shown,
};

bool view_match_counts(const struct line *l, size_t off, size_t len)
{
	if (l->kind == LINE_RULE || l->kind == LINE_BLANK)
		return false;
	/* Fold markers and "(3 entries)" come and go with the folds: a match
	 * there would make occurrences count differently from pane to pane. */
	for (uint32_t i = 0; i < l->nspans; i++) {
		const struct span *s = &l->spans[i];
		if (off < s->start + s->len && off + len > s->start &&
		    (s->style == ST_FOLD || s->style == ST_RULE))
			return false;
	}
	return true;
}

/* Calls back each counted occurrence of the pattern in line l. */
#define FOR_EACH_MATCH(v, l, o, ml) \
	for (long o = pat_find((l)->text, (l)->len, 0, (v)->pattern, (v)->icase, &ml); \
	     o >= 0; \
	     o = pat_find((l)->text, (l)->len, (size_t)o + (ml ? ml : 1), \
	                  (v)->pattern, (v)->icase, &ml)) \
		if (view_match_counts(l, (size_t)o, ml))

static bool any_fold(const struct view *v)
{
	for (size_t i = 0; i < v->r->nsections; i++)
		if (v->sec_fold[i])
			return true;
	for (size_t i = 0; i < v->nent; i++)
		if (v->ent_fold[i])
			return true;
	return false;
}

/* The résumé laid out with nothing folded: the All pane's own layout
 * while nothing is folded (most of the time; no second copy to build or
 * keep), else one made for the search. */
static const struct layout *search_layout(struct view *v)
{
	if (!any_fold(v)) {
		struct pane *all = &v->panes[0];
		pane_finish(v, all);
		return &all->lay;
	}
	if (v->sgen != v->wgen || !v->slay.n) {
		layout_build(&v->slay, v->r, &(struct layout_opts){
			.width = v->geo.text_w, .section = -1, .headings = true,
			.gutter = true, .ascii = v->ascii,
			.hooks = &search_hooks, .ctx = v,
		});
		v->sgen = v->wgen;
	}
	return &v->slay;
}

void view_matches(struct view *v)
{
	if (v->mgen != v->wgen) {
		v->mgen = v->wgen;
		v->mstale = true;
	}
	if (!v->mstale)
		return;
	v->mstale = false;
	v->nm = 0;
	if (!v->pattern[0]) {
		v->mcur = -1;
		return;
	}
	/* The header (name, contact) comes first: it is part of the résumé
	 * too, and always on screen, so its matches need no pane switch. */
	unsigned k = 0;
	for (size_t i = 0; i < v->header.n && v->nm < MATCH_MAX; i++) {
		const struct line *l = &v->header.lines[i];
		if (l->kind != LINE_HEADER)
			continue;
		size_t ml;
		FOR_EACH_MATCH(v, l, o, ml) {
			if (v->nm >= MATCH_MAX)
				break;
			grow_array(&v->m, &v->capm, v->nm + 1, sizeof *v->m);
			v->m[v->nm++] = (struct match){ .sec = -1, .ent = -1, .k = k++ };
		}
	}
	int psec = -2, pent = -2;
	k = 0;
	const struct layout *sl = search_layout(v);
	for (size_t i = 0; i < sl->n && v->nm < MATCH_MAX; i++) {
		const struct line *l = &sl->lines[i];
		if (l->section < 0)
			continue;
		if (l->section != psec || l->entry != pent) {
			psec = l->section;
			pent = l->entry;
			k = 0;
		}
		size_t ml;
		FOR_EACH_MATCH(v, l, o, ml) {
			if (v->nm >= MATCH_MAX)
				break;
			grow_array(&v->m, &v->capm, v->nm + 1, sizeof *v->m);
			v->m[v->nm++] = (struct match){ .sec = psec, .ent = pent, .k = k++ };
		}
	}
	if (v->mcur >= (long)v->nm)
		v->mcur = -1;
}

void view_locate_match(struct view *v, struct pane *p, size_t i,
                       long *line, long *off, size_t *len)
{
	*line = -1;
	*off = -1;
	*len = 0;
	if (i >= v->nm)
		return;
	const struct match *m = &v->m[i];
	if (m->sec < 0 || (p->section >= 0 && p->section != m->sec))
		return;
	if (m->ent < 0 && p->section >= 0) {
		*line = 0;      /* the pane's own title: it is in the bar */
		return;
	}
	pane_need_entry(v, p, m->sec, m->ent);
	long j = pane_find_item(p, m->sec, m->ent);
	if (j < 0 && m->ent >= 0)
		j = pane_find_item(p, m->sec, -1);     /* section folded */
	if (j < 0)
		return;
	*line = p->items[j].line;
	if (p->items[j].ent != m->ent)
		return;
	unsigned k = 0;
	for (long n = *line; n < pane_item_end(p, (size_t)j); n++) {
		const struct line *l = &p->lay.lines[n];
		if (l->section != m->sec || l->entry != m->ent)
			continue;
		size_t ml;
		FOR_EACH_MATCH(v, l, o, ml) {
			if (k++ == m->k) {
				*line = n;
				*off = o;
				*len = ml;
				return;
			}
		}
	}
}

/* Where match i is from the current screen of pane p: before it (-1), on
 * it (0) or after it (1). Monotonic in i, so it can be bisected. */
static int where(struct view *v, struct pane *p, size_t i)
{
	const struct match *m = &v->m[i];
	/* The header reads before any pane: with the pane at its top, it
	 * counts as on the screen, so a search from there starts with it. */
	if (m->sec < 0)
		return p->top == 0 && v->geo.header_rows > 0 ? 0 : -1;
	if (p->section >= 0 && m->sec != p->section)
		return m->sec < p->section ? -1 : 1;
	/* The screen is laid out: what is not yet is below it. */
	if (!pane_covers(v, p, m->sec, m->ent))
		return 1;
	long line, off;
	size_t len;
	view_locate_match(v, p, i, &line, &off, &len);
	if (line < p->top)
		return -1;
	return line < p->top + v->geo.content_rows ? 0 : 1;
}

/* Whether match i shows on the screen: in view, and not folded away. */
static bool on_screen(struct view *v, struct pane *p, size_t i)
{
	if (v->m[i].sec < 0)
		return v->geo.header_rows > 0;
	if (!pane_covers(v, p, v->m[i].sec, v->m[i].ent))
		return false;
	long line, off;
	size_t len;
	view_locate_match(v, p, i, &line, &off, &len);
	bool title = v->m[i].ent < 0 && p->section >= 0;        /* in the bar */
	return (off >= 0 || title) && line >= p->top &&
	       line < p->top + v->geo.content_rows;
}

/* The first match i with where(i) > limit, or v->nm. */
static size_t first_after(struct view *v, struct pane *p, int limit)
{
	size_t lo = 0, hi = v->nm;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (where(v, p, mid) > limit)
			hi = mid;
		else
			lo = mid + 1;
	}
	return lo;
}

static unsigned goto_match(struct view *v, size_t i, const char *wrapped)
{
	const struct match *m = &v->m[i];
	v->mcur = (long)i;
	if (m->sec < 0) {
		view_message(v, false, "match %zu/%zu%s in the header%s", i + 1,
		             v->nm, v->nm >= MATCH_MAX ? "+" : "", wrapped);
		return RD_ALL;
	}
	if (v->panes[v->cur].section >= 0 && v->panes[v->cur].section != m->sec)
		v->cur = (size_t)m->sec + 1;
	struct pane *p = &v->panes[v->cur];
	bool *ef = m->ent >= 0 ? &v->ent_fold[v->ent_base[m->sec] + (size_t)m->ent] : NULL;
	if ((ef && *ef) || (p->section < 0 && v->sec_fold[m->sec])) {
		if (ef)
			*ef = false;
		if (p->section < 0)
			v->sec_fold[m->sec] = false;
		v->gen++;
	}
	p = view_pane(v);
	long line, off;
	size_t len;
	view_locate_match(v, p, i, &line, &off, &len);
	if (m->ent >= 0 || p->section < 0) {
		p->cur_sec = m->sec;
		p->cur_ent = m->ent;
	}
	if (line >= 0 && (line < p->top || line >= p->top + v->geo.content_rows))
		p->top = pane_fit_top(v, p, line - v->geo.content_rows / 3);
	view_message(v, false, "match %zu/%zu%s%s", i + 1, v->nm,
	             v->nm >= MATCH_MAX ? "+" : "", wrapped);
	return RD_BAR | RD_CONTENT | RD_STATUS;
}

static unsigned step_match(struct view *v, int dir)
{
	if (v->help.open)
		return 0;
	if (!v->pattern[0]) {
		view_message(v, true, "No previous search: type / and a word");
		return RD_STATUS;
	}
	view_matches(v);
	if (!v->nm) {
		view_message(v, true, "Pattern not found: %s", v->pattern);
		return RD_CONTENT | RD_STATUS;
	}
	struct pane *p = view_pane(v);
	long i;
	if (v->mcur >= 0 && on_screen(v, p, (size_t)v->mcur))
		i = v->mcur + dir;
	else if (dir > 0)
		i = (long)first_after(v, p, -1);        /* on screen or after */
	else
		i = (long)first_after(v, p, 0) - 1;     /* on screen or before */
	if (i >= (long)v->nm)
		return goto_match(v, 0, ", wrapped to the top");
	if (i < 0)
		return goto_match(v, v->nm - 1, ", wrapped to the bottom");
	return goto_match(v, (size_t)i, "");
}

unsigned view_next_match(struct view *v, int key) { return step_match(v, 1); }
unsigned view_prev_match(struct view *v, int key) { return step_match(v, -1); }

/* The matches are counted again only when the pattern changed: Enter
 * after a search typed at the prompt finds them already counted. */
static void set_pattern(struct view *v, const char *pat)
{
	char clean[VIEW_PAT_MAX];
	view_clean_text(clean, sizeof clean, pat);
	if (strcmp(clean, v->pattern) != 0) {
		memcpy(v->pattern, clean, sizeof clean);
		v->icase = pat_smart_icase(v->pattern);
		v->mstale = true;
	}
	v->mcur = -1;
}

unsigned view_search(struct view *v, const char *pattern)
{
	set_pattern(v, pattern);
	return step_match(v, 1);
}

/* --- filter ----------------------------------------------------------- */

static bool str_has(const char *s, const char *pat, bool icase)
{
	size_t ml;
	return s && pat_find(s, strlen(s), 0, pat, icase, &ml) >= 0;
}

static bool list_has(const struct strlist *l, const char *pat, bool icase)
{
	for (size_t i = 0; i < l->n; i++)
		if (str_has(l->v[i], pat, icase))
			return true;
	return false;
}

/* The model's text rather than a layout's lines, so that words wrapped
 * onto two lines still match. */
static bool entry_has(const struct entry *e, const char *pat, bool icase)
{
	const char *s[] = { e->title, e->subtitle, e->degree, e->location,
		e->dates, e->summary, e->venue, e->url, e->doi };
	for (size_t i = 0; i < sizeof s / sizeof *s; i++)
		if (str_has(s[i], pat, icase))
			return true;
	for (size_t i = 0; i < e->nfields; i++)
		if (str_has(e->fields[i].label, pat, icase) ||
		    str_has(e->fields[i].value, pat, icase))
			return true;
	return list_has(&e->highlights, pat, icase) ||
	       list_has(&e->technologies, pat, icase) ||
	       list_has(&e->authors, pat, icase);
}

static void filtered_again(struct view *v)
{
	v->gen++;
	v->wgen++;
	v->mstale = true;
	v->mcur = -1;
}

unsigned view_set_filter(struct view *v, const char *pattern)
{
	char pat[VIEW_PAT_MAX];
	view_clean_text(pat, sizeof pat, pattern);
	if (!pat[0]) {
		if (!v->filter[0])
			return RD_STATUS;
		v->filter[0] = '\0';
		for (size_t i = 0; i < v->nent; i++)
			v->ent_shown[i] = true;
		filtered_again(v);
		view_message(v, false, "Filter off: every entry shown");
		return RD_ALL;
	}
	bool icase = pat_smart_icase(pat);
	size_t n = 0;
	for (size_t s = 0; s < v->r->nsections; s++) {
		const struct section *sec = &v->r->sections[s];
		for (size_t e = 0; e < sec->nentries; e++)
			n += entry_has(&sec->entries[e], pat, icase);
	}
	if (!n) {
		view_message(v, true, "No entry matches: %s", pat);
		return RD_STATUS;
	}
	for (size_t s = 0; s < v->r->nsections; s++) {
		const struct section *sec = &v->r->sections[s];
		for (size_t e = 0; e < sec->nentries; e++)
			v->ent_shown[v->ent_base[s] + e] =
				entry_has(&sec->entries[e], pat, icase);
	}
	memcpy(v->filter, pat, sizeof pat);
	v->ficase = icase;
	filtered_again(v);
	view_message(v, false, "Filter: %zu %s %s", n,
	             n == 1 ? "entry matches" : "entries match", pat);
	return RD_ALL;
}

/* --- the prompt ------------------------------------------------------- */

static unsigned open_prompt(struct view *v, int kind)
{
	if (v->help.open)
		return 0;
	struct pane *p = view_pane(v);
	v->prompt.kind = kind;
	v->prompt.len = 0;
	v->prompt.buf[0] = '\0';
	memcpy(v->prompt.saved, v->pattern, sizeof v->pattern);
	v->prompt.saved_mcur = v->mcur;
	v->prompt.saved_top = p->top;
	return RD_STATUS;
}

unsigned view_search_prompt(struct view *v, int key) { return open_prompt(v, PROMPT_SEARCH); }
unsigned view_filter_prompt(struct view *v, int key) { return open_prompt(v, PROMPT_FILTER); }

/* While a search is typed, the matches light up and the screen moves to
 * the first one after where the search started, in this pane and only
 * where it shows: opening folds or switching panes waits for Enter. */
static void preview(struct view *v)
{
	set_pattern(v, v->prompt.buf);
	struct pane *p = view_pane(v);
	p->top = v->prompt.saved_top;
	view_matches(v);
	if (!v->nm)
		return;
	size_t i = first_after(v, p, -1);
	long line, off;
	size_t len;
	if (i >= v->nm)
		return;
	view_locate_match(v, p, i, &line, &off, &len);
	if (line < 0 || off < 0)
		return;
	v->mcur = (long)i;
	if (line >= p->top + v->geo.content_rows)
		p->top = pane_fit_top(v, p, line - v->geo.content_rows / 3);
}

static unsigned close_prompt(struct view *v, bool keep)
{
	int kind = v->prompt.kind;
	v->prompt.kind = PROMPT_NONE;
	if (kind != PROMPT_SEARCH)
		return keep ? view_set_filter(v, v->prompt.buf) : RD_STATUS;
	struct pane *p = view_pane(v);
	p->top = v->prompt.saved_top;
	if (!keep || (!v->prompt.len && !v->prompt.saved[0])) {
		set_pattern(v, v->prompt.saved);
		v->mcur = v->prompt.saved_mcur;
		return RD_CONTENT | RD_STATUS;
	}
	/* An empty pattern searches again for the last one, as in less. */
	set_pattern(v, v->prompt.len ? v->prompt.buf : v->prompt.saved);
	return step_match(v, 1);
}

static bool printable(int key)
{
	return key >= 0x20 && key <= 0x10FFFF && !(key >= 0x7F && key < 0xA0) &&
	       !(key >= 0xD800 && key <= 0xDFFF);
}

unsigned view_prompt_key(struct view *v, int key)
{
	char *b = v->prompt.buf;
	size_t *n = &v->prompt.len;
	switch (key) {
	case 27:                        /* Esc */
	case 3:                         /* Ctrl-C */
	case 7:                         /* Ctrl-G */
		return close_prompt(v, false);
	case '\r':
	case '\n':
	case K_ENTER:
		return close_prompt(v, true);
	case 8:
	case 127:
	case K_BACKSPACE:
		if (!*n)
			return close_prompt(v, false);
		do
			(*n)--;
		while (*n && ((unsigned char)b[*n] & 0xC0) == 0x80);
		break;
	case 21:                        /* Ctrl-U */
		*n = 0;
		break;
	case 23:                        /* Ctrl-W: the last word */
		while (*n && b[*n - 1] == ' ')
			(*n)--;
		while (*n && b[*n - 1] != ' ')
			(*n)--;
		break;
	default: {
		if (!printable(key))
			return 0;
		char enc[5] = { 0 }, clean[5];
		enc[utf8_encode((uint32_t)key, enc)] = '\0';
		view_clean_text(clean, sizeof clean, enc);
		size_t k = strlen(clean);
		if (!k || *n + k >= sizeof v->prompt.buf)
			return 0;
		memcpy(b + *n, clean, k);
		*n += k;
	}
	}
	b[*n] = '\0';
	if (v->prompt.kind == PROMPT_SEARCH) {
		preview(v);
		return RD_CONTENT | RD_STATUS;
	}
	return RD_STATUS;
}
