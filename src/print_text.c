/*
 * Plain text: the layout at a width with the header and headings, one
 * line per line. The lines hold sanitised text only, so nothing written
 * here can be an escape sequence; debug builds check that on every line.
 */
#include "print.h"

#include <assert.h>
#include <errno.h>

#include "layout.h"
#include "utf8.h"

int print_text(FILE *out, const struct resume *r, int width, bool ascii)
{
	struct layout l = LAYOUT_INIT;
	struct layout_opts o = {
		.width = width,
		.section = -1,
		.header = true,
		.headings = true,
		.ascii = ascii,
	};
	int rc = 0;

	layout_build(&l, r, &o);
	for (size_t i = 0; i < l.n && rc == 0; i++) {
		const struct line *ln = &l.lines[i];

		assert(text_is_safe(ln->text, ln->len));
		if (fwrite(ln->text, 1, ln->len, out) != ln->len || putc('\n', out) == EOF)
			rc = -1;
	}
	layout_free(&l);
	if (rc == 0 && fflush(out) == EOF)
		rc = -1;
	if (rc == 0 && ferror(out)) {
		errno = EIO;
		rc = -1;
	}
	return rc;
}
