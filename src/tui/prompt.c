/*
 * The search and filter prompt: first the line editor and its history,
 * which know no view, then the prompt as the viewer opens and closes it.
 *
 * The keys are readline's and vim's command line's where those agree
 * (Ctrl-A, Ctrl-E, Ctrl-U and Ctrl-W act before the cursor, Ctrl-K after
 * it; Up, Down, Ctrl-P and Ctrl-N recall), so that either hand works.
 */
#include "prompt.h"

#include <stdint.h>
#include <string.h>
#include "keys.h"
#include "utf8.h"
#include "view.h"

_Static_assert(PROMPT_BUF == VIEW_PAT_MAX, "a prompt holds one pattern");

/* --- the line editor -------------------------------------------------- */

/* Where the character after byte i ends: a code point and the combining
 * marks after it, which the cursor never stops between. */
static size_t next_char(const char *s, size_t len, size_t i)
{
	uint32_t c;
	if (i >= len)
		return len;
	i += utf8_decode(s + i, len - i, &c);
	while (i < len) {
		size_t k = utf8_decode(s + i, len - i, &c);
		if (cp_width(c) != 0)
			break;
		i += k;
	}
	return i;
}

/* Where the character before byte i starts. */
static size_t prev_char(const char *s, size_t len, size_t i)
{
	size_t j = 0;
	for (size_t k = 0; k < i; k = next_char(s, len, k))
		j = k;
	return j;
}

/* Removes bytes [a, b) and leaves the cursor at a. */
static void cut(struct prompt_line *l, size_t a, size_t b)
{
	memmove(l->buf + a, l->buf + b, l->len - b + 1);
	l->len -= b - a;
	l->cur = a;
}

static void load(struct prompt_line *l, const char *s)
{
	size_t n = strlen(s);
	memcpy(l->buf, s, n + 1);
	l->len = l->cur = n;
}

/* A typed character goes in only if the file text's classifier keeps it:
 * no control, no invisible character that could reorder or hide what the
 * status line says. */
static enum prompt_result insert(struct prompt_line *l, int key)
{
	if (key < 0x20 || key > 0x10FFFF || utf8_classify((uint32_t)key) != UTF8_KEEP)
		return PROMPT_IGNORED;
	char enc[4];
	size_t k = utf8_encode((uint32_t)key, enc);
	if (l->len + k >= sizeof l->buf)
		return PROMPT_IGNORED;
	memmove(l->buf + l->cur + k, l->buf + l->cur, l->len - l->cur + 1);
	memcpy(l->buf + l->cur, enc, k);
	l->len += k;
	l->cur += k;
	return PROMPT_CHANGED;
}

static enum prompt_result recall(struct prompt_line *l, struct prompt_history *h,
                                 int dir)
{
	if (!h || (dir < 0 && h->at == 0) || (dir > 0 && h->at >= h->n))
		return PROMPT_IGNORED;
	if (h->at >= h->n)
		memcpy(h->draft, l->buf, l->len + 1);
	h->at = dir < 0 ? h->at - 1 : h->at + 1;
	load(l, h->at < h->n ? h->entry[h->at] : h->draft);
	return PROMPT_CHANGED;
}

void prompt_open(struct prompt_line *l, struct prompt_history *h)
{
	*l = (struct prompt_line){ .len = 0 };
	if (h) {
		h->at = h->n;
		h->draft[0] = '\0';
	}
}

enum prompt_result prompt_edit(struct prompt_line *l, struct prompt_history *h,
                               int key)
{
	const char *b = l->buf;
	size_t start = l->cur;
	switch (key) {
	case K_ESC:
	case K_CTRL('C'):
	case K_CTRL('G'):
		return PROMPT_CANCEL;
	case '\r':
	case '\n':
	case K_ENTER:
		return PROMPT_ACCEPT;
	case K_LEFT:
		l->cur = prev_char(b, l->len, l->cur);
		break;
	case K_RIGHT:
		l->cur = next_char(b, l->len, l->cur);
		break;
	case K_HOME:
	case K_CTRL('A'):
		l->cur = 0;
		break;
	case K_END:
	case K_CTRL('E'):
		l->cur = l->len;
		break;
	case K_UP:
	case K_CTRL('P'):
		return recall(l, h, -1);
	case K_DOWN:
	case K_CTRL('N'):
		return recall(l, h, 1);
	case K_CTRL('H'):
	case K_DEL:
	case K_BACKSPACE:
		if (!l->len)
			return PROMPT_CANCEL;   /* as in less and vim */
		if (!l->cur)
			return PROMPT_IGNORED;
		cut(l, prev_char(b, l->len, l->cur), l->cur);
		return PROMPT_CHANGED;
	case K_DELETE:
		if (l->cur == l->len)
			return PROMPT_IGNORED;
		cut(l, l->cur, next_char(b, l->len, l->cur));
		return PROMPT_CHANGED;
	case K_CTRL('U'):
		cut(l, 0, l->cur);
		return start ? PROMPT_CHANGED : PROMPT_IGNORED;
	case K_CTRL('K'):
		if (l->cur == l->len)
			return PROMPT_IGNORED;
		l->buf[l->cur] = '\0';
		l->len = l->cur;
		return PROMPT_CHANGED;
	case K_CTRL('W'): {             /* the word before the cursor */
		size_t a = l->cur;
		while (a && b[a - 1] == ' ')
			a--;
		while (a && b[a - 1] != ' ')
			a--;
		cut(l, a, l->cur);
		return a != start ? PROMPT_CHANGED : PROMPT_IGNORED;
	}
	default:
		return insert(l, key);
	}
	return l->cur != start ? PROMPT_MOVED : PROMPT_IGNORED;
}

void prompt_history_add(struct prompt_history *h, const char *s)
{
	if (!s[0] || (h->n && !strcmp(h->entry[h->n - 1], s)))
		return;
	if (h->n == PROMPT_HISTORY) {
		memmove(h->entry[0], h->entry[1], (PROMPT_HISTORY - 1) * sizeof h->entry[0]);
		h->n--;
	}
	size_t n = strlen(s);
	if (n >= PROMPT_BUF) {
		n = PROMPT_BUF - 1;
		while (n && ((unsigned char)s[n] & 0xC0) == 0x80)
			n--;
	}
	memcpy(h->entry[h->n], s, n);
	h->entry[h->n][n] = '\0';
	h->n++;
	h->at = h->n;
}

int prompt_window(const struct prompt_line *l, int cols, bool ascii, size_t *first)
{
	size_t (*width)(const char *, size_t) = ascii ? str_width_ascii : str_width;
	size_t f = 0;
	int room = cols > 1 ? cols - 1 : 0;
	while (f < l->cur && (int)width(l->buf + f, l->cur - f) > room)
		f = next_char(l->buf, l->len, f);
	*first = f;
	return (int)width(l->buf + f, l->cur - f);
}

/* --- the prompt in the viewer ----------------------------------------- */

static struct prompt_history *history(struct view *v)
{
	return v->prompt.kind == PROMPT_SEARCH ? &v->prompt.search : &v->prompt.filter;
}

static unsigned open_prompt(struct view *v, int kind)
{
	if (v->help.open)
		return 0;
	struct pane *p = view_pane(v);
	v->prompt.kind = kind;
	prompt_open(&v->prompt.line, history(v));
	memcpy(v->prompt.saved, v->pattern, sizeof v->pattern);
	v->prompt.saved_mcur = v->mcur;
	v->prompt.saved_top = p->top;
	v->prompt.saved_nohl = v->nohl;
	if (kind == PROMPT_SEARCH)
		v->nohl = false;        /* what is typed lights up */
	return RD_STATUS;
}

unsigned view_search_prompt(struct view *v, int key) { return open_prompt(v, PROMPT_SEARCH); }
unsigned view_filter_prompt(struct view *v, int key) { return open_prompt(v, PROMPT_FILTER); }

static unsigned close_prompt(struct view *v, bool keep)
{
	int kind = v->prompt.kind;
	const char *typed = v->prompt.line.buf;
	if (keep)
		prompt_history_add(history(v), typed);
	v->prompt.kind = PROMPT_NONE;
	if (kind != PROMPT_SEARCH)
		return keep ? view_set_filter(v, typed) : RD_STATUS;
	unsigned rd = view_search_end(v, keep);
	if (!keep)
		v->nohl = v->prompt.saved_nohl;
	return rd;
}

unsigned view_prompt_key(struct view *v, int key)
{
	switch (prompt_edit(&v->prompt.line, history(v), key)) {
	case PROMPT_IGNORED:
		return 0;
	case PROMPT_MOVED:
		return RD_STATUS;
	case PROMPT_ACCEPT:
		return close_prompt(v, true);
	case PROMPT_CANCEL:
		return close_prompt(v, false);
	case PROMPT_CHANGED:
		break;
	}
	if (v->prompt.kind == PROMPT_SEARCH) {
		view_search_typed(v);
		return RD_CONTENT | RD_STATUS;
	}
	return RD_STATUS;
}
