#pragma once
/*
 * The interactive viewer: the entry point main.c calls when standard input
 * and output are terminals. Owned by the viewer (src/tui/).
 */
#include <stdbool.h>
#include "diag.h"
#include "model.h"

struct load_limits;

struct tui_options {
	const char *section;    /* --section NAME: open on that pane */
	const char *search;     /* --search PATTERN: start with a search */
	bool no_color, no_mouse, ascii;
	/* Kiosk mode: Ctrl-Z does not suspend, and the seccomp sandbox goes
	 * up once the terminal is set up (kiosk.h); if it cannot, the
	 * viewer restores the terminal, says so and returns 2 without
	 * having drawn anything. */
	bool kiosk;
	/* Seconds; 0 is no limit. The viewer ends, restoring the terminal
	 * and saying why on stderr, after idle seconds without a key or
	 * max_time seconds in all. Exit status 0. */
	unsigned long idle_timeout, max_time;
	/* --watch: the file shown, read again when it changes (watch.h),
	 * with these limits. NULL: no watching. */
	const char *watch;
	const struct load_limits *limits;
	/* `vitae -` with a pipe on standard input, already read to its end:
	 * the keys come from the controlling terminal, /dev/tty, which the
	 * viewer opens and puts in standard input's place, as less does.
	 * If there is none, the viewer says so and returns 2. Never set in
	 * the kiosk, where standard input is the visitor. */
	bool tty_keys;
};

/* Runs the viewer on a terminal (stdout is a tty, and stdin too unless
 * o->tty_keys). The problems
 * in d (may be NULL) are noted on the status line and listed by `!`;
 * d is only read during the call. Returns the
 * exit status, or -1 when the terminal cannot be used (no terminfo,
 * TERM=dumb/unset): the caller then prints text. The screen is restored
 * whatever ends the viewer (q, Ctrl-C, SIGTERM, SIGHUP, SIGQUIT, SIGXCPU,
 * a timeout, the terminal going away); ended by a signal other than
 * SIGINT it returns 128 + the signal, by a hang-up without SIGHUP
 * (SIGHUP ignored, the terminal at end of file) 128 + SIGHUP as well.
 * The size is the terminal's, clamped (view_clamp_size) before curses
 * allocates; LINES and COLUMNS are never used. Writes to the terminal
 * have a deadline (the nearer limit, or 2 s after a signal that ends
 * the viewer): a terminal nobody reads is abandoned, not waited for. */
int tui_run(const struct resume *r, const struct diag *d, const struct tui_options *o);
