/*
 * CommonMark from the model. The résumé's own markup (**bold**, *italic*,
 * [text](url)) is parsed and written again as Markdown; every other
 * character that Markdown would read as syntax is escaped, so text from a
 * file cannot open a heading, list, quote, code block, HTML or link of
 * its own. Each paragraph is one line; blocks are separated by exactly
 * one blank line; nothing ends in a space.
 */
#include "print.h"

#include <errno.h>
#include <string.h>

#include "markup.h"

struct md {
	FILE *out;
	const struct resume *r;
	struct markup mk;
	bool any;               /* a block has been written */
	int list;               /* kind of the open list, or -1 */
	/* The output state, kept by the functions that write (put, lead,
	 * block, item): callers never set it. */
	bool at_start;          /* nothing written yet of a block's text */
	bool space;             /* a space held back until text follows it */
	bool more;              /* markup follows the text being escaped */
};

enum { LIST_BULLET, LIST_ORDERED };

static void put(struct md *m, const char *s, size_t n)
{
	if (!n)
		return;
	if (m->space && s[0] != '\n')
		fwrite(" ", 1, 1, m->out);
	m->space = false;
	m->at_start = false;
	fwrite(s, 1, n, m->out);
}

static void puts_(struct md *m, const char *s)
{
	put(m, s, strlen(s));
}

/* A marker or label ending in a space ("- ", "### ", "**Level:** "): the
 * space waits for the text, which may turn out empty (a list item with
 * nothing in it, markup with no text), so that no line ends in a space. */
static void lead(struct md *m, const char *s)
{
	put(m, s, strlen(s) - 1);
	m->space = true;
	m->at_start = false;
}

/* A new block: one blank line after the previous one. */
static void block(struct md *m)
{
	if (m->any)
		puts_(m, "\n\n");
	m->any = true;
	m->list = -1;
	m->at_start = true;
}

/* A new line indented by indent columns (continuing a list item). */
static void indent_line(struct md *m, int indent)
{
	static const char blanks[] = "                                ";

	puts_(m, "\n");
	while (indent > 0) {
		int k = indent < (int)sizeof blanks - 1 ? indent : (int)sizeof blanks - 1;
		put(m, blanks, (size_t)k);
		indent -= k;
	}
}

/* A list item's marker: what follows starts the item's text. */
static void marker(struct md *m, const char *s)
{
	lead(m, s);
	m->at_start = true;
}

/* A list item: a new block unless it continues a list of the same kind. */
static void item(struct md *m, int list, const char *s)
{
	if (m->list == list)
		puts_(m, "\n");
	else
		block(m);
	m->list = list;
	marker(m, s);
}

static bool is_alnum(char c)
{
	return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

/* "&name;" or "&#123;" would be read as a character reference. */
static bool entity_at(const char *s, size_t n)
{
	size_t k = 1;

	while (k < n && k < 40 && (is_alnum(s[k]) || (k == 1 && s[k] == '#')))
		k++;
	return k > 1 && k < n && s[k] == ';';
}

/* Text with Markdown syntax escaped. */
static void esc(struct md *m, const char *s, size_t n)
{
	size_t i = 0;
	bool at_start = m->at_start;    /* put() clears it */

	if (n && at_start && s[0] >= '0' && s[0] <= '9') {
		size_t k = 0;
		while (k < n && k < 10 && s[k] >= '0' && s[k] <= '9')
			k++;
		if (k < n && k <= 9 && (s[k] == '.' || s[k] == ')')) {
			put(m, s, k);           /* "1. " would start a list */
			puts_(m, "\\");
			put(m, s + k, 1);
			i = k + 1;
		}
	}
	for (; i < n; i++) {
		char ch = s[i];
		bool start = at_start && i == 0;
		char prev = i ? s[i - 1] : ' ';
		char next = i + 1 < n ? s[i + 1] : ' ';

		switch (ch) {
		case '\\': case '`': case '*': case '[': case ']': case '~':
			puts_(m, "\\");
			put(m, &ch, 1);
			break;
		case '_':
			if (!(is_alnum(prev) && is_alnum(next)))
				puts_(m, "\\");
			put(m, &ch, 1);
			break;
		case '<':
			puts_(m, "&lt;");
			break;
		case '&':
			puts_(m, entity_at(s + i, n - i) ? "&amp;" : "&");
			break;
		case '#':
			if (start || prev == ' ')
				puts_(m, "\\");
			put(m, &ch, 1);
			break;
		case '!':
			/* "![" would make the link after it an image */
			if (next == '[' || (i + 1 == n && m->more))
				puts_(m, "\\");
			put(m, &ch, 1);
			break;
		case '>': case '-': case '+': case '=': case '|':
			if (start)
				puts_(m, "\\");
			put(m, &ch, 1);
			break;
		case '\n':
			puts_(m, " ");
			break;
		default:
			put(m, &ch, 1);
		}
	}
}

static void esc_str(struct md *m, const char *s)
{
	esc(m, s, strlen(s));
}

/* A link destination (url_dest_ok), with the characters that would end or
 * break it encoded. */
static void dest(struct md *m, const char *prefix, const char *u, size_t n)
{
	char hex[4];

	puts_(m, "(");
	puts_(m, prefix);
	for (size_t i = 0; i < n; i++) {
		unsigned char b = (unsigned char)u[i];
		if (b <= ' ' || b == 0x7F || strchr("()<>\\\"`", b)) {
			snprintf(hex, sizeof hex, "%%%02X", b);
			puts_(m, hex);
		} else if (b == '&' && entity_at(u + i, n - i)) {
			puts_(m, "&amp;");     /* no "&#58;" turning into a scheme */
		} else {
			put(m, u + i, 1);
		}
	}
	puts_(m, ")");
}

/* Link syntax is written here only: "[", the text, then "](dest)". */
static void link_open(struct md *m)
{
	puts_(m, "[");
}

static void link_close(struct md *m, const char *prefix, const char *u, size_t n)
{
	puts_(m, "]");
	dest(m, prefix, u, n);
}

/* The flags whose opening is pending at span k, in the order to open
 * them: the one that lasts longest first, so that closings nest. */
static size_t flag_end(const struct markup *mk, size_t k, unsigned flag)
{
	const struct markup_span *sp = &mk->spans[k];
	size_t end = sp->start + sp->len;

	for (size_t j = k + 1; j < mk->nspans; j++) {
		const struct markup_span *t = &mk->spans[j];
		if (t->start != end || !(t->flags & flag) ||
		    (flag == MK_LINK && (t->url != sp->url || t->url_len != sp->url_len)))
			break;
		end = t->start + t->len;
	}
	return end;
}

struct open_flag {
	unsigned flag;
	const char *url;
	size_t url_len;
	bool shown;             /* links with a refused destination are text */
};

static void close_flag(struct md *m, const struct open_flag *f)
{
	if (f->flag == MK_BOLD)
		puts_(m, "**");
	else if (f->flag == MK_ITALIC)
		puts_(m, "*");
	else if (f->shown)
		link_close(m, "", f->url, f->url_len);
}

/* s with its markup written back as Markdown, the rest escaped. */
static void marked(struct md *m, const char *s, size_t n)
{
	struct markup *mk = &m->mk;
	struct open_flag st[8];
	size_t nst = 0, at = 0;

	while (n && *s == ' ') {
		s++;
		n--;
	}
	while (n && s[n - 1] == ' ')
		n--;
	markup_parse(mk, s, n);
	for (size_t k = 0; k <= mk->nspans; k++) {
		const struct markup_span *sp = k < mk->nspans ? &mk->spans[k] : NULL;
		size_t start = sp ? sp->start : mk->len;
		unsigned want = sp ? sp->flags : 0;
		size_t keep = 0;

		if (start > at) {               /* plain text before the span */
			while (nst)
				close_flag(m, &st[--nst]);
			m->more = sp && (sp->flags & MK_LINK);
			esc(m, mk->text + at, start - at);
		}
		while (keep < nst && (want & st[keep].flag) &&
		       (st[keep].flag != MK_LINK ||
		        (st[keep].url == sp->url && st[keep].url_len == sp->url_len)))
			keep++;
		while (nst > keep)
			close_flag(m, &st[--nst]);
		if (!sp)
			break;
		for (;;) {
			unsigned best = 0;
			size_t best_end = 0;
			for (unsigned f = MK_LINK; f; f >>= 1) {
				bool open = false;
				for (size_t j = 0; j < nst; j++)
					open |= st[j].flag == f;
				if ((want & f) && !open && flag_end(mk, k, f) > best_end) {
					best = f;
					best_end = flag_end(mk, k, f);
				}
			}
			if (!best)
				break;
			st[nst] = (struct open_flag){ .flag = best, .url = sp->url,
				.url_len = sp->url_len,
				.shown = best == MK_LINK && url_dest_ok(sp->url, sp->url_len) };
			if (best == MK_LINK) {
				if (st[nst].shown)
					link_open(m);
			} else {
				puts_(m, best == MK_BOLD ? "**" : "*");
			}
			nst++;
		}
		m->more = k + 1 < mk->nspans && (mk->spans[k + 1].flags & MK_LINK) &&
		          mk->spans[k + 1].start == sp->start + sp->len;
		esc(m, mk->text + sp->start, sp->len);
		m->more = false;
		at = sp->start + sp->len;
	}
	while (nst)
		close_flag(m, &st[--nst]);
}

static void marked_str(struct md *m, const char *s)
{
	marked(m, s, strlen(s));
}

/* Each '\n'-separated line as a paragraph. */
static void paragraphs(struct md *m, const char *s)
{
	while (*s) {
		const char *nl = strchr(s, '\n');
		size_t n = nl ? (size_t)(nl - s) : strlen(s);
		size_t k = 0;

		while (k < n && s[k] == ' ')
			k++;
		if (k < n) {
			block(m);
			marked(m, s, n);
		}
		s += n;
		if (*s)
			s++;
	}
}

/*
 * "[label: text](prefix url)", label and text escaped (label, vitae's
 * own words such as a network's name, may be NULL). Without a prefix, a
 * bare "example.com" (as websites are often written) is taken as https,
 * and a url that is not a web or mail address (url_dest_ok), or none,
 * leaves the text alone, unlinked.
 */
static void link(struct md *m, const char *label, const char *text, size_t tn,
                 const char *prefix, const char *url)
{
	size_t un = url ? strlen(url) : 0;
	bool shown = prefix || (un && url_dest_ok(url, un));

	if (shown && !prefix)
		prefix = strchr(url, ':') ? "" : "https://";
	if (shown)
		link_open(m);
	if (has(label)) {
		esc_str(m, label);
		puts_(m, ": ");
	}
	esc(m, text, tn);
	if (shown)
		link_close(m, prefix, url, un);
}

/* An address linked to itself, shown as people read it (url_display). */
static void url_link(struct md *m, const char *url)
{
	size_t n = strlen(url);
	const char *t = url_display(url, &n);
	link(m, NULL, t, n, NULL, url);
}

/* "**Label:** ", the value to follow. */
static void bold_label(struct md *m, const char *label)
{
	puts_(m, "**");
	marked_str(m, label);
	lead(m, ":** ");
}

static void sep(struct md *m, bool *first)
{
	if (!*first)
		lead(m, " · ");
	*first = false;
}

static void header(struct md *m)
{
	const struct header *h = &m->r->header;
	bool first = true;
	size_t n;

	if (has(h->name)) {
		block(m);
		lead(m, "# ");
		marked_str(m, h->name);
	}
	if (has(h->headline)) {
		block(m);
		marked_str(m, h->headline);
	}
	if (!has(h->location) && !h->emails.n && !has(h->phone) && !h->websites.n &&
	    !h->nprofiles)
		return;
	block(m);
	if (has(h->location)) {
		sep(m, &first);
		marked_str(m, h->location);
	}
	for (size_t i = 0; i < h->emails.n; i++) {
		const char *e = h->emails.v[i];
		if (!has(e))
			continue;
		sep(m, &first);
		link(m, NULL, e, strlen(e), "mailto:", e);
	}
	if (has(h->phone)) {
		sep(m, &first);
		esc_str(m, h->phone);
	}
	for (size_t i = 0; i < h->websites.n; i++) {
		if (!has(h->websites.v[i]))
			continue;
		sep(m, &first);
		url_link(m, h->websites.v[i]);
	}
	for (size_t i = 0; i < h->nprofiles; i++) {
		const struct profile *p = &h->profiles[i];
		const char *text = has(p->username) ? p->username : has(p->url) ? p->url :
		                   p->network;

		if (!has(text))
			continue;
		sep(m, &first);
		n = strlen(text);
		if (text == p->url)
			text = url_display(p->url, &n);
		link(m, text != p->network ? p->network : NULL, text, n, NULL, p->url);
	}
}

/* One part of "text · *italic* · *italic*"; absent parts are left out. */
static void meta_part(struct md *m, bool *first, const char *s, bool italic, bool markup)
{
	if (!has(s))
		return;
	sep(m, first);
	if (italic)
		puts_(m, "*");
	if (markup)
		marked_str(m, s);
	else
		esc_str(m, s);
	if (italic)
		puts_(m, "*");
}

/* Continuation lines of a list item are indented by its marker. */
static void nested(struct md *m, int indent, const char *s, size_t n)
{
	indent_line(m, indent);
	marker(m, "- ");
	marked(m, s, n);
}

struct hl_md {
	struct md *m;
	int indent;             /* columns of the enclosing list marker */
	bool top;               /* the highlights are a list of their own */
	bool open;
};

static void hl_piece_md(void *ctx, const struct hl_piece *pc)
{
	struct hl_md *h = ctx;
	struct md *m = h->m;

	if (pc->cont && h->open) {
		lead(m, " ");
		marked(m, pc->s, pc->len);
		return;
	}
	h->open = true;
	if (h->top && (pc->level == 0 || m->list != LIST_BULLET)) {
		item(m, LIST_BULLET, "- ");
		marked(m, pc->s, pc->len);
	} else {
		nested(m, (h->top ? 0 : h->indent) + (pc->level ? 2 : 0), pc->s, pc->len);
	}
}

/* Highlights as a list (top) or as items nested under a list item. */
static void highlights(struct md *m, const struct entry *e, int indent, bool top)
{
	struct hl_md h = { .m = m, .indent = indent, .top = top };

	for (size_t i = 0; i < e->highlights.n; i++) {
		if (!has(e->highlights.v[i]))
			continue;
		h.open = false;
		highlight_split(e->highlights.v[i], m->r->format == FORMAT_RENDERCV,
		                hl_piece_md, &h);
	}
}

static void technologies(struct md *m, const struct strlist *t)
{
	for (size_t i = 0; i < t->n; i++) {
		if (!has(t->v[i]))
			continue;
		if (i)
			lead(m, ", ");
		marked_str(m, t->v[i]);
	}
}

static void url_line(struct md *m, const struct entry *e)
{
	if (has(e->doi) && has(e->url)) {
		block(m);
		link(m, NULL, e->doi, strlen(e->doi), NULL, e->url);
	} else if (has(e->url)) {
		block(m);
		url_link(m, e->url);
	}
}

/* Summary, highlights, technologies, extra fields and link: blocks of
 * their own under a heading entry. */
static void tail_blocks(struct md *m, const struct entry *e)
{
	if (has(e->summary))
		paragraphs(m, e->summary);
	highlights(m, e, 0, true);
	if (e->technologies.n) {
		block(m);
		bold_label(m, locale_or_default(&m->r->locale)->technologies);
		technologies(m, &e->technologies);
	}
	for (size_t i = 0; i < e->nfields; i++) {
		if (!has(e->fields[i].label) || !has(e->fields[i].value))
			continue;
		block(m);
		bold_label(m, e->fields[i].label);
		marked_str(m, e->fields[i].value);
	}
	url_line(m, e);
}

/* The same under a list item: nested items, so the list stays whole. */
static void tail_items(struct md *m, const struct entry *e, int indent)
{
	if (has(e->summary)) {
		const char *s = e->summary;
		while (*s) {
			const char *nl = strchr(s, '\n');
			size_t n = nl ? (size_t)(nl - s) : strlen(s);
			if (n)
				nested(m, indent, s, n);
			s += n;
			if (*s)
				s++;
		}
	}
	highlights(m, e, indent, false);
	if (e->technologies.n) {
		indent_line(m, indent);
		marker(m, "- ");
		bold_label(m, locale_or_default(&m->r->locale)->technologies);
		technologies(m, &e->technologies);
	}
	for (size_t i = 0; i < e->nfields; i++) {
		if (!has(e->fields[i].label) || !has(e->fields[i].value))
			continue;
		indent_line(m, indent);
		marker(m, "- ");
		bold_label(m, e->fields[i].label);
		marked_str(m, e->fields[i].value);
	}
	if (has(e->url)) {
		indent_line(m, indent);
		marker(m, "- ");
		url_link(m, e->url);
	}
}

static void authors(struct md *m, const struct strlist *a)
{
	bool first = true;

	block(m);
	for (size_t i = 0; i < a->n; i++) {
		const char *s = a->v[i];
		if (!has(s))
			continue;
		if (!first)
			lead(m, ", ");
		first = false;
		markup_parse(&m->mk, s, strlen(s));
		if (markup_is_emphasised(&m->mk)) {
			/* the owner: bold, whichever marker the file used */
			char *plain = m->mk.text;
			size_t n = m->mk.len;
			puts_(m, "**");
			esc(m, plain, n);
			puts_(m, "**");
		} else {
			marked_str(m, s);
		}
	}
}

/* "DEGREE in AREA", in the résumé's language. */
struct degree_ctx {
	struct md *m;
	const struct entry *e;
};

static void degree_piece(void *ctx, enum phrase_part part, const char *s, size_t n)
{
	struct degree_ctx *d = ctx;
	if (part == PHRASE_DEGREE)
		marked_str(d->m, d->e->degree);
	else if (part == PHRASE_AREA)
		marked_str(d->m, d->e->subtitle);
	else {
		/* The words between keep their spaces: " in ", " en ". */
		bool lead_sp = n && s[0] == ' ';
		while (n && *s == ' ')
			s++, n--;
		bool trail_sp = n && s[n - 1] == ' ';
		while (n && s[n - 1] == ' ')
			n--;
		if (lead_sp)
			lead(d->m, " ");
		esc(d->m, s, n);
		if (trail_sp || (!n && lead_sp))
			lead(d->m, " ");
	}
}

static void heading_entry(struct md *m, const struct entry *e)
{
	bool first = true;

	if (has(e->title)) {
		block(m);
		lead(m, "### ");
		marked_str(m, e->title);
	}
	if (e->authors.n)
		authors(m, &e->authors);
	if (has(e->degree) || has(e->subtitle) || has(e->venue) || has(e->location) ||
	    has(e->dates) || has(e->time_span)) {
		block(m);
		if (has(e->degree) || has(e->subtitle)) {
			sep(m, &first);
			struct degree_ctx d = { m, e };
			if (has(e->degree) && has(e->subtitle))
				locale_phrase(locale_or_default(&m->r->locale)->degree_with_area, degree_piece, &d);
			else
				marked_str(m, has(e->degree) ? e->degree : e->subtitle);
		}
		meta_part(m, &first, e->venue, true, true);
		meta_part(m, &first, e->location, true, true);
		meta_part(m, &first, e->dates, true, true);
		meta_part(m, &first, e->time_span, true, true);
	}
	tail_blocks(m, e);
}

static void entry(struct md *m, const struct section *s, size_t i)
{
	const struct entry *e = &s->entries[i];
	char mark[32];

	switch (e->kind) {
	case ENTRY_TEXT:
		if (has(e->title))
			paragraphs(m, e->title);
		tail_blocks(m, e);
		return;
	case ENTRY_ONELINE:
		item(m, LIST_BULLET, "- ");
		if (has(e->title) && has(e->subtitle)) {
			bold_label(m, e->title);
			marked_str(m, e->subtitle);
		} else {
			marked_str(m, has(e->title) ? e->title : has(e->subtitle) ? e->subtitle : "");
		}
		tail_items(m, e, 2);
		return;
	case ENTRY_BULLET:
		item(m, LIST_BULLET, "- ");
		marked_str(m, has(e->title) ? e->title : "");
		tail_items(m, e, 2);
		return;
	case ENTRY_NUMBERED:
		snprintf(mark, sizeof mark, "%zu. ", i + 1);
		item(m, LIST_ORDERED, mark);
		marked_str(m, has(e->title) ? e->title : "");
		tail_items(m, e, (int)strlen(mark));
		return;
	case ENTRY_REVERSED:
		/* CommonMark renumbers lists upwards, so a countdown is
		 * written as paragraphs whose numbers are escaped. */
		block(m);
		snprintf(mark, sizeof mark, "%zu\\. ", s->nentries - i);
		lead(m, mark);
		marked_str(m, has(e->title) ? e->title : "");
		tail_blocks(m, e);
		return;
	default:
		heading_entry(m, e);
		return;
	}
}

int print_markdown(FILE *out, const struct resume *r)
{
	struct md m = { .out = out, .r = r, .list = -1 };

	header(&m);
	if (has(r->empty_note)) {
		block(&m);
		marked_str(&m, r->empty_note);
	}
	for (size_t si = 0; si < r->nsections; si++) {
		const struct section *s = &r->sections[si];
		const char *title = has(s->title) ? s->title : has(s->key) ? s->key : NULL;

		if (!s->nentries)
			continue;
		if (title) {
			block(&m);
			lead(&m, "## ");
			marked_str(&m, title);
		}
		for (size_t i = 0; i < s->nentries; i++)
			entry(&m, s, i);
	}
	if (m.any)
		puts_(&m, "\n");
	markup_free(&m.mk);
	if (fflush(out) == EOF || ferror(out)) {
		if (!errno)
			errno = EIO;
		return -1;
	}
	return 0;
}
