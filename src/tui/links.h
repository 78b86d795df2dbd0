#pragma once
/*
 * Links on the screen: which address a click on a cell copies. The map
 * from a cell to its link is built from what is drawn, a laid-out line
 * and its spans, and the address is the model's (an e-mail address or a
 * URL as written, not as shown). No curses. Owned by the viewer
 * (src/tui/).
 */
#include <stddef.h>
#include "layout.h"
#include "model.h"

enum link_kind {
	LINK_NONE,
	LINK_EMAIL,
	LINK_URL,
};

/* Both functions below put an address into out[cap], which holds ""
 * when the address does not fit, and return its kind. */

/* Entry e's link: its url (a DOI's address when it had only a DOI: the
 * loaders make it). LINK_NONE when it has none. */
enum link_kind link_entry(const struct entry *e, char *out, size_t cap);

/* The header's first e-mail address, else its first website. */
enum link_kind link_header(const struct header *h, char *out, size_t cap);

/*
 * The link drawn at display column col of line n of l (the header's
 * layout or a pane's; lines of r). LINK_NONE when the cell holds no
 * link, or one whose address is not in the model (a Markdown link in
 * running text).
 */
enum link_kind link_at(const struct resume *r, const struct layout *l, long n, int col,
                       char *out, size_t cap);

/* "the e-mail address", "the link": what a message says was sent. */
const char *link_kind_name(enum link_kind k);
