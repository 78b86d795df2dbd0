/*
 * Search and filter, and what a pattern typed at the prompt (prompt.c)
 * does.
 *
 * The search reads text, not screen lines: each entry's lines (and each
 * heading's, and the header's) as one string (flat.c), so that a phrase
 * the width wrapped onto two lines is found, and highlighted on both. It
 * runs over the whole résumé as laid out with nothing folded, at the
 * width of the panes (search_text), so it finds text in folded entries
 * and in other panes. A match is kept as (section, entry, k-th
 * occurrence in that entry's text): the same entry laid out in any pane
 * has the same lines, so the k-th occurrence there is the same text. The
 * filter reads the same strings with the same matcher.
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

/* A section laid out for the search: filtered, nothing folded. */
static const struct layout_hooks search_hooks = {
	.entry_shown = hook_entry_shown,
};

/* Calls back each occurrence of the pattern in the flat text f. */
#define FOR_EACH_MATCH(f, pat, icase, o, ml) \
	for (long o = pat_find((f)->text, (f)->len, 0, (pat), (icase), &ml); \
	     o >= 0; \
	     o = pat_find((f)->text, (f)->len, (size_t)o + (ml ? ml : 1), \
	                  (pat), (icase), &ml))

/* One past the last line of the item (lines of one section and entry)
 * that starts at line i. */
static size_t item_run(const struct layout *l, size_t i)
{
	size_t j = i + 1;
	while (j < l->n && l->lines[j].section == l->lines[i].section &&
	       l->lines[j].entry == l->lines[i].entry)
		j++;
	return j;
}

static void add_matches(struct view *v, int sec, int ent)
{
	unsigned k = 0;
	size_t ml;
	FOR_EACH_MATCH(&v->flat, v->pattern, v->icase, o, ml) {
		if (v->nm >= MATCH_MAX)
			return;
		grow_array(&v->m, &v->capm, v->nm + 1, sizeof *v->m);
		v->m[v->nm++] = (struct match){ .sec = sec, .ent = ent, .k = k++ };
	}
}

/* Adds lines [first, end) of l, one item's, to the search text. */
static void add_item(struct view *v, const struct layout *l, size_t first, size_t end,
                     int sec, int ent)
{
	grow_array(&v->sitems, &v->capsitems, v->nsitems + 1, sizeof *v->sitems);
	v->sitems[v->nsitems++] = (struct sitem){ .off = v->stext.len, .sec = sec, .ent = ent };
	flat_append(&v->stext, l, first, end, false);
	grow_array(&v->stext.text, &v->stext.cap, v->stext.len + 2, 1);
	v->stext.text[v->stext.len++] = '\n';  /* no match spans it */
	v->stext.text[v->stext.len] = '\0';
}

/* Adds every item of l, which holds whole items, to the search text. */
static void add_layout(struct view *v, const struct layout *l)
{
	for (size_t i = 0; i < l->n;) {
		size_t end = item_run(l, i);
		if (l->lines[i].section >= 0)
			add_item(v, l, i, end, l->lines[i].section, l->lines[i].entry);
		i = end;
	}
}

/* Item (sec, ent) laid out alone with nothing folded, added. */
static void add_alone(struct view *v, int sec, int ent)
{
	struct layout one = LAYOUT_INIT;
	view_lay_out_item(v, &one, sec, ent, true);
	add_layout(v, &one);
	layout_free(&one);
}

/* The entries of section sec from pane p, which is up to date and shows
 * them from item j on: their lines there, or laid out alone when folded. */
static void add_entries(struct view *v, const struct pane *p, size_t j, int sec)
{
	for (; j < p->nitems && p->items[j].sec == sec; j++) {
		const struct item *it = &p->items[j];
		if (it->ent < 0)
			continue;
		if (view_entry_folded(v, sec, it->ent))
			add_alone(v, sec, it->ent);
		else
			add_item(v, &p->lay, (size_t)it->line, (size_t)pane_item_end(p, j),
			         sec, it->ent);
	}
}

/*
 * The search text: every section's heading and entries as the panes lay
 * them out with nothing folded, so it changes only with the width and
 * the filter (wgen). The lines come from the panes that are up to date
 * and show them (All, else the section's own pane); only what no pane
 * shows open is laid out, alone: a fold in All costs the search the
 * folded part, not a second layout of everything.
 */
static void search_text(struct view *v)
{
	if (v->stgen == v->wgen)
		return;
	v->stext.len = 0;
	v->nsitems = 0;
	const struct pane *all = &v->panes[0];
	bool all_ok = all->gen == v->gen;
	if (all_ok) {
		/* Room for all of it at once: a line gives at most its bytes,
		 * a space and a '\n', and the largest file has 24 MB of text. */
		size_t need = 1;
		for (size_t i = 0; i < all->lay.n; i++)
			need += all->lay.lines[i].len + 2;
		grow_array(&v->stext.text, &v->stext.cap, need, 1);
	}
	for (size_t s = 0; s < v->r->nsections; s++) {
		int sec = (int)s;
		const struct pane *q = &v->panes[s + 1];
		long h = all_ok ? pane_find_item(all, sec, -1) : -1;
		if (all_ok && h < 0)
			continue;       /* no entry of it shown */
		if (h >= 0 && !v->sec_fold[s]) {
			add_item(v, &all->lay, (size_t)all->items[h].line,
			         (size_t)pane_item_end(all, (size_t)h), sec, -1);
			add_entries(v, all, (size_t)h + 1, sec);
		} else if (q->gen == v->gen) {
			if (q->nitems)
				add_alone(v, sec, -1);
			add_entries(v, q, 0, sec);
		} else {
			struct layout l = LAYOUT_INIT;
			layout_build(&l, v->r, &(struct layout_opts){
				.width = v->geo.text_w, .section = sec, .headings = true,
				.gutter = true, .ascii = v->ascii,
				.hooks = &search_hooks, .ctx = v,
			});
			add_layout(v, &l);
			layout_free(&l);
		}
	}
	v->stgen = v->wgen;
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
	flat_build(&v->flat, &v->header, 0, (size_t)v->header_lines, false);
	add_matches(v, -1, -1);
	search_text(v);
	size_t it = 0, ml;
	unsigned k = 0;
	FOR_EACH_MATCH(&v->stext, v->pattern, v->icase, o, ml) {
		if (v->nm >= MATCH_MAX)
			break;
		size_t from = it;
		while (it + 1 < v->nsitems && v->sitems[it + 1].off <= (size_t)o)
			it++;
		if (it != from)
			k = 0;
		grow_array(&v->m, &v->capm, v->nm + 1, sizeof *v->m);
		v->m[v->nm++] = (struct match){
			.sec = v->sitems[it].sec, .ent = v->sitems[it].ent, .k = k++,
		};
	}
	if (v->mcur >= (long)v->nm)
		v->mcur = -1;
}

/* The k-th occurrence of the pattern in v->flat (built with pos): its
 * offset there, or -1. */
static long kth(const struct view *v, unsigned k, size_t *mlen)
{
	unsigned n = 0;
	size_t ml;
	FOR_EACH_MATCH(&v->flat, v->pattern, v->icase, o, ml)
		if (n++ == k) {
			*mlen = ml;
			return o;
		}
	return -1;
}

/* The first line and byte of flat bytes [o, o + len): the join spaces
 * belong to no line. */
static void flat_line(const struct flat *f, long o, long *line, long *off)
{
	while (o + 1 < (long)f->len && f->pos[o].line < 0)
		o++;
	*line = f->pos[o].line;
	*off = f->pos[o].off;
}

void view_locate_match(struct view *v, const struct pane *p, size_t i,
                       long *line, long *off)
{
	*line = -1;
	*off = -1;
	if (i >= v->nm)
		return;
	const struct match *m = &v->m[i];
	size_t ml;
	if (m->sec < 0) {
		flat_build(&v->flat, &v->header, 0, (size_t)v->header_lines, true);
		long o = kth(v, m->k, &ml);
		if (o >= 0)
			flat_line(&v->flat, o, line, off);
		return;
	}
	if (p->section >= 0 && p->section != m->sec)
		return;
	if (m->ent < 0 && p->section >= 0) {
		*line = 0;      /* the pane's own title: it is in the bar */
		return;
	}
	long j = pane_find_item(p, m->sec, m->ent);
	if (j < 0 && m->ent >= 0)
		j = pane_find_item(p, m->sec, -1);     /* section folded */
	if (j < 0)
		return;
	*line = p->items[j].line;
	if (p->items[j].ent != m->ent)
		return;
	/* A folded entry shows its title alone: the match may be there. */
	flat_build(&v->flat, &p->lay, (size_t)p->items[j].line,
	           (size_t)pane_item_end(p, (size_t)j), true);
	long o = kth(v, m->k, &ml);
	if (o >= 0)
		flat_line(&v->flat, o, line, off);
}

/* Where match i is from the current screen of pane p: before it (-1), on
 * it (0) or after it (1). Monotonic in i, so it can be bisected. */
static int where(struct view *v, const struct pane *p, size_t i)
{
	const struct match *m = &v->m[i];
	/* The header reads before any pane: with the pane at its top, it
	 * counts as on the screen, so a search from there starts with it. */
	if (m->sec < 0)
		return p->top == 0 && v->geo.header_rows > 0 ? 0 : -1;
	if (p->section >= 0 && m->sec != p->section)
		return m->sec < p->section ? -1 : 1;
	long line, off;
	view_locate_match(v, p, i, &line, &off);
	if (line < p->top)
		return -1;
	return line < p->top + v->geo.content_rows ? 0 : 1;
}

/* Whether match i shows on the screen: in view, and not folded away. The
 * header shows the line of its current match (view_prepare). */
static bool on_screen(struct view *v, const struct pane *p, size_t i)
{
	if (v->m[i].sec < 0)
		return v->geo.header_rows > 0;
	long line, off;
	view_locate_match(v, p, i, &line, &off);
	bool title = v->m[i].ent < 0 && p->section >= 0;        /* in the bar */
	return (off >= 0 || title) && line >= p->top &&
	       line < p->top + v->geo.content_rows;
}

/* The first match i with where(i) > limit, or v->nm. */
static size_t first_after(struct view *v, const struct pane *p, int limit)
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
	view_open_item(v, m->sec, m->ent, v->panes[v->cur].section < 0);
	struct pane *p = view_pane(v);
	long line, off;
	view_locate_match(v, p, i, &line, &off);
	if (m->ent >= 0 || p->section < 0) {
		p->cur_sec = m->sec;
		p->cur_ent = m->ent;
	}
	/* On the last row, a match that wraps would show half. */
	if (line >= 0 && (line < p->top || line >= p->top + v->geo.content_rows - 1))
		p->top = pane_clamp_top(v, p, line - v->geo.content_rows / 3);
	view_message(v, false, "match %zu/%zu%s%s", i + 1, v->nm,
	             v->nm >= MATCH_MAX ? "+" : "", wrapped);
	return RD_BAR | RD_CONTENT | RD_STATUS;
}

/* Match (sec, ent, k) against match m, in reading order. */
static int match_cmp(const struct match *m, int sec, int ent, unsigned k)
{
	if (m->sec != sec)
		return m->sec < sec ? -1 : 1;
	if (m->ent != ent)
		return m->ent < ent ? -1 : 1;
	return m->k < k ? -1 : m->k > k ? 1 : 0;
}

static void add_hl(struct view *v, long line, uint32_t off, uint32_t len,
                   bool header, bool cur)
{
	grow_array(&v->hl, &v->caphl, v->nhl + 1, sizeof *v->hl);
	v->hl[v->nhl++] = (struct hl){ .line = line, .off = off, .len = len,
	                               .header = header, .cur = cur };
}

/* Highlights for every match in v->flat (built with pos) of item (sec,
 * ent): a piece per line it covers. */
static void flat_hls(struct view *v, int sec, int ent, bool header)
{
	const struct flat *f = &v->flat;
	const struct match *cur = v->mcur >= 0 ? &v->m[v->mcur] : NULL;
	unsigned k = 0;
	size_t ml;
	FOR_EACH_MATCH(f, v->pattern, v->icase, o, ml) {
		bool is_cur = cur && match_cmp(cur, sec, ent, k) == 0;
		k++;
		long line = -1;
		uint32_t a = 0, b = 0;
		for (size_t i = (size_t)o; i < (size_t)o + ml; i++) {
			const struct flat_pos *ps = &f->pos[i];
			if (ps->line < 0)
				continue;
			if (ps->line != line) {
				if (line >= 0)
					add_hl(v, line, a, b - a, header, is_cur);
				line = ps->line;
				a = ps->off;
			}
			b = ps->off + 1;
		}
		if (line >= 0)
			add_hl(v, line, a, b - a, header, is_cur);
	}
}

static void show_preview(struct view *v);

void view_prepare(struct view *v)
{
	if (v->preview && v->prompt.kind == PROMPT_SEARCH)
		show_preview(v);
	v->preview = false;
	struct pane *p = view_pane(v);
	v->nhl = 0;
	v->header_first = 0;
	if (!v->pattern[0] || v->nohl)
		return;
	view_matches(v);
	/* On a short terminal the header is one line: it shows the line of
	 * the current match when that is in the header. */
	if (v->mcur >= 0 && v->m[v->mcur].sec < 0) {
		long line, off;
		view_locate_match(v, p, (size_t)v->mcur, &line, &off);
		if (line >= v->geo.header_rows)
			v->header_first = (int)line - v->geo.header_rows + 1;
	}
	flat_build(&v->flat, &v->header, 0, (size_t)v->header_lines, true);
	flat_hls(v, -1, -1, true);
	long i = pane_item_at(p, p->top);
	for (; i >= 0 && (size_t)i < p->nitems &&
	       p->items[i].line < p->top + v->geo.content_rows; i++) {
		flat_build(&v->flat, &p->lay, (size_t)p->items[i].line,
		           (size_t)pane_item_end(p, (size_t)i), true);
		flat_hls(v, p->items[i].sec, p->items[i].ent, false);
	}
}

static unsigned step_match(struct view *v, int dir)
{
	if (v->help.open)
		return 0;
	v->nohl = false;
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

/* As less's ESC u and vim's :nohlsearch: the pattern stays for n and N. */
unsigned view_no_highlight(struct view *v, int key)
{
	if (!v->pattern[0]) {
		view_message(v, true, "No search to clear");
		return RD_STATUS;
	}
	v->nohl = true;
	view_message(v, false, "Highlight off: n or N shows it again");
	return RD_CONTENT | RD_HEADER | RD_STATUS;
}

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

/* Marks the entries of the search text that have pat, when it holds
 * every entry (no filter): one scan, with no layout. */
static size_t filter_text(struct view *v, const char *pat, bool icase, bool *shown)
{
	search_text(v);
	size_t n = 0, ml, it = 0, from = 0;
	long o;
	while ((o = pat_find(v->stext.text, v->stext.len, from, pat, icase, &ml)) >= 0) {
		while (it + 1 < v->nsitems && v->sitems[it + 1].off <= (size_t)o)
			it++;
		const struct sitem *si = &v->sitems[it];
		if (si->ent >= 0 && !shown[v->ent_base[si->sec] + (size_t)si->ent]) {
			shown[v->ent_base[si->sec] + (size_t)si->ent] = true;
			n++;
		}
		if (it + 1 >= v->nsitems)
			break;
		from = v->sitems[++it].off;     /* the next item */
	}
	return n;
}

/* Which entries have the pattern in their text, read as the search reads
 * it: the résumé laid out whole, nothing folded or filtered. Sets
 * shown[] per entry (ent_base order); returns how many. */
static size_t filter_entries(struct view *v, const char *pat, bool icase, bool *shown)
{
	memset(shown, 0, v->nent * sizeof *shown);
	if (!v->filter[0])
		return filter_text(v, pat, icase, shown);
	struct layout all = LAYOUT_INIT;
	layout_build(&all, v->r, &(struct layout_opts){
		.width = v->geo.text_w, .section = -1, .headings = true,
		.gutter = true, .ascii = v->ascii,
	});
	size_t n = 0, ml;
	for (size_t i = 0; i < all.n;) {
		size_t end = item_run(&all, i);
		const struct line *l = &all.lines[i];
		if (l->section >= 0 && l->entry >= 0) {
			flat_build(&v->flat, &all, i, end, false);
			size_t g = v->ent_base[l->section] + (size_t)l->entry;
			if (!shown[g] && pat_find(v->flat.text, v->flat.len, 0, pat, icase, &ml) >= 0) {
				shown[g] = true;
				n++;
			}
		}
		i = end;
	}
	layout_free(&all);
	return n;
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
	bool *shown = xmalloc((v->nent + 1) * sizeof *shown);
	size_t n = filter_entries(v, pat, icase, shown);
	if (!n) {
		free(shown);
		view_message(v, true, "No entry matches: %s", pat);
		return RD_STATUS;
	}
	free(v->ent_shown);
	v->ent_shown = shown;
	memcpy(v->filter, pat, sizeof pat);
	v->ficase = icase;
	filtered_again(v);
	view_message(v, false, "Filter: %zu %s %s", n,
	             n == 1 ? "entry matches" : "entries match", pat);
	return RD_ALL;
}

/* --- what the prompt types (prompt.c reads the keys) ------------------ */

/* While a search is typed, the matches light up and the screen moves to
 * the first one after where the search started, in this pane and only
 * where it shows: opening folds or switching panes waits for Enter. It is
 * done when the screen is drawn (view_prepare), so that keys typed ahead,
 * or a pasted search, cost one search and not one per character. */
void view_search_typed(struct view *v)
{
	set_pattern(v, v->prompt.line.buf);
	v->preview = true;
}

static void show_preview(struct view *v)
{
	struct pane *p = view_pane(v);
	p->top = v->prompt.saved_top;
	view_matches(v);
	if (!v->nm)
		return;
	size_t i = first_after(v, p, -1);
	long line, off;
	if (i >= v->nm)
		return;
	view_locate_match(v, p, i, &line, &off);
	if (line < 0 || off < 0)
		return;
	v->mcur = (long)i;
	if (line >= p->top + v->geo.content_rows - 1)
		p->top = pane_clamp_top(v, p, line - v->geo.content_rows / 3);
}

unsigned view_search_end(struct view *v, bool keep)
{
	const struct prompt_line *l = &v->prompt.line;
	struct pane *p = view_pane(v);
	p->top = v->prompt.saved_top;
	if (!keep || (!l->len && !v->prompt.saved[0])) {
		set_pattern(v, v->prompt.saved);
		v->mcur = v->prompt.saved_mcur;
		return RD_CONTENT | RD_STATUS;
	}
	/* An empty pattern searches again for the last one, as in less. */
	set_pattern(v, l->len ? l->buf : v->prompt.saved);
	return step_match(v, 1);
}
