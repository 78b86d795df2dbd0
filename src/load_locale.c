#include "load_locale.h"

#include <stddef.h>

#include "hint.h"

/* The languages by name, for "did you mean". */
static const char *language_at(size_t i, void *ctx)
{
	(void)ctx;
	return i < locale_count ? locale_table[i].language : NULL;
}

static void months(struct conv *c, struct node *v, const char *key, const char *out[12])
{
	struct strlist l;
	conv_strlist(c, v, key, false, &l);
	if (!l.n && node_is_null(v))
		return;
	if (l.n != 12) {
		diag_add(c->d, DIAG_ERROR, v->pos, "`%s` needs 12 names, January to "
		         "December, not %zu", key, l.n);
		return;
	}
	for (size_t i = 0; i < 12; i++)
		out[i] = l.v[i];
}

static void word(struct conv *c, struct node *v, const char *key, const char **out)
{
	const char *s = conv_str(c, v, key);
	if (s)
		*out = s;
}

static void set_language(struct conv *c, struct node *v)
{
	const char *name = conv_str(c, v, "language");
	if (!name)
		return;
	const struct locale *found = locale_find(name);
	if (found) {
		struct locale *l = &c->r->locale;
		const char *single = l->single_date, *range = l->date_range;
		*l = *found;
		l->single_date = single;
		l->date_range = range;
		return;
	}
	const char *near = suggest(name, language_at, NULL);
	if (near)
		diag_add(c->d, DIAG_ERROR, v->pos, "unknown language `%s`: did you mean `%s`?",
		         name, near);
	else
		diag_add(c->d, DIAG_ERROR, v->pos, "unknown language `%s` (RenderCV's are "
		         "english, german, spanish, french, japanese, … in lower case; "
		         "see vitae(5))", name);
}

/* Keys of `locale` (2.x) and `locale_catalog` (1.x): one table, both
 * names of a field pointing at the same place. */
enum what { W_LANG, W_NAMES, W_ABBR, W_WORD, W_PHRASES, W_TO, W_TEMPLATE, W_SKIP };
static const struct locale_key {
	const char *key;
	enum what what;
	size_t off;                 /* W_WORD: offsetof(struct locale, ...) */
} locale_keys[] = {
	{ .key = "language", .what = W_LANG },
	{ .key = "month_names", .what = W_NAMES },
	{ .key = "full_names_of_months", .what = W_NAMES },
	{ .key = "month_abbreviations", .what = W_ABBR },
	{ .key = "abbreviations_for_months", .what = W_ABBR },
	{ .key = "present", .what = W_WORD, .off = offsetof(struct locale, present) },
	{ .key = "year", .what = W_WORD, .off = offsetof(struct locale, year) },
	{ .key = "years", .what = W_WORD, .off = offsetof(struct locale, years) },
	{ .key = "month", .what = W_WORD, .off = offsetof(struct locale, month) },
	{ .key = "months", .what = W_WORD, .off = offsetof(struct locale, months) },
	{ .key = "phrases", .what = W_PHRASES },
	{ .key = "to", .what = W_TO },
	{ .key = "date_template", .what = W_TEMPLATE },
	{ .key = "date_style", .what = W_TEMPLATE },
	{ .key = "last_updated", .what = W_SKIP },
	{ .key = "phone_number_format", .what = W_SKIP },
	{ .key = "page_numbering_template", .what = W_SKIP },
	{ .key = "page_numbering_style", .what = W_SKIP },
	{ .key = "last_updated_date_template", .what = W_SKIP },
	{ .key = "last_updated_date_style", .what = W_SKIP },
};
#define NKEYS (sizeof locale_keys / sizeof locale_keys[0])

static const char *locale_key_at(size_t i, void *ctx)
{
	(void)ctx;
	return i < NKEYS ? locale_keys[i].key : NULL;
}

static void read_phrases(struct conv *c, struct node *v)
{
	if (!conv_is_map(c, v, "phrases"))
		return;
	for (size_t i = 0; i < v->n; i++) {
		struct node *k = &v->u.pairs[i].key;
		if (node_is(k, "degree_with_area"))
			word(c, &v->u.pairs[i].value, "degree_with_area",
			     &c->r->locale.degree_with_area);
		else
			conv_unknown(c, k, "`phrases`");
	}
}

static void read_locale(struct conv *c, struct node *m, const char *where)
{
	struct locale *l = &c->r->locale;
	/* The language first, wherever it is: the overrides change it. */
	struct node *lang = node_get(m, "language");
	if (lang)
		set_language(c, lang);
	for (size_t i = 0; i < m->n && !c->over; i++) {
		struct node *k = &m->u.pairs[i].key, *v = &m->u.pairs[i].value;
		const struct locale_key *lk = NULL;
		for (size_t j = 0; j < NKEYS; j++)
			if (node_is(k, locale_keys[j].key))
				lk = &locale_keys[j];
		if (!lk) {
			conv_unknown_near(c, k, where, locale_key_at, NULL);
			continue;
		}
		switch (lk->what) {
		case W_LANG:
		case W_SKIP:
			break;
		case W_NAMES:
			months(c, v, lk->key, l->month_names);
			break;
		case W_ABBR:
			months(c, v, lk->key, l->month_abbreviations);
			break;
		case W_WORD:
			word(c, v, lk->key, (const char **)((char *)l + lk->off));
			break;
		case W_PHRASES:
			read_phrases(c, v);
			break;
		case W_TO: {
			const char *to = conv_str(c, v, "to");
			if (to)
				l->date_range = arena_printf(&c->r->arena, "START_DATE %s END_DATE", to);
			break;
		}
		case W_TEMPLATE:
			word(c, v, lk->key, &l->single_date);
			break;
		}
	}
}

static void read_design(struct conv *c, struct node *design)
{
	struct node *t = design->type == NODE_MAPPING ? node_get(design, "templates") : NULL;
	if (!t || t->type != NODE_MAPPING)
		return;
	struct node *v;
	if ((v = node_get(t, "single_date")))
		word(c, v, "single_date", &c->r->locale.single_date);
	if ((v = node_get(t, "date_range")))
		word(c, v, "date_range", &c->r->locale.date_range);
}

void load_locale(struct conv *c, struct node *root)
{
	struct node *v;
	if ((v = node_get(root, "locale_catalog")) && conv_is_map(c, v, "locale_catalog"))
		read_locale(c, v, "`locale_catalog`");
	if ((v = node_get(root, "locale")) && conv_is_map(c, v, "locale"))
		read_locale(c, v, "`locale`");
	if ((v = node_get(root, "design")))
		read_design(c, v);
}
