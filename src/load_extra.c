/*
 * What the loaders keep of what they do not know (conv.h, "forgiving"):
 * labels made from keys, any value flattened to readable text, the one
 * table of aliases, and sections made from unknown keys. Nothing the
 * author wrote is dropped; --check still warns about every unknown key.
 */
#include <stdlib.h>
#include <string.h>

#include "conv.h"

/* ---- aliases --------------------------------------------------------------- */

/*
 * Keys outside the formats that real files use for a known one. `in` is
 * where the key is: an entry_spec's `what`, or "JSON Resume" for the top
 * level of a JSON Resume file.
 */
static const struct key_alias {
	const char *in, *alias, *key;
} aliases[] = {
	{ .in = "JSON Resume", .alias = "experience", .key = "work" },
	{ .in = "JSON Resume", .alias = "workExperience", .key = "work" },
	{ .in = "JSON Resume", .alias = "certifications", .key = "certificates" },
	{ .in = "JSON Resume", .alias = "volunteering", .key = "volunteer" },
	{ .in = "JSON Resume", .alias = "award", .key = "awards" },
	{ .in = "work entry", .alias = "keywords", .key = "technologies" },
	{ .in = "work entry", .alias = "title", .key = "position" },
	{ .in = "work entry", .alias = "role", .key = "position" },
	{ .in = "volunteer entry", .alias = "keywords", .key = "technologies" },
	{ .in = "project", .alias = "title", .key = "name" },
	{ .in = "project", .alias = "link", .key = "url" },
	{ .in = "project", .alias = "website", .key = "url" },
	{ .in = "project", .alias = "summary", .key = "description" },
	{ .in = "project", .alias = "technologies", .key = "keywords" },
	{ .in = "certificate", .alias = "title", .key = "name" },
	{ .in = "certificate", .alias = "authority", .key = "issuer" },
	{ .in = "education entry", .alias = "school", .key = "institution" },
	{ .in = "education entry", .alias = "degree", .key = "studyType" },
	{ .in = "award", .alias = "name", .key = "title" },
	{ .in = "publication", .alias = "title", .key = "name" },
	{ .in = "publication entry", .alias = "author", .key = "authors" },
};

const char *conv_alias(const char *in, const struct node *key)
{
	for (size_t i = 0; i < sizeof aliases / sizeof aliases[0]; i++)
		if (strcmp(aliases[i].in, in) == 0 && node_is(key, aliases[i].alias))
			return aliases[i].key;
	return NULL;
}

/* ---- labels ---------------------------------------------------------------- */

static bool is_lower(char ch) { return ch >= 'a' && ch <= 'z'; }
static bool is_upper(char ch) { return ch >= 'A' && ch <= 'Z'; }

const char *key_label(struct arena *a, const char *key)
{
	if (!key || strchr(key, ' '))
		return key;
	size_t len = strlen(key);
	char *out = arena_stralloc(a, len * 2 + 1), *p = out;
	bool word_start = true;
	for (size_t i = 0; i < len; i++) {
		char ch = key[i];
		if (ch == '_' || ch == '-') {
			if (p > out && p[-1] != ' ')
				*p++ = ' ';
			word_start = true;
			continue;
		}
		/* sideProjects: a capital after a small letter starts a word */
		if (i && is_upper(ch) && is_lower(key[i - 1]) && p[-1] != ' ')
			*p++ = ' ', word_start = true;
		*p++ = word_start && is_lower(ch) ? (char)(ch - 'a' + 'A') : ch;
		word_start = false;
	}
	while (p > out && p[-1] == ' ')
		p--;
	*p = '\0';
	return *out ? out : key;
}

/* ---- flattening -------------------------------------------------------------- */

struct buf {
	char *p;
	size_t n, cap;
};

static void buf_add(struct buf *b, const char *s)
{
	size_t n = strlen(s);
	grow_array(&b->p, &b->cap, b->n + n + 1, 1);
	memcpy(b->p + b->n, s, n + 1);
	b->n += n;
}

/* Lists join with ", ", mappings with "; " as "Label: value". Iterative,
 * with a stack of its own: nesting may be as deep as --max-depth allows.
 * v has been visited (conv_visit); its children are visited here. */
struct frame {
	struct node *n;
	size_t i;               /* next child */
	size_t start;           /* b->n when the collection began */
};

static void flatten(struct conv *c, struct node *v, struct buf *b)
{
	struct arena *a = &c->r->arena;
	struct frame *st = NULL;
	size_t depth = 0, cap = 0;
	grow_array(&st, &cap, 1, sizeof *st);
	st[depth++] = (struct frame){ .n = v, .start = b->n };
	while (depth && !c->over) {
		struct frame *f = &st[depth - 1];
		if (f->i == f->n->n) {
			depth--;
			continue;
		}
		bool map = f->n->type == NODE_MAPPING;
		struct node *item = map ? &f->n->u.pairs[f->i].value : &f->n->u.items[f->i];
		const char *key = map ? node_text(&f->n->u.pairs[f->i].key) : NULL;
		f->i++;
		if (!conv_visit(c, item))
			break;
		const char *text = item->type == NODE_SCALAR ? conv_text(c, item) : NULL;
		if (item->type == NODE_SCALAR && !text)
			continue;
		if (b->n > f->start)
			buf_add(b, map ? "; " : ", ");
		if (key) {
			buf_add(b, key_label(a, key));
			buf_add(b, ": ");
		}
		if (text) {
			buf_add(b, text);
		} else {
			grow_array(&st, &cap, depth + 1, sizeof *st);
			st[depth++] = (struct frame){ .n = item, .start = b->n };
		}
	}
	free(st);
}

const char *conv_flatten_visited(struct conv *c, struct node *v)
{
	if (v->type == NODE_SCALAR)
		return conv_text(c, v);
	struct buf b = { 0 };
	flatten(c, v, &b);
	const char *out = b.n ? arena_strdup(&c->r->arena, b.p) : NULL;
	free(b.p);
	return out;
}

const char *conv_flatten(struct conv *c, struct node *v)
{
	if (!v || !conv_visit(c, v))
		return NULL;
	return conv_flatten_visited(c, v);
}

/* ---- sections from unknown keys ---------------------------------------------- */

struct section *conv_new_section(struct conv *c)
{
	struct resume *r = c->r;
	if (r->nsections == c->sections_cap) {
		size_t cap = c->sections_cap ? c->sections_cap * 2 : 16;
		struct section *v = arena_calloc(&r->arena, cap, sizeof *v);
		if (r->nsections)
			memcpy(v, r->sections, r->nsections * sizeof *v);
		r->sections = v;
		c->sections_cap = cap;
	}
	struct section *s = &r->sections[r->nsections++];
	*s = (struct section){ 0 };
	return s;
}

/* An item of an unknown section: a mapping read with the format's generic
 * spec, anything else as text. */
static void extra_entry(struct conv *c, struct node *item, const struct entry_spec *spec,
                        struct entry *e)
{
	*e = (struct entry){ .pos = item->pos };
	if (item->type == NODE_MAPPING) {
		e->kind = spec->kind;
		conv_entry(c, item, spec, e);
	} else {
		e->kind = ENTRY_TEXT;
		e->title = conv_flatten(c, item);
	}
}

void conv_extra_section(struct conv *c, struct node *key, struct node *v,
                        const char *title, const struct entry_spec *spec)
{
	if (!conv_visit(c, v) || node_is_null(v))
		return;
	struct arena *a = &c->r->arena;
	const char *k = node_text(key);
	struct section *s = conv_new_section(c);
	*s = (struct section){
		.title = title ? title : key_label(a, k ? k : "?"), .key = k,
		.kind = ENTRY_TEXT, .pos = key->pos,
	};
	if (v->type == NODE_SEQUENCE) {
		s->entries = arena_calloc(a, v->n, sizeof *s->entries);
		for (size_t i = 0; i < v->n && !c->over; i++) {
			struct node *item = &v->u.items[i];
			if (node_is_null(item))
				continue;
			struct entry *e = &s->entries[s->nentries];
			extra_entry(c, item, spec, e);
			if (e->title || e->nfields || e->summary || e->subtitle || e->dates ||
			    e->location || e->highlights.n || e->technologies.n || e->url)
				s->nentries++;
		}
	} else if (v->type == NODE_MAPPING) {
		/* key: value lines, one entry each */
		s->entries = arena_calloc(a, v->n, sizeof *s->entries);
		for (size_t i = 0; i < v->n && !c->over; i++) {
			struct node *pk = &v->u.pairs[i].key, *pv = &v->u.pairs[i].value;
			const char *text = conv_flatten(c, pv);
			if (!text)
				continue;
			s->entries[s->nentries++] = (struct entry){
				.kind = ENTRY_ONELINE, .pos = pk->pos,
				.title = key_label(a, node_text(pk)), .subtitle = text,
			};
		}
	} else {
		s->entries = arena_calloc(a, 1, sizeof *s->entries);
		s->entries[0] = (struct entry){ .kind = ENTRY_TEXT, .pos = v->pos,
		                                .title = conv_flatten_visited(c, v) };
		s->nentries = s->entries[0].title != NULL;
	}
	if (s->nentries)
		s->kind = s->entries[0].kind;
	else
		c->r->nsections--;
}
