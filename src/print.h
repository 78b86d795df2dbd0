#pragma once
/*
 * Non-interactive output. Text is the layout at a width, written line by
 * line with no escape sequences at all; Markdown is CommonMark written
 * from the model. Both write only sanitised text.
 */
#include <stdbool.h>
#include <stdio.h>
#include "model.h"

enum out_format {
	OUT_TEXT,
	OUT_MARKDOWN,
};

#define PRINT_DEFAULT_WIDTH 80

/* Returns 0, or -1 when writing failed (errno set). */
int print_text(FILE *out, const struct resume *r, int width, bool ascii);
int print_markdown(FILE *out, const struct resume *r);
