/*
 * Reading the input and choosing the format: the node tree goes to one of
 * the two loaders (loaders.h).
 */
#include "load.h"

#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "loaders.h"
#include "suggest.h"

/* Keys that mark a JSON Resume; `meta` and `$schema` alone count too. */
static const char *const jsonresume_keys[] = {
	"basics", "work", "volunteer", "education", "awards", "certificates",
	"publications", "skills", "languages", "interests", "references",
	"projects", "meta", "$schema",
};

/* `cv` and the JSON Resume keys, for "did you mean". */
static const char *format_key_at(size_t i, void *ctx)
{
	(void)ctx;
	size_t n = sizeof jsonresume_keys / sizeof jsonresume_keys[0];
	return i == 0 ? "cv" : i <= n ? jsonresume_keys[i - 1] : NULL;
}

void load_limits_default(struct load_limits *l)
{
	*l = (struct load_limits){
		.max_bytes = (size_t)4 << 20,
		.max_depth = 64,
		.max_nodes = 4000000,
	};
}

/* ---- loading -------------------------------------------------------------- */

static bool is_jsonresume(const struct node *root)
{
	for (size_t i = 0; i < sizeof jsonresume_keys / sizeof jsonresume_keys[0]; i++)
		if (node_get(root, jsonresume_keys[i]))
			return true;
	return false;
}

/* load_buffer(), and load_file() with owned == buf: the input is freed
 * as soon as the tree is built (everything kept is copied out of it),
 * so that the input, the tree and the finished model never coexist. */
static struct resume *load(const char *buf, size_t len, char *owned,
                           const struct load_limits *lim, struct diag *d)
{
	size_t errors = d->nerrors;
	struct pos start = { 1, 1 };
	if (len > lim->max_bytes) {
		free(owned);
		diag_add(d, DIAG_ERROR, (struct pos){ 0, 0 },
		         "file is larger than %zu bytes (--max-size)", lim->max_bytes);
		return NULL;
	}
	struct node_tree t;
	struct resume *r = resume_new();
	bool fatal = true;
	bool parsed = node_parse(buf, len, lim, d, &r->arena, &t);
	free(owned);            /* nothing below reads buf */
	if (!parsed)
		goto out;
	struct node *root = t.root;
	if (node_is_null(root)) {
		diag_add(d, DIAG_ERROR, start, "empty document");
		goto out;
	}
	if (root->type != NODE_MAPPING) {
		diag_add(d, DIAG_ERROR, root->pos,
		         "the top level must be a mapping of keys, not %s",
		         node_type_name(root));
		goto out;
	}
	bool rendercv = node_get(root, "cv") != NULL;
	if (!rendercv && !is_jsonresume(root)) {
		const char *near = NULL;
		for (size_t i = 0; i < root->n && !near; i++)
			near = suggest(root->u.pairs[i].key.u.s, format_key_at, NULL);
		diag_add(d, DIAG_ERROR, start, "not a résumé: expected a top-level "
		         "`cv` (RenderCV) or `basics` (JSON Resume) key%s%s%s",
		         near ? ": did you mean `" : "", near ? near : "", near ? "`?" : "");
		goto out;
	}
	r->format = rendercv ? FORMAT_RENDERCV : FORMAT_JSONRESUME;
	/* Aliases can make a small file read like a huge one: besides the
	 * node count, the model may not outgrow the input by much. Real
	 * files stay well below (an entry struct per few input bytes). */
	size_t per_byte = 64, base = (size_t)64 << 20;
	struct conv c = {
		.r = r,
		.d = d,
		.max_nodes = lim->max_nodes,
		.max_mem = len > (SIZE_MAX - base) / per_byte ? SIZE_MAX : base + len * per_byte,
		/* Without aliases the text is at most the input; a few repeated
		 * anchors in a real file add little. */
		.max_text = len > SIZE_MAX / 4 ? SIZE_MAX : ((size_t)4 << 20) + len * 2,
		.input = len,
	};
	if (rendercv)
		load_rendercv(&c, root);
	else
		load_jsonresume(&c, root);
	/* Past the checks that make a file unreadable, only a limit is fatal
	 * when forgiving. */
	fatal = c.over || c.unreadable || !lim->lenient;
	if (!r->nsections && !r->empty_note)
		conv_note_empty(&c, root);
out:
	node_tree_free(&t);
	if (d->nerrors > errors && fatal) {
		resume_free(r);
		r = NULL;
	}
	d->lenient = r && lim->lenient;
	return r;
}

struct resume *load_buffer(const char *buf, size_t len,
                           const struct load_limits *lim, struct diag *d)
{
	return load(buf, len, NULL, lim, d);
}

struct resume *load_file(const char *path, const struct load_limits *lim,
                         struct diag *d, int *io_error)
{
	int dummy;
	if (!io_error)
		io_error = &dummy;
	*io_error = 0;
	bool is_stdin = strcmp(path, "-") == 0;
	FILE *f = is_stdin ? stdin : fopen(path, "rb");
	if (!f) {
		diag_add(d, DIAG_ERROR, (struct pos){ 0, 0 }, "%s", strerror(errno));
		*io_error = 1;
		return NULL;
	}
	/* Read at most one byte more than allowed: enough to know the file
	 * is too big without reading all of /dev/zero. */
	size_t want = lim->max_bytes < SIZE_MAX ? lim->max_bytes + 1 : SIZE_MAX;
	size_t cap = 65536, len = 0;
	struct stat st;
	/* A regular file says its size: one allocation, no copies. */
	if (fstat(fileno(f), &st) == 0 && S_ISREG(st.st_mode) && st.st_size > 0 &&
	    (uintmax_t)st.st_size < SIZE_MAX - 1)
		cap = (size_t)st.st_size + 1;  /* +1: to see the end at once */
	if (cap > want)
		cap = want;
	char *buf = xmalloc(cap);
	int err = 0;
	while (len < want) {
		if (len == cap) {
			cap = cap > want / 2 ? want : cap * 2;
			buf = xrealloc(buf, cap);
		}
		size_t n = fread(buf + len, 1, cap - len, f);
		len += n;
		if (n == 0 || len < cap) {
			if (ferror(f))
				err = errno ? errno : EIO;
			break;
		}
	}
	if (!is_stdin)
		fclose(f);
	struct resume *r = NULL;
	if (err) {
		diag_add(d, DIAG_ERROR, (struct pos){ 0, 0 }, "%s", strerror(err));
		*io_error = 1;
		free(buf);
	} else {
		r = load(buf, len, buf, lim, d);       /* frees buf */
	}
	return r;
}
