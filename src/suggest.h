#pragma once
/*
 * "Did you mean": the known name nearest to a misspelt one. Pure; no
 * allocation. Names are given by a function so that any table (a list
 * of strings, or the key field of a table of structs) can be searched
 * where it is, without a second copy of its names.
 */
#include <stddef.h>

/* The i-th name, or NULL past the last. */
typedef const char *(*name_at_fn)(size_t i, void *ctx);

/* Edits from a to b, ASCII case ignored: insertions, deletions,
 * substitutions and swaps of two neighbours (so `compnay` is one edit
 * from `company`). Stops counting at limit + 1. */
size_t suggest_distance(const char *a, const char *b, size_t limit);

/* The name nearest to word if it is near enough to be a typo of it (one
 * edit for names up to 4 bytes, two beyond, and never all of word), the
 * first of equals; NULL when none is, or when word is one of them. */
const char *suggest(const char *word, name_at_fn name_at, void *ctx);
