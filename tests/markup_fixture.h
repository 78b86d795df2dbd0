#pragma once
/*
 * Shared by the markup tests (test_markup.c, test_html.c): a parse shown
 * as a string, so that a check reads as what a reader sees.
 */
#include <string.h>

#include "markup.h"
#include "t.h"

/* The parse as a string: marked runs in brackets with their flags,
 * "{B:bold}", "{I:x}", "{BI:x}", "{L<url>:x}". */
static inline const char *markup_show(struct markup *m, const char *s)
{
	static char out[4096];
	size_t o = 0, at = 0;

	markup_parse(m, s, strlen(s));
	CHECK_INT(strlen(m->text), m->len);
	for (size_t k = 0; k <= m->nspans && o + 512 < sizeof out; k++) {
		const struct markup_span *sp = k < m->nspans ? &m->spans[k] : NULL;
		size_t start = sp ? sp->start : m->len;

		CHECK(start >= at);
		memcpy(out + o, m->text + at, start - at);
		o += start - at;
		if (!sp)
			break;
		CHECK(sp->len > 0);
		CHECK(sp->flags != 0);
		out[o++] = '{';
		if (sp->flags & MK_BOLD)
			out[o++] = 'B';
		if (sp->flags & MK_ITALIC)
			out[o++] = 'I';
		if (sp->flags & MK_LINK) {
			out[o++] = 'L';
			out[o++] = '<';
			memcpy(out + o, sp->url, sp->url_len);
			o += sp->url_len;
			out[o++] = '>';
		}
		out[o++] = ':';
		memcpy(out + o, m->text + sp->start, sp->len);
		o += sp->len;
		out[o++] = '}';
		at = sp->start + sp->len;
	}
	out[o] = '\0';
	return out;
}
