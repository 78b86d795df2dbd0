#pragma once
/*
 * A bump allocator. Everything a résumé or a layout holds lives in one
 * arena and dies with it: arena_free() releases every block at once, so
 * the model needs no per-field free functions.
 *
 * Allocation failure is fatal (the process aborts with a message): the
 * loader bounds input size beforehand, so running out here is a bug or a
 * machine that cannot run anything at all.
 */
#include <stddef.h>

struct arena_block;

struct arena {
	struct arena_block *head;   /* newest block first */
	size_t used;                /* bytes handed out, for statistics */
};

#define ARENA_INIT { 0 }

/* Uninitialised memory, aligned for any type. n may be 0. */
void *arena_alloc(struct arena *a, size_t n);
/* Uninitialised memory aligned to align (a power of two up to the
 * alignment of any type; anything else means that of any type): for the
 * many small objects of one type whose size is no multiple of 16. */
void *arena_alloc_align(struct arena *a, size_t n, size_t align);
/* Zeroed memory for count elements of size bytes, overflow-checked. */
void *arena_calloc(struct arena *a, size_t count, size_t size);
/* n bytes with no alignment at all: for text, packed byte to byte.
 * arena_strndup, arena_strdup and arena_printf use it. */
char *arena_stralloc(struct arena *a, size_t n);
/* A NUL-terminated copy of s[0..len). */
char *arena_strndup(struct arena *a, const char *s, size_t len);
char *arena_strdup(struct arena *a, const char *s);
/* printf into the arena. */
char *arena_printf(struct arena *a, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
/* Frees every block; the arena is empty and reusable afterwards. NULL ok. */
void arena_free(struct arena *a);

/* Aborts with "vitae: out of memory". Used by every module. The hook,
 * when set, runs first: the viewer sets one that restores the terminal,
 * so that even this way out leaves the screen usable. */
_Noreturn void die_oom(void);
void set_die_hook(void (*hook)(void));
void *xmalloc(size_t n);
void *xrealloc(void *p, size_t n);
/* The n bytes at s and a NUL, in memory the caller frees. */
char *xstrndup(const char *s, size_t n);
/* Grows *v (of *cap elements of size) to hold at least need elements. */
void grow_array(void *v, size_t *cap, size_t need, size_t size);
