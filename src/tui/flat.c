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

/* Bytes [off, off + n) of line, a run with no two spaces in a row:
 * copied whole (the search builds its text over the whole résumé, so
 * this is not done byte by byte). */
static void put_run(struct flat *f, const char *s, uint32_t n, long line, uint32_t off,
                    bool pos)
{
	if (pos)
		for (uint32_t k = 0; k < n; k++)
			f->pos[f->len + k] = (struct flat_pos){ .line = line, .off = off + k };
	memcpy(f->text + f->len, s, n);
	f->len += n;
}

/* The end of the run from s[i] (not a space) to the first of two spaces
 * in a row, or to a space just before stop, or to stop. Single spaces
 * stay in the run: most of a line is one run. */
static uint32_t run_end(const char *s, uint32_t i, uint32_t stop)
{
	while (i < stop) {
		const char *sp = memchr(s + i, ' ', stop - i);
		if (!sp)
			return stop;
		uint32_t k = (uint32_t)(sp - s);
		if (k + 1 == stop || s[k + 1] == ' ')
			return k;
		i = k + 1;
	}
	return stop;
}

static bool is_decoration(const struct span *s)
{
	return s->style == ST_FOLD || s->style == ST_RULE;
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
		for (uint32_t i = 0; i < ln->len;) {
			/* The next fold marker, count or rule: left out. */
			while (si < ln->nspans && (!is_decoration(&ln->spans[si]) ||
			       ln->spans[si].start + ln->spans[si].len <= i))
				si++;
			uint32_t stop = si < ln->nspans ? ln->spans[si].start : ln->len;
			if (stop <= i) {
				/* The indent keeps what the line break said. */
				if (any)
					space = true;
				i = ln->spans[si].start + ln->spans[si].len;
				continue;
			}
			while (i < stop) {
				if (ln->text[i] == ' ') {
					if (any)
						space = true;
					i++;
					continue;
				}
				uint32_t e = run_end(ln->text, i, stop);
				if (space && f->len > start)
					put(f, ' ', (long)n, i ? i - 1 : 0, pos);
				space = false;
				put_run(f, ln->text + i, e - i, (long)n, i, pos);
				any = true;
				i = e;
			}
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
