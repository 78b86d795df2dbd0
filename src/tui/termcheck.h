#pragma once
/*
 * Whether curses can drive the terminal on standard output, asked before
 * anything is sent to it, so that the caller can still print text. Kept
 * apart because <term.h> defines macros (lines, tab, ...) that clash with
 * ordinary names. Owned by the viewer (src/tui/).
 */
#include <stdbool.h>

/* False for an unset or empty TERM, TERM=dumb, a TERM terminfo does not
 * know, or a terminal that cannot move its cursor. */
bool termcheck_usable(void);
