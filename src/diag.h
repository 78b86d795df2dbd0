#pragma once
/*
 * Diagnostics with source positions. The loaders add errors and warnings;
 * main prints them as "FILE:LINE:COLUMN: error: message" (GNU style, so
 * editors jump to them). Messages are sanitised when added, so a key or
 * value quoted from a hostile file cannot put a control byte on stderr.
 *
 * The diag owns its messages; diag_free() releases them. file is borrowed
 * and must outlive the diag.
 */
#include <stdbool.h>
#include <stdio.h>
#include "model.h"

enum diag_level {
	DIAG_WARNING,
	DIAG_ERROR,
};

struct diag_msg {
	enum diag_level level;
	struct pos pos;
	char *text;
};

struct diag {
	const char *file;           /* name shown in messages: path, "-" or "(bundled)" */
	struct diag_msg *v;
	size_t n, cap;
	size_t nerrors, nwarnings;  /* all of them, the unstored too */
	/* The file is shown despite its errors (load.h, lenient): they are
	 * printed as warnings. Set by the loader, never by hand. */
	bool lenient;
};

void diag_init(struct diag *d, const char *file);
/* Counts the message and stores it, unless DIAG_MAX are stored already. */
#define DIAG_MAX 100
void diag_add(struct diag *d, enum diag_level level, struct pos pos,
              const char *fmt, ...) __attribute__((format(printf, 4, 5)));
/* The file name cleaned as messages are (a name given on the command
 * line may hold control bytes). Newly allocated: the caller frees it. */
char *diag_file_name(const struct diag *d);
/* "error" or "warning": the one place that decides how a message is
 * shown (an error in a file that is shown anyway is a warning). */
const char *diag_level_name(const struct diag *d, const struct diag_msg *m);
/* Prints every message, one a line, in the order of their positions in
 * the file (those without one first; equals in the order added). */
void diag_print(const struct diag *d, FILE *out);
void diag_free(struct diag *d);
