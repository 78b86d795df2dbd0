#include "draw.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "utf8.h"

#ifndef A_ITALIC
#define A_ITALIC A_UNDERLINE
#endif

/* Foreground colours over the terminal's own background (-1), chosen to
 * read on dark and light themes alike: no yellow or blue text. */
enum pair {
	P_NONE,
	P_CYAN,
	P_GREEN,
	P_MAGENTA,
	P_RED,
	P_MATCH,        /* black on yellow: the current match */
	P_ERROR,        /* white on red: an error on the status line */
	P_COUNT_
};

struct style_attr {
	short pair;
	attr_t color;   /* with colours */
	attr_t mono;    /* without */
};

static const struct style_attr styles[ST_COUNT_] = {
	[ST_BODY] = { .pair = P_NONE },
	[ST_NAME] = { .pair = P_NONE, .color = A_BOLD, .mono = A_BOLD },
	[ST_HEADLINE] = { .pair = P_CYAN },
	[ST_CONTACT] = { .pair = P_GREEN, .mono = 0 },
	[ST_SECTION] = { .pair = P_MAGENTA, .color = A_BOLD, .mono = A_BOLD | A_UNDERLINE },
	[ST_RULE] = { .pair = P_MAGENTA },
	[ST_TITLE] = { .pair = P_NONE, .color = A_BOLD, .mono = A_BOLD },
	[ST_SUBTITLE] = { .pair = P_CYAN, .mono = A_UNDERLINE },
	[ST_DATE] = { .pair = P_GREEN },
	[ST_LOCATION] = { .pair = P_NONE },
	[ST_BULLET] = { .pair = P_MAGENTA },
	[ST_LABEL] = { .pair = P_NONE, .color = A_BOLD, .mono = A_BOLD },
	[ST_TECH] = { .pair = P_CYAN },
	[ST_AUTHOR] = { .pair = P_NONE },
	[ST_OWNER] = { .pair = P_NONE, .color = A_BOLD | A_UNDERLINE, .mono = A_BOLD | A_UNDERLINE },
	[ST_VENUE] = { .pair = P_NONE, .color = A_ITALIC, .mono = A_ITALIC },
	[ST_URL] = { .pair = P_CYAN, .color = A_UNDERLINE, .mono = A_UNDERLINE },
	[ST_FOLD] = { .pair = P_MAGENTA, .color = A_BOLD, .mono = A_BOLD },
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
		init_pair(P_CYAN, COLOR_CYAN, -1);
		init_pair(P_GREEN, COLOR_GREEN, -1);
		init_pair(P_MAGENTA, COLOR_MAGENTA, -1);
		init_pair(P_RED, COLOR_RED, -1);
		init_pair(P_MATCH, COLOR_BLACK, COLOR_YELLOW);
		init_pair(P_ERROR, COLOR_WHITE, COLOR_RED);
	}
	for (int s = 0; s < ST_COUNT_; s++)
		d->st[s] = pick(d, styles[s].pair, styles[s].color, styles[s].mono);
	d->marker = pick(d, P_MAGENTA, A_BOLD, A_BOLD | A_REVERSE);
	d->match = A_REVERSE;
	d->match_cur = pick(d, P_MATCH, A_BOLD, A_BOLD | A_REVERSE | A_UNDERLINE);
	d->tab = A_NORMAL;
	d->tab_cur = A_REVERSE | A_BOLD;
	d->tab_more = pick(d, P_MAGENTA, A_BOLD, A_BOLD);
	d->tab_num = pick(d, P_MAGENTA, 0, 0);
	d->status = A_REVERSE;
	d->status_name = A_REVERSE | A_BOLD;
	d->status_err = pick(d, P_ERROR, A_BOLD, A_BOLD);
	d->help_border = pick(d, P_MAGENTA, 0, 0);
	d->help_head = pick(d, P_MAGENTA, A_BOLD, A_BOLD | A_UNDERLINE);
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

/* ASCII for Latin-1 letters, so that names stay readable with --ascii. */
static const char latin1[] =
	"AAAAAAACEEEEIIII" "DNOOOOOxOUUUUYTs"
	"aaaaaaaceeeeiiii" "dnooooo/ouuuuyty";

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
	int w = cp_width(c);
	if (w == 0) {
		*i += k;        /* a mark with nothing to sit on */
		return true;
	}
	if (ascii && c >= 0x80)
		c = c >= 0xC0 && c <= 0xFF ? (uint32_t)latin1[c - 0xC0] : '?', w = 1;
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
	bool cut = ellipsis && (int)str_width(s, len) > maxw;
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
		if (h && h->off <= i)
			a = h->cur ? (a & ~A_COLOR) | d->match_cur : a | d->match;
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
	int w = (int)str_width(s, strlen(s));
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
			int w = (int)str_width(f, strlen(f));
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
	int y = g->bar_row, cols = g->cols;
	const char *left = v->ascii ? "<" : "‹", *right = v->ascii ? ">" : "›";
	clear_row(y);
	for (size_t i = 0; i < d->ntabs; i++)
		d->tab_x0[i] = d->tab_x1[i] = -1;
	bar_fit(d, v, cols);
	bar_scroll(d, v, cols);
	d->more_left = d->bar_first > 0;
	d->more_right = false;
	int x = 0;
	if (d->more_left) {
		draw_cstr(y, 0, 2, left, d->tab_more, v->ascii);
		x = 2;
	}
	for (size_t i = d->bar_first; i < v->npanes; i++) {
		int w = tab_cols(d, v, i);
		bool last = i + 1 == v->npanes;
		if (x + w > cols - (last ? 0 : 2)) {
			draw_cstr(y, cols - 1, 1, right, d->tab_more, v->ascii);
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
	if (d->more_left && x < 2) {
		d->bar_first--;
		return -2;
	}
	if (d->more_right && x >= v->geo.cols - 1) {
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

static void draw_help(const struct draw *d, const struct view *v)
{
	const struct geometry *g = &v->geo;
	bool list = v->help.problems && d->problems;
	const struct help *h = list ? d->problems : d->help;
	bool a = v->ascii;
	int textw = 0;
	for (size_t i = 0; i < h->n; i++) {
		int w = (int)str_width(h->lines[i].text, strlen(h->lines[i].text));
		if (w > textw)
			textw = w;
	}
	int inner = h->keys_width + 3 + textw;
	int w = inner + 4 > g->cols ? g->cols : inner + 4;
	int x0 = (g->cols - w) / 2, y0 = g->content_row;
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
	long last = v->help.top + rows < (long)h->n ? v->help.top + rows : (long)h->n;
	if ((long)h->n > rows)
		snprintf(hint, sizeof hint, " %ld/%zu  j k scroll  q close ", last, h->n);
	else
		snprintf(hint, sizeof hint, " q close ");
	int hw = (int)strlen(hint);
	draw_cstr(y0 + rows + 1, x0 + (w - hw > 2 ? w - hw - 2 : 1), w - 2, hint,
	          d->help_border, a);
	for (int row = 0; row < rows; row++) {
		size_t i = (size_t)(v->help.top + row);
		if (i >= h->n)
			break;
		const struct help_line *hl = &h->lines[i];
		int y = y0 + 1 + row, x = x0 + 2, room = w - 4;
		if (!hl->keys) {
			draw_cstr(y, x, room, hl->text, d->help_head, a);
			continue;
		}
		int kw = draw_cstr(y, x, room, hl->keys, d->help_keys, a);
		int tx = h->keys_width + 3;
		if (kw >= tx)
			tx = kw + 1;
		if (tx < room)
			draw_cstr(y, x + tx, room - tx, hl->text, A_NORMAL, a);
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
	int y = g->status_row, cols = g->cols, x = 0;
	bool a = v->ascii;
	char blanks[256];
	memset(blanks, ' ', sizeof blanks);
	move(y, 0);
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
		x += draw_cstr(y, x, room, lead, d->status_name, a);
		/* A long pattern shows the part around the cursor, drawn in
		 * two so that the cursor's column is what the text before it
		 * took (--ascii may spell a letter in two). */
		const struct prompt_line *l = &v->prompt.line;
		size_t first;
		prompt_window(l, room - x, &first);
		int cx = x + draw_str(y, x, room - x, l->buf + first, l->cur - first,
		                      d->status, a, false);
		draw_str(y, cx, room - cx, l->buf + l->cur, l->len - l->cur, d->status, a, false);
		if (room < cols - 1)
			draw_cstr(y, cols - rw, rw, right, d->status, a);
		return cx;
	}
	const struct pane *p = view_cur(v);
	char pos[32], place[3 * VIEW_MSG_MAX], filt[VIEW_PAT_MAX + 16] = "";
	position(v, p, pos, sizeof pos);
	where_text(v, p, place, sizeof place);
	snprintf(right, sizeof right, " ? help ");
	if (v->filter[0])
		snprintf(filt, sizeof filt, "  [filter: %s]", v->filter);
	int rw = (int)strlen(right), pw = pos[0] ? (int)strlen(pos) + 2 : 0;
	int fw = (int)str_width(filt, strlen(filt));
	int mw = v->msg[0] ? (int)str_width(v->msg, strlen(v->msg)) + 2 : 0;
	/* The place gets the room the rest leaves: it is cut only when
	 * the line is full, and then for a message down to a fifth of it. */
	int pl = (int)str_width(place, strlen(place));
	int room = cols - 1 - rw - pw - fw - mw;
	if (room < pl && room < cols / 5)
		room = cols / 5;
	x += draw_cstr(y, x, 1, " ", d->status_name, a);
	x += draw_cstr(y, x, room, place, d->status_name, a);
	if (pos[0]) {
		char mid[40];
		snprintf(mid, sizeof mid, "  %s", pos);
		x += draw_cstr(y, x, cols - x, mid, d->status, a);
	}
	if (filt[0])
		x += draw_cstr(y, x, cols - x - rw, filt, d->status_name, a);
	if (v->msg[0] && x + 3 + rw < cols) {
		x += draw_cstr(y, x, 2, "  ", d->status, a);
		x += draw_cstr(y, x, cols - x - rw, v->msg,
		               v->msg_error ? d->status_err : d->status, a);
	}
	if (x + rw <= cols)
		draw_cstr(y, cols - rw, rw, right, d->status, a);
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
