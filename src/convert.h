#pragma once
/*
 * What the two converters share: the model written back through the
 * loaders' own tables (loaders.h), the dates of each format, and where a
 * section of one format goes in the other. print_json.c and print_yaml.c
 * hold only the layout of their document.
 */
#include <stdbool.h>

#include "emit.h"
#include "model.h"
#include "loaders.h"

enum convert_to {
	TO_JSONRESUME,
	TO_RENDERCV,
};

/*
 * Writes the keys of one entry as spec reads them (spec's slots read
 * backwards), into the mapping open in em. The key a field is written
 * under is the first slot that reads it; fields no slot reads go under a
 * key made from their label ("Score" -> score). name, when not NULL,
 * replaces what is written for the title (a RenderCV section of normal
 * entries made from entries without one).
 */
void convert_entry(struct emit *em, const struct entry_spec *spec,
                   const struct entry *e, enum convert_to to,
                   const struct resume *r, const char *name);

/* The RenderCV type a section is written as: its own, unless an entry
 * lacks what that type requires (then normal entries), or a section of
 * normal entries that all have a subtitle (then experience entries,
 * whose position holds it). */
enum entry_kind convert_rendercv_kind(const struct section *s);
/* A RenderCV section's entries, as a list, into em. */
void convert_rendercv_entries(struct emit *em, const struct resume *r,
                              const struct section *s);

/*
 * The formats JSON Resume's schema checks (format "uri", "email"), so
 * that a value written as vitae keeps it (a url without a scheme, an
 * email without @) can go where the schema does not check it.
 * convert_is_uri: RFC 3986's absolute URI (scheme ":" then only the
 * characters a URI may hold, % followed by two hex digits, at most one
 * #, a port of digits); brackets (IPv6 hosts) are refused, to be safe.
 * convert_is_email: text, one @, text, and no blank or control character.
 */
bool convert_is_uri(const char *s);
bool convert_is_email(const char *s);

/*
 * Mapping keys that must differ (sections with equal titles): the key as
 * it is the first time, then "KEY 2", "KEY 3", ... not already used.
 * The returned key lives until convert_keys_free().
 */
struct convert_keys {
	char **v;
	size_t n, cap;
};
const char *convert_key_unique(struct convert_keys *k, const char *key);
void convert_keys_free(struct convert_keys *k);

/*
 * The JSON Resume section s goes to, or NULL: then *summary tells whether
 * it is the summary (basics.summary), else it goes under meta. A section
 * named like a JSON Resume section of its type goes there; otherwise
 * experience -> work, education, publications, normal -> projects,
 * one-line -> skills. Several sections may go to one.
 */
const struct jr_section *convert_jsonresume_place(const struct section *s,
                                                  bool *summary);
