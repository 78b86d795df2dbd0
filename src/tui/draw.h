#pragma once
/*
 * Drawing the view with curses: header, pane bar, content, status line,
 * help overlay and the "terminal too small" notice. Drawing only reads
 * the view, brought up to date by view_prepare() first. Everything drawn
 * comes from the view (layouts of the sanitised model, cleaned messages);
 * raw model strings (pane names) go through draw_str(), which also keeps
 * to ASCII when asked. Drawing only touches curses' virtual screen: the
 * caller refreshes once, and curses sends what changed. Owned by the
 * viewer (src/tui/).
 */
#include <stdbool.h>
#include <stddef.h>
#include <curses.h>
#include "keys.h"
#include "view.h"

struct draw {
	bool color;
	attr_t st[ST_COUNT_];   /* per layout style */
	attr_t marker, match, match_cur;
	attr_t tab, tab_cur, tab_more, tab_num;
	attr_t status, status_name, status_err;
	attr_t help_border, help_head, help_keys, notice;
	/* The bar as last drawn. Where each pane's name is, for clicks:
	 * [x0, x1), or -1. */
	int *tab_x0, *tab_x1;
	size_t ntabs;
	bool *tab_short;        /* per pane: its short name */
	int tab_cap;            /* names cut to this many columns; 0 not */
	size_t bar_first;       /* first pane shown when the bar scrolls */
	size_t bar_cur;         /* the pane and width it scrolled for */
	int bar_cols;
	bool more_left, more_right;     /* ‹ and › shown */
	const struct help *help;
	const struct help *problems;    /* problems.h; NULL: none */
};

/* Chooses attributes (colour unless !color) and keeps h for the overlay. */
void draw_init(struct draw *d, const struct view *v, bool color,
               const struct help *h);
void draw_free(struct draw *d);

/* Draws what rd (enum redraw) says into curses' virtual screen. */
void draw(struct draw *d, const struct view *v, unsigned rd);

/* A click at column x of the bar: the pane whose name is there, -2 when
 * it was on ‹ or › (the bar scrolled: redraw it), or -1. */
long draw_bar_click(struct draw *d, const struct view *v, int x);
