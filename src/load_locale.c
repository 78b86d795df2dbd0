#include "load_locale.h"

#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "date.h"

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
		const char *span = l->time_span;
		*l = *found;
		l->single_date = single;
		l->date_range = range;
		l->time_span = span;
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
	if ((v = node_get(t, "time_span")))
		word(c, v, "time_span", &c->r->locale.time_span);
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

/* settings.current_date: a YYYY-MM-DD date, or "today" (the default). */
static struct date current_date(struct conv *c, struct node *root)
{
	struct node *set = node_get(root, "settings");
	struct node *v = set && set->type == NODE_MAPPING ? node_get(set, "current_date") : NULL;
	const char *s = v ? conv_str(c, v, "current_date") : NULL;
	struct date d;
	if (s && strcmp(s, "today") != 0) {
		if (date_parse(s, &d) == DATE_OK && !d.present && d.day)
			return d;
		diag_add(c->d, DIAG_ERROR, v->pos, "`current_date` must be a date "
		         "YYYY-MM-DD or `today`, not `%s`", s);
	}
	return date_today();
}

/* RenderCV's snake_case_title, in place: lower case, spaces as
 * underscores. */
static char *snake(char *s)
{
	for (char *p = s; *p; p++)
		*p = *p == ' ' ? '_' : *p >= 'A' && *p <= 'Z' ? (char)(*p - 'A' + 'a') : *p;
	return s;
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

static void section_spans(struct conv *c, struct section *s, const struct date *today)
{
	for (size_t i = 0; i < s->nentries; i++) {
		struct entry *e = &s->entries[i];
		struct date start, end = { .present = true };
		/* a `date` wins, and an end alone is a single date: no span */
		if (!e->dates || e->date || !e->start_date ||
		    date_parse(e->start_date, &start) != DATE_OK || start.present ||
		    (e->end_date && date_parse(e->end_date, &end) != DATE_OK))
			continue;
		char buf[DATE_BUF];
		const char *span = date_span(&start, &end, today, &c->r->locale, buf);
		if (span && *span)
			e->time_span = arena_strdup(&c->r->arena, span);
	}
}

void load_time_spans(struct conv *c, struct node *root)
{
	struct node *design = node_get(root, "design"), *v;
	bool is_map = design && design->type == NODE_MAPPING;
	struct strlist in = { 0 };
	/* RenderCV 1.x: design.show_timespan_in, section titles as shown
	 * ("Experience"), none by default. */
	bool v1 = node_get(root, "locale_catalog") || node_get(root, "rendercv_settings") ||
	          (is_map && node_get(design, "show_timespan_in"));
	if (v1) {
		if (is_map && (v = node_get(design, "show_timespan_in")))
			conv_strlist(c, v, "show_timespan_in", false, &in);
	} else {
		/* 2.x: the classic theme, the default, shows them in
		 * `experience`; its other themes nowhere. */
		static const char *experience[] = { "experience" };
		const char *theme = is_map && (v = node_get(design, "theme"))
		                    ? conv_str(c, v, "theme") : NULL;
		if (!theme || strcmp(theme, "classic") == 0)
			in = (struct strlist){ experience, 1 };
		struct node *sec = is_map ? node_get(design, "sections") : NULL;
		if (sec && sec->type == NODE_MAPPING && (v = node_get(sec, "show_time_spans_in")))
			conv_strlist(c, v, "show_time_spans_in", false, &in);
	}
	if (!in.n)
		return;
	/* sorted, and searched once a section: a long list and many
	 * sections stay fast */
	const char **names = arena_alloc(&c->r->arena, in.n * sizeof *names);
	for (size_t j = 0; j < in.n; j++)
		names[j] = v1 ? in.v[j] : snake(arena_strdup(&c->r->arena, in.v[j]));
	qsort(names, in.n, sizeof *names, cmp_str);
	struct date today = current_date(c, root);
	for (size_t i = 0; i < c->r->nsections; i++) {
		struct section *s = &c->r->sections[i];
		const char *name = v1 ? s->title : s->key ? snake(arena_strdup(&c->r->arena, s->key)) : NULL;
		if (name && bsearch(&name, names, in.n, sizeof *names, cmp_str))
			section_spans(c, s, &today);
	}
}
