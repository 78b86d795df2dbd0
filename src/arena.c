#include "arena.h"

#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Blocks grow geometrically up to this, so big résumés need few mallocs
 * and small ones waste little. */
#define BLOCK_MIN ((size_t)4096)
#define BLOCK_MAX ((size_t)1 << 20)
#define ALIGN (sizeof(max_align_t))

struct arena_block {
	struct arena_block *next;
	size_t size, used;
	max_align_t data[];
};

/* The one piece of process-wide state here: set by the viewer only. */
static void (*die_hook)(void);

void set_die_hook(void (*hook)(void))
{
	die_hook = hook;
}

_Noreturn void die_oom(void)
{
	void (*hook)(void) = die_hook;
	die_hook = NULL;        /* no second try if the hook fails too */
	if (hook)
		hook();
	fputs("vitae: out of memory\n", stderr);
	abort();
}

void *xmalloc(size_t n)
{
	void *p = malloc(n ? n : 1);
	if (!p)
		die_oom();
	return p;
}

char *xstrndup(const char *s, size_t n)
{
	char *d = xmalloc(n + 1);
	memcpy(d, s, n);
	d[n] = '\0';
	return d;
}

void *xrealloc(void *p, size_t n)
{
	p = realloc(p, n ? n : 1);
	if (!p)
		die_oom();
	return p;
}

void grow_array(void *v, size_t *cap, size_t need, size_t size)
{
	void **pv = v;
	if (need <= *cap)
		return;
	size_t n = *cap ? *cap : 8;
	while (n < need) {
		if (n > SIZE_MAX / 2)
			die_oom();
		n *= 2;
	}
	if (n > SIZE_MAX / size)
		die_oom();
	*pv = xrealloc(*pv, n * size);
	*cap = n;
}

/* n bytes at an offset that is a multiple of align (1 or ALIGN). */
static void *bump(struct arena *a, size_t n, size_t align)
{
	if (n > SIZE_MAX - ALIGN)
		die_oom();
	struct arena_block *b = a->head;
	size_t at = b ? (b->used + align - 1) & ~(align - 1) : 0;
	if (!b || at > b->size || b->size - at < n) {
		size_t size = b ? b->size * 2 : BLOCK_MIN;
		if (size > BLOCK_MAX)
			size = BLOCK_MAX;
		bool oneoff = size < n;
		if (oneoff)
			size = (n + ALIGN - 1) & ~(ALIGN - 1);
		b = xmalloc(sizeof *b + size);
		b->size = size;
		b->used = 0;
		/* A huge one-off allocation goes behind the current block so
		 * the current block's free space is not abandoned. */
		if (a->head && oneoff && a->head->size - a->head->used > BLOCK_MIN) {
			b->next = a->head->next;
			a->head->next = b;
		} else {
			b->next = a->head;
			a->head = b;
		}
		at = 0;
	}
	void *p = (char *)b->data + at;
	a->used += at + n - b->used;
	b->used = at + n;
	return p;
}

void *arena_alloc(struct arena *a, size_t n)
{
	return bump(a, n, ALIGN);
}

void *arena_alloc_align(struct arena *a, size_t n, size_t align)
{
	if (!align || align > ALIGN || (align & (align - 1)))
		align = ALIGN;
	return bump(a, n, align);
}

void *arena_calloc(struct arena *a, size_t count, size_t size)
{
	if (size && count > SIZE_MAX / size)
		die_oom();
	void *p = arena_alloc(a, count * size);
	memset(p, 0, count * size);
	return p;
}

char *arena_stralloc(struct arena *a, size_t n)
{
	return bump(a, n, 1);
}

char *arena_strndup(struct arena *a, const char *s, size_t len)
{
	char *p = arena_stralloc(a, len + 1);
	memcpy(p, s, len);
	p[len] = '\0';
	return p;
}

char *arena_strdup(struct arena *a, const char *s)
{
	return arena_strndup(a, s, strlen(s));
}

char *arena_printf(struct arena *a, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	int n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (n < 0)
		die_oom();
	char *p = arena_stralloc(a, (size_t)n + 1);
	va_start(ap, fmt);
	vsnprintf(p, (size_t)n + 1, fmt, ap);
	va_end(ap);
	return p;
}

void arena_free(struct arena *a)
{
	if (!a)
		return;
	struct arena_block *b = a->head;
	while (b) {
		struct arena_block *next = b->next;
		free(b);
		b = next;
	}
	a->head = NULL;
	a->used = 0;
}
