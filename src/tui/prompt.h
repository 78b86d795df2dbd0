#pragma once
/*
 * The status-line prompt that reads a search or filter pattern: a line
 * editor with a cursor, and the session's history of patterns.
 *
 * The editor and the history know no curses and no view: keys are keys.h
 * codes, text is UTF-8, the cursor moves by character and its column
 * counts display cells (a wide character is two). What the pattern does
 * once typed is search.c's; view_prompt_key() (view.h) joins the two.
 *
 * Memory: everything is inline in the structs, nothing to free. A history
 * lives as long as the view that holds it (a session: one visitor).
 */
#include <stdbool.h>
#include <stddef.h>

/* Bytes of a pattern, its NUL included: the same as VIEW_PAT_MAX. */
#define PROMPT_BUF 128
/* Patterns a history keeps; the oldest goes first. */
#define PROMPT_HISTORY 50

struct prompt_line {
	char buf[PROMPT_BUF];   /* valid UTF-8, no controls, NUL-terminated */
	size_t len;             /* bytes in buf */
	size_t cur;             /* the cursor: a byte offset on a character
	                           boundary, 0..len */
};

struct prompt_history {
	char entry[PROMPT_HISTORY][PROMPT_BUF]; /* oldest first */
	size_t n;
	size_t at;              /* the entry shown while Up/Down browse; n:
	                           the line being typed */
	char draft[PROMPT_BUF]; /* that line, kept while browsing */
};

enum prompt_result {
	PROMPT_IGNORED,         /* no editing key: nothing changed */
	PROMPT_MOVED,           /* the cursor moved */
	PROMPT_CHANGED,         /* the text changed (and the cursor) */
	PROMPT_ACCEPT,          /* Enter */
	PROMPT_CANCEL,          /* Esc, Ctrl-G, Ctrl-C, Backspace on nothing */
};

/* An empty line, and the history ready to browse from its newest end. */
void prompt_open(struct prompt_line *l, struct prompt_history *h);

/* Edits l with key, recalling from h (may be NULL) on Up and Down. */
enum prompt_result prompt_edit(struct prompt_line *l, struct prompt_history *h,
                               int key);

/* Puts s at the newest end of h, unless it is empty or the same as the
 * newest entry; s is cut to PROMPT_BUF on a character boundary. */
void prompt_history_add(struct prompt_history *h, const char *s);

/*
 * What of l fits cols display columns with the cursor in sight (the
 * cursor needs a column of its own at the end): *first gets the byte of
 * l->buf to show from. Returns the cursor's column from there. The start
 * is cut away only when the cursor would not fit otherwise, so while one
 * types at the end, the end of a long pattern shows. ascii: columns as
 * --ascii draws them (ß is "ss", two).
 */
int prompt_window(const struct prompt_line *l, int cols, bool ascii, size_t *first);
