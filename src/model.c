#include "model.h"

#include <stdlib.h>

struct resume *resume_new(void)
{
	struct arena a = ARENA_INIT;
	struct resume *r = arena_calloc(&a, 1, sizeof *r);
	r->arena = a;
	locale_init(&r->locale);
	return r;
}

void resume_free(struct resume *r)
{
	if (!r)
		return;
	struct arena a = r->arena;  /* r itself lives in its own arena */
	arena_free(&a);
}

const char *entry_kind_name(enum entry_kind k)
{
	static const char *const names[ENTRY_KIND_COUNT] = {
		[ENTRY_TEXT] = "text",
		[ENTRY_EXPERIENCE] = "experience",
		[ENTRY_EDUCATION] = "education",
		[ENTRY_PUBLICATION] = "publication",
		[ENTRY_NORMAL] = "normal",
		[ENTRY_ONELINE] = "one-line",
		[ENTRY_BULLET] = "bullet",
		[ENTRY_NUMBERED] = "numbered",
		[ENTRY_REVERSED] = "reversed-numbered",
	};
	return (unsigned)k < ENTRY_KIND_COUNT ? names[k] : "unknown";
}

size_t resume_count_entries(const struct resume *r)
{
	size_t n = 0;
	for (size_t i = 0; i < r->nsections; i++)
		n += r->sections[i].nentries;
	return n;
}
