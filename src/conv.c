/*
 * The helpers both format loaders read the node tree with (conv.h).
 */
#include "conv.h"

#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "date.h"
#include "html.h"
#include "hint.h"

bool conv_visit(struct conv *c, const struct node *n)
{
	if (c->over)
		return false;
	if (n->type == NODE_SCALAR)
		c->text += n->n;
	if (++c->nodes > c->max_nodes) {
		diag_add(c->d, DIAG_ERROR, n->pos,
		         "more than %zu nodes to read (aliases used too often?)",
		         c->max_nodes);
		c->over = true;
	} else if (c->text > c->max_text) {
		/* An alias shares its text in the model, but every printer and
		 * layout would copy it again: 2,000 aliases of a 1 MB string
		 * are 2 GB of output. */
		diag_add(c->d, DIAG_ERROR, n->pos,
		         "aliases repeat more than %zu MiB of text (the file has %zu KiB)",
		         c->max_text >> 20, c->input >> 10);
		c->over = true;
	} else if (c->r->arena.used > c->max_mem) {
		diag_add(c->d, DIAG_ERROR, n->pos,
		         "the résumé grows past %zu MiB in memory (aliases used too often?)",
		         c->max_mem >> 20);
		c->over = true;
	}
	return !c->over;
}

const char *conv_text(struct conv *c, struct node *n)
{
	const char *s = node_text(n);

	if (s && c->html) {
		s = html_to_markup(&c->r->arena, s, strlen(s));
		if (!*s)
			s = NULL;       /* "<p></p>": no text */
	}
	return s;
}

const char *conv_str(struct conv *c, struct node *v, const char *field)
{
	if (!v || !conv_visit(c, v))
		return NULL;
	if (v->type != NODE_SCALAR) {
		diag_add(c->d, DIAG_ERROR, v->pos, "`%s` must be a string, not %s",
		         field, node_type_name(v));
		return conv_flatten_visited(c, v);
	}
	return conv_text(c, v);
}

void conv_strlist(struct conv *c, struct node *v, const char *field,
                  bool one_ok, struct strlist *out)
{
	*out = (struct strlist){ 0 };
	if (!v || node_is_null(v) || !conv_visit(c, v))
		return;
	struct arena *a = &c->r->arena;
	if (v->type == NODE_SCALAR) {
		if (!one_ok)
			diag_add(c->d, DIAG_ERROR, v->pos, "`%s` must be a list of strings, not %s",
			         field, node_type_name(v));
		const char *s = conv_text(c, v);
		if (s) {
			out->v = arena_alloc(a, sizeof *out->v);
			out->v[out->n++] = s;
		}
		return;
	}
	bool map = v->type == NODE_MAPPING;
	if (map)
		diag_add(c->d, DIAG_ERROR, v->pos, "`%s` must be a list of strings, not %s",
		         field, node_type_name(v));
	out->v = arena_alloc(a, v->n * sizeof *out->v);
	for (size_t i = 0; i < v->n && !c->over; i++) {
		struct node *item = map ? &v->u.pairs[i].value : &v->u.items[i];
		if (!conv_visit(c, item))
			return;
		if (!map && item->type != NODE_SCALAR)
			diag_add(c->d, DIAG_ERROR, item->pos,
			         "each item of `%s` must be a string, not %s",
			         field, node_type_name(item));
		const char *s = conv_flatten_visited(c, item);
		if (s && map)
			s = arena_printf(a, "%s: %s",
			                 key_label(a, node_text(&v->u.pairs[i].key)), s);
		if (s)
			out->v[out->n++] = s;
	}
}

const char *conv_join(struct conv *c, struct node *v, const char *field,
                      const char *sep)
{
	struct strlist l;
	conv_strlist(c, v, field, false, &l);
	if (!l.n)
		return NULL;
	size_t seplen = strlen(sep), len = 0;
	for (size_t i = 0; i < l.n; i++)
		len += strlen(l.v[i]) + seplen;
	char *out = arena_stralloc(&c->r->arena, len + 1), *p = out;
	for (size_t i = 0; i < l.n; i++) {
		if (i) {
			memcpy(p, sep, seplen);
			p += seplen;
		}
		size_t n = strlen(l.v[i]);
		memcpy(p, l.v[i], n);
		p += n;
	}
	*p = '\0';
	return out;
}

/* "tel:+90-541-999-99-99" (RenderCV's documented form) is the number. */
static const char *strip_tel(const char *s)
{
	if (s && strncmp(s, "tel:", 4) == 0 && s[4])
		return s + 4;
	return s;
}

const char *conv_phone(struct conv *c, struct node *v, const char *field)
{
	if (!v || v->type != NODE_SEQUENCE)
		return strip_tel(conv_str(c, v, field));
	struct strlist l;
	conv_strlist(c, v, field, false, &l);
	const char *out = NULL;
	for (size_t i = 0; i < l.n; i++)
		out = out ? arena_printf(&c->r->arena, "%s, %s", out, strip_tel(l.v[i]))
		          : strip_tel(l.v[i]);
	return out;
}

static bool conv_is(struct conv *c, struct node *v, const char *field,
                    enum node_type type, const char *what)
{
	if (!v || node_is_null(v) || !conv_visit(c, v))
		return false;
	if (v->type == type)
		return true;
	diag_add(c->d, DIAG_ERROR, v->pos, "`%s` must be %s, not %s",
	         field, what, node_type_name(v));
	return false;
}

bool conv_is_map(struct conv *c, struct node *v, const char *field)
{
	return conv_is(c, v, field, NODE_MAPPING, "a mapping");
}

bool conv_is_seq(struct conv *c, struct node *v, const char *field)
{
	return conv_is(c, v, field, NODE_SEQUENCE, "a list");
}

void conv_note_empty(struct conv *c, const struct node *root)
{
	if (c->r->empty_note)
		return;
	c->r->empty_note = "no sections: add `work`, `education` or another section";
	c->r->empty_pos = root->pos;
}

void conv_unknown(struct conv *c, const struct node *key, const char *where)
{
	diag_add(c->d, DIAG_WARNING, key->pos, "unknown key `%s` in %s",
	         key->u.s, where);
}

struct node *conv_items(struct conv *c, struct node *v, const char *field, size_t *n)
{
	*n = 0;
	if (!v || node_is_null(v) || !conv_visit(c, v))
		return NULL;
	if (v->type == NODE_SEQUENCE) {
		*n = v->n;
		return v->u.items;
	}
	diag_add(c->d, DIAG_ERROR, v->pos, "`%s` must be a list, not %s",
	         field, node_type_name(v));
	*n = 1;
	return v;
}

#define MAX_SLOTS 32

static const struct slot *find_slot(const struct entry_spec *spec, const struct node *k)
{
	for (size_t j = 0; j < spec->nslots && j < MAX_SLOTS; j++)
		if (node_is(k, spec->slots[j].key))
			return &spec->slots[j];
	return NULL;
}

void conv_entry(struct conv *c, struct node *m, const struct entry_spec *spec,
                struct entry *e)
{
	bool seen[MAX_SLOTS] = { 0 };
	struct arena *a = &c->r->arena;
	/* at most one field a key: on the stack for all but huge entries,
	 * so the arena keeps only the fields there are */
	struct field local[MAX_SLOTS];
	bool on_stack = m->n <= MAX_SLOTS;
	struct field *fields = on_stack ? local : arena_alloc(a, m->n * sizeof *fields);
	size_t nfields = 0;
	struct date_input date = { .key = spec->date_key },
	                  start = { .key = spec->start_key },
	                  end = { .key = spec->end_key };

	for (size_t i = 0; i < m->n && !c->over; i++) {
		struct node *k = &m->u.pairs[i].key, *v = &m->u.pairs[i].value;
		const struct slot *s = find_slot(spec, k);
		const char *alias = s ? NULL : conv_alias(spec->what, k);
		if (alias) {
			const struct slot *target = NULL;
			for (size_t j = 0; j < spec->nslots && j < MAX_SLOTS; j++)
				if (strcmp(spec->slots[j].key, alias) == 0)
					target = &spec->slots[j];
			/* The real key wins when both are there. */
			if (target && !node_get(m, alias)) {
				diag_add(c->d, DIAG_WARNING, k->pos,
				         "unknown key `%s` in %s: read as `%s`", k->u.s,
				         spec->what, alias);
				s = target;
			}
		}
		if (!s) {
			if (!spec->quiet)
				conv_unknown_near(c, k, spec->what, hint_slot_key, (void *)spec);
			const char *text = conv_flatten(c, v);
			if (text)
				fields[nfields++] = (struct field){
					key_label(a, node_text(k)), text };
			continue;
		}
		seen[s - spec->slots] = !node_is_null(v);
		void *at = (char *)e + s->off;
		const char *str;
		switch (s->kind) {
		case SLOT_STR:
			*(const char **)at = conv_str(c, v, s->key);
			break;
		case SLOT_LIST:
			conv_strlist(c, v, s->key, false, at);
			if (c->r->format == FORMAT_RENDERCV && at == &e->highlights)
				hint_highlights(c, v);
			break;
		case SLOT_JOIN:
			*(const char **)at = conv_join(c, v, s->key, ", ");
			break;
		case SLOT_DATE:
			date = (struct date_input){ s->key, conv_str(c, v, s->key), v->pos };
			break;
		case SLOT_START:
			start = (struct date_input){ s->key, conv_str(c, v, s->key), v->pos };
			break;
		case SLOT_END:
			end = (struct date_input){ s->key, conv_str(c, v, s->key), v->pos };
			break;
		case SLOT_FIELD:
		case SLOT_FIELD_LIST:
			str = s->kind == SLOT_FIELD ? conv_str(c, v, s->key)
			                            : conv_join(c, v, s->key, ", ");
			if (str)
				fields[nfields++] = (struct field){ s->label, str };
			break;
		case SLOT_SKIP:
			conv_visit(c, v);
			break;
		}
	}
	if (c->over)
		return;
	for (size_t j = 0; j < spec->nslots && j < MAX_SLOTS; j++)
		if (spec->slots[j].required && !seen[j])
			diag_add(c->d, DIAG_ERROR, e->pos, "%s needs `%s`",
			         spec->what, spec->slots[j].key);
	e->dates = date_display(a, c->d, &c->r->locale, &date, &start, &end);
	e->date = date.text;
	e->start_date = start.text;
	e->end_date = end.text;
	/* An entry of no known type names itself by its first field, so that
	 * every output has a title to show it under. */
	if (spec->quiet && !e->title && !e->subtitle && nfields) {
		e->title = arena_printf(a, "%s: %s", fields[0].label, fields[0].value);
		fields++;
		nfields--;
	}
	if (nfields && on_stack) {
		struct field *kept = arena_alloc(a, nfields * sizeof *fields);
		memcpy(kept, fields, nfields * sizeof *fields);
		fields = kept;
	}
	if (nfields) {
		e->fields = fields;
		e->nfields = nfields;
	}
	if (e->doi && *e->doi && !(e->url && *e->url))
		conv_doi_url(c, e);
}

void conv_doi_url(struct conv *c, struct entry *e)
{
	e->url = arena_printf(&c->r->arena, "https://doi.org/%s", e->doi);
}

void conv_profiles(struct conv *c, struct node *items, size_t n, const char *field,
                   void (*one)(struct conv *c, struct node *m, struct profile *p))
{
	struct header *h = &c->r->header;
	struct profile *old = h->profiles;
	h->profiles = arena_calloc(&c->r->arena, h->nprofiles + n, sizeof *old);
	if (h->nprofiles)
		memcpy(h->profiles, old, h->nprofiles * sizeof *old);
	for (size_t i = 0; i < n && !c->over; i++) {
		struct node *m = &items[i];
		if (!conv_visit(c, m))
			return;
		struct profile p = { 0 };
		if (m->type != NODE_MAPPING) {
			diag_add(c->d, DIAG_ERROR, m->pos, "each item of `%s` must be a mapping, not %s",
			         field, node_type_name(m));
			p.username = conv_flatten_visited(c, m);
		} else {
			one(c, m, &p);
		}
		if (p.network || p.username || p.url)
			h->profiles[h->nprofiles++] = p;
	}
}
