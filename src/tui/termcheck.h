#pragma once
/*
 * Whether curses can drive the terminal on standard output, asked before
 * anything is sent to it, so that the caller can still print text. Kept
 * apart because <term.h> defines macros (lines, tab, ...) that clash with
 * ordinary names. Owned by the viewer (src/tui/).
 */
#include <stdbool.h>

/* Longer terminal names are treated as unknown. */
#define TERMCHECK_NAME_MAX 64

/* Whether TERM is a plain terminfo name: 1 to TERMCHECK_NAME_MAX of
 * [A-Za-z0-9._+-], not starting with '.' or '-'. Anything else (a path,
 * "../x", spaces, control characters) is never handed to terminfo, which
 * would otherwise look it up as a file name. */
bool termcheck_name_ok(const char *term);

/* False for a TERM that is not a plain name, TERM=dumb, a TERM terminfo
 * does not know, or a terminal that cannot move its cursor. */
bool termcheck_usable(void);
