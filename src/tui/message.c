/*
 * The status line's message, and the cleaning that every typed or
 * command-line string gets before it is stored or shown.
 */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include "utf8.h"
#include "view.h"

void view_clean_text(char *out, size_t cap, const char *s)
{
	size_t n = 0, len = strlen(s);
	for (size_t i = 0; i < len;) {
		uint32_t c;
		size_t k = utf8_decode(s + i, len - i, &c);
		/* The classifier file text goes through: controls, and the
		 * invisible characters that could reorder or hide what the
		 * status line says (bidi, zero-width, tags), go; so do
		 * invalid bytes and line breaks. */
		if (c == '\n' || (c == UTF8_REPLACEMENT && k == 1) ||
		    utf8_classify(c) != UTF8_KEEP) {
			i += k;
			continue;
		}
		if (n + k >= cap)
			break;
		memcpy(out + n, s + i, k);
		n += k;
		i += k;
	}
	if (cap)
		out[n] = '\0';
}

void view_message(struct view *v, bool error, const char *fmt, ...)
{
	char buf[VIEW_MSG_MAX];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(buf, sizeof buf, fmt, ap);
	va_end(ap);
	/* vsnprintf may have cut a character in two. */
	view_clean_text(v->msg, sizeof v->msg, buf);
	v->msg_error = error;
}
