/*
 * The status line's message, and the cleaning that every typed or
 * command-line string gets before it is stored or shown.
 */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include "utf8.h"
#include "view.h"

/* Zero-width and bidi format characters could reorder or hide what the
 * status line says; the loader drops them from the model for the same
 * reason. */
static bool invisible(uint32_t c)
{
	return (c >= 0x200B && c <= 0x200F) || (c >= 0x2028 && c <= 0x202E) ||
	       (c >= 0x2060 && c <= 0x2069) || c == 0xFEFF || c == 0x061C;
}

void view_clean_text(char *out, size_t cap, const char *s)
{
	size_t n = 0, len = strlen(s);
	for (size_t i = 0; i < len;) {
		uint32_t c;
		size_t k = utf8_decode(s + i, len - i, &c);
		if (c < 0x20 || (c >= 0x7F && c < 0xA0) || invisible(c) ||
		    c == UTF8_REPLACEMENT) {
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
