#include "hint.h"

#include <stdio.h>
#include <string.h>

void conv_unknown_near(struct conv *c, const struct node *key, const char *where,
                       name_at_fn name_at, void *ctx)
{
	const char *near = key->type == NODE_SCALAR ? suggest(key->u.s, name_at, ctx) : NULL;
	if (!near) {
		conv_unknown(c, key, where);
		return;
	}
	diag_add(c->d, DIAG_WARNING, key->pos, "unknown key `%s` in %s: did you mean `%s`?",
	         key->u.s, where, near);
}

const char *hint_slot_key(size_t i, void *ctx)
{
	const struct entry_spec *spec = ctx;
	return i < spec->nslots ? spec->slots[i].key : NULL;
}

/* ---- dates -------------------------------------------------------------- */

static char lower(char c)
{
	return c >= 'A' && c <= 'Z' ? (char)(c - 'A' + 'a') : c;
}

/* Whether the n bytes at w start month name m (ASCII case ignored), with
 * at least 3 letters or all of it. */
static bool month_word(const char *w, size_t n, const char *m)
{
	size_t ml = strlen(m);
	if (n > ml || (n < 3 && n < ml))
		return false;
	for (size_t i = 0; i < n; i++)
		if (lower(w[i]) != lower(m[i]))
			return false;
	return true;
}

static int month_of(const char *w, size_t n, const struct locale *l)
{
	const struct locale *langs[] = { l, &locale_table[0] };
	for (size_t k = 0; k < 2; k++)
		for (int m = 0; m < 12; m++)
			if (month_word(w, n, langs[k]->month_names[m]) ||
			    month_word(w, n, langs[k]->month_abbreviations[m]))
				return m + 1;
	return 0;
}

static bool digits(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (s[i] < '0' || s[i] > '9')
			return false;
	return n > 0;
}

const char *hint_date(const char *text, const struct locale *l, const char *free_key,
                      char *buf, size_t size)
{
	buf[0] = '\0';
	char free_text[80] = "";
	if (free_key)
		snprintf(free_text, sizeof free_text, ", or put free text in `%s` instead",
		         free_key);
	/* 2020-9, 2020-9-1, 2020/09, 2020.09 */
	unsigned y, m, d = 0;
	char sep, sep2, end;
	int n = sscanf(text, "%4u%c%2u%c%2u%c", &y, &sep, &m, &sep2, &d, &end);
	if (strlen(text) >= 6 && digits(text, 4) && (n == 3 || n == 5) &&
	    (sep == '-' || sep == '/' || sep == '.') && (n == 3 || sep2 == sep) &&
	    m >= 1 && m <= 12 && d <= 31) {
		if (n == 5)
			snprintf(buf, size, "write `%04u-%02u-%02u`", y, m, d);
		else
			snprintf(buf, size, "write `%04u-%02u`", y, m);
		return buf;
	}
	/* Sept 2020, September 2020, sep. 2020 */
	const char *p = text;
	size_t wl = 0;
	while (p[wl] && p[wl] != ' ' && p[wl] != '.' && p[wl] != ',')
		wl++;
	int month = wl ? month_of(p, wl, l) : 0;
	const char *yp = p + wl;
	while (*yp == ' ' || *yp == '.' || *yp == ',')
		yp++;
	if (month && digits(yp, strlen(yp)) && strlen(yp) == 4) {
		snprintf(buf, size, "write `%s-%02d`%s", yp, month, free_text);
		return buf;
	}
	for (const char *q = text; *q; q++)
		if ((*q >= 'a' && *q <= 'z') || (*q >= 'A' && *q <= 'Z') || (unsigned char)*q >= 0x80) {
			if (free_key)
				snprintf(buf, size, "put free text such as this in `%s` instead",
				         free_key);
			return buf;
		}
	return buf;
}

/* ---- usernames ---------------------------------------------------------- */

static const char *skip(const char *s, const char *prefix)
{
	size_t n = strlen(prefix);
	for (size_t i = 0; i < n; i++)
		if (lower(s[i]) != lower(prefix[i]))
			return NULL;
	return s + n;
}

const char *hint_username(struct conv *c, const struct node *v, const char *u,
                          const char *name, const char *prefix, const char **link)
{
	*link = NULL;
	const char *rest = u, *p;
	if ((p = skip(rest, "https://")) || (p = skip(rest, "http://")))
		rest = p;
	if ((p = skip(rest, "www.")))
		rest = p;
	const char *host = prefix;
	if ((p = skip(host, "https://")))
		host = p;
	/* github.com/jdoe, and linkedin.com/jdoe for linkedin.com/in/ */
	const char *bare = skip(rest, host);
	if (!bare && rest != u) {
		diag_add(c->d, DIAG_WARNING, v->pos, "`username` is a link, not a %s "
		         "username: RenderCV makes the link `%s…` itself; write the "
		         "name alone", name, prefix);
		*link = u;
		return u;
	}
	if (bare) {
		size_t n = strcspn(bare, "/?#");
		const char *fixed = arena_printf(&c->r->arena, "%.*s", (int)n, bare);
		if (!*fixed)
			return u;
		diag_add(c->d, DIAG_WARNING, v->pos, "`username` is a link: RenderCV "
		         "makes it from the name alone; write `username: %s`", fixed);
		return fixed;
	}
	if (u[0] == '@' && u[1]) {
		diag_add(c->d, DIAG_WARNING, v->pos, "a %s username has no `@`: "
		         "write `username: %s`", name, u + 1);
		return u + 1;
	}
	return u;
}

/* ---- highlights --------------------------------------------------------- */

void hint_highlights(struct conv *c, const struct node *v)
{
	if (!v || v->type != NODE_SEQUENCE)
		return;
	for (size_t i = 0; i < v->n; i++) {
		const struct node *h = &v->u.items[i];
		/* Written over several lines, " - " is how RenderCV's own
		 * example nests bullets: the author meant it. */
		if (h->type != NODE_SCALAR || (h->flags & (NODE_RAW | NODE_MULTILINE)) || !h->n)
			continue;
		const char *s = h->u.s, *dash = strstr(s, " - ");
		if (!dash)
			continue;
		struct pos at = h->pos;
		/* On one line, the column of the dash itself. */
		if (!memchr(s, '\n', (size_t)(dash - s)) && h->style != STYLE_LITERAL &&
		    h->style != STYLE_FOLDED) {
			unsigned col = at.col + (h->style != STYLE_PLAIN);
			for (const char *q = s; q <= dash; q++)
				if (((unsigned char)*q & 0xC0) != 0x80)
					col++;
			at.col = col;
		}
		diag_add(c->d, DIAG_WARNING, at, "` - ` inside a highlight starts a "
		         "sub-bullet (RenderCV's rule); to keep one bullet, write "
		         "`–` or `--` instead of `-`");
	}
}

/* ---- an empty résumé ---------------------------------------------------- */

static bool is_name(const struct node *k, name_at_fn name_at)
{
	const char *name;
	for (size_t i = 0; (name = name_at(i, NULL)); i++)
		if (node_is(k, name))
			return true;
	return false;
}

void hint_top_key(struct conv *c, const struct node *k, name_at_fn cv_key_at,
                  name_at_fn top_key_at)
{
	if (is_name(k, cv_key_at))
		diag_add(c->d, DIAG_WARNING, k->pos, "`%s` belongs under `cv:`, not at the "
		         "top level: indent it, and all below it, by two spaces", k->u.s);
	else
		conv_unknown_near(c, k, "the top level", top_key_at, NULL);
}

void hint_empty(struct conv *c, const struct node *root, const char *sections,
                name_at_fn cv_key_at)
{
	struct resume *r = c->r;
	const struct node *cv = node_get(root, "cv");
	r->empty_pos = root->pos;
	const struct node *top = node_get(root, sections);
	if (top) {
		/* node_get gives the value: find its key for the position. */
		for (size_t i = 0; i < root->n; i++)
			if (&root->u.pairs[i].value == top)
				r->empty_pos = root->u.pairs[i].key.pos;
		r->empty_note = arena_printf(&r->arena, "no sections: `%s` is at the top "
		                             "level; indent it by two spaces to put it under `cv:`",
		                             sections);
		return;
	}
	if (!cv || cv->type != NODE_MAPPING) {
		r->empty_note = "no sections: `cv:` is empty; put `name:` and `sections:` "
		                "under it, indented by two spaces";
		return;
	}
	for (size_t i = 0; i < root->n; i++)
		if (node_is(&root->u.pairs[i].key, "cv"))
			r->empty_pos = root->u.pairs[i].key.pos;
	for (size_t i = 0; i < cv->n; i++) {
		const struct node *k = &cv->u.pairs[i].key, *v = &cv->u.pairs[i].value;
		if (node_is(k, sections)) {
			r->empty_pos = k->pos;
			r->empty_note = node_is_null(v) || v->n == 0
				? "no sections: `sections:` has nothing under it"
				: "no sections: every section under `sections:` is empty";
			return;
		}
		const char *near = k->type == NODE_SCALAR ? suggest(k->u.s, cv_key_at, NULL) : NULL;
		if (near && strcmp(near, sections) == 0) {
			/* The note goes into the model: the key's sanitised text,
			 * never its raw bytes. */
			const char *text = node_text(k);
			r->empty_pos = k->pos;
			r->empty_note = arena_printf(&r->arena, "no sections: `cv` has `%s`: "
			                             "did you mean `%s`?", text ? text : "", sections);
			return;
		}
	}
	r->empty_note = "no sections: add `sections:` under `cv:` (see vitae(5), "
	                "\"Writing your first résumé\")";
}
