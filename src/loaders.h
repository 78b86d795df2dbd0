#pragma once
/*
 * The two format loaders, written with conv.h's helpers, and their tables,
 * which the converters (convert.c) read backwards.
 */
#include "conv.h"

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
