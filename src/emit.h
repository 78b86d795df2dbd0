#pragma once
/*
 * A writer of nested mappings, lists and strings, as JSON or as YAML,
 * for the converters (print_json.c, print_yaml.c). The caller says what
 * to write; the writer owns the syntax: commas and indentation in JSON,
 * libyaml's emitter (every value double-quoted) in YAML, and the
 * escaping of every string, so no text from a résumé can end a string
 * or start a structure of its own.
 *
 * Calls nest: emit_map()/emit_seq() ... emit_end(). Inside a mapping,
 * emit_key() comes before each value. A write error is remembered and
 * returned by emit_close(); later calls do nothing.
 */
#include <stdbool.h>
#include <stdio.h>

#include "model.h"

enum emit_syntax {
	EMIT_JSON,
	EMIT_YAML,
};

struct emit;

/* Writes to out, which stays the caller's. Never NULL (dies on OOM). */
struct emit *emit_open(FILE *out, enum emit_syntax syntax);
/* Ends the document, flushes and frees e. 0, or -1 with errno set when
 * writing failed. */
int emit_close(struct emit *e);

void emit_map(struct emit *e);
void emit_seq(struct emit *e);
void emit_end(struct emit *e);
void emit_key(struct emit *e, const char *key);
void emit_str(struct emit *e, const char *s);
void emit_null(struct emit *e);

/* Shorthands for a key and its value, written only when there is one:
 * s not NULL and not empty, a list with items. */
void emit_pair(struct emit *e, const char *key, const char *s);
void emit_list(struct emit *e, const char *key, const struct strlist *l);
/* s split at ", " into a list (the loaders join lists with ", "). */
void emit_split(struct emit *e, const char *key, const char *s);
