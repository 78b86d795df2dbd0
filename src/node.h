#pragma once
/*
 * The YAML node tree between libyaml and the résumé model (conv.h reads
 * it into the model).
 *
 * node_parse() turns libyaml's events into scalars, sequences and mappings
 * in one pass, with the nesting depth and the node count bounded. An alias
 * becomes a shallow copy of the anchored node with its own
 * position, so messages point at the use; the copy shares the children
 * and the scalar's bytes and text, so the tree stays as small as the
 * file. A collection holds its children themselves, in one array (a
 * mapping's as key/value pairs), not pointers to them. The
 * readers (conv.h) count every node they visit, so an alias
 * bomb ends in an error, not in a hang.
 * Anchors are registered only once their node is complete, so a node can
 * never contain itself: the tree has no cycles.
 *
 * Values are sanitised (text_sanitize) and trimmed as they are read,
 * straight into the arena the résumé will own, so a value is copied once.
 * Keys and anchored scalars also keep their raw bytes (unsanitised, may
 * hold NUL) for comparison; equal keys share one copy of both. The
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
	NODE_RAW = 2,           /* u.s holds the raw bytes, text their text */
	NODE_DROPPED = 8,       /* node.c only: a key written again later */
	NODE_MULTILINE = 16,    /* a scalar written over several lines */
};

/* 32 bytes: a big résumé has millions of these (load_limits bounds how
 * many). */
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
	/* A scalar's text: sanitised, blanks trimmed, NULL when null or
	 * blank; in the résumé's arena, made as the scalar is read and
	 * shared by its aliases. NULL for a collection. */
	const char *text;
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
/* A scalar's text (node.text). */
static inline const char *node_text(const struct node *n)
{
	return n->text;
}
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
