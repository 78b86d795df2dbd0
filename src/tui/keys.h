#pragma once
/*
 * Keys and the one table of actions: each action has its name, its keys,
 * its help line and its function, and both the dispatch and the help
 * screen read that table, so they cannot drift apart. No curses here:
 * tui.c translates curses' key codes into the K_ codes below. Owned by
 * the viewer (src/tui/).
 */
#include <stdbool.h>
#include <stddef.h>
#include "arena.h"
#include "view.h"

/* A key is a Unicode code point (control characters included), or one of
 * these, which lie beyond Unicode. */
enum {
	K_UP = 0x110000,
	K_DOWN,
	K_LEFT,
	K_RIGHT,
	K_PGUP,
	K_PGDN,
	K_HOME,
	K_END,
	K_BTAB,         /* Shift-Tab */
	K_F1,
	K_ENTER,        /* the keypad's Enter; Return is '\r' */
	K_BACKSPACE,
	K_DELETE,
	K_INSERT,
	K_NUL,          /* Ctrl-Space (or Ctrl-@): a NUL byte */
	K_LAST_,
};
/* Function keys: F1 is K_F1, the others past the named keys. */
#define K_F_MAX 63
#define K_F(n) ((n) == 1 ? K_F1 : 0x120000 + (n))
#define K_CTRL(c) ((c) & 0x1f)
#define K_ESC 27
#define K_DEL 127       /* what most terminals send for Backspace */

/* At most this many key sequences per action. */
#define KEYS_MAX 10

enum action_group {
	G_PANES,
	G_SCROLL,
	G_ENTRIES,
	G_FOLDS,
	G_SEARCH,
	G_OTHER,
	G_COUNT_
};

struct action {
	const char *name;       /* "next-pane": for messages and tests */
	enum action_group group;
	const char *help;       /* one line on the help screen */
	const char *mouse;      /* what the mouse does for it, or NULL */
	unsigned (*fn)(struct view *v, int key);
	bool in_help;           /* also acts while the help is shown */
	bool essential;         /* on the help's first lines too */
	/* Its keys are digits, and digits typed in a row within
	 * KEYS_NUMBER_MS of each other make one number: 1 then 0 is pane
	 * 10 (while there is one), as a count in vim. */
	bool number;
	/* Key sequences: one key, or a prefix key then a key ("za"). A
	 * prefix that also acts alone (Esc) acts at once; the key after it
	 * completes a sequence, or else acts alone. A sequence starting
	 * with 0 ends the list. */
	int keys[KEYS_MAX][2];
};

extern const struct action actions[];
extern const size_t nactions;
extern const char *const group_names[G_COUNT_];

/* The longest pause within a number, as vim's 'timeoutlen'. A test
 * that types a number sends it in one write. */
#define KEYS_NUMBER_MS 1000

struct keys_state {
	int pending;            /* a prefix key waiting for its second key */
	unsigned number;        /* digits typed so far, 0 none */
	long long number_ms;    /* when the last of them came (monotonic) */
};

/* Runs what key means now: prompt editing while the prompt is open, the
 * second key of a prefix, or the action bound to it. Returns enum redraw. */
unsigned keys_dispatch(struct keys_state *ks, struct view *v, int key);

/* The action for the sequence (k1, k2); k2 is 0 for a single key. NULL
 * when unbound. */
const struct action *keys_lookup(int k1, int k2);

/* How a key is written on the help screen: "PgDn", "Ctrl-L", "↑", "j". */
const char *keys_key_name(int key, bool ascii, char *buf, size_t cap);
/* A key the terminal has a name for but vitae no code (Ctrl-Left): says
 * so on the status line, as keys_dispatch does for an unbound key. name
 * is curses' keyname(), "kLFT5" or "KEY_SLEFT", and is written the way
 * the help writes keys ("Ctrl-Left"). Returns enum redraw. */
unsigned keys_unknown(struct keys_state *ks, struct view *v, const char *name);

/* The help screen, generated from the table. */
struct help_line {
	const char *keys;       /* "j, ↓"; NULL on a heading */
	const char *text;       /* the help, or the heading's title */
};

/* One row of the box: a piece of a line's keys and a piece of its text,
 * pointing into the line's strings. */
struct help_row {
	const char *keys;       /* NULL on a heading */
	const char *text;
	size_t klen, tlen;
	size_t line;            /* the help_line it is part of */
};

struct help {
	struct arena arena;     /* owns lines and their strings */
	struct help_line *lines;
	size_t n;
	int keys_width;         /* display columns of the widest keys */
	/* The lines wrapped to fit a box, by help_layout(): rows borrow the
	 * lines' strings and are made anew for each width. */
	struct help_row *rows;
	size_t nrows, caprows;
	int box_w;              /* the box's columns, its border included */
	int key_w;              /* the key column's */
};

/* Columns between the key column and the text. */
#define HELP_GAP 2

void help_build(struct help *h, bool ascii);
/*
 * Wraps h's lines for a box at most cols wide: descriptions wrap at
 * spaces instead of being cut, keys wrap after their commas when the key
 * column must narrow to leave the text room. Returns the number of rows.
 */
size_t help_layout(struct help *h, int cols);
void help_free(struct help *h);
