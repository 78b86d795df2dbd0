#pragma once
/*
 * Shared by the loader's tests (test_load.c, test_load_errors.c): loading
 * inline YAML, messages as "LINE:COL: level: text", and a check that
 * every string in a model is sanitised.
 */
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include "t.h"
#include "load.h"
#include "model.h"
#include "utf8.h"

#define DASH "\xE2\x80\x93"         /* U+2013 EN DASH */
#define REPL "\xEF\xBF\xBD"         /* U+FFFD */

/* The limits every load uses; tests change and restore them. */
static struct load_limits lim;

static inline struct resume *load_n(const char *buf, size_t len, struct diag *d)
{
	diag_init(d, "t.yaml");
	return load_buffer(buf, len, &lim, d);
}

static inline struct resume *load(const char *yaml, struct diag *d)
{
	return load_n(yaml, strlen(yaml), d);
}

/* Message i as "LINE:COL: level: text", "(none)" when there is none. */
static inline const char *msg(const struct diag *d, size_t i)
{
	static char buf[2][1024];
	if (i >= d->n)
		return "(none)";
	const struct diag_msg *m = &d->v[i];
	snprintf(buf[i % 2], sizeof buf[0], "%u:%u: %s: %s", m->pos.line, m->pos.col,
	         m->level == DIAG_ERROR ? "error" : "warning", m->text);
	return buf[i % 2];
}

/* Loading must fail, and its first message is want. */
#define EXPECT_ERROR(yaml, want) do { \
	struct diag d_; \
	struct resume *r_ = load((yaml), &d_); \
	CHECK(r_ == NULL); \
	CHECK(d_.nerrors > 0); \
	CHECK_STR(msg(&d_, 0), (want)); \
	resume_free(r_); \
	diag_free(&d_); \
} while (0)

/* Loading must succeed with exactly one message, want. */
#define EXPECT_WARNING(yaml, want) do { \
	struct diag d_; \
	struct resume *r_ = load((yaml), &d_); \
	CHECK(r_ != NULL); \
	CHECK_INT(d_.n, 1); \
	CHECK_STR(msg(&d_, 0), (want)); \
	resume_free(r_); \
	diag_free(&d_); \
} while (0)

static inline bool safe(const char *s)
{
	return !s || (*s && text_is_safe(s, strlen(s)));
}

static inline bool list_safe(struct strlist l)
{
	for (size_t i = 0; i < l.n; i++)
		if (!l.v[i] || !safe(l.v[i]))
			return false;
	return true;
}

/* Every string in the model is sanitised and none is empty. */
static inline bool resume_safe(const struct resume *r)
{
	const struct header *h = &r->header;
	bool ok = safe(h->name) && safe(h->headline) && safe(h->location) &&
	          safe(h->phone) && safe(h->photo) && list_safe(h->emails) &&
	          list_safe(h->websites);
	for (size_t i = 0; i < h->nprofiles; i++)
		ok = ok && safe(h->profiles[i].network) && safe(h->profiles[i].username) &&
		     safe(h->profiles[i].url);
	for (size_t i = 0; i < r->nsections; i++) {
		const struct section *s = &r->sections[i];
		ok = ok && safe(s->title) && safe(s->key);
		for (size_t j = 0; j < s->nentries; j++) {
			const struct entry *e = &s->entries[j];
			ok = ok && safe(e->title) && safe(e->subtitle) && safe(e->degree) &&
			     safe(e->location) && safe(e->dates) && safe(e->summary) &&
			     safe(e->venue) && safe(e->url) && safe(e->doi) &&
			     list_safe(e->highlights) && list_safe(e->technologies) &&
			     list_safe(e->authors);
			for (size_t k = 0; k < e->nfields; k++)
				ok = ok && safe(e->fields[k].label) && safe(e->fields[k].value);
		}
	}
	return ok;
}

static inline const struct section *find_section(const struct resume *r, const char *key)
{
	for (size_t i = 0; r && i < r->nsections; i++)
		if (r->sections[i].key && strcmp(r->sections[i].key, key) == 0)
			return &r->sections[i];
	return NULL;
}

static inline const char *field(const struct entry *e, const char *label)
{
	for (size_t i = 0; i < e->nfields; i++)
		if (strcmp(e->fields[i].label, label) == 0)
			return e->fields[i].value;
	return NULL;
}
