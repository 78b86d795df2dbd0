/*
 * Inline markup: tokens for the delimiters, a stack to pair them, then
 * one pass that writes the plain text and its flagged spans.
 */
#include "markup.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"

enum tok_type {
	TK_STAR,                /* a run of '*' (openers: the whole run) */
	TK_BRACKET,             /* '[' */
	TK_LINKEND,             /* "](url)" */
	TK_ESCAPE,              /* the backslash of an escape */
};

enum tok_state {
	TS_LITERAL,             /* shown as written */
	TS_OPEN,
	TS_CLOSE,
	TS_DROP,                /* removed: escape backslashes */
};

/*
 * An opener run of '*' is paired from the inside out: each closer takes
 * one or two of its stars from the right, and their flags are recorded
 * in that order (seq); stars never taken stay literal on the left.
 */
struct markup_tok {
	size_t pos, len;        /* source bytes */
	size_t url, url_len;    /* link openers and ends: the destination */
	unsigned char type, state, flag;
	unsigned char nseq, used;
	unsigned char seq[3];   /* star openers: flags in pairing order */
};

enum open_kind {
	OPEN_STAR,
	OPEN_BRACKET,
	OPEN_KINDS,
};

struct markup_open {
	size_t tok;
	long prev;              /* previous opener of the same kind, or -1 */
	unsigned char kind;
	unsigned char count;    /* stars not yet paired */
};

struct parser {
	struct markup *m;
	const char *s;
	size_t len;
	size_t nstack;
	long top[OPEN_KINDS];   /* topmost opener of each kind, or -1 */
	size_t floor;           /* brackets below this index are dead */
	size_t scan_from, scan_stop;
	int scanned;
};

static size_t add_tok(struct parser *p, size_t pos, size_t len,
                      enum tok_type type, enum tok_state state, unsigned flag)
{
	struct markup *m = p->m;

	if (m->ntok == m->tok_cap)
		grow_array(&m->tok, &m->tok_cap, m->ntok + 1, sizeof *m->tok);
	m->tok[m->ntok] = (struct markup_tok){
		.pos = pos, .len = len, .type = (unsigned char)type,
		.state = (unsigned char)state, .flag = (unsigned char)flag,
	};
	return m->ntok++;
}

static void push_open(struct parser *p, size_t tok, enum open_kind kind, size_t count)
{
	struct markup *m = p->m;

	if (p->nstack == m->stack_cap)
		grow_array(&m->stack, &m->stack_cap, p->nstack + 1, sizeof *m->stack);
	m->stack[p->nstack] = (struct markup_open){
		.tok = tok, .prev = p->top[kind], .kind = (unsigned char)kind,
		.count = (unsigned char)count,
	};
	p->top[kind] = (long)p->nstack++;
}

/* Pops the openers above index j (they stay literal); j itself too when
 * with_j is set. */
static void pop_above(struct parser *p, long j, bool with_j)
{
	struct markup_open *st = p->m->stack;
	long keep = with_j ? j : j + 1;

	while ((long)p->nstack > keep) {
		struct markup_open *o = &st[--p->nstack];
		if (p->top[o->kind] == (long)p->nstack)
			p->top[o->kind] = o->prev;
	}
	if (p->floor > p->nstack)
		p->floor = p->nstack;
}

static long alive_bracket(const struct parser *p)
{
	long b = p->top[OPEN_BRACKET];

	return b >= (long)p->floor ? b : -1;
}

/* The opener a star closer may pair with: not one outside a link
 * bracket that is still open. */
static long nearest_star(const struct parser *p)
{
	long j = p->top[OPEN_STAR];

	if (j < 0 || alive_bracket(p) > j)
		return -1;
	return j;
}

static bool is_space(char c)
{
	return c == ' ' || c == '\n' || c == '\t';
}

/* A run of n '*' at i: closes what it can (two stars make bold when
 * both sides have two), then what is left may open. */
static void star_run(struct parser *p, size_t i, size_t n)
{
	struct markup *m = p->m;
	bool can_close = i > 0 && !is_space(p->s[i - 1]);
	bool can_open = i + n < p->len && !is_space(p->s[i + n]);
	size_t left = n;

	if (n > 3)
		return;         /* a rule or decoration: literal */
	while (can_close && left) {
		long j = nearest_star(p);
		struct markup_open *o;
		struct markup_tok *t;
		size_t use;
		unsigned flag;

		if (j < 0)
			break;
		o = &m->stack[j];
		t = &m->tok[o->tok];
		use = left >= 2 && o->count >= 2 ? 2 : 1;
		flag = use == 2 ? MK_BOLD : MK_ITALIC;
		t->state = TS_OPEN;
		t->seq[t->nseq++] = (unsigned char)flag;
		t->used = (unsigned char)(t->used + use);
		o->count = (unsigned char)(o->count - use);
		pop_above(p, j, o->count == 0);
		add_tok(p, i + n - left, use, TK_STAR, TS_CLOSE, flag);
		left -= use;
	}
	if (left && can_open)
		push_open(p, add_tok(p, i + n - left, left, TK_STAR, TS_LITERAL, 0),
		          OPEN_STAR, left);
}

/*
 * Where the destination starting at q ends: the first ')', space or end.
 * Scans only move forward, and a start inside the last scanned stretch
 * has the same answer, so all scans together are linear.
 */
static size_t scan_url(struct parser *p, size_t q)
{
	size_t k;

	if (p->scanned && q >= p->scan_from && q <= p->scan_stop)
		return p->scan_stop;
	for (k = q; k < p->len && p->s[k] != ')' && !is_space(p->s[k]); k++)
		;
	p->scanned = 1;
	p->scan_from = q;
	p->scan_stop = k;
	return k;
}

/* ']' at i; returns how many bytes it took. */
static size_t close_bracket(struct parser *p, size_t i)
{
	struct markup *m = p->m;
	long j = alive_bracket(p);
	size_t stop;

	if (j < 0)
		return 1;
	if (i + 1 < p->len && p->s[i + 1] == '(') {
		stop = scan_url(p, i + 2);
		if (stop < p->len && p->s[stop] == ')' && stop > i + 2) {
			struct markup_tok *o = &m->tok[m->stack[j].tok];
			size_t t;

			o->state = TS_OPEN;
			o->flag = MK_LINK;
			o->url = i + 2;
			o->url_len = stop - (i + 2);
			pop_above(p, j, true);
			t = add_tok(p, i, stop + 1 - i, TK_LINKEND, TS_CLOSE, MK_LINK);
			m->tok[t].url = i + 2;
			m->tok[t].url_len = stop - (i + 2);
			p->floor = p->nstack;       /* no link inside a link */
			return stop + 1 - i;
		}
	}
	/* "[PDF]": the bracket is plain text and no longer fences emphasis. */
	p->top[OPEN_BRACKET] = m->stack[j].prev;
	return 1;
}

/* Where the first character tokenize() acts on is: text before it is
 * plain, and most text has none at all. memchr is many bytes a step. */
static size_t first_special(const char *s, size_t len)
{
	static const char specials[] = "\\*[]";
	size_t first = len;

	for (const char *c = specials; *c && first; c++) {
		const char *hit = memchr(s, *c, first);
		if (hit)
			first = (size_t)(hit - s);
	}
	return first;
}

static void tokenize(struct parser *p)
{
	size_t i = first_special(p->s, p->len);

	while (i < p->len) {
		char c = p->s[i];

		if (c == '\\' && i + 1 < p->len &&
		    strchr("!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~", p->s[i + 1]) &&
		    p->s[i + 1] != '\0') {
			add_tok(p, i, 1, TK_ESCAPE, TS_DROP, 0);
			i += 2;
		} else if (c == '*') {
			size_t n = 1;
			while (i + n < p->len && p->s[i + n] == '*')
				n++;
			star_run(p, i, n);
			i += n;
		} else if (c == '[') {
			push_open(p, add_tok(p, i, 1, TK_BRACKET, TS_LITERAL, 0), OPEN_BRACKET, 0);
			i++;
		} else if (c == ']') {
			i += close_bracket(p, i);
		} else {
			i++;
		}
	}
}

struct emitter {
	struct markup *m;
	int depth[3];           /* bold, italic, link */
	const char *url;
	size_t url_len;
	size_t link_start;
};

static void emit(struct emitter *e, const char *s, size_t n)
{
	struct markup *m = e->m;
	unsigned flags = (e->depth[0] ? MK_BOLD : 0) | (e->depth[1] ? MK_ITALIC : 0) |
	                 (e->depth[2] ? MK_LINK : 0);
	const char *url = flags & MK_LINK ? e->url : NULL;
	size_t url_len = flags & MK_LINK ? e->url_len : 0;

	if (n == 0)
		return;
	memcpy(m->text + m->len, s, n);
	if (flags) {
		struct markup_span *last = m->nspans ? &m->spans[m->nspans - 1] : NULL;
		if (last && last->start + last->len == m->len && last->flags == flags &&
		    last->url == url && last->url_len == url_len) {
			last->len += n;
		} else {
			m->spans[m->nspans++] = (struct markup_span){
				.start = m->len, .len = n, .flags = flags,
				.url = url, .url_len = url_len, .link_start = e->link_start,
			};
		}
	}
	m->len += n;
}

static int flag_index(unsigned flag)
{
	return flag == MK_BOLD ? 0 : flag == MK_ITALIC ? 1 : 2;
}

void markup_parse(struct markup *m, const char *s, size_t len)
{
	struct parser p = {
		.m = m, .s = s, .len = len,
		.top = { [OPEN_STAR] = -1, [OPEN_BRACKET] = -1 },
	};
	struct emitter e = { .m = m };
	size_t cur = 0;

	m->ntok = 0;
	tokenize(&p);

	/* The text never grows (markers only disappear) and every span
	 * starts at a token or at the start. */
	if (m->text_cap < len + 1)
		grow_array(&m->text, &m->text_cap, len + 1, 1);
	if (m->spans_cap < 2 * m->ntok + 2)
		grow_array(&m->spans, &m->spans_cap, 2 * m->ntok + 2, sizeof *m->spans);
	m->len = 0;
	m->nspans = 0;

	for (size_t t = 0; t < m->ntok; t++) {
		const struct markup_tok *k = &m->tok[t];

		emit(&e, s + cur, k->pos - cur);
		switch (k->state) {
		case TS_LITERAL:
			emit(&e, s + k->pos, k->len);
			break;
		case TS_OPEN:
			if (k->type == TK_STAR) {
				/* unpaired stars first, then the outermost pair */
				emit(&e, s + k->pos, k->len - k->used);
				for (size_t q = k->nseq; q-- > 0;)
					e.depth[flag_index(k->seq[q])]++;
				break;
			}
			e.depth[flag_index(k->flag)]++;
			if (k->flag == MK_LINK) {
				e.url = s + k->url;
				e.url_len = k->url_len;
				e.link_start = m->len;
			}
			break;
		case TS_CLOSE:
			if (k->flag == MK_LINK) {
				if (m->len == e.link_start)     /* "[](url)" shows the url */
					emit(&e, e.url, e.url_len);
				m->spans[m->nspans - 1].link_end = 1;
			}
			e.depth[flag_index(k->flag)]--;
			break;
		default:
			break;
		}
		cur = k->pos + k->len;
	}
	emit(&e, s + cur, len - cur);
	m->text[m->len] = '\0';
}

void markup_free(struct markup *m)
{
	if (!m)
		return;
	free(m->text);
	free(m->spans);
	free(m->tok);
	free(m->stack);
	*m = (struct markup)MARKUP_INIT;
}

bool markup_is_emphasised(const struct markup *m)
{
	return m->len > 0 && m->nspans == 1 && m->spans[0].start == 0 &&
	       m->spans[0].len == m->len &&
	       (m->spans[0].flags & (MK_BOLD | MK_ITALIC)) &&
	       !(m->spans[0].flags & MK_LINK);
}

/* One source line of a highlight, split at " - " when asked. */
static void hl_line(const char *s, size_t len, int level, bool cont, bool inline_dashes,
                    void (*fn)(void *, const struct hl_piece *), void *ctx)
{
	size_t start = 0;

	if (inline_dashes) {
		for (size_t i = 0; i + 3 <= len; i++) {
			if (s[i] == ' ' && s[i + 1] == '-' && s[i + 2] == ' ') {
				if (i > start)
					fn(ctx, &(struct hl_piece){ .level = level, .cont = cont,
					                            .s = s + start, .len = i - start });
				start = i + 3;
				level = 1;
				cont = false;
				i += 2;
			}
		}
	}
	if (len > start)
		fn(ctx, &(struct hl_piece){ .level = level, .cont = cont,
		                            .s = s + start, .len = len - start });
}

void highlight_split(const char *h, bool inline_dashes,
                     void (*fn)(void *ctx, const struct hl_piece *pc), void *ctx)
{
	const char *p = h;
	bool started = false;
	int level = 0;

	while (*p) {
		const char *nl = strchr(p, '\n');
		size_t len = nl ? (size_t)(nl - p) : strlen(p);
		const char *t = p;
		size_t n = len;

		while (n && *t == ' ') {
			t++;
			n--;
		}
		while (n && t[n - 1] == ' ')
			n--;
		if (n) {
			bool item = started && n >= 2 && t[0] == '-' && t[1] == ' ';
			if (item) {
				t += 2;
				n -= 2;
				level = 1;
			}
			hl_line(t, n, level, started && !item, inline_dashes, fn, ctx);
			started = true;
		}
		p += len;
		if (*p == '\n')
			p++;
	}
}

/* The schemes of the addresses vitae links: the web and mail. The length
 * of the one u[0..n) starts with, text following it; else 0. */
static size_t known_scheme(const char *u, size_t n)
{
	static const char *const schemes[] = { "https://", "http://", "mailto:" };

	for (size_t i = 0; i < sizeof schemes / sizeof schemes[0]; i++) {
		size_t k = strlen(schemes[i]);
		if (n > k && !strncmp(u, schemes[i], k))
			return k;
	}
	return 0;
}

const char *url_display(const char *u, size_t *n)
{
	size_t k = known_scheme(u, *n);

	u += k;
	*n -= k;
	if (*n > 1 && u[*n - 1] == '/')
		(*n)--;
	return u;
}

bool url_dest_ok(const char *u, size_t n)
{
	if (known_scheme(u, n))
		return true;
	for (size_t i = 0; i < n && u[i] != '/' && u[i] != '?' && u[i] != '#'; i++)
		if (u[i] == ':')
			return false;   /* some other scheme */
	return n > 0;
}
