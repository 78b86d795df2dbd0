/*
 * An item's lines as one string, the text the search and the filter read:
 * what a person reads on the screen, whatever the width broke where. A
 * phrase wrapped onto two lines is one phrase here, and with pos a match
 * maps back to the lines and bytes it covers. No curses.
 */
#include <stdlib.h>
#include <string.h>
#include "view.h"

/* Room for n more bytes (put() then checks nothing: the search runs
 * this over the whole résumé on every key typed at the prompt). */
static void reserve(struct flat *f, size_t n, bool pos)
{
	grow_array(&f->text, &f->cap, f->len + n, 1);
	if (pos)
		grow_array(&f->pos, &f->cappos, f->len + n, sizeof *f->pos);
}

static inline void put(struct flat *f, char c, long line, uint32_t off, bool pos)
{
	if (pos)
		f->pos[f->len] = (struct flat_pos){ .line = line, .off = off };
	f->text[f->len++] = c;
}

/* Whether byte i of l is part of a fold marker, a count or a rule. */
static bool decoration(const struct line *l, uint32_t i, uint32_t *si)
{
	while (*si < l->nspans && l->spans[*si].start + l->spans[*si].len <= i)
		(*si)++;
	const struct span *s = *si < l->nspans ? &l->spans[*si] : NULL;
	return s && s->start <= i && (s->style == ST_FOLD || s->style == ST_RULE);
}

void flat_append(struct flat *f, const struct layout *l, size_t first, size_t end,
                 bool pos)
{
	size_t start = f->len;
	bool space = false;     /* a space is due before the next byte */
	for (size_t n = first; n < end && n < l->n; n++) {
		const struct line *ln = &l->lines[n];
		if (ln->kind == LINE_BLANK || ln->kind == LINE_RULE)
			continue;
		uint32_t si = 0;
		bool any = false;
		reserve(f, ln->len + 1, pos);
		for (uint32_t i = 0; i < ln->len; i++) {
			char c = ln->text[i];
			if (c == ' ' || decoration(ln, i, &si)) {
				/* The indent keeps what the line break said. */
				if (any)
					space = true;
				continue;
			}
			if (space && f->len > start)
				put(f, ' ', (long)n, i ? i - 1 : 0, pos);
			space = false;
			put(f, c, (long)n, i, pos);
			any = true;
		}
		/* "Multi-" then "Task" is "Multi-Task": the wrap broke
		 * after the hyphen, inside the word. */
		bool hyphen = any && f->len - start >= 2 && f->text[f->len - 1] == '-' &&
		              f->text[f->len - 2] != ' ' && f->text[f->len - 2] != '-';
		space = !hyphen;
	}
	/* A space that joins two lines belongs to neither. */
	if (pos)
		for (size_t i = start + 1; i < f->len; i++)
			if (f->text[i] == ' ' && f->pos[i].line != f->pos[i - 1].line)
				f->pos[i].line = -1;
	reserve(f, 1, false);
	f->text[f->len] = '\0';
}

void flat_build(struct flat *f, const struct layout *l, size_t first, size_t end,
                bool pos)
{
	f->len = 0;
	flat_append(f, l, first, end, pos);
}

void flat_free(struct flat *f)
{
	free(f->text);
	free(f->pos);
	*f = (struct flat){ 0 };
}
