#pragma once
/*
 * Hints the loaders add to their messages, so that an author who does not
 * know YAML or RenderCV is told the fix: "did you mean" for keys, the
 * padded form of a date, a username given as a link, a highlight that
 * RenderCV splits at " - ". The YAML syntax errors have their own module
 * (yaml_hint.h).
 */
#include <stdbool.h>
#include <stddef.h>
#include "conv.h"
#include "suggest.h"

/* conv_unknown() with "did you mean `x`?" when a name from name_at is
 * near key. */
void conv_unknown_near(struct conv *c, const struct node *key, const char *where,
                       name_at_fn name_at, void *ctx);
/* The keys of an entry type (ctx: its const struct entry_spec *). */
const char *hint_slot_key(size_t i, void *ctx);

/*
 * For a date key that is not YYYY[-MM[-DD]]: the fix, such as "write
 * `2020-09`" for `2020-9` or "write `2020-09`, or put free text in
 * `date` instead" for `Sept 2020`, in buf (empty when there is none to
 * give). free_key names the free-text key (NULL: the entry has none).
 * Month names are read in l's language and in English.
 */
const char *hint_date(const char *text, const struct locale *l, const char *free_key,
                      char *buf, size_t size);

/*
 * A username given as the network's own link (`https://github.com/jdoe`,
 * `github.com/jdoe/`) or with a leading `@` where the network does not
 * take one: warns at v, with the fix, and returns the bare name (in the
 * résumé's arena); otherwise returns u. prefix is the network's link
 * prefix, name its name. A link elsewhere is kept as the link: *link is
 * set to it (NULL otherwise).
 */
const char *hint_username(struct conv *c, const struct node *v, const char *u,
                          const char *name, const char *prefix, const char **link);

/* Warns at each highlight of the list v that RenderCV splits into
 * sub-bullets at " - ", and says how to keep it whole. */
void hint_highlights(struct conv *c, const struct node *v);

/* An unknown top-level key of a RenderCV file: a key of `cv` written at
 * the top level is told to move under `cv:`; others get "did you mean". */
void hint_top_key(struct conv *c, const struct node *k, name_at_fn cv_key_at,
                  name_at_fn top_key_at);

/* Sets c->r->empty_note (and its position) to why a RenderCV file read
 * into no sections: `sections` misspelt, at the top level, empty, or
 * missing. */
void hint_empty(struct conv *c, const struct node *root, const char *sections,
                name_at_fn cv_key_at);
