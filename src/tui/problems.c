#include "problems.h"

#include <stdlib.h>
#include <string.h>

void problems_build(struct help *h, const struct diag *d)
{
	*h = (struct help){ .arena = ARENA_INIT };
	if (!d || !d->n)
		return;
	h->lines = calloc(d->n + 1, sizeof *h->lines);
	if (!h->lines)
		die_oom();
	for (size_t i = 0; i < d->n; i++) {
		const struct diag_msg *m = &d->v[i];
		const char *pos = m->pos.line
			? arena_printf(&h->arena, "%u:%u", m->pos.line, m->pos.col) : "-";
		int w = (int)strlen(pos);
		if (w > h->keys_width)
			h->keys_width = w;
		/* the messages are clean already (diag.h) */
		h->lines[h->n++] = (struct help_line){ .keys = pos, .text = m->text };
	}
	size_t more = d->nerrors + d->nwarnings - d->n;
	if (more)
		h->lines[h->n++] = (struct help_line){ .keys = "",
			.text = arena_printf(&h->arena, "%zu more not kept", more) };
}

unsigned view_problems(struct view *v, int key)
{
	(void)key;
	if (!v->help.nproblems) {
		view_message(v, false, "No problems in this file");
		return RD_STATUS;
	}
	bool open = !(v->help.open && v->help.problems);
	v->help.open = v->help.problems = open;
	v->help.top = 0;
	v->help.nlines = open ? v->help.nproblems : v->help.nhelp;  /* nhelp: tui.c */
	return RD_ALL;
}
