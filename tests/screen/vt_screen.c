/*
 * Reading the terminal: rows as UTF-8 text, finding text, cell attributes
 * and the dump printed when a check fails. All of it asks libvterm's
 * screen, which holds what a person would see.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "vt_priv.h"

void vt_size(const struct vt *vt, int *rows, int *cols)
{
	*rows = vt->rows;
	*cols = vt->cols;
}

static size_t put_utf8(char *out, uint32_t c)
{
	if (c < 0x80) {
		out[0] = (char)c;
		return 1;
	}
	if (c < 0x800) {
		out[0] = (char)(0xc0 | c >> 6);
		out[1] = (char)(0x80 | (c & 0x3f));
		return 2;
	}
	if (c < 0x10000) {
		out[0] = (char)(0xe0 | c >> 12);
		out[1] = (char)(0x80 | (c >> 6 & 0x3f));
		out[2] = (char)(0x80 | (c & 0x3f));
		return 3;
	}
	out[0] = (char)(0xf0 | c >> 18);
	out[1] = (char)(0x80 | (c >> 12 & 0x3f));
	out[2] = (char)(0x80 | (c >> 6 & 0x3f));
	out[3] = (char)(0x80 | (c & 0x3f));
	return 4;
}

/* One cell's text (a blank for an empty cell) into out[32]; its width. */
static int cell_text(struct vt *vt, int row, int col, char *out)
{
	VTermScreenCell c;
	size_t n = 0;
	if (!vterm_screen_get_cell(vt->screen, (VTermPos){ .row = row, .col = col }, &c) ||
	    c.chars[0] == 0 || c.chars[0] == (uint32_t)-1) {
		out[0] = ' ';
		out[1] = '\0';
		return 1;
	}
	for (int i = 0; i < VTERM_MAX_CHARS_PER_CELL && c.chars[i]; i++)
		n += put_utf8(out + n, c.chars[i]);
	out[n] = '\0';
	return c.width > 1 ? c.width : 1;
}

/*
 * Cells [c0, c1) of a row as text into vt->rowbuf; colmap (if not NULL)
 * gets the cell column of every byte, malloc'd for the caller to free.
 */
static size_t row_build(struct vt *vt, int row, int c0, int c1, int **colmap)
{
	size_t need = (size_t)vt->cols * 4 * VTERM_MAX_CHARS_PER_CELL + 1;
	if (vt->rowcap < need) {
		free(vt->rowbuf);
		vt->rowbuf = malloc(need);
		vt->rowcap = vt->rowbuf ? need : 0;
		if (!vt->rowbuf)
			return 0;
	}
	int *map = NULL;
	if (colmap) {
		map = malloc(need * sizeof *map);
		*colmap = map;
	}
	size_t n = 0;
	for (int col = c0 < 0 ? 0 : c0; col < c1 && col < vt->cols;) {
		char cell[32];
		int w = cell_text(vt, row, col, cell);
		size_t l = strlen(cell);
		if (map)
			for (size_t i = 0; i < l; i++)
				map[n + i] = col;
		memcpy(vt->rowbuf + n, cell, l);
		n += l;
		col += w;
	}
	vt->rowbuf[n] = '\0';
	return n;
}

const char *vt_text(struct vt *vt, int row, int col, int ncols)
{
	if (row < 0 || row >= vt->rows)
		return "";
	size_t n = row_build(vt, row, col, ncols < 0 ? vt->cols : col + ncols, NULL);
	if (!vt->rowbuf)
		return "";
	while (n > 0 && vt->rowbuf[n - 1] == ' ')
		vt->rowbuf[--n] = '\0';
	return vt->rowbuf;
}

const char *vt_row(struct vt *vt, int row)
{
	return vt_text(vt, row, 0, -1);
}

const char *vt_screen(struct vt *vt)
{
	size_t need = (size_t)vt->rows * ((size_t)vt->cols * 4 * VTERM_MAX_CHARS_PER_CELL + 1) + 1;
	if (vt->scrcap < need) {
		free(vt->scrbuf);
		vt->scrbuf = malloc(need);
		vt->scrcap = vt->scrbuf ? need : 0;
		if (!vt->scrbuf)
			return "";
	}
	size_t n = 0;
	for (int r = 0; r < vt->rows; r++) {
		const char *s = vt_row(vt, r);
		size_t l = strlen(s);
		memcpy(vt->scrbuf + n, s, l);
		n += l;
		vt->scrbuf[n++] = '\n';
	}
	vt->scrbuf[n] = '\0';
	return vt->scrbuf;
}

int vt_find_col(struct vt *vt, int row, const char *text)
{
	int *map = NULL, col = -1;
	if (row < 0 || row >= vt->rows)
		return -1;
	row_build(vt, row, 0, vt->cols, &map);
	const char *p = vt->rowbuf && map ? strstr(vt->rowbuf, text) : NULL;
	if (p)
		col = map[p - vt->rowbuf];
	free(map);
	return col;
}

bool vt_find(struct vt *vt, const char *text, int *row, int *col)
{
	for (int r = 0; r < vt->rows; r++) {
		int c = vt_find_col(vt, r, text);
		if (c >= 0) {
			if (row)
				*row = r;
			if (col)
				*col = c;
			return true;
		}
	}
	return false;
}

bool vt_has(struct vt *vt, const char *text)
{
	for (int r = 0; r < vt->rows; r++)
		if (strstr(vt_row(vt, r), text))
			return true;
	return false;
}

int vt_count(struct vt *vt, const char *text)
{
	int n = 0;
	size_t l = strlen(text);
	if (l == 0)
		return 0;
	for (int r = 0; r < vt->rows; r++)
		for (const char *p = vt_row(vt, r); (p = strstr(p, text)); p += l)
			n++;
	return n;
}

int vt_find_row(struct vt *vt, const char *text, int from)
{
	for (int r = from < 0 ? 0 : from; r < vt->rows; r++)
		if (strstr(vt_row(vt, r), text))
			return r;
	return -1;
}

static int color_index(const VTermColor *c)
{
	return VTERM_COLOR_IS_INDEXED(c) ? c->indexed.idx : -1;
}

bool vt_cell(struct vt *vt, int row, int col, struct vt_cell *out)
{
	VTermScreenCell c;
	memset(out, 0, sizeof *out);
	if (row < 0 || row >= vt->rows || col < 0 || col >= vt->cols ||
	    !vterm_screen_get_cell(vt->screen, (VTermPos){ .row = row, .col = col }, &c))
		return false;
	out->width = cell_text(vt, row, col, out->text);
	if (c.chars[0] == 0)
		out->text[0] = '\0';
	out->bold = c.attrs.bold;
	out->italic = c.attrs.italic;
	out->reverse = c.attrs.reverse;
	out->blink = c.attrs.blink;
	out->strike = c.attrs.strike;
	out->underline = c.attrs.underline;
	out->fg_default = VTERM_COLOR_IS_DEFAULT_FG(&c.fg);
	out->bg_default = VTERM_COLOR_IS_DEFAULT_BG(&c.bg);
	out->fg = out->fg_default ? -1 : color_index(&c.fg);
	out->bg = out->bg_default ? -1 : color_index(&c.bg);
	return true;
}

bool vt_cell_marked(struct vt *vt, int row, int col)
{
	struct vt_cell c;
	return vt_cell(vt, row, col, &c) && (c.reverse || !c.bg_default);
}

void vt_cursor(struct vt *vt, int *row, int *col)
{
	VTermPos p;
	vterm_state_get_cursorpos(vterm_obtain_state(vt->term), &p);
	*row = p.row;
	*col = p.col;
}

void vt_dump(struct vt *vt, FILE *f)
{
	int cr, cc;
	vt_cursor(vt, &cr, &cc);
	fprintf(f, "--- screen %dx%d, cursor %d,%d%s%s, %zu bytes read%s ---\n",
	        vt->cols, vt->rows, cr, cc, vt->cursor_visible ? "" : " (hidden)",
	        vt->altscreen ? ", alternate screen" : "", vt->total,
	        vt->exited ? ", child exited" : "");
	for (int r = 0; r < vt->rows; r++)
		fprintf(f, "%2d|%s\n", r, vt_row(vt, r));
	fprintf(f, "--- modes:");
	for (int i = 0; i < vt->nmodes; i++)
		fprintf(f, " ?%d%c", vt->modes[i].mode, vt->modes[i].state ? 'h' : 'l');
	fprintf(f, " keypad=%d ---\n", vt->keypad);
}
