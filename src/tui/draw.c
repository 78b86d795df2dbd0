#include "draw.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "utf8.h"

#ifndef A_ITALIC
#define A_ITALIC A_UNDERLINE
#endif

/*
 * Colour only where vitae sets both the foreground and the background.
 * No colour of the 16 reads at 4.5:1 on both the black and the white
 * background of the common default themes, so text keeps the terminal's
 * own colours, and bold, underline and reverse video carry meaning.
 * tools/contrast.py reads this table and checks each pair against the
 * palettes of xterm, GNOME Terminal and the Linux console. A pair is never
 * drawn bold: many terminals show bold text in the bright colour.
 */
enum pair {
	P_NONE,
	P_MATCH,        /* the current match */
	P_COUNT_
};

static const struct {
	short fg, bg;
} pairs[P_COUNT_] = {
	[P_MATCH] = { .fg = COLOR_BLACK, .bg = COLOR_CYAN },
};

/* Per layout style, in the terminal's own colours. */
static const attr_t styles[ST_COUNT_] = {
	[ST_BODY] = A_NORMAL,
	[ST_NAME] = A_BOLD,
	[ST_SECTION] = A_BOLD | A_UNDERLINE,
	[ST_TITLE] = A_BOLD,
	[ST_SUBTITLE] = A_UNDERLINE,
	[ST_LABEL] = A_BOLD,
	[ST_OWNER] = A_BOLD | A_UNDERLINE,
	[ST_VENUE] = A_ITALIC,
	[ST_URL] = A_UNDERLINE,
	[ST_FOLD] = A_BOLD,
};

static attr_t pick(const struct draw *d, short pair, attr_t color, attr_t mono)
{
	return d->color ? color | (pair ? COLOR_PAIR(pair) : 0) : mono;
}

void draw_init(struct draw *d, const struct view *v, bool color,
               const struct help *h)
{
	memset(d, 0, sizeof *d);
	d->help = h;
	if (color && has_colors() && start_color() == OK &&
	    use_default_colors() == OK && COLORS >= 8 && COLOR_PAIRS >= P_COUNT_) {
		d->color = true;
		for (short p = 1; p < P_COUNT_; p++)
			init_pair(p, pairs[p].fg, pairs[p].bg);
	}
	for (int s = 0; s < ST_COUNT_; s++)
		d->st[s] = styles[s];
	d->marker = A_BOLD;
	d->match = A_REVERSE;
	d->match_cur = pick(d, P_MATCH, A_UNDERLINE, A_BOLD | A_REVERSE | A_UNDERLINE);
	d->tab = A_NORMAL;
	d->tab_cur = A_REVERSE | A_BOLD;
	d->tab_more = A_BOLD;
	d->tab_num = A_NORMAL;
	d->status = A_REVERSE;
	d->status_name = A_REVERSE | A_BOLD;
	d->status_err = A_REVERSE | A_BOLD | A_UNDERLINE;
	d->help_border = A_NORMAL;
	d->help_head = A_BOLD | A_UNDERLINE;
	d->help_keys = A_BOLD;
	d->notice = A_BOLD;
	d->ntabs = v->npanes;
	d->tab_x0 = xmalloc(d->ntabs * sizeof *d->tab_x0);
	d->tab_x1 = xmalloc(d->ntabs * sizeof *d->tab_x1);
	d->tab_short = calloc(d->ntabs, sizeof *d->tab_short);
	if (!d->tab_short)
		die_oom();
	d->bar_cur = (size_t)-1;
	for (size_t i = 0; i < d->ntabs; i++)
		d->tab_x0[i] = d->tab_x1[i] = -1;
}

void draw_free(struct draw *d)
{
	if (!d)
		return;
	free(d->tab_x0);
	free(d->tab_x1);
	free(d->tab_short);
	d->tab_x0 = d->tab_x1 = NULL;
	d->tab_short = NULL;
}

/* --- text ------------------------------------------------------------- */

/* The columns s[0..len) takes as drawn: with --ascii, in utf8.c's
 * stand-ins, as the layout wrote the content. */
static int text_cols(const char *s, size_t len, bool ascii)
{
	return (int)(ascii ? str_width_ascii(s, len) : str_width(s, len));
}

/*
 * Writes the character at s[*i], with the combining marks that follow it,
 * as one cell if it fits in *room columns, and moves *i past them. Written
 * one at a time, the marks of a character in the last column would land
 * on the next row: curses wraps the cursor after that character. A cell
 * holds at most CCHARW_MAX characters; more marks are not drawn.
 */
static bool put_char(const char *s, size_t len, size_t *i, bool ascii, int *room)
{
	uint32_t c;
	size_t k = utf8_decode(s + *i, len - *i, &c);
	if (c == '\n' || c == '\t')
		c = ' ';
	if (ascii && c >= 0x80) {
		/* the one fallback the content was laid out with */
		char a[4];
		size_t n = cp_to_ascii(c, a);
		if ((int)n > *room)
			return false;
		*i += k;
		*room -= (int)n;
		addnstr(a, (int)n);
		return true;
	}
	int w = cp_width(c);
	if (w == 0) {
		*i += k;        /* a mark with nothing to sit on */
		return true;
	}
	if (w > *room)
		return false;
	wchar_t wc[CCHARW_MAX + 1] = { (wchar_t)c };
	int n = 1;
	size_t j = *i + k;
	while (j < len) {
		uint32_t m;
		size_t mk = utf8_decode(s + j, len - j, &m);
		if (m == '\n' || m == '\t' || cp_width(m) != 0)
			break;
		if (!ascii && n < CCHARW_MAX)
			wc[n++] = (wchar_t)m;   /* in ASCII, an accent is dropped */
		j += mk;
	}
	*i = j;
	*room -= w;
	cchar_t cc;
	if (setcchar(&cc, wc, A_NORMAL, 0, NULL) == OK)
		add_wch(&cc);       /* in the window's attributes, as addstr */
	return true;
}

/*
 * Most of a résumé is plain ASCII. A run of printable ASCII characters in
 * one attribute goes into the window as cells, in one call, instead of
 * character by character through put_char(): the first frame of a large
 * terminal draws thousands of them. The run stops before a character
 * that a combining mark follows, so that put_char() keeps the two in one
 * cell. Returns the run's length in s[i..end), at most room.
 */
static size_t ascii_run(const char *s, size_t i, size_t end, size_t len, size_t room)
{
	size_t j = i;
	while (j < end && j - i < room && s[j] >= 0x20 && s[j] < 0x7F)
		j++;
	if (j > i && j < len && (unsigned char)s[j] >= 0x80)
		j--;            /* it may carry a mark */
	return j - i;
}

/* Writes n ASCII characters at the cursor in attribute a and moves past. */
static void put_ascii(const char *s, size_t n, attr_t a)
{
	chtype buf[256];
	int y, x;
	getyx(stdscr, y, x);
	while (n) {
		size_t k = n < 256 ? n : 256;
		for (size_t j = 0; j < k; j++)
			buf[j] = (chtype)(unsigned char)s[j] | a;
		mvaddchnstr(y, x, buf, (int)k);
		x += (int)k;
		s += k;
		n -= k;
	}
	/* Where addch() would leave the cursor: past the last column it
	 * wraps to the next row, except in the bottom right corner. Curses
	 * sends the cursor where the drawing left it. */
	if (x < COLS)
		move(y, x);
	else if (y + 1 < LINES)
		move(y + 1, 0);
	else
		move(y, COLS - 1);
}

/* s[0..len) at (y, x), at most maxw columns, in attr; "…" (or "~") ends
 * a string cut short when ellipsis. Returns the columns used. */
static int draw_str(int y, int x, int maxw, const char *s, size_t len,
                    attr_t attr, bool ascii, bool ellipsis)
{
	/* curses would wrap what passes the right edge: clip it here. */
	if (y < 0 || y >= LINES || x < 0 || x >= COLS)
		return 0;
	if (maxw > COLS - x)
		maxw = COLS - x;
	if (maxw <= 0)
		return 0;
	int room = maxw;
	bool cut = ellipsis && text_cols(s, len, ascii) > maxw;
	if (cut)
		room--;
	move(y, x);
	attrset(attr);
	for (size_t i = 0; i < len;) {
		size_t n = ascii_run(s, i, len, len, (size_t)room);
		if (n) {
			put_ascii(s + i, n, attr);
			i += n;
			room -= (int)n;
		} else if (!put_char(s, len, &i, ascii, &room)) {
			break;
		}
	}
	if (cut) {
		addstr(ascii ? "~" : "…");
	}
	attrset(A_NORMAL);
	return maxw - room;
}

static int draw_cstr(int y, int x, int maxw, const char *s, attr_t attr,
                     bool ascii)
{
	return draw_str(y, x, maxw, s, strlen(s), attr, ascii, true);
}

/* The attribute inline markup adds. */
static attr_t flag_attr(unsigned flags)
{
	return (flags & SPAN_BOLD ? A_BOLD : 0) |
	       (flags & SPAN_ITALIC ? A_ITALIC : 0) |
	       (flags & SPAN_LINK ? A_UNDERLINE : 0);
}

/* A layout line with its styles and the search's highlights on it:
 * hl[0..nhl), sorted, non-overlapping. */
static void draw_line(const struct draw *d, const struct view *v, int y, int x,
                      const struct line *l, int maxw, const struct hl *hl, size_t nhl)
{
	if (y < 0 || y >= LINES || x < 0 || x >= COLS)
		return;
	int room = maxw < COLS - x ? maxw : COLS - x;
	uint32_t si = 0;
	size_t hi = 0;
	move(y, x);
	for (size_t i = 0; i < l->len;) {
		while (hi < nhl && hl[hi].off + hl[hi].len <= i)
			hi++;
		while (si < l->nspans && l->spans[si].start + l->spans[si].len <= i)
			si++;
		const struct span *sp = si < l->nspans && l->spans[si].start <= i
			? &l->spans[si] : NULL;
		attr_t a = sp ? d->st[sp->style] | flag_attr(sp->flags) : d->st[ST_BODY];
		const struct hl *h = hi < nhl ? &hl[hi] : NULL;
		/* The current match's pair, not bold (see pairs[]). */
		if (h && h->off <= i)
			a = h->cur ? (a & ~(A_COLOR | (d->color ? A_BOLD : 0))) | d->match_cur
			           : a | d->match;
		/* Where the attribute changes next. */
		size_t end = sp ? sp->start + sp->len
		             : si < l->nspans ? l->spans[si].start : l->len;
		if (h) {
			size_t m = h->off <= i ? h->off + h->len : h->off;
			end = m < end ? m : end;
		}
		size_t n = ascii_run(l->text, i, end < l->len ? end : l->len, l->len,
		                     (size_t)room);
		if (n) {
			put_ascii(l->text + i, n, a);
			i += n;
			room -= (int)n;
			continue;
		}
		attrset(a);
		if (!put_char(l->text, l->len, &i, v->ascii, &room))
			break;
	}
	attrset(A_NORMAL);
}

/* The highlights on line n (of the header or the pane): *nhl of them. */
static const struct hl *line_hls(const struct view *v, bool header, long n, size_t *nhl)
{
	size_t i = 0;
	while (i < v->nhl && (v->hl[i].header != header || v->hl[i].line != n))
		i++;
	size_t j = i;
	while (j < v->nhl && v->hl[j].header == header && v->hl[j].line == n)
		j++;
	*nhl = j - i;
	return v->hl + i;
}

static void clear_row(int y)
{
	move(y, 0);
	clrtoeol();
}

/* --- parts of the screen ---------------------------------------------- */

static void draw_header(const struct draw *d, const struct view *v)
{
	const struct geometry *g = &v->geo;
	for (int y = 0; y < g->bar_row; y++) {
		clear_row(y);
		long n = v->header_first + y;
		if (y < g->header_rows && n < v->header_lines) {
			size_t nh;
			const struct hl *h = line_hls(v, true, n, &nh);
			draw_line(d, v, y, g->text_x + 1, &v->header.lines[n],
			          g->text_w, h, nh);
		}
	}
}

/*
 * The pane bar: every pane's number and name, as much of each name as
 * the width allows: whole titles; then short names (view_pane_short),
 * the longest titles first; then names cut to a common width, down to a
 * few letters; only then does the bar scroll, with ‹ and › at its ends.
 * The status line has the current pane's full title.
 */

#define TAB_MIN_NAME 4  /* columns of a cut name, its "…" included */

static const char *tab_name(const struct draw *d, const struct view *v, size_t i)
{
	return d->tab_short[i] ? view_pane_short(v, i) : view_pane_name(v, i);
}

static int tab_cols(const struct draw *d, const struct view *v, size_t i)
{
	const char *s = tab_name(d, v, i);
	int w = text_cols(s, strlen(s), v->ascii);
	if (d->tab_cap && w > d->tab_cap)
		w = d->tab_cap;
	return w + 2 + (i < 9 ? 2 : 0);     /* " 3 Name " */
}

static int bar_width(const struct draw *d, const struct view *v, size_t from, size_t to)
{
	int w = 0;
	for (size_t i = from; i < to; i++)
		w += tab_cols(d, v, i) + (i > from);
	return w;
}

/* Chooses each tab's name for the terminal's width. */
static void bar_fit(struct draw *d, const struct view *v, int cols)
{
	d->tab_cap = 0;
	for (size_t i = 0; i < d->ntabs; i++)
		d->tab_short[i] = false;
	while (bar_width(d, v, 0, d->ntabs) > cols) {
		size_t best = d->ntabs;
		int bw = 0;
		for (size_t i = 0; i < d->ntabs; i++) {
			const char *f = view_pane_name(v, i);
			int w = text_cols(f, strlen(f), v->ascii);
			if (!d->tab_short[i] && strcmp(f, view_pane_short(v, i)) != 0 && w > bw) {
				best = i;
				bw = w;
			}
		}
		if (best == d->ntabs)
			break;
		d->tab_short[best] = true;
	}
	if (bar_width(d, v, 0, d->ntabs) <= cols)
		return;
	for (d->tab_cap = 30; d->tab_cap > TAB_MIN_NAME; d->tab_cap--)
		if (bar_width(d, v, 0, d->ntabs) <= cols)
			break;
}

/* Scrolls the bar, when it must, so that the current pane shows: only
 * when the pane or the width changed, so that a click on an arrow
 * scrolls it for good. */
static void bar_scroll(struct draw *d, const struct view *v, int cols)
{
	if (bar_width(d, v, 0, d->ntabs) <= cols) {
		d->bar_first = 0;
	} else if (v->cur != d->bar_cur || cols != d->bar_cols) {
		if (d->bar_first > v->cur)
			d->bar_first = v->cur;
		while (d->bar_first < v->cur &&
		       bar_width(d, v, d->bar_first, v->cur + 1) + 4 > cols)
			d->bar_first++;
	}
	d->bar_cur = v->cur;
	d->bar_cols = cols;
}

static void draw_bar(struct draw *d, const struct view *v)
{
	const struct geometry *g = &v->geo;
	int y = g->bar_row, cols = g->col_w, x0 = g->col_x;
	const char *left = v->ascii ? "<" : "‹", *right = v->ascii ? ">" : "›";
	clear_row(y);
	for (size_t i = 0; i < d->ntabs; i++)
		d->tab_x0[i] = d->tab_x1[i] = -1;
	bar_fit(d, v, cols);
	bar_scroll(d, v, cols);
	d->more_left = d->bar_first > 0;
	d->more_right = false;
	int x = x0;
	if (d->more_left) {
		draw_cstr(y, x0, 2, left, d->tab_more, v->ascii);
		x += 2;
	}
	for (size_t i = d->bar_first; i < v->npanes; i++) {
		int w = tab_cols(d, v, i);
		bool last = i + 1 == v->npanes;
		if (x + w > x0 + cols - (last ? 0 : 2)) {
			draw_cstr(y, x0 + cols - 1, 1, right, d->tab_more, v->ascii);
			d->more_right = true;
			break;
		}
		attr_t a = i == v->cur ? d->tab_cur : d->tab;
		const char *name = tab_name(d, v, i);
		char num[8] = "";
		if (i < 9)
			snprintf(num, sizeof num, "%zu ", i + 1);
		draw_cstr(y, x, 1, " ", a, v->ascii);
		int nx = x + 1 + draw_cstr(y, x + 1, 2, num, i == v->cur ? a : d->tab_num, v->ascii);
		draw_str(y, nx, x + w - 1 - nx, name, strlen(name), a, v->ascii, true);
		draw_cstr(y, x + w - 1, 1, " ", a, v->ascii);
		d->tab_x0[i] = x;
		d->tab_x1[i] = x + w;
		x += w + 1;
	}
}

long draw_bar_click(struct draw *d, const struct view *v, int x)
{
	if (d->more_left && x >= v->geo.col_x && x < v->geo.col_x + 2) {
		d->bar_first--;
		return -2;
	}
	if (d->more_right && x == v->geo.col_x + v->geo.col_w - 1) {
		d->bar_first++;
		return -2;
	}
	for (size_t i = 0; i < d->ntabs; i++)
		if (x >= d->tab_x0[i] && x < d->tab_x1[i])
			return (long)i;
	return -1;
}

static void draw_content(const struct draw *d, const struct view *v)
{
	const struct geometry *g = &v->geo;
	const struct pane *p = view_cur(v);
	long ci = p->cur_sec >= 0 ? pane_find_item(p, p->cur_sec, p->cur_ent) : -1;
	long c0 = ci >= 0 ? p->items[ci].line : -1;
	long c1 = ci >= 0 ? pane_item_end(p, (size_t)ci) : -1;
	const char *mark = v->ascii ? "|" : "│";
	for (int row = 0; row < g->content_rows; row++) {
		int y = g->content_row + row;
		long n = p->top + row;
		clear_row(y);
		if (n >= (long)p->lay.n)
			continue;
		const struct line *l = &p->lay.lines[n];
		if (n >= c0 && n < c1 && l->kind != LINE_BLANK)
			draw_cstr(y, g->text_x, 1, mark, d->marker, v->ascii);
		size_t nh;
		const struct hl *h = line_hls(v, false, n, &nh);
		draw_line(d, v, y, g->text_x + 1, l, g->text_w, h, nh);
	}
	if (!p->lay.n) {
		char msg[VIEW_MSG_MAX];
		if (v->filter[0])
			snprintf(msg, sizeof msg, "No entry here matches the filter "
			         "\"%s\" (& then Enter clears it)", v->filter);
		else if (!v->r->nsections && v->r->empty_note)
			snprintf(msg, sizeof msg, "%s", v->r->empty_note);  /* why */
		else
			snprintf(msg, sizeof msg, "Nothing here");
		draw_cstr(g->content_row, g->text_x + 1, g->cols - g->text_x - 1,
		          msg, d->notice, v->ascii);
	}
}

/* The help or the problems list in a box, as help_layout() wrapped it
 * for the width (tui.c, on every resize): nothing in it is cut. */
static void draw_help(const struct draw *d, const struct view *v)
{
	const struct geometry *g = &v->geo;
	bool list = v->help.problems && d->problems;
	const struct help *h = list ? d->problems : d->help;
	bool a = v->ascii;
	int w = h->box_w < g->col_w ? h->box_w : g->col_w;
	int x0 = g->col_x + (g->col_w - w) / 2, y0 = g->content_row;
	int rows = g->content_rows - 2;
	for (int row = 0; row < g->content_rows; row++)
		clear_row(y0 + row);
	/* The border, with the title and a hint in it. */
	const char *hz = a ? "-" : "─";
	for (int x = 1; x < w - 1; x++) {
		draw_cstr(y0, x0 + x, 1, hz, d->help_border, a);
		draw_cstr(y0 + rows + 1, x0 + x, 1, hz, d->help_border, a);
	}
	for (int row = 1; row <= rows; row++) {
		draw_cstr(y0 + row, x0, 1, a ? "|" : "│", d->help_border, a);
		draw_cstr(y0 + row, x0 + w - 1, 1, a ? "|" : "│", d->help_border, a);
	}
	draw_cstr(y0, x0, 1, a ? "+" : "┌", d->help_border, a);
	draw_cstr(y0, x0 + w - 1, 1, a ? "+" : "┐", d->help_border, a);
	draw_cstr(y0 + rows + 1, x0, 1, a ? "+" : "└", d->help_border, a);
	draw_cstr(y0 + rows + 1, x0 + w - 1, 1, a ? "+" : "┘", d->help_border, a);
	draw_cstr(y0, x0 + 2, w - 4, list ? " problems in the file " : " vitae keys ",
	          d->help_head, a);
	char hint[64];
	long n = (long)h->nrows;
	long last = v->help.top + rows < n ? v->help.top + rows : n;
	if (n > rows)
		snprintf(hint, sizeof hint, " %ld/%ld  j k scroll  q close ", last, n);
	else
		snprintf(hint, sizeof hint, " q close ");
	int hw = (int)strlen(hint);
	draw_cstr(y0 + rows + 1, x0 + (w - hw > 2 ? w - hw - 2 : 1), w - 2, hint,
	          d->help_border, a);
	int tx = h->key_w + HELP_GAP;
	for (int row = 0; row < rows; row++) {
		size_t i = (size_t)(v->help.top + row);
		if (i >= h->nrows)
			break;
		const struct help_row *hr = &h->rows[i];
		int y = y0 + 1 + row, x = x0 + 2, room = w - 4;
		if (!hr->keys) {
			draw_str(y, x, room, hr->text, hr->tlen, d->help_head, a, true);
			continue;
		}
		draw_str(y, x, h->key_w, hr->keys, hr->klen, d->help_keys, a, true);
		if (tx < room)
			draw_str(y, x + tx, room - tx, hr->text, hr->tlen, A_NORMAL, a, true);
	}
}

/* Where the screen is in the pane, in words: "top", "end", "42%", or
 * nothing when the whole pane fits. */
static void position(const struct view *v, const struct pane *p, char *buf,
                     size_t cap)
{
	long n = (long)p->lay.n, rows = v->geo.content_rows;
	if (n <= rows)
		snprintf(buf, cap, "%s", "");
	else if (p->top == 0)
		snprintf(buf, cap, "top");
	else if (p->top >= n - rows)
		snprintf(buf, cap, "end");
	else
		snprintf(buf, cap, "%ld%%", p->top * 100 / (n - rows));
}

/* "Select Publications · 3/5", or in All "All · Education · 2/2": the
 * pane, the section and the marked entry's number among those shown. */
static void where_text(const struct view *v, const struct pane *p, char *buf,
                       size_t cap)
{
	const char *sep = v->ascii ? " | " : " · ";
	int n = snprintf(buf, cap, "%s", view_pane_name(v, v->cur));
	if (p->cur_sec < 0 || n < 0 || (size_t)n >= cap)
		return;
	if (p->section < 0)
		n += snprintf(buf + n, cap - (size_t)n, "%s%s", sep,
		              view_pane_name(v, (size_t)p->cur_sec + 1));
	if (p->cur_ent < 0 || n < 0 || (size_t)n >= cap)
		return;
	size_t base = v->ent_base[p->cur_sec], total = 0, at = 0;
	for (size_t e = 0; e < v->r->sections[p->cur_sec].nentries; e++)
		if (v->ent_shown[base + e]) {
			total++;
			if (e == (size_t)p->cur_ent)
				at = total;
		}
	snprintf(buf + n, cap - (size_t)n, "%s%zu/%zu", sep, at, total);
}

/* Draws the status line; returns the cursor column when the prompt is
 * open, else -1. */
static int draw_status(const struct draw *d, const struct view *v)
{
	const struct geometry *g = &v->geo;
	/* In the column the content is in: x counts from x0. */
	int y = g->status_row, cols = g->col_w, x0 = g->col_x, x = 0;
	bool a = v->ascii;
	char blanks[256];
	memset(blanks, ' ', sizeof blanks);
	clear_row(y);
	move(y, x0);
	for (int i = 0; i < cols; i += (int)sizeof blanks)
		put_ascii(blanks, (size_t)(cols - i < (int)sizeof blanks ? cols - i : (int)sizeof blanks),
		          d->status);
	char right[96];
	if (v->prompt.kind) {
		char lead[2] = { (char)v->prompt.kind, 0 };
		if (v->prompt.kind == PROMPT_SEARCH && v->prompt.line.len)
			snprintf(right, sizeof right, v->nm ? " %zu match%s " : " no match ",
			         v->nm, v->nm == 1 ? "" : "es");
		else if (v->prompt.kind == PROMPT_SEARCH)
			snprintf(right, sizeof right, " Enter: find  Esc: cancel ");
		else
			snprintf(right, sizeof right, " Enter: filter (empty: off)  Esc: cancel ");
		int rw = (int)strlen(right);
		int room = cols - 1 - (cols > rw + 20 ? rw : 0);
		x += draw_cstr(y, x0 + x, room, lead, d->status_name, a);
		/* A long pattern shows the part around the cursor, drawn in
		 * two so that the cursor's column is what the text before it
		 * took (--ascii may spell a letter in two). */
		const struct prompt_line *l = &v->prompt.line;
		size_t first;
		prompt_window(l, room - x, a, &first);
		int cx = x + draw_str(y, x0 + x, room - x, l->buf + first, l->cur - first,
		                      d->status, a, false);
		draw_str(y, x0 + cx, room - cx, l->buf + l->cur, l->len - l->cur, d->status, a, false);
		if (room < cols - 1)
			draw_cstr(y, x0 + cols - rw, rw, right, d->status, a);
		return x0 + cx;
	}
	const struct pane *p = view_cur(v);
	char pos[32], place[3 * VIEW_MSG_MAX], filt[VIEW_PAT_MAX + 16] = "";
	position(v, p, pos, sizeof pos);
	where_text(v, p, place, sizeof place);
	/* With the mouse off, clicks do nothing: the line says why. */
	snprintf(right, sizeof right, v->no_mouse ? " mouse off  ? help " : " ? help ");
	if (v->filter[0])
		snprintf(filt, sizeof filt, "  [filter: %s]", v->filter);
	int rw = (int)strlen(right), pw = pos[0] ? (int)strlen(pos) + 2 : 0;
	int fw = text_cols(filt, strlen(filt), a);
	int mw = v->msg[0] ? text_cols(v->msg, strlen(v->msg), a) + 2 : 0;
	/* The place gets the room the rest leaves: it is cut only when
	 * the line is full, and then for a message down to a fifth of it. */
	int pl = text_cols(place, strlen(place), a);
	int room = cols - 1 - rw - pw - fw - mw;
	if (room < pl && room < cols / 5)
		room = cols / 5;
	x += draw_cstr(y, x0 + x, 1, " ", d->status_name, a);
	x += draw_cstr(y, x0 + x, room, place, d->status_name, a);
	if (pos[0]) {
		char mid[40];
		snprintf(mid, sizeof mid, "  %s", pos);
		x += draw_cstr(y, x0 + x, cols - x, mid, d->status, a);
	}
	if (filt[0])
		x += draw_cstr(y, x0 + x, cols - x - rw, filt, d->status_name, a);
	if (v->msg[0] && x + 3 + rw < cols) {
		x += draw_cstr(y, x0 + x, 2, "  ", d->status, a);
		x += draw_cstr(y, x0 + x, cols - x - rw, v->msg,
		               v->msg_error ? d->status_err : d->status, a);
	}
	if (x + rw <= cols)
		draw_cstr(y, x0 + cols - rw, rw, right, d->status, a);
	return -1;
}

static void draw_small(const struct draw *d, const struct view *v)
{
	const struct geometry *g = &v->geo;
	char size[64];
	snprintf(size, sizeof size, "%dx%d, needs %dx%d", g->cols, g->rows,
	         VIEW_MIN_COLS, VIEW_MIN_ROWS);
	const char *lines[] = { "Terminal too small", size, "q quits" };
	erase();
	int n = g->rows < 3 ? g->rows : 3;
	int y0 = (g->rows - n) / 2;
	for (int i = 0; i < n; i++) {
		int w = (int)strlen(lines[i]);
		int x = g->cols > w ? (g->cols - w) / 2 : 0;
		draw_cstr(y0 + i, x, g->cols - x, lines[i], i ? A_NORMAL : d->notice,
		          v->ascii);
	}
}

void draw(struct draw *d, const struct view *v, unsigned rd)
{
	if (v->geo.too_small) {
		draw_small(d, v);
		curs_set(0);
		return;
	}
	if (rd & RD_HEADER)
		draw_header(d, v);
	if (rd & RD_BAR)
		draw_bar(d, v);
	if (rd & RD_CONTENT) {
		if (v->help.open)
			draw_help(d, v);
		else
			draw_content(d, v);
	}
	int cx = -1;
	if (rd & (RD_STATUS | RD_CONTENT))
		cx = draw_status(d, v);
	if (cx >= 0) {
		move(v->geo.status_row, cx);
		curs_set(1);
	} else {
		curs_set(0);
	}
}
