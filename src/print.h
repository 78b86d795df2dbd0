#pragma once
/*
 * Non-interactive output. Text is the layout at a width, written line by
 * line with no escape sequences at all; Markdown is CommonMark written
 * from the model; JSON Resume, RenderCV YAML and a manual page (man(7))
 * are the model converted. All write only sanitised text, escaped for
 * the syntax they write.
 */
#include <stdbool.h>
#include <stdio.h>
#include "model.h"

enum out_format {
	OUT_TEXT,
	OUT_MARKDOWN,
	OUT_JSON,               /* JSON Resume v1.0.0 */
	OUT_YAML,               /* RenderCV */
	OUT_MAN,                /* man(7), section 7 */
};

#define PRINT_DEFAULT_WIDTH 80

/* Returns 0, or -1 when writing failed (errno set). */
int print_text(FILE *out, const struct resume *r, int width, bool ascii);
int print_markdown(FILE *out, const struct resume *r);
int print_json(FILE *out, const struct resume *r);
int print_yaml(FILE *out, const struct resume *r);
int print_man(FILE *out, const struct resume *r);
