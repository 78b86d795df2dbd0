#include "view.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include "links.h"
#include "utf8.h"

/* --- folds and filter, as the layout asks about them ------------------- */

bool view_entry_folded(const struct view *v, int sec, int ent)
{
	return v->ent_fold[v->ent_base[sec] + (size_t)ent];
}

bool view_entry_shown(const struct view *v, int sec, int ent)
{
	return v->ent_shown[v->ent_base[sec] + (size_t)ent];
}

/* The hooks of a pane's layout see the view. */
static bool hook_entry_folded(void *ctx, size_t sec, size_t ent)
{
	return view_entry_folded(ctx, (int)sec, (int)ent);
}

static bool hook_section_folded(void *ctx, size_t sec)
{
	const struct view *v = ctx;
	return v->sec_fold[sec];
}

static bool hook_entry_shown(void *ctx, size_t sec, size_t ent)
{
	return view_entry_shown(ctx, (int)sec, (int)ent);
}

static bool hook_none(void *ctx, size_t sec, size_t ent)
{
	return false;
}

/* Section folds only mean something where headings are shown (All). */
static const struct layout_hooks all_hooks = {
	.entry_folded = hook_entry_folded,
	.section_folded = hook_section_folded,
	.entry_shown = hook_entry_shown,
};
static const struct layout_hooks section_hooks = {
	.entry_folded = hook_entry_folded,
	.entry_shown = hook_entry_shown,
};
/* The header alone: a layout whose sections all have no shown entry. */
static const struct layout_hooks header_hooks = {
	.entry_shown = hook_none,
};

/* --- pane names ------------------------------------------------------ */

/* Whether word w[0..n) is one of the words of title t (any case). */
static bool has_word(const char *t, const char *w, size_t n)
{
	for (const char *p = t; *p;) {
		while (*p == ' ')
			p++;
		size_t k = strcspn(p, " ");
		if (k == n && strncasecmp(p, w, n) == 0)
			return true;
		p += k;
	}
	return false;
}

static void short_names(struct view *v)
{
	v->short_names = xmalloc(v->npanes * sizeof *v->short_names);
	for (size_t i = 0; i < v->npanes; i++) {
		const char *t = view_pane_name(v, i), *best = t;
		size_t blen = strlen(t);
		for (const char *p = t; *p;) {
			while (*p == ' ')
				p++;
			size_t k = strcspn(p, " ");
			bool unique = k > 0;
			for (size_t j = 0; unique && j < v->npanes; j++)
				if (j != i && has_word(view_pane_name(v, j), p, k))
					unique = false;
			if (unique) {
				best = p;
				blen = k;
			}
			p += k;
		}
		v->short_names[i] = xmalloc(blen + 1);
		memcpy(v->short_names[i], best, blen);
		v->short_names[i][blen] = '\0';
	}
	/* Two panes of one title: both keep it whole. */
	for (size_t i = 0; i < v->npanes; i++)
		for (size_t j = i + 1; j < v->npanes; j++)
			if (strcmp(v->short_names[i], v->short_names[j]) == 0 &&
			    strcmp(v->short_names[i], view_pane_name(v, i)) != 0) {
				free(v->short_names[i]);
				v->short_names[i] = xmalloc(strlen(view_pane_name(v, i)) + 1);
				strcpy(v->short_names[i], view_pane_name(v, i));
			}
}

const char *view_pane_short(const struct view *v, size_t i)
{
	return v->short_names[i];
}

/* --- life cycle ------------------------------------------------------- */

static void free_extra(struct pane *p)
{
	for (size_t i = 0; i < p->nextra; i++)
		arena_free(&p->extra[i]);
	p->nextra = 0;
}

void view_init(struct view *v, const struct resume *r, bool ascii)
{
	memset(v, 0, sizeof *v);
	v->r = r;
	v->ascii = ascii;
	v->gen = v->wgen = 1;
	v->mcur = -1;
	v->npanes = r->nsections + 1;
	v->panes = xmalloc(v->npanes * sizeof *v->panes);
	for (size_t i = 0; i < v->npanes; i++)
		v->panes[i] = (struct pane){
			.section = (int)i - 1,
			.cur_sec = -1,
		};
	v->ent_base = xmalloc((r->nsections + 1) * sizeof *v->ent_base);
	for (size_t s = 0; s < r->nsections; s++) {
		v->ent_base[s] = v->nent;
		v->nent += r->sections[s].nentries;
	}
	v->ent_base[r->nsections] = v->nent;
	v->sec_fold = calloc(r->nsections + 1, sizeof *v->sec_fold);
	v->ent_fold = calloc(v->nent + 1, sizeof *v->ent_fold);
	v->ent_shown = xmalloc((v->nent + 1) * sizeof *v->ent_shown);
	if (!v->sec_fold || !v->ent_fold)
		die_oom();
	for (size_t i = 0; i < v->nent; i++)
		v->ent_shown[i] = true;
	short_names(v);
}

void view_free(struct view *v)
{
	if (!v)
		return;
	for (size_t i = 0; i < v->npanes; i++) {
		layout_free(&v->panes[i].lay);
		free(v->panes[i].items);
		free_extra(&v->panes[i]);
		free(v->panes[i].extra);
	}
	free(v->panes);
	free(v->ent_base);
	free(v->sec_fold);
	free(v->ent_fold);
	free(v->ent_shown);
	free(v->m);
	free(v->hl);
	flat_free(&v->flat);
	flat_free(&v->stext);
	free(v->sitems);
	for (size_t i = 0; v->short_names && i < v->npanes; i++)
		free(v->short_names[i]);
	free(v->short_names);
	layout_free(&v->header);
	memset(v, 0, sizeof *v);
}

static long clampl(long x, long lo, long hi)
{
	return x < lo ? lo : x > hi ? hi : x;
}

/* --- geometry --------------------------------------------------------- */

unsigned view_resize(struct view *v, int cols, int rows)
{
	struct geometry *g = &v->geo;
	cols = view_clamp_size(cols);
	rows = view_clamp_size(rows);
	int old_w = g->text_w;
	*g = (struct geometry){ .cols = cols, .rows = rows };
	g->too_small = cols < VIEW_MIN_COLS || rows < VIEW_MIN_ROWS;
	/* One column on the left for the current-entry marker. */
	g->text_w = cols - 1 > VIEW_MAX_TEXT ? VIEW_MAX_TEXT : cols - 1;
	if (g->text_w < LAYOUT_MIN_WIDTH)
		g->text_w = LAYOUT_MIN_WIDTH;
	g->text_x = cols > g->text_w + 1 ? (cols - g->text_w - 1) / 2 : 0;
	g->col_x = g->text_x;
	g->col_w = cols > g->text_w + 1 ? g->text_w + 1 : cols;
	if (g->text_w != old_w) {
		v->gen++;
		v->wgen++;
		view_drop_single_folds(v);
		layout_build(&v->header, v->r, &(struct layout_opts){
			.width = g->text_w, .section = -1, .header = true,
			.ascii = v->ascii, .hooks = &header_hooks,
		});
	}
	int nhead = 0;
	while ((size_t)nhead < v->header.n &&
	       v->header.lines[nhead].kind == LINE_HEADER)
		nhead++;
	v->header_lines = nhead;
	bool full = rows >= VIEW_FULL_HEADER_ROWS;
	if (!g->too_small && nhead)
		g->header_rows = full ? (nhead > 4 ? 4 : nhead) : 1;
	/* A full header gets a blank line before the pane bar. */
	g->bar_row = g->header_rows + (full && g->header_rows ? 1 : 0);
	g->content_row = g->bar_row + 1;
	g->status_row = rows - 1;
	g->content_rows = g->status_row - g->content_row;
	if (g->content_rows < 1)
		g->content_rows = 1;
	return RD_ALL;
}

/* --- panes ------------------------------------------------------------ */

const char *view_pane_name(const struct view *v, size_t i)
{
	if (i == 0)
		return "All";
	const char *t = v->r->sections[i - 1].title;
	return t ? t : v->r->sections[i - 1].key ? v->r->sections[i - 1].key : "?";
}

/* Whether name is a prefix of s from one of its words: "research" and
 * "research exp" of "Academic Research Experience". */
static bool word_prefix(const char *s, const char *name, size_t n)
{
	for (const char *p = s; *p; p++)
		if ((p == s || p[-1] == ' ' || p[-1] == '_' || p[-1] == '-') &&
		    strncasecmp(p, name, n) == 0)
			return true;
	return false;
}

long view_find_pane(const struct view *v, const char *name)
{
	size_t n = strlen(name);
	if (!n)
		return -1;
	for (int pass = 0; pass < 2; pass++) {
		for (size_t i = 0; i < v->npanes; i++) {
			const char *cand[2] = { view_pane_name(v, i),
				i ? v->r->sections[i - 1].key : NULL };
			for (int c = 0; c < 2; c++) {
				if (!cand[c])
					continue;
				if (pass == 0 ? strcasecmp(cand[c], name) == 0
				              : word_prefix(cand[c], name, n))
					return (long)i;
			}
		}
	}
	return -1;
}

void view_pane_list(const struct view *v, char *buf, size_t cap)
{
	size_t n = 0;
	buf[0] = '\0';
	for (size_t i = 0; i < v->npanes && n < cap; i++) {
		int w = snprintf(buf + n, cap - n, "%s%s", i ? ", " : "",
		                 view_pane_name(v, i));
		if (w < 0)
			break;
		n += (size_t)w;
	}
}

/* Items are in (section, entry) order with a heading (-1) first. */
static int item_cmp(const struct item *it, int sec, int ent)
{
	if (it->sec != sec)
		return it->sec < sec ? -1 : 1;
	return it->ent < ent ? -1 : it->ent > ent ? 1 : 0;
}

long pane_find_item(const struct pane *p, int sec, int ent)
{
	size_t lo = 0, hi = p->nitems;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		int c = item_cmp(&p->items[mid], sec, ent);
		if (c == 0)
			return (long)mid;
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return -1;
}

long pane_item_at(const struct pane *p, long line)
{
	if (!p->nitems)
		return -1;
	size_t lo = 0, hi = p->nitems;
	while (hi - lo > 1) {
		size_t mid = lo + (hi - lo) / 2;
		if (p->items[mid].line <= line)
			lo = mid;
		else
			hi = mid;
	}
	return (long)lo;
}

long pane_item_end(const struct pane *p, size_t i)
{
	return i + 1 < p->nitems ? p->items[i + 1].line : (long)p->lay.n;
}

static long max_top(const struct view *v, const struct pane *p)
{
	long m = (long)p->lay.n - v->geo.content_rows;
	return m > 0 ? m : 0;
}

long pane_clamp_top(const struct view *v, const struct pane *p, long top)
{
	return clampl(top, 0, max_top(v, p));
}

/* --- layout ----------------------------------------------------------- */

/* Adds the items of lines l[0..n), numbered from base, to p's. */
static void list_items(struct pane *p, const struct line *l, size_t n, long base)
{
	for (size_t i = 0; i < n; i++) {
		if (l[i].kind != LINE_ENTRY_HEAD && l[i].kind != LINE_SECTION)
			continue;
		/* A heading that wraps is one item, not one per line. */
		if (p->nitems && p->items[p->nitems - 1].sec == l[i].section &&
		    p->items[p->nitems - 1].ent == l[i].entry)
			continue;
		grow_array(&p->items, &p->capitems, p->nitems + 1, sizeof *p->items);
		p->items[p->nitems++] = (struct item){
			.line = base + (long)i, .sec = l[i].section, .ent = l[i].entry,
		};
	}
}

/* Index of the first item of p at or after line. */
static size_t item_from(const struct pane *p, long line)
{
	size_t lo = 0, hi = p->nitems;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (p->items[mid].line < line)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

/* One past the last line of section sec in All's pane a, but before the
 * blank line that parts it from the next section. */
static long section_end(const struct pane *a, long h)
{
	size_t j = (size_t)h + 1;
	while (j < a->nitems && a->items[j].sec == a->items[h].sec)
		j++;
	long end = j < a->nitems ? a->items[j].line : (long)a->lay.n;
	while (end > a->items[h].line && a->lay.lines[end - 1].kind == LINE_BLANK)
		end--;
	return end;
}

/*
 * Where All's pane a has the lines of section sec's entries, when it is
 * up to date and shows them: *first -1 when it does not (the section is
 * folded there, or a is stale), [0, 0) when no entry of it is shown.
 */
static void section_in_all(const struct view *v, const struct pane *a, int sec,
                           long *first, long *end)
{
	*first = -1;
	*end = 0;
	if (a->gen != v->gen)
		return;
	long h = pane_find_item(a, sec, -1);
	if (h < 0) {
		*first = 0;     /* not even its heading: nothing shown */
		return;
	}
	/* Open, the heading's lines are followed by its rule. */
	long l = a->items[h].line;
	while (l < (long)a->lay.n && a->lay.lines[l].kind == LINE_SECTION)
		l++;
	if (l >= (long)a->lay.n || a->lay.lines[l].kind != LINE_RULE)
		return;
	*first = l + 1;
	*end = section_end(a, h);
}

/*
 * Lays p out in full, and lists its items. A section's pane has the
 * lines All has for that section's entries, at the same width with the
 * same folds and filter: when All is up to date and shows the section
 * open, they are copied from there, not laid out again.
 */
static void pane_build(struct view *v, struct pane *p)
{
	bool all = p->section < 0;
	long first = -1, end = 0;
	if (!all)
		section_in_all(v, &v->panes[0], p->section, &first, &end);
	free_extra(p);
	if (first >= 0) {
		arena_free(&p->lay.arena);
		p->lay.n = 0;
		p->lay.width = v->panes[0].lay.width;
		layout_append(&p->lay, &v->panes[0].lay, (size_t)first, (size_t)end);
	} else {
		layout_build(&p->lay, v->r, &(struct layout_opts){
			.width = v->geo.text_w,
			.section = p->section,
			.headings = all,
			.gutter = true,
			.ascii = v->ascii,
			.hooks = all ? &all_hooks : &section_hooks,
			.ctx = v,
		});
	}
	p->nitems = 0;
	list_items(p, p->lay.lines, p->lay.n, 0);
}

static void set_current(struct pane *p, long i)
{
	if (i < 0 || (size_t)i >= p->nitems) {
		p->cur_sec = p->cur_ent = -1;
		return;
	}
	p->cur_sec = p->items[i].sec;
	p->cur_ent = p->items[i].ent;
}

static long current_item(const struct pane *p)
{
	return p->cur_sec < 0 ? -1 : pane_find_item(p, p->cur_sec, p->cur_ent);
}

/* Lays p out whole, keeping its scroll and current item. */
static void pane_lay_out(struct view *v, struct pane *p)
{
	/* Keep the line at the top where it was: remember it by its item. */
	long ai = p->gen ? pane_item_at(p, p->top) : -1;
	int asec = 0, aent = 0;
	long aoff = 0;
	if (ai >= 0) {
		asec = p->items[ai].sec;
		aent = p->items[ai].ent;
		aoff = p->top - p->items[ai].line;
	}
	pane_build(v, p);
	if (ai >= 0) {
		long j = pane_find_item(p, asec, aent);
		if (j < 0 && aent >= 0) {
			j = pane_find_item(p, asec, -1);    /* its section folded */
			aoff = 0;
		}
		if (j >= 0) {
			long len = pane_item_end(p, (size_t)j) - p->items[j].line;
			p->top = p->items[j].line + clampl(aoff, 0, len > 0 ? len - 1 : 0);
		}
	}
	p->gen = v->gen;
	p->top = pane_clamp_top(v, p, p->top);
	if (current_item(p) < 0) {
		long h = p->cur_sec >= 0 ? pane_find_item(p, p->cur_sec, -1) : -1;
		set_current(p, h >= 0 ? h : pane_item_at(p, p->top));
	}
}

void pane_sync(struct view *v, struct pane *p)
{
	if (p->gen != v->gen)
		pane_lay_out(v, p);
}

const struct pane *view_cur(const struct view *v)
{
	return &v->panes[v->cur];
}

struct pane *view_pane(struct view *v)
{
	struct pane *p = &v->panes[v->cur];
	pane_sync(v, p);
	p->top = pane_clamp_top(v, p, p->top);
	if (p->cur_sec < 0)
		set_current(p, pane_item_at(p, p->top));
	return p;
}

unsigned view_set_pane(struct view *v, size_t i)
{
	if (i >= v->npanes)
		return 0;
	v->cur = i;
	view_pane(v);
	return RD_BAR | RD_CONTENT | RD_STATUS;
}

unsigned view_next_pane(struct view *v, int key)
{
	return view_set_pane(v, (v->cur + 1) % v->npanes);
}

unsigned view_prev_pane(struct view *v, int key)
{
	return view_set_pane(v, (v->cur + v->npanes - 1) % v->npanes);
}

unsigned view_pane_key(struct view *v, int key)
{
	size_t i = (size_t)(key - '1');
	if (key < '1' || i >= v->npanes) {
		view_message(v, true, "No pane %d: there are %zu", key - '0',
		             v->npanes);
		return RD_STATUS;
	}
	return view_set_pane(v, i);
}

/* --- scrolling -------------------------------------------------------- */

static long help_rows(const struct view *v)
{
	long r = v->geo.content_rows - 2;       /* inside the box */
	return r > 1 ? r : 1;
}

/* After a scroll the marked entry stays on screen: when it left, the
 * entry at the top becomes current. */
static void follow(struct view *v, struct pane *p)
{
	long i = current_item(p);
	long bottom = p->top + v->geo.content_rows;
	if (i >= 0 && p->items[i].line < bottom &&
	    pane_item_end(p, (size_t)i) > p->top)
		return;
	set_current(p, pane_item_at(p, p->top));
}

void view_help_sizes(struct view *v, long nhelp, long nproblems)
{
	v->help.nhelp = nhelp;
	v->help.nproblems = nproblems;
	v->help.nlines = v->help.problems ? nproblems : nhelp;
	long max = v->help.nlines - help_rows(v);
	v->help.top = clampl(v->help.top, 0, max > 0 ? max : 0);
}

/* Scrolls the help or the pane to line top, clamped. */
static unsigned scroll_to(struct view *v, long top)
{
	if (v->help.open) {
		long max = v->help.nlines - help_rows(v);
		top = clampl(top, 0, max > 0 ? max : 0);
		if (top == v->help.top)
			return 0;
		v->help.top = top;
		return RD_CONTENT;
	}
	struct pane *p = view_pane(v);
	top = pane_clamp_top(v, p, top);
	if (top == p->top)
		return 0;
	p->top = top;
	follow(v, p);
	return RD_CONTENT | RD_STATUS;
}

unsigned view_scroll(struct view *v, long delta)
{
	long top = v->help.open ? v->help.top : view_pane(v)->top;
	return scroll_to(v, top + delta);
}

static long page(const struct view *v)
{
	long n = (v->help.open ? help_rows(v) : v->geo.content_rows) - 1;
	return n > 1 ? n : 1;
}

unsigned view_line_down(struct view *v, int key) { return view_scroll(v, 1); }
unsigned view_line_up(struct view *v, int key) { return view_scroll(v, -1); }
unsigned view_page_down(struct view *v, int key) { return view_scroll(v, page(v)); }
unsigned view_page_up(struct view *v, int key) { return view_scroll(v, -page(v)); }
unsigned view_half_down(struct view *v, int key) { return view_scroll(v, (page(v) + 1) / 2); }
unsigned view_half_up(struct view *v, int key) { return view_scroll(v, -(page(v) + 1) / 2); }

/* g and G also mark the first or last entry, as a reader expects. */
unsigned view_home(struct view *v, int key)
{
	unsigned rd = scroll_to(v, 0);
	if (!v->help.open) {
		struct pane *p = view_pane(v);
		set_current(p, p->nitems ? 0 : -1);
		rd |= RD_CONTENT;
	}
	return rd;
}

unsigned view_end(struct view *v, int key)
{
	unsigned rd = scroll_to(v, v->help.open ? v->help.nlines : (long)view_pane(v)->lay.n);
	if (!v->help.open) {
		struct pane *p = view_pane(v);
		set_current(p, (long)p->nitems - 1);
		rd |= RD_CONTENT;
	}
	return rd;
}

/* --- entries ---------------------------------------------------------- */

/* Scrolls so that item i's first line shows, putting it at the top when
 * it was off screen. */
static void reveal(struct view *v, struct pane *p, long line)
{
	if (line < p->top || line >= p->top + v->geo.content_rows)
		p->top = pane_clamp_top(v, p, line);
}

static unsigned step_entry(struct view *v, int dir)
{
	if (v->help.open)
		return view_scroll(v, dir);
	struct pane *p = view_pane(v);
	long i = current_item(p);
	long j = i < 0 ? pane_item_at(p, p->top) : i + dir;
	if (j < 0 || (size_t)j >= p->nitems) {
		view_message(v, false, dir > 0 ? "Last entry" : "First entry");
		return RD_STATUS;
	}
	set_current(p, j);
	reveal(v, p, p->items[j].line);
	return RD_CONTENT | RD_STATUS;
}

unsigned view_next_entry(struct view *v, int key) { return step_entry(v, 1); }
unsigned view_prev_entry(struct view *v, int key) { return step_entry(v, -1); }

/* --- folding ---------------------------------------------------------- */

enum fold_op { FOLD_TOGGLE, FOLD_OPEN, FOLD_CLOSE };

static bool entry_folds(const struct view *v, int sec, int ent)
{
	return layout_entry_folds(v->r, (size_t)sec, (size_t)ent, v->geo.text_w, v->ascii);
}

void view_drop_single_folds(struct view *v)
{
	for (size_t s = 0; s < v->r->nsections; s++)
		for (size_t e = 0; e < v->r->sections[s].nentries; e++) {
			bool *f = &v->ent_fold[v->ent_base[s] + e];
			if (*f && !entry_folds(v, (int)s, (int)e))
				*f = false;
		}
}

/* Lays out again keeping the current item's title on the same screen
 * row, or on the top row when it was above the screen (folded from
 * inside it, the reader sees what was folded, still marked). */
static void relayout_keep(struct view *v, struct pane *p, long row)
{
	v->gen++;
	pane_sync(v, p);
	long i = current_item(p);
	row = clampl(row, 0, v->geo.content_rows - 1);
	if (i >= 0)
		p->top = pane_clamp_top(v, p, p->items[i].line - row);
}

/* One entry alone, as the pane lays it out. */
struct one_ctx {
	const struct view *v;
	int sec, ent;
	bool unfolded;          /* as if nothing were folded */
};

static bool one_shown(void *ctx, size_t sec, size_t ent)
{
	const struct one_ctx *c = ctx;
	return (int)sec == c->sec && (int)ent == c->ent;
}

static bool one_folded(void *ctx, size_t sec, size_t ent)
{
	const struct one_ctx *c = ctx;
	return !c->unfolded && view_entry_folded(c->v, (int)sec, (int)ent);
}

static const struct layout_hooks one_hooks = {
	.entry_folded = one_folded,
	.entry_shown = one_shown,
};

/* The first entry of section sec the filter shows, or -1. */
static int first_shown(const struct view *v, int sec)
{
	for (size_t e = 0; e < v->r->sections[sec].nentries; e++)
		if (view_entry_shown(v, sec, (int)e))
			return (int)e;
	return -1;
}

void view_lay_out_item(const struct view *v, struct layout *out, int sec, int ent,
                       bool unfolded)
{
	/* A heading is laid out with the section's first entry, then
	 * that entry's lines are dropped. */
	struct one_ctx c = { .v = v, .sec = sec, .ent = ent >= 0 ? ent : first_shown(v, sec),
	                     .unfolded = unfolded };
	layout_build(out, v->r, &(struct layout_opts){
		.width = v->geo.text_w, .section = sec, .headings = ent < 0,
		.gutter = true, .ascii = v->ascii, .hooks = &one_hooks, .ctx = &c,
	});
	if (ent < 0)
		while (out->n && out->lines[out->n - 1].entry >= 0)
			out->n--;
}

/* Entries and sections laid out again one at a time before the pane is
 * laid out whole again, which frees their old text. */
#define SPLICE_MAX 64

/* Whether p may keep one more splice's text: the text kept for splices
 * stays about as large as the pane's own at most (or a megabyte, for a
 * small pane), since opening the largest section copies megabytes; then
 * the pane is laid out whole again. */
#define SPLICE_KEEP (1u << 20)
static bool can_splice(const struct pane *p)
{
	size_t kept = 0;
	for (size_t i = 0; i < p->nextra; i++)
		kept += p->extra[i].used;
	return p->nextra < SPLICE_MAX &&
	       (kept <= SPLICE_KEEP || kept <= p->lay.arena.used);
}

static struct line blank_line(const struct line *after)
{
	return (struct line){ .text = "", .section = after->section,
	                      .entry = after->entry, .kind = LINE_BLANK };
}

/*
 * Replaces lines [start, end) of p, and their items, with the lines of
 * one, then a blank line when blank (a blank line has the indices of the
 * line above it). one's text is kept with the pane (p->extra).
 */
static void splice(struct pane *p, long start, long end, struct layout *one, bool blank)
{
	size_t nnew = one->n + blank, nold = (size_t)(end - start);
	if (blank) {
		grow_array(&one->lines, &one->cap, one->n + 1, sizeof *one->lines);
		one->lines[one->n] = one->n ? blank_line(&one->lines[one->n - 1])
		                            : blank_line(&p->lay.lines[start - 1]);
	}
	grow_array(&p->lay.lines, &p->lay.cap, p->lay.n - nold + nnew, sizeof *p->lay.lines);
	struct line *l = p->lay.lines;
	memmove(l + start + nnew, l + end, (p->lay.n - (size_t)end) * sizeof *l);
	memcpy(l + start, one->lines, nnew * sizeof *l);
	p->lay.n = p->lay.n - nold + nnew;

	/* The items: those of the old lines out, those of the new in. */
	size_t a = item_from(p, start), b = item_from(p, end), tail = p->nitems - b;
	struct item *rest = xmalloc((tail + 1) * sizeof *rest);
	memcpy(rest, p->items + b, tail * sizeof *rest);
	p->nitems = a;
	list_items(p, l + start, nnew, start);
	grow_array(&p->items, &p->capitems, p->nitems + tail, sizeof *p->items);
	long delta = (long)nnew - (long)nold;
	for (size_t j = 0; j < tail; j++) {
		p->items[p->nitems] = rest[j];
		p->items[p->nitems++].line += delta;
	}
	free(rest);

	free(one->lines);
	grow_array(&p->extra, &p->capextra, p->nextra + 1, sizeof *p->extra);
	p->extra[p->nextra++] = one->arena;
	*one = (struct layout)LAYOUT_INIT;
}

/*
 * A fold changes one entry's lines and the blank lines that part it from
 * its neighbours, nothing else: so p, up to date before the fold, gets
 * only those lines anew instead of a whole layout (the largest file has
 * hundreds of thousands of lines). False when p must be laid out whole.
 */
static bool splice_entry(struct view *v, struct pane *p, long i)
{
	if (!can_splice(p))
		return false;
	const struct item it = p->items[i];
	const struct section *s = &v->r->sections[it.sec];
	bool efold = view_entry_folded(v, it.sec, it.ent);
	const struct item *prev = i > 0 && p->items[i - 1].sec == it.sec &&
	                          p->items[i - 1].ent >= 0 ? &p->items[i - 1] : NULL;
	const struct item *next = (size_t)i + 1 < p->nitems &&
	                          p->items[i + 1].sec == it.sec ? &p->items[i + 1] : NULL;
	/* The old lines: from the blank after prev to the one before next. */
	long start = it.line, end = pane_item_end(p, (size_t)i);
	while (prev && start > prev->line && p->lay.lines[start - 1].kind == LINE_BLANK)
		start--;
	while (!next && end > it.line && p->lay.lines[end - 1].kind == LINE_BLANK)
		end--;
	bool nb = prev && layout_blank_between(&s->entries[prev->ent],
		view_entry_folded(v, prev->sec, prev->ent), &s->entries[it.ent], efold);
	bool na = next && layout_blank_between(&s->entries[it.ent], efold,
		&s->entries[next->ent], view_entry_folded(v, next->sec, next->ent));
	struct layout one = LAYOUT_INIT;
	view_lay_out_item(v, &one, it.sec, it.ent, false);
	if (nb) {
		grow_array(&one.lines, &one.cap, one.n + 1, sizeof *one.lines);
		memmove(one.lines + 1, one.lines, one.n * sizeof *one.lines);
		one.lines[0] = blank_line(&p->lay.lines[start - 1]);
		one.n++;
	}
	splice(p, start, end, &one, na);
	return true;
}

/*
 * Folding a section in All changes its lines and nothing else: its
 * heading alone replaces them, or, opened, its heading and rule come
 * before the lines of its own pane (the same at the same width). h is
 * the heading's item. False when All must be laid out whole.
 */
static bool splice_section(struct view *v, struct pane *p, long h)
{
	if (!can_splice(p))
		return false;
	int sec = p->items[h].sec;
	long start = p->items[h].line, end = section_end(p, h);
	bool blank = end < (long)p->lay.n;
	if (blank)
		end++;          /* the blank before the next section */
	struct layout one = LAYOUT_INIT;
	if (v->sec_fold[sec]) {
		layout_build(&one, v->r, &(struct layout_opts){
			.width = v->geo.text_w, .section = sec, .headings = true,
			.gutter = true, .ascii = v->ascii, .hooks = &all_hooks, .ctx = v,
		});
	} else {
		view_lay_out_item(v, &one, sec, -1, false);     /* heading and rule */
		struct pane *q = &v->panes[sec + 1];
		pane_sync(v, q);
		layout_append(&one, &q->lay, 0, q->lay.n);
	}
	splice(p, start, end, &one, blank);
	return true;
}

/* Splices the entry or section item it, just folded or opened, into
 * every pane that is up to date and shows it, or lays such a pane out
 * whole when it keeps enough splices: they all stay up to date. */
static void splice_everywhere(struct view *v, struct item it)
{
	for (size_t k = 0; k < v->npanes; k++) {
		struct pane *q = &v->panes[k];
		long j = q->gen == v->gen ? pane_find_item(q, it.sec, it.ent) : -1;
		if (j >= 0 && !(it.ent >= 0 ? splice_entry(v, q, j) : splice_section(v, q, j)))
			pane_lay_out(v, q);
	}
}

void view_open_item(struct view *v, int sec, int ent, bool section)
{
	bool *ef = ent >= 0 ? &v->ent_fold[v->ent_base[sec] + (size_t)ent] : NULL;
	if (ef && *ef) {
		*ef = false;
		splice_everywhere(v, (struct item){ .sec = sec, .ent = ent });
	}
	if (section && v->sec_fold[sec]) {
		v->sec_fold[sec] = false;
		splice_everywhere(v, (struct item){ .sec = sec, .ent = -1 });
	}
}

static unsigned fold(struct view *v, enum fold_op op)
{
	if (v->help.open)
		return 0;
	struct pane *p = view_pane(v);
	long i = current_item(p);
	if (i < 0)
		return 0;
	struct item it = p->items[i];
	bool *flag = it.ent >= 0
		? &v->ent_fold[v->ent_base[it.sec] + (size_t)it.ent]
		: &v->sec_fold[it.sec];
	/* An entry of one line has nothing to fold; it is as closed as it
	 * gets. */
	bool single = it.ent >= 0 && !*flag && !entry_folds(v, it.sec, it.ent);
	if (single && !(op == FOLD_CLOSE && p->section < 0)) {
		view_message(v, false, "Nothing to fold: the entry is one line");
		return RD_STATUS;
	}
	bool want = op == FOLD_TOGGLE ? !*flag : op == FOLD_CLOSE;
	/* As in vim, closing what is closed closes the fold around it: the
	 * section, where sections fold (All). */
	if (op == FOLD_CLOSE && (*flag || single) && it.ent >= 0 && p->section < 0) {
		flag = &v->sec_fold[it.sec];
		p->cur_ent = -1;
		it.ent = -1;
	}
	if (*flag == want)
		return 0;
	*flag = want;
	long row = it.line - p->top;
	splice_everywhere(v, it);
	/* The marked item keeps its row, or comes to the top. */
	i = current_item(p);
	row = clampl(row, 0, v->geo.content_rows - 1);
	if (i >= 0)
		p->top = pane_clamp_top(v, p, p->items[i].line - row);
	p->top = pane_clamp_top(v, p, p->top);
	return RD_CONTENT | RD_STATUS;
}

unsigned view_fold_toggle(struct view *v, int key) { return fold(v, FOLD_TOGGLE); }
unsigned view_fold_open(struct view *v, int key) { return fold(v, FOLD_OPEN); }
unsigned view_fold_close(struct view *v, int key) { return fold(v, FOLD_CLOSE); }

static unsigned fold_everything(struct view *v, bool folded)
{
	if (v->help.open)
		return 0;
	struct pane *p = view_pane(v);
	long i = current_item(p);
	long row = i >= 0 ? p->items[i].line - p->top : 0;
	for (size_t s = 0; s < v->r->nsections; s++) {
		v->sec_fold[s] = folded;
		for (size_t e = 0; e < v->r->sections[s].nentries; e++)
			v->ent_fold[v->ent_base[s] + e] = folded &&
				entry_folds(v, (int)s, (int)e);
	}
	relayout_keep(v, p, row);
	view_message(v, false, folded ? "Folded everything" : "Opened everything");
	return RD_CONTENT | RD_STATUS;
}

unsigned view_open_all(struct view *v, int key) { return fold_everything(v, false); }
unsigned view_fold_all(struct view *v, int key) { return fold_everything(v, true); }

/* --- mouse, copy, help, quit ------------------------------------------ */

/*
 * Hands an address to the loop for the terminal's clipboard. OSC 52 has
 * no answer and terminals may refuse it: the message says what was sent
 * and where, never that it was copied.
 */
static unsigned send_link(struct view *v, enum link_kind k, const char *addr)
{
	if (!addr[0]) {
		view_message(v, true, "Too long to copy");
		return RD_STATUS;
	}
	view_clean_text(v->copy, sizeof v->copy, addr);
	view_message(v, false, "Sent %s to the terminal (OSC 52)", link_kind_name(k));
	return RD_COPY | RD_STATUS;
}

/* The link drawn at row, x of the screen from line n of l, or 0. */
static unsigned click_link(struct view *v, const struct layout *l, long n, int x)
{
	char addr[sizeof v->copy];
	enum link_kind k = link_at(v->r, l, n, x - (v->geo.text_x + 1), addr, sizeof addr);
	return k == LINK_NONE ? 0 : send_link(v, k, addr);
}

unsigned view_click_header(struct view *v, int row, int x)
{
	if (v->help.open || v->geo.too_small || row < 0 || row >= v->geo.header_rows)
		return 0;
	return click_link(v, &v->header, v->header_first + row, x);
}

unsigned view_click_content(struct view *v, int row, int x)
{
	if (v->help.open || v->geo.too_small)
		return 0;
	struct pane *p = view_pane(v);
	long line = p->top + row;
	if (row < 0 || line >= (long)p->lay.n)
		return 0;
	long i = pane_item_at(p, line);
	if (i < 0)
		return 0;
	/* A click on a link marks its entry and copies the link. */
	unsigned rd = click_link(v, &p->lay, line, x);
	if (rd) {
		set_current(p, i);
		return rd | RD_CONTENT;
	}
	/* A click on the title of the marked entry, or on its fold marker
	 * (the gutter), folds it; elsewhere it marks the entry. */
	bool on_marker = x <= v->geo.text_x + 3;
	if (line == p->items[i].line && (i == current_item(p) || on_marker)) {
		set_current(p, i);
		return fold(v, FOLD_TOGGLE) | RD_CONTENT;
	}
	set_current(p, i);
	return RD_CONTENT | RD_STATUS;
}

unsigned view_copy(struct view *v, int key)
{
	if (v->help.open)
		return 0;
	struct pane *p = view_pane(v);
	const struct header *h = &v->r->header;
	char addr[sizeof v->copy];
	enum link_kind k = LINK_NONE;
	if (p->cur_sec >= 0 && p->cur_ent >= 0)
		k = link_entry(&v->r->sections[p->cur_sec].entries[p->cur_ent], addr,
		               sizeof addr);
	if (!k)
		k = link_header(h, addr, sizeof addr);
	if (!k) {
		view_message(v, true, "Nothing to copy: no link or email");
		return RD_STATUS;
	}
	return send_link(v, k, addr);
}

unsigned view_mouse(struct view *v, int key)
{
	v->no_mouse = !v->no_mouse;
	view_message(v, false, v->no_mouse ? "Mouse off: drag selects text (M: on)"
	             : "Mouse on: click, wheel; Shift-drag selects text");
	return RD_MOUSE | RD_STATUS;
}

/* Closes the help or the problems list. */
static unsigned view_close_help(struct view *v)
{
	if (v->help.problems)
		v->help.nlines = v->help.nhelp;
	v->help.open = v->help.problems = false;
	v->help.top = 0;
	return RD_ALL;
}

unsigned view_help(struct view *v, int key)
{
	/* From the problems list, ? shows the help. */
	v->help.open = !v->help.open || v->help.problems;
	if (v->help.problems)
		v->help.nlines = v->help.nhelp;
	v->help.problems = false;
	v->help.top = 0;
	return RD_ALL;
}

unsigned view_quit(struct view *v, int key)
{
	if (v->help.open)
		return view_close_help(v);
	return RD_QUIT;
}

unsigned view_cancel(struct view *v, int key)
{
	if (v->help.open)
		return view_close_help(v);
	v->msg[0] = '\0';
	return RD_STATUS;
}

/* As Neovim's Ctrl-L, the highlight goes too (n brings it back). */
unsigned view_redraw(struct view *v, int key)
{
	v->nohl = true;
	return RD_ALL | RD_CLEAR;
}
