#pragma once
/*
 * Loading: bytes -> libyaml events -> a bounded node tree (node.h) ->
 * the résumé model. The format (RenderCV or JSON Resume) is detected
 * from the top-level keys. JSON is read by the same YAML parser.
 *
 * Untrusted input is bounded: its size, the nesting depth, and the number
 * of nodes visited while converting (so that an alias bomb, which the
 * node tree shares rather than copies, costs at most max_nodes steps).
 */
#include <stddef.h>
#include "diag.h"
#include "model.h"

struct load_limits {
	size_t max_bytes;       /* default 4 MiB (--max-size) */
	unsigned max_depth;     /* default 64 nested collections (--max-depth) */
	size_t max_nodes;       /* default 4,000,000 nodes, aliases counted
	                           each time they are used */
	/* Forgiving (viewing and printing): a file that parses as YAML or
	 * JSON, looks like a résumé and stays within the limits above is
	 * returned whatever else is wrong in it, and its errors become
	 * warnings (diag.lenient). Strict (the default, --check): any error
	 * returns NULL. The model is built the same way in both: a value
	 * that cannot be understood is kept as written. */
	bool lenient;
};

void load_limits_default(struct load_limits *l);

/*
 * Parses buf[0..len) (need not be NUL-terminated). On success returns a
 * résumé the caller frees with resume_free(); unknown keys are reported
 * as warnings in d. On failure (any error, or with lim->lenient only a
 * fatal one) returns NULL with at least one error in d.
 * buf stays the caller's: it is only read during the call, and the résumé
 * keeps no pointer into it.
 */
struct resume *load_buffer(const char *buf, size_t len,
                           const struct load_limits *lim, struct diag *d);

/*
 * Reads path ("-" is standard input) with at most lim->max_bytes, then
 * load_buffer(). Sets *io_error when the file could not be read (an
 * error is in d either way), so the caller can exit 2 rather than 1.
 * The file's bytes are freed as soon as they are parsed into the node
 * tree, so that they and the model are never in memory whole at once.
 */
struct resume *load_file(const char *path, const struct load_limits *lim,
                         struct diag *d, int *io_error);
