#pragma once
/*
 * The interactive viewer: the entry point main.c calls when standard input
 * and output are terminals. Owned by the viewer (src/tui/).
 */
#include <stdbool.h>
#include "model.h"

struct tui_options {
	const char *section;    /* --section NAME: open on that pane */
	const char *search;     /* --search PATTERN: start with a search */
	bool no_color, no_mouse, ascii;
};

/* Runs the viewer on a terminal (stdin and stdout are ttys). Returns the
 * exit status, or -1 when the terminal cannot be used (no terminfo,
 * TERM=dumb/unset): the caller then prints text. The screen is restored
 * whatever ends the viewer (q, Ctrl-C, SIGTERM, SIGHUP, the terminal
 * going away); ended by SIGTERM or SIGHUP it returns 128 + the signal. */
int tui_run(const struct resume *r, const struct tui_options *o);
