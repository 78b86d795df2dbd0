#include "diag.h"

#include <stdarg.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "utf8.h"

/* Longest message kept; a key quoted from a hostile file may be huge. */
#define MSG_MAX 300

void diag_init(struct diag *d, const char *file)
{
	*d = (struct diag){ .file = file };
}

/* The message in a form safe for any terminal, on one line, cut short
 * at a character boundary with "…" when it is too long. */
static char *clean_message(const char *raw)
{
	struct arena a = ARENA_INIT;
	const char *s = text_sanitize(&a, raw, strlen(raw));
	size_t len = strlen(s), cut = len;
	if (len > MSG_MAX) {
		cut = MSG_MAX;
		while (cut > 0 && ((unsigned char)s[cut] & 0xC0) == 0x80)
			cut--;
	}
	char *out = xmalloc(cut + sizeof "…");
	memcpy(out, s, cut);
	strcpy(out + cut, cut < len ? "…" : "");
	for (char *p = out; *p; p++)
		if (*p == '\n')
			*p = ' ';
	arena_free(&a);
	return out;
}

void diag_add(struct diag *d, enum diag_level level, struct pos pos,
              const char *fmt, ...)
{
	if (level == DIAG_ERROR)
		d->nerrors++;
	else
		d->nwarnings++;
	if (d->n >= DIAG_MAX)
		return;

	va_list ap;
	va_start(ap, fmt);
	int n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (n < 0)
		return;
	char *raw = xmalloc((size_t)n + 1);
	va_start(ap, fmt);
	vsnprintf(raw, (size_t)n + 1, fmt, ap);
	va_end(ap);

	grow_array(&d->v, &d->cap, d->n + 1, sizeof *d->v);
	d->v[d->n++] = (struct diag_msg){
		.level = level,
		.pos = pos,
		.text = clean_message(raw),
	};
	free(raw);
}

char *diag_file_name(const struct diag *d)
{
	return clean_message(d->file ? d->file : "-");
}

const char *diag_level_name(const struct diag *d, const struct diag_msg *m)
{
	return m->level == DIAG_ERROR && !d->lenient ? "error" : "warning";
}

/* Messages without a position (about the whole file) first, then by
 * line and column; equals keep the order they were added in. */
static bool before(const struct diag_msg *a, const struct diag_msg *b)
{
	if (a->pos.line != b->pos.line)
		return a->pos.line < b->pos.line;
	return a->pos.col < b->pos.col;
}

void diag_print(const struct diag *d, FILE *out)
{
	/* The name comes from the command line, but may still hold bytes
	 * that would reach the terminal. */
	char *file = diag_file_name(d);
	/* Insertion sort of indices: stable, and at most DIAG_MAX messages. */
	size_t *order = xmalloc((d->n ? d->n : 1) * sizeof *order);
	for (size_t i = 0; i < d->n; i++) {
		size_t j = i;
		while (j && before(&d->v[i], &d->v[order[j - 1]])) {
			order[j] = order[j - 1];
			j--;
		}
		order[j] = i;
	}
	for (size_t i = 0; i < d->n; i++) {
		const struct diag_msg *m = &d->v[order[i]];
		const char *lvl = diag_level_name(d, m);
		if (m->pos.line)
			fprintf(out, "%s:%u:%u: %s: %s\n", file, m->pos.line,
			        m->pos.col, lvl, m->text);
		else
			fprintf(out, "%s: %s: %s\n", file, lvl, m->text);
	}
	size_t total = d->nerrors + d->nwarnings;
	if (total > d->n)
		fprintf(out, "%s: %zu more %s not shown\n", file, total - d->n,
		        total - d->n == 1 ? "message" : "messages");
	free(order);
	free(file);
}

void diag_free(struct diag *d)
{
	if (!d)
		return;
	for (size_t i = 0; i < d->n; i++)
		free(d->v[i].text);
	free(d->v);
	d->v = NULL;
	d->n = d->cap = 0;
}
