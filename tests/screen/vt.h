#pragma once
/*
 * A pseudo-terminal harness for screen tests: it runs a real program on the
 * slave side of a pty, feeds everything the program writes into a libvterm
 * terminal of the same size, and lets a test type keys, click, resize and
 * read back what a person would see.
 *
 * Every wait is bounded: a hung child makes a check fail, never the suite
 * hang. vt_close() kills the child if it is still running.
 *
 * Ownership: struct vt is opaque and owned by the caller from vt_start()
 * to vt_close() (which accepts NULL). Strings returned by vt_row(),
 * vt_screen() and vt_log() belong to the vt; vt_row()/vt_screen() text
 * lives until the next call of the same function, the log until the next
 * read from the child.
 *
 * Coordinates are 0-based screen rows and columns, as in libvterm; the
 * mouse helpers translate to the 1-based terminal protocols.
 */
#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

struct vt;

/*
 * Starts argv[0] (a path, not searched in PATH) in a rows x cols pty.
 * The child's environment is ours with TERM=xterm-256color and
 * LANG=C.UTF-8, and LC_ALL, LC_CTYPE, LINES, COLUMNS and NO_COLOR unset;
 * then each entry of env (NULL-terminated, may be NULL) applies in order:
 * "NAME=value" sets, a bare "NAME" unsets. Returns NULL (and says why on
 * stderr) if the pty or the fork fails.
 */
struct vt *vt_start(char *const argv[], int rows, int cols,
                    const char *const env[]);
/*
 * The same with a pipe on standard input holding input[0..n) and then
 * its end, the pty still the controlling terminal (/dev/tty) and
 * standard output and error: `printf ... | prog` typed in a terminal.
 * n is at most what a pipe can hold (1 MiB by default on Linux).
 */
struct vt *vt_start_input(char *const argv[], int rows, int cols,
                          const char *const env[], const char *input, size_t n);
void vt_close(struct vt *vt);

/* Writes bytes to the child as if typed; false if the pty is gone. */
bool vt_send(struct vt *vt, const char *bytes);
bool vt_send_n(struct vt *vt, const char *bytes, size_t n);
/* Ctrl plus a letter or one of @[\]^_ : vt_send_ctrl(vt, 'l') is ^L. */
bool vt_send_ctrl(struct vt *vt, char c);

enum vt_key {
	VT_KEY_UP, VT_KEY_DOWN, VT_KEY_RIGHT, VT_KEY_LEFT,
	VT_KEY_HOME, VT_KEY_END, VT_KEY_PGUP, VT_KEY_PGDN,
	VT_KEY_F1, VT_KEY_TAB, VT_KEY_BTAB, VT_KEY_ENTER, VT_KEY_ESC,
	VT_KEY_BACKSPACE,
};
/*
 * Sends the bytes xterm sends for the key. Cursor keys and Home/End follow
 * the cursor-key mode the program set (ESC[?1h gives ESC O A, as in the
 * terminfo entry's kcuu1), the way a real terminal does.
 */
bool vt_send_key(struct vt *vt, enum vt_key key);

/* Mouse report encodings: SGR is ESC[?1006h, X10 the classic ESC[M. */
enum vt_mouse_enc { VT_MOUSE_AUTO, VT_MOUSE_SGR, VT_MOUSE_X10 };
enum { VT_WHEEL_UP = 64, VT_WHEEL_DOWN = 65 };
/*
 * One mouse report: button 0-2 for left/middle/right, or VT_WHEEL_*;
 * press false is a release. AUTO picks what the program asked for; the
 * explicit encodings send regardless of the modes.
 */
bool vt_send_mouse(struct vt *vt, enum vt_mouse_enc enc, int button,
                   bool press, int row, int col);
/*
 * A left click (press and release) or a wheel step at row/col, only if the
 * program enabled mouse reporting (ESC[?1000h or stronger), since a real
 * terminal sends nothing otherwise. Returns whether anything was sent.
 */
bool vt_click(struct vt *vt, int row, int col);
bool vt_wheel(struct vt *vt, int button, int row, int col);

/*
 * Pumps the child's output into the terminal until nothing arrives for
 * quiet_ms or max_ms have passed in all. Returns true if it went quiet.
 */
bool vt_settle(struct vt *vt, int quiet_ms, int max_ms);
/*
 * Sends bytes, waits (up to max_ms) for the child to answer with any output,
 * then for quiet. For keys that must redraw something.
 */
bool vt_type(struct vt *vt, const char *bytes, int max_ms);
/* Pumps until the screen contains / no longer contains text. */
bool vt_wait_text(struct vt *vt, const char *text, int timeout_ms);
bool vt_wait_gone(struct vt *vt, const char *text, int timeout_ms);
/* Pumps until pred(vt, arg) holds. */
bool vt_wait_for(struct vt *vt, bool (*pred)(struct vt *, const void *),
                 const void *arg, int timeout_ms);

/* Reading the screen. */
void vt_size(const struct vt *vt, int *rows, int *cols);
/* Row i as UTF-8, a wide character once, trailing blanks dropped. */
const char *vt_row(struct vt *vt, int row);
/* Cells [col, col+ncols) of a row (ncols < 0: to the end), as vt_row. */
const char *vt_text(struct vt *vt, int row, int col, int ncols);
/* All rows joined with '\n'. */
const char *vt_screen(struct vt *vt);
/* First occurrence (top to bottom) of text within one row; column in cells. */
bool vt_find(struct vt *vt, const char *text, int *row, int *col);
bool vt_has(struct vt *vt, const char *text);
/* Column of the first occurrence of text in one row, or -1. */
int vt_find_col(struct vt *vt, int row, const char *text);
/* Occurrences of text on the whole screen, row by row. */
int vt_count(struct vt *vt, const char *text);
/* Index of the first row containing text at or after from, or -1. */
int vt_find_row(struct vt *vt, const char *text, int from);

struct vt_cell {
	char text[32];          /* UTF-8 of the cell; "" for an empty cell */
	int width;              /* 1, or 2 for a wide character */
	bool bold, italic, reverse, blink, strike;
	int underline;          /* 0 none, 1 single, 2 double, 3 curly */
	bool fg_default, bg_default;
	int fg, bg;             /* palette index 0-255, or -1 (default or RGB) */
};
bool vt_cell(struct vt *vt, int row, int col, struct vt_cell *out);
/* True if the cell looks highlighted: reverse, or a non-default background. */
bool vt_cell_marked(struct vt *vt, int row, int col);
void vt_cursor(struct vt *vt, int *row, int *col);

/* Resizes the pty (the kernel sends SIGWINCH) and the terminal. */
bool vt_resize(struct vt *vt, int rows, int cols);

/*
 * Waits for the child to exit, draining its output; *status gets the raw
 * waitpid() status. False on timeout (the child is left running for
 * vt_close() to kill).
 */
bool vt_wait_exit(struct vt *vt, int timeout_ms, int *status);
bool vt_exited(struct vt *vt);
/* Sends sig to the child (not its group); false once it is reaped. */
bool vt_kill(struct vt *vt, int sig);

/*
 * The terminal modes the program left behind. A DEC private mode is
 * 1 (set), 0 (reset) or -1 (never mentioned); keypad is the DECKPAM/DECKPNM
 * state (ESC = / ESC >), -1 if never sent.
 */
int vt_mode(const struct vt *vt, int decmode);
int vt_mode_sets(const struct vt *vt, int decmode);    /* times set */
int vt_keypad(const struct vt *vt);
bool vt_altscreen(const struct vt *vt);         /* libvterm's view */
bool vt_cursor_visible(const struct vt *vt);
/*
 * After the program ended: the alternate screen was left, the cursor is
 * visible, application cursor keys and keypad are off and no mouse mode is
 * on. Writes each problem to why (may be NULL) and returns false if any.
 */
bool vt_restored(struct vt *vt, FILE *why);

/* Everything the child wrote, raw; and its length. */
const char *vt_log(const struct vt *vt, size_t *len);
size_t vt_bytes(const struct vt *vt);
/* Whether the raw log (from byte offset from) contains the bytes. */
bool vt_log_has(const struct vt *vt, size_t from, const char *bytes, size_t n);

/* The screen, cursor, modes and byte count, for failure reports. */
void vt_dump(struct vt *vt, FILE *f);
