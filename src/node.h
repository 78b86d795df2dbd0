#pragma once
/*
 * The YAML node tree between libyaml and the résumé model, and the helpers
 * the two format loaders (load_rendercv.c, load_jsonresume.c) read it with.
 *
 * node_parse() turns libyaml's events into scalars, sequences and mappings
 * in one pass, with the nesting depth and the node count bounded. An alias
 * becomes a shallow copy of the anchored node with its own
 * position, so messages point at the use; the copy shares the children
 * and the scalar's bytes and text, so the tree stays as small as the
 * file. A collection holds its children themselves, in one array (a
 * mapping's as key/value pairs), not pointers to them. The
 * readers below count every node they visit (struct conv), so an alias
 * bomb ends in an error, not in a hang.
 * Anchors are registered only once their node is complete, so a node can
 * never contain itself: the tree has no cycles.
 *
 * Values are sanitised (text_sanitize) and trimmed as they are read,
 * straight into the arena the résumé will own, so a value is copied once.
 * Keys and anchored scalars keep their raw bytes (unsanitised, may hold
 * NUL) for comparison; their text is made on first use (node_text). The
 * tree lives in tree->arena and dies with node_tree_free(). Only node.c
 * sees libyaml.
 */
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include "arena.h"
#include "diag.h"
#include "load.h"
#include "model.h"

enum node_type {
	NODE_SCALAR,
	NODE_SEQUENCE,
	NODE_MAPPING,
};

enum node_style {           /* how a scalar was written */
	STYLE_PLAIN,
	STYLE_SINGLE,           /* 'single quoted' */
	STYLE_DOUBLE,           /* "double quoted", escapes decoded */
	STYLE_LITERAL,          /* | */
	STYLE_FOLDED,           /* > */
};

struct node_pair;

enum {                      /* node flags */
	NODE_NULL = 1,          /* a null scalar: ~, null, nothing, !!null */
	NODE_RAW = 2,           /* u.s holds the raw bytes; text made on demand */
	NODE_DROPPED = 8,       /* node.c only: a key written again later */
	NODE_MULTILINE = 16,    /* a scalar written over several lines */
};

/* 24 bytes: a big résumé has millions of these. A scalar's text needs no
 * field of its own: a value's bytes are its text (n == 0: NULL), and the
 * raw bytes of a key or an anchored scalar are stored right after a
 * pointer to their text, made on first use and shared by every node
 * (equal keys, aliases) that shares the bytes (node.c, raw_copy). */
struct node {
	unsigned char type;     /* enum node_type */
	unsigned char style;    /* enum node_style, scalars only */
	unsigned char flags;
	uint32_t n;             /* scalar: bytes; list: items; mapping: pairs */
	struct pos pos;         /* where the node starts */
	union {
		/* NUL-terminated; raw bytes that may hold NULs (NODE_RAW),
		 * else the sanitised, trimmed text in the text arena ("" for
		 * NULL) */
		const char *s;
		struct node *items;
		struct node_pair *pairs;
	} u;
};

/* Two nodes in a row: a mapping's array of pairs is an array of nodes. */
struct node_pair {
	struct node key;        /* always a scalar */
	struct node value;
};

struct node_tree {
	struct arena arena;     /* owns every node and string */
	struct node *root;      /* NULL only when node_parse() failed */
};

/*
 * Parses buf[0..len) (one YAML or JSON document); the text of values goes
 * to text (the résumé's arena). Returns true and fills t on success; on failure reports an error with its position in d and
 * returns false (t holds nothing to use but must still be freed).
 * A duplicate key is an error that leaves the tree usable: the last
 * value wins (the earlier pairs are gone), as in JSON parsers, and true
 * is returned. Several documents, an empty stream, an undefined alias
 * or nesting deeper than lim->max_depth are errors. Tags other than the
 * core schema's (!!str, !!int, ...) draw a warning: the value is read as
 * text either way.
 */
bool node_parse(const char *buf, size_t len, const struct load_limits *lim,
                struct diag *d, struct arena *text, struct node_tree *t);
void node_tree_free(struct node_tree *t);

/* True for an untagged plain "", "~", "null" (any case YAML allows)
 * or anything tagged !!null. */
static inline bool node_is_null(const struct node *n)
{
	return n && n->type == NODE_SCALAR && (n->flags & NODE_NULL);
}
/* A scalar's text: sanitised, blanks trimmed, NULL when null or empty.
 * Made once per scalar (in text) and shared by its aliases. */
const char *node_text(struct arena *text, struct node *n);
/* The value under key in a mapping, or NULL. Linear: for small mappings. */
struct node *node_get(const struct node *map, const char *key);
/* "a string", "a list" or "a mapping", for messages. */
const char *node_type_name(const struct node *n);
/* Whether a scalar's bytes equal the NUL-terminated s. Inline: the
 * loaders call it for every key against every name they know. */
static inline bool node_is(const struct node *n, const char *s)
{
	/* The first byte settles most comparisons without a strlen. */
	if (!n || n->type != NODE_SCALAR || !n->n || n->u.s[0] != s[0])
		return false;
	size_t len = strlen(s);
	return n->n == len && memcmp(n->u.s, s, len) == 0;
}

/* ---- reading the tree into the model (load.c) ------------------------- */

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

/* The two formats; load.c calls one of them on the root mapping. */
void load_rendercv(struct conv *c, struct node *root);
void load_jsonresume(struct conv *c, struct node *root);

/*
 * The loaders' tables, read backwards by the converters (print_json.c,
 * print_yaml.c): a slot that reads key K into a field is also where that
 * field is written as K, so a key the loader learns is one the converter
 * writes, and the two cannot drift apart.
 */
struct jr_section {
	const char *key;            /* "work" */
	const char *title;          /* "Experience" */
	struct entry_spec spec;
};
/* RenderCV's entry types, ENTRY_TEXT excluded (it has no keys). */
const struct entry_spec *rendercv_spec(enum entry_kind k);
/* RenderCV's `sections` mapping, appended to c->r's sections: also how
 * JSON Resume's meta.vitae.sections (print_json.c) is read. */
void rendercv_sections(struct conv *c, struct node *v);
/* RenderCV's spelling of a social network it knows, or NULL. */
const char *rendercv_network(const char *name);
/* JSON Resume's sections in the schema's order; i < *n. */
const struct jr_section *jsonresume_sections(size_t *n);
