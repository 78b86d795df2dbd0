#pragma once
/*
 * Reading the node tree (node.h) into the résumé model: the helpers both
 * format loaders are written with (conv.c, load_extra.c, hint.c), and the
 * tables that describe an entry type. The loaders (loaders.h) use these;
 * nothing here calls a loader, so load.c -> loaders -> conv runs one way.
 */
#include <stdbool.h>
#include <stddef.h>
#include "diag.h"
#include "model.h"
#include "node.h"

/* One conversion: where to put things, where to complain, what is left. */
struct conv {
	struct resume *r;
	struct diag *d;
	size_t nodes;           /* visited so far ... */
	size_t max_nodes;       /* ... and the limit (load_limits.max_nodes) */
	size_t max_mem;         /* limit on r->arena.used */
	size_t text;            /* scalar bytes read, aliases counted each use ... */
	size_t max_text;        /* ... and the limit: shared text still costs
	                           its size in every output and layout */
	size_t input;           /* the input's size, for messages */
	bool over;              /* a limit was hit and reported: stop */
	bool unreadable;        /* no résumé to show (`cv` is not a mapping) */
	size_t sections_cap;    /* room in r->sections (conv_new_section) */
	bool html;              /* strings may hold HTML (html.h): JSON Resume */
};

/* A scalar's text as the résumé keeps it (node_text, and the HTML subset
 * turned into markup when c->html), NULL when there is none. */
const char *conv_text(struct conv *c, struct node *n);

/* Counts n as visited. False (after reporting once) when a limit is hit;
 * the loaders then return at once. */
bool conv_visit(struct conv *c, const struct node *n);

/*
 * Forgiving: every reader below reports what is wrong (an error, so
 * --check fails) and still keeps what was written, so that a viewer
 * shows it (load.h, lenient).
 *
 * A string field: the sanitised text with surrounding white space
 * trimmed, or NULL when v is NULL, null or empty. Reports "`field` must
 * be a string, not a list" when v is not a scalar, and returns it
 * flattened (conv_flatten).
 */
const char *conv_str(struct conv *c, struct node *v, const char *field);
/* A list of strings into *out (NULL items skipped). With one_ok, a single
 * string is taken as a list of one (RenderCV's email, website); without,
 * it is too, after an error. A mapping gives one "Label: value" item a
 * pair, an item that is not a string its flattened text. */
void conv_strlist(struct conv *c, struct node *v, const char *field,
                  bool one_ok, struct strlist *out);
/* The strings of a list joined with sep, or NULL when there are none. */
const char *conv_join(struct conv *c, struct node *v, const char *field,
                      const char *sep);
/* A phone number, or RenderCV's list of them joined with ", ", each
 * without a "tel:" in front. */
const char *conv_phone(struct conv *c, struct node *v, const char *field);
/* True when v is a mapping; otherwise, unless v is null, reports that
 * `field` must be a mapping. */
bool conv_is_map(struct conv *c, struct node *v, const char *field);
/* Same for a list. */
bool conv_is_seq(struct conv *c, struct node *v, const char *field);
/* Warns "unknown key `k` in WHERE" at the key. */
void conv_unknown(struct conv *c, const struct node *key, const char *where);
/* Notes (resume.empty_note, empty_pos) that the résumé has no sections of
 * its own, unless a more precise note was made; --check makes it an error,
 * the outputs show it when nothing else is there. */
void conv_note_empty(struct conv *c, const struct node *root);
/* The items of a list of entries: a list's own, or (after an error saying
 * `field` must be a list) v itself as the only item. NULL, 0 when v is
 * null or absent. */
struct node *conv_items(struct conv *c, struct node *v, const char *field, size_t *n);

/* Appends to the header's profiles one for each of items[0..n) (the list
 * `field`), a mapping read by one() into a zeroed profile; one with a
 * network, username or url is kept. An item that is not a mapping is an
 * error, and its text is kept as a username. */
void conv_profiles(struct conv *c, struct node *items, size_t n, const char *field,
                   void (*one)(struct conv *c, struct node *m, struct profile *p));

/* ---- what the loaders do not know (load_extra.c) ---------------------- */

struct entry_spec;

/* The known key that `key` is a common variant of where `in` says
 * (an entry_spec's `what`, or "JSON Resume" for its top level), or NULL. */
const char *conv_alias(const char *in, const struct node *key);
/* A label from a key as written: "sideProjects" -> "Side Projects",
 * "custom_stuff" -> "Custom Stuff"; a key with a space is kept. In a. */
const char *key_label(struct arena *a, const char *key);
/* Any value as one line of text: a scalar's text, a list's items joined
 * with ", ", a mapping's pairs as "Label: value" joined with "; ".
 * NULL when there is no text in it. Every node is visited (conv_visit). */
const char *conv_flatten(struct conv *c, struct node *v);
/* The same for a v already visited: only what is inside it is counted. */
const char *conv_flatten_visited(struct conv *c, struct node *v);
/* A new, zeroed section at the end of c->r->sections, which grows. */
struct section *conv_new_section(struct conv *c);
/* An unknown key's value as a section of its own, titled title or from
 * the key: a list's mappings read with spec (unknown keys shown as
 * fields, not warned about: the section was), other items as text; a
 * mapping's pairs as "Label: value" lines; a scalar as one text. */
void conv_extra_section(struct conv *c, struct node *key, struct node *v,
                        const char *title, const struct entry_spec *spec);

/*
 * Table-driven entries. Each loader describes an entry type as a list of
 * keys and where each goes; conv_entry() reads one mapping with it.
 */
enum slot_kind {
	SLOT_STR,               /* string into the const char * at .off */
	SLOT_LIST,              /* list of strings into the strlist at .off */
	SLOT_JOIN,              /* list of strings joined by ", " into .off */
	SLOT_DATE,              /* free-text date (wins over start/end) */
	SLOT_START,             /* exact start date */
	SLOT_END,               /* exact end date or "present" */
	SLOT_FIELD,             /* string shown as a labelled extra field */
	SLOT_FIELD_LIST,        /* list joined by ", " as a labelled field */
	SLOT_SKIP,              /* known and accepted, not shown */
};

struct slot {
	const char *key;
	enum slot_kind kind;
	size_t off;             /* offsetof(struct entry, ...) */
	const char *label;      /* SLOT_FIELD*: "Score" */
	bool required;          /* an error when absent or null */
};

/* A slot of each kind, for both loaders' tables. */
#define STR_SLOT(k, field) { .key = k, .kind = SLOT_STR, .off = offsetof(struct entry, field) }
#define REQ_SLOT(k, field) { .key = k, .kind = SLOT_STR, \
	.off = offsetof(struct entry, field), .required = true }
#define LIST_SLOT(k, field) { .key = k, .kind = SLOT_LIST, .off = offsetof(struct entry, field) }
#define FIELD_SLOT(k, l) { .key = k, .kind = SLOT_FIELD, .label = l }
#define DATE_SLOT(k, kind_) { .key = k, .kind = kind_ }
/* vitae's extension, read in both formats so that a search for a tool
 * finds every entry that used it. */
#define TECH_SLOT LIST_SLOT("technologies", technologies)

struct entry_spec {
	const char *what;       /* "experience entry", for messages */
	enum entry_kind kind;
	const struct slot *slots;
	size_t nslots;
	/* names of the date keys, for messages */
	const char *date_key, *start_key, *end_key;
	bool quiet;             /* unknown keys are expected: no warning */
};

/* Fills e (zeroed by the caller, pos and kind set) from the mapping m.
 * A key that is a variant of a known one (conv_alias) is read as that one.
 * Other unknown keys are warnings and shown as fields labelled from the
 * key; wrong types and bad dates are errors, the value kept as written.
 * A required key must be there and not null ('' is fine, as RenderCV has
 * it). */
void conv_entry(struct conv *c, struct node *m, const struct entry_spec *spec,
                struct entry *e);

/* e's url becomes its DOI's address, https://doi.org/DOI. conv_entry
 * does this for an entry with a doi and no url, so that every writer
 * has one link to show and send; RenderCV's loader also where a url is
 * given, since there the DOI wins. */
void conv_doi_url(struct conv *c, struct entry *e);
