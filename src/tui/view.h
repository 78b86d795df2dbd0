#pragma once
/*
 * The viewer's state and every action on it, with no curses, so that it
 * can be tested without a terminal. Owned by the viewer (src/tui/).
 *
 * Panes: pane 0 is All (the whole résumé with section headings), then one
 * pane per section in file order. Each pane keeps its own layout, scroll
 * and current item. Folds, the filter and the search are the view's, not a
 * pane's: they persist when switching panes. A pane is laid out in full
 * when it is first shown, and again (pane_sync) whenever the generation
 * counter moved since: a résumé has tens of entries, and the largest file
 * --max-size accepts still lays out in a fraction of a second. A
 * section's pane copies its lines from All when All is up to date and
 * shows the section open (they are the same lines). Folding an entry
 * lays out that entry alone and splices its lines into every pane up to
 * date that shows it; folding a section in All splices its heading, or
 * its heading and its pane's lines. Those panes stay up to date.
 *
 * Actions return a mask of enum redraw. The loop calls view_prepare()
 * after them, which brings the current pane, the matches and what the
 * screen highlights up to date; drawing then only reads the view.
 * All text the view hands to the screen (layout lines, messages) is
 * sanitised: model text already is, and typed or command-line patterns go
 * through view_clean_text() before they are stored.
 *
 * Memory: the view owns its layouts and arrays (view_free); the résumé is
 * borrowed and must outlive the view.
 */
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "layout.h"
#include "model.h"
#include "prompt.h"

enum redraw {
	RD_HEADER = 1 << 0,
	RD_BAR = 1 << 1,
	RD_CONTENT = 1 << 2,
	RD_STATUS = 1 << 3,
	RD_ALL = RD_HEADER | RD_BAR | RD_CONTENT | RD_STATUS,
	RD_CLEAR = 1 << 4,      /* repaint the terminal from scratch (Ctrl-L) */
	RD_COPY = 1 << 5,       /* v->copy holds text for the clipboard */
	RD_QUIT = 1 << 6,
	RD_MOUSE = 1 << 7,      /* no_mouse changed: tell the terminal */
};

/* Below this the screen shows a "terminal too small" notice. */
#define VIEW_MIN_COLS 40
#define VIEW_MIN_ROWS 10
/*
 * The one rule for a terminal's size, applied before curses allocates its
 * screens (tui.c) and on every resize: rows and columns each from 1 to
 * VIEW_MAX_SIZE. Curses keeps three screens of about 28 bytes a cell, so
 * this bounds what a terminal can make the viewer allocate (about 21 MiB
 * at 500x500; vitae(1) has the measurements). A real terminal is far
 * smaller; text is at most VIEW_MAX_TEXT wide anyway.
 */
#define VIEW_MAX_SIZE 500
static inline int view_clamp_size(long n)
{
	return n < 1 ? 1 : n > VIEW_MAX_SIZE ? VIEW_MAX_SIZE : (int)n;
}
/* Text is laid out at most this wide and centred on wider terminals:
 * long lines are hard to read and dates drift far from their titles. */
#define VIEW_MAX_TEXT 100
/* Terminals at least this tall get the full header, others one line. */
#define VIEW_FULL_HEADER_ROWS 20
#define VIEW_PAT_MAX 128
#define VIEW_MSG_MAX 256

/* An item is what J/K step through and za folds: an entry, or in the All
 * pane a section heading (ent == -1). */
struct item {
	long line;              /* its first line in the pane's layout */
	int sec, ent;
};

struct pane {
	int section;            /* -1: All */
	struct layout lay;
	unsigned gen;           /* view gen the layout was built for; 0 never */
	long top;               /* first line shown */
	int cur_sec, cur_ent;   /* the current item; cur_sec -1: none yet */
	struct item *items;
	size_t nitems, capitems;
	/* The text of entries and sections laid out again one at a time
	 * since the last full layout (a fold: view.c, splice). */
	struct arena *extra;
	size_t nextra, capextra;
};

/* One occurrence of the search pattern, in reading order. */
struct match {
	int sec, ent;           /* sec -1: the header; ent -1: a section heading */
	unsigned k;             /* k-th occurrence within that entry's text */
};

/* What the screen highlights: part of a match on one line (a match that
 * wraps has a piece on each of its lines). */
struct hl {
	long line;              /* in the pane's layout, or the header's */
	uint32_t off, len;      /* bytes of that line */
	bool header, cur;       /* in the header; part of the current match */
};

/* An item's lines as the one string the search reads (flat.c). */
struct flat_pos {
	long line;              /* -1: the space that joins two lines */
	uint32_t off;
};
struct flat {
	char *text;
	size_t len, cap;
	struct flat_pos *pos;   /* per byte of text, when asked for */
	size_t cappos;
};

enum prompt_kind {
	PROMPT_NONE = 0,
	PROMPT_SEARCH = '/',
	PROMPT_FILTER = '&',
};

struct geometry {
	int cols, rows;         /* the terminal */
	bool too_small;
	int header_rows;        /* 0 when too small */
	int bar_row;
	int content_row, content_rows;
	int status_row;
	int text_x;             /* column of the entry marker; text at +1 */
	int text_w;             /* layout width */
	/* The column the bar, the content and the status line share:
	 * centred with the text on a wide terminal, else all of it. */
	int col_x, col_w;
};

struct view {
	const struct resume *r;
	bool ascii;
	struct geometry geo;
	unsigned gen;           /* folds, filter or width changed */
	unsigned wgen;          /* width or filter changed: search text */

	struct pane *panes;
	size_t npanes, cur;

	bool *sec_fold;         /* per section */
	bool *ent_fold;         /* per entry, at ent_base[sec] + ent */
	bool *ent_shown;        /* per entry: passes the filter */
	size_t *ent_base;
	size_t nent;

	struct layout header;   /* name, headline, contact lines */
	int header_lines;       /* of them, LINE_HEADER ones */
	char **short_names;     /* per pane (view_pane_short) */

	char pattern[VIEW_PAT_MAX];     /* the search; "" none */
	bool icase;
	bool nohl;              /* highlight off (Esc u) until n, N or / */
	unsigned mgen;          /* wgen the matches were counted for */
	struct match *m;
	size_t nm, capm;
	long mcur;              /* current match, -1 none */
	bool mstale;            /* pattern changed: recount */
	bool preview;           /* typed at the prompt: view_prepare previews */
	struct flat flat;       /* scratch for the search */
	/* Every item as laid out with nothing folded, as one text, '\n'
	 * after each, so that a search scans one string (search.c). */
	struct flat stext;
	struct sitem {
		size_t off;     /* where the item starts in stext */
		int sec, ent;
	} *sitems;
	size_t nsitems, capsitems;
	unsigned stgen;         /* wgen stext was made for; 0 none */

	/* Set by view_prepare() for drawing. */
	struct hl *hl;          /* sorted by header first, then line, off */
	size_t nhl, caphl;
	int header_first;       /* first header line shown */

	char filter[VIEW_PAT_MAX];      /* "" none */
	bool ficase;

	struct {
		int kind;       /* enum prompt_kind */
		struct prompt_line line;
		/* the session's patterns, one history per prompt */
		struct prompt_history search, filter;
		/* restored by Esc */
		char saved[VIEW_PAT_MAX];
		long saved_mcur;
		long saved_top;
		bool saved_nohl;
	} prompt;

	struct {
		bool open;
		long top;
		long nlines;    /* rows of what is open: nhelp or nproblems */
		long nhelp;     /* as wrapped for the width (view_help_sizes) */
		bool problems;  /* the overlay lists the file's problems */
		long nproblems; /* (problems.h) */
	} help;

	char msg[VIEW_MSG_MAX];
	bool msg_error;
	char copy[1024];        /* text for the clipboard after RD_COPY */
	bool no_mouse;          /* the mouse is the terminal's (--no-mouse, M) */
};

void view_init(struct view *v, const struct resume *r, bool ascii);
void view_free(struct view *v);

/* Terminal size; lays out again when the text width changes. */
unsigned view_resize(struct view *v, int cols, int rows);

/* The current pane, its layout up to date. */
struct pane *view_pane(struct view *v);
/* Brings what drawing reads up to date: the current pane, the matches,
 * the highlights on screen and the header line shown (search.c). */
void view_prepare(struct view *v);
/* The current pane, for drawing after view_prepare(). */
const struct pane *view_cur(const struct view *v);
/* Brings p's layout up to date, keeping its scroll and current item. */
void pane_sync(struct view *v, struct pane *p);
const char *view_pane_name(const struct view *v, size_t i);
/* Lays out item (sec, ent) alone into out, as a pane shows it: an entry
 * (no heading), or with ent -1 the heading of sec and its rule. With
 * unfolded, as if nothing were folded. */
void view_lay_out_item(const struct view *v, struct layout *out, int sec, int ent,
                       bool unfolded);
/* Opens entry (sec, ent) where it is folded (ent -1: none), and with
 * section its section in All, keeping the panes up to date as a fold does. */
void view_open_item(struct view *v, int sec, int ent, bool section);
/* Index of the item holding line, or -1 when there is none. */
long pane_item_at(const struct pane *p, long line);
long pane_find_item(const struct pane *p, int sec, int ent);
/* One past the last line of item i. */
long pane_item_end(const struct pane *p, size_t i);
/* top clamped to [0, the last top of p]. */
long pane_clamp_top(const struct view *v, const struct pane *p, long top);

/* Pane by name, case-insensitively: the whole title or key first, then a
 * prefix of the title from any of its words ("publications", "research",
 * "exp"); the first pane that matches wins. "all" is All. Index, or -1. */
long view_find_pane(const struct view *v, const char *name);
/* "All, Summary, Education": every pane's name, for a message. */
void view_pane_list(const struct view *v, char *buf, size_t cap);
/* The pane's short name for a narrow bar: the last word of its title
 * that no other pane's title has ("Publications" for "Select
 * Publications"), or the whole title. */
const char *view_pane_short(const struct view *v, size_t i);

/* The help's and the problems list's numbers of rows, as wrapped for
 * the terminal's width (keys.h: help_layout), for scrolling them. */
void view_help_sizes(struct view *v, long nhelp, long nproblems);
/* Opens the entries that lay out to one line at the current width: they
 * have nothing to fold (layout_entry_folds). After a width change. */
void view_drop_single_folds(struct view *v);

void view_message(struct view *v, bool error, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
/* Copies s into out (cap bytes) keeping only what is safe to show: no
 * control characters, valid UTF-8. */
void view_clean_text(char *out, size_t cap, const char *s);

/* Actions. `key` is the key that invoked them (keys.h); most ignore it. */
unsigned view_quit(struct view *v, int key);
unsigned view_help(struct view *v, int key);
unsigned view_cancel(struct view *v, int key);
unsigned view_redraw(struct view *v, int key);
unsigned view_next_pane(struct view *v, int key);
unsigned view_prev_pane(struct view *v, int key);
unsigned view_pane_key(struct view *v, int key);        /* '1'..'9' */
unsigned view_set_pane(struct view *v, size_t i);
unsigned view_line_down(struct view *v, int key);
unsigned view_line_up(struct view *v, int key);
unsigned view_page_down(struct view *v, int key);
unsigned view_page_up(struct view *v, int key);
unsigned view_half_down(struct view *v, int key);
unsigned view_half_up(struct view *v, int key);
unsigned view_home(struct view *v, int key);
unsigned view_end(struct view *v, int key);
unsigned view_scroll(struct view *v, long delta);
unsigned view_next_entry(struct view *v, int key);
unsigned view_prev_entry(struct view *v, int key);
unsigned view_fold_toggle(struct view *v, int key);
unsigned view_fold_open(struct view *v, int key);
unsigned view_fold_close(struct view *v, int key);
unsigned view_open_all(struct view *v, int key);
unsigned view_fold_all(struct view *v, int key);
/* y: the marked entry's link, else the header's first e-mail address or
 * website, to the clipboard (RD_COPY). */
unsigned view_copy(struct view *v, int key);
/* Mouse capture off or on (RD_MOUSE). */
unsigned view_mouse(struct view *v, int key);
/* Mouse: a click at content row `row` (0-based within the content) and
 * column x of the terminal. On a link (links.h) it copies it, as y. */
unsigned view_click_content(struct view *v, int row, int x);
/* A click at header row `row` and column x: a link there is copied. */
unsigned view_click_header(struct view *v, int row, int x);

bool view_entry_folded(const struct view *v, int sec, int ent);
bool view_entry_shown(const struct view *v, int sec, int ent);

/* prompt.c: the prompt that reads a pattern. */
unsigned view_search_prompt(struct view *v, int key);
unsigned view_filter_prompt(struct view *v, int key);
/* A key while the prompt is open. */
unsigned view_prompt_key(struct view *v, int key);

/* search.c: search and filter. */
unsigned view_next_match(struct view *v, int key);
unsigned view_prev_match(struct view *v, int key);
/* Hides the highlight; n, N or a new search brings it back. */
unsigned view_no_highlight(struct view *v, int key);
/* What the prompt typed so far lights up (v->prompt.line). */
void view_search_typed(struct view *v);
/* The search prompt closes: keep searches for what it holds, else the
 * search before it comes back. */
unsigned view_search_end(struct view *v, bool keep);
/* Sets the search (as if typed and Enter) and goes to the first match. */
unsigned view_search(struct view *v, const char *pattern);
unsigned view_set_filter(struct view *v, const char *pattern);
/* Brings the match list up to date. */
void view_matches(struct view *v);
/* Where match i is in pane p: its first line and byte, or *line -1 when
 * the pane does not show it (another section, filtered); *off is -1 when
 * the entry is folded (the line is then its title line). */
void view_locate_match(struct view *v, const struct pane *p, size_t i,
                       long *line, long *off);

/* flat.c: lines [first, end) of l as one string: markers, counts and
 * rules left out, each run of spaces and each line break one space (none
 * after a line that ends in a hyphen the wrap broke at), nothing at
 * either end. With pos, where each byte came from. */
void flat_build(struct flat *f, const struct layout *l, size_t first, size_t end,
                bool pos);
/* The same, added at the end of what f holds. */
void flat_append(struct flat *f, const struct layout *l, size_t first, size_t end,
                 bool pos);
void flat_free(struct flat *f);
