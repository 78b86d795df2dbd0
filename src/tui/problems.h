#pragma once
/*
 * The file's problems in the viewer: a file shown despite its mistakes
 * (load.h, lenient) says so on the status line, and `!` lists every
 * problem with its position in the overlay the help uses, scrolled and
 * closed the same way (q, Esc, ! again). Owned by the viewer (src/tui/).
 */
#include "diag.h"
#include "keys.h"
#include "view.h"

/* The problems as overlay lines: "LINE:COL" where the keys go, the
 * message as the text. Freed with help_free(). */
void problems_build(struct help *h, const struct diag *d);

/* The `!` action: opens or closes the list. */
unsigned view_problems(struct view *v, int key);
