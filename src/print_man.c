/*
 * The résumé as a manual page in man(7), for section 7: NAME is the
 * person and the headline, then the contact line, then a section per
 * résumé section with its entries as tagged paragraphs.
 *
 * Text from the file never becomes roff: it is only ever written on
 * text lines (never as a macro's argument: .SH, .TP and .B take the line
 * after them), a backslash becomes \e, a line that would start with '.'
 * or '\'' starts with \& instead, and every character outside ASCII is
 * written as \[uXXXX], so nothing depends on the formatter's input
 * encoding. The résumé's markup becomes \fB, \fI and links "text <url>".
 */
#include "print.h"

#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "markup.h"
#include "utf8.h"

struct roff {
	FILE *out;
	struct markup mk;
	bool bol;               /* at the start of an output line */
	bool after_sh;          /* a paragraph would be empty: .PP is not needed */
	bool failed;
};

static void raw(struct roff *m, const char *s)
{
	size_t n = strlen(s);
	if (!n)
		return;
	if (fwrite(s, 1, n, m->out) != n)
		m->failed = true;
	m->bol = s[n - 1] == '\n';
}

/* A request or macro line of our own. */
static void req(struct roff *m, const char *s)
{
	bool sh = !strncmp(s, ".SH", 3);
	if (!strcmp(s, ".PP") && m->after_sh) {
		m->after_sh = false;    /* a heading starts a paragraph already */
		return;
	}
	if (!m->bol)
		raw(m, "\n");
	raw(m, s);
	raw(m, "\n");
	m->after_sh = sh;
}

/* Ends the text line being written, if any. */
static void eol(struct roff *m)
{
	if (!m->bol)
		raw(m, "\n");
}

/*
 * Text, escaped. A '\n' ends the line; blanks at the start of a line are
 * dropped (roff would read them as a break) and empty lines are never
 * written (a blank line is a paragraph break roff warns about).
 */
static void text(struct roff *m, const char *s, size_t n, bool upper)
{
	char buf[16];

	for (size_t i = 0; i < n;) {
		unsigned char c = (unsigned char)s[i];
		if (c == '\n') {
			eol(m);
			i++;
			continue;
		}
		if (m->bol && (c == ' ' || c == '\t')) {
			i++;
			continue;
		}
		if (m->bol && (c == '.' || c == '\''))
			raw(m, "\\&");
		if (c == '\\') {
			raw(m, "\\e");
			i++;
		} else if (c < 0x80) {
			if (upper && c >= 'a' && c <= 'z')
				c = (unsigned char)(c - 'a' + 'A');
			buf[0] = c < ' ' || c == 0x7F ? ' ' : (char)c;
			buf[1] = '\0';
			raw(m, buf);
			i++;
		} else {
			uint32_t cp;
			size_t k = utf8_decode(s + i, n - i, &cp);
			snprintf(buf, sizeof buf, "\\[u%04X]", (unsigned)cp);
			raw(m, buf);
			i += k ? k : 1;
		}
	}
}

static void text_str(struct roff *m, const char *s)
{
	text(m, s, strlen(s), false);
}

/* s with its markup as font changes and links as "text <url>". */
static void marked(struct roff *m, const char *s)
{
	struct markup *mk = &m->mk;
	size_t at = 0;

	markup_parse(mk, s, strlen(s));
	for (size_t k = 0; k <= mk->nspans; k++) {
		const struct markup_span *sp = k < mk->nspans ? &mk->spans[k] : NULL;
		size_t start = sp ? sp->start : mk->len;
		text(m, mk->text + at, start - at, false);
		if (!sp)
			break;
		unsigned f = sp->flags & (MK_BOLD | MK_ITALIC);
		if (f)
			raw(m, f == (MK_BOLD | MK_ITALIC) ? "\\f(BI" : f == MK_BOLD ? "\\fB" : "\\fI");
		text(m, mk->text + sp->start, sp->len, false);
		if (f)
			raw(m, "\\fP");        /* back to the font around it: a bold title */
		if ((sp->flags & MK_LINK) && (int)k == sp->link_end) {
			raw(m, " <\\%");
			text(m, sp->url, sp->url_len, false);
			raw(m, ">");
		}
		at = sp->start + sp->len;
	}
}

/* A whole line of text in one font. */
static void styled(struct roff *m, const char *font, const char *s)
{
	raw(m, font);
	text_str(m, s);
	raw(m, "\\fR");
}

static void link_line(struct roff *m, const char *url)
{
	eol(m);
	raw(m, "<\\%");
	text_str(m, url);
	raw(m, ">\n");
}

static void sep(struct roff *m, bool *first, const char *s)
{
	if (!*first)
		raw(m, s);
	*first = false;
}

/* The page's name: the person's name in lower-case ASCII words joined by
 * '-' ("Arjun Rao" -> "arjun-rao"), or "resume". */
static void page_name(const char *name, char *out, size_t size)
{
	size_t n = 0;
	bool dash = false;

	for (const char *p = name ? name : ""; *p && n + 2 < size; p++) {
		char c = *p;
		if (c >= 'A' && c <= 'Z')
			c = (char)(c - 'A' + 'a');
		if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
			if (dash && n)
				out[n++] = '-';
			out[n++] = c;
			dash = false;
		} else {
			dash = true;
		}
	}
	out[n] = '\0';
	if (!n)
		snprintf(out, size, "resume");
}

static void header(struct roff *m, const struct resume *r)
{
	const struct header *h = &r->header;
	char name[64];
	bool first = true;

	page_name(h->name, name, sizeof name);
	for (char *p = name; *p; p++)
		if (*p >= 'a' && *p <= 'z')
			*p = (char)(*p - 'a' + 'A');
	raw(m, ".\\\" A résumé written by vitae --format man.\n");
	raw(m, ".TH ");
	for (const char *p = name; *p; p++)
		raw(m, *p == '-' ? "\\-" : (char[]){ *p, 0 });
	/* The date the page was written: SOURCE_DATE_EPOCH for a build
	 * that must give the same page every time, else today. */
	const char *epoch = getenv("SOURCE_DATE_EPOCH");
	time_t t = epoch && *epoch ? (time_t)strtoll(epoch, NULL, 10) : time(NULL);
	struct tm tm;
	char date[32] = "1970-01-01";
	if (gmtime_r(&t, &tm))
		strftime(date, sizeof date, "%Y-%m-%d", &tm);
	raw(m, " 7 ");
	raw(m, date);
	raw(m, " \"vitae " VITAE_VERSION "\" \"R\\[u00E9]sum\\[u00E9]\"\n");
	req(m, ".SH NAME");
	text_str(m, has(h->name) ? h->name : "R\xC3\xA9sum\xC3\xA9");
	raw(m, " \\- ");
	if (has(h->headline))
		marked(m, h->headline);
	else
		raw(m, "r\\[u00E9]sum\\[u00E9]");
	if (!has(h->location) && !h->emails.n && !has(h->phone) && !h->websites.n &&
	    !h->nprofiles)
		return;
	req(m, ".SH CONTACT");
	if (has(h->location)) {
		sep(m, &first, "\n.br\n");
		text_str(m, h->location);
	}
	for (size_t i = 0; i < h->emails.n; i++) {
		sep(m, &first, "\n.br\n");
		raw(m, "\\%");
		text_str(m, h->emails.v[i]);
	}
	if (has(h->phone)) {
		sep(m, &first, "\n.br\n");
		text_str(m, h->phone);
	}
	for (size_t i = 0; i < h->websites.n; i++) {
		sep(m, &first, "\n.br\n");
		raw(m, "\\%");
		text_str(m, h->websites.v[i]);
	}
	for (size_t i = 0; i < h->nprofiles; i++) {
		const struct profile *p = &h->profiles[i];
		sep(m, &first, "\n.br\n");
		if (has(p->network) && has(p->username)) {
			text_str(m, p->network);
			raw(m, ": ");
		}
		text_str(m, has(p->username) ? p->username : has(p->url) ? p->url :
		         has(p->network) ? p->network : "");
		if (has(p->url) && has(p->username)) {
			raw(m, " <\\%");
			text_str(m, p->url);
			raw(m, ">");
		}
	}
}

/* Each '\n'-separated line of s as a paragraph of its own. */
static void paragraphs(struct roff *m, const char *s, const char *macro)
{
	while (*s) {
		const char *nl = strchr(s, '\n');
		size_t n = nl ? (size_t)(nl - s) : strlen(s);
		char *line = xstrndup(s, n);
		size_t k = strspn(line, " \t");
		if (line[k]) {
			req(m, macro);
			marked(m, line);
		}
		free(line);
		s += n;
		if (*s)
			s++;
	}
}

struct hl_roff {
	struct roff *m;
	bool nested;            /* a nested item's .RS is open */
};

static void hl_close(struct hl_roff *h)
{
	if (h->nested)
		req(h->m, ".RE");
	h->nested = false;
}

/* Items as bullets, nested items as dashes indented under them. */
static void hl_piece_roff(void *ctx, const struct hl_piece *pc)
{
	struct hl_roff *h = ctx;
	struct roff *m = h->m;
	char *s = xmalloc(pc->len + 1);

	memcpy(s, pc->s, pc->len);
	s[pc->len] = '\0';
	if (pc->cont) {
		raw(m, " ");
	} else {
		hl_close(h);
		if (pc->level) {
			req(m, ".RS 2");
			h->nested = true;
		}
		req(m, pc->level ? ".IP \\(en 2" : ".IP \\(bu 2");
	}
	marked(m, s);
	free(s);
}

/* The body of a tagged paragraph: position, location, authors, venue,
 * summary, highlights, technologies, fields, link. */
static void body(struct roff *m, const struct resume *r, const struct entry *e)
{
	bool first = true;

	if (has(e->degree) || has(e->subtitle) || has(e->location)) {
		eol(m);
		if (has(e->degree)) {
			sep(m, &first, ", ");
			styled(m, "\\fI", e->degree);
		}
		if (has(e->subtitle)) {
			if (has(e->degree))
				raw(m, "\\fI in \\fR");
			first = false;
			raw(m, "\\fI");
			marked(m, e->subtitle);
			raw(m, "\\fR");
		}
		if (has(e->location)) {
			sep(m, &first, ", ");
			text_str(m, e->location);
		}
	}
	if (e->authors.n) {
		req(m, ".br");
		for (size_t i = 0; i < e->authors.n; i++) {
			if (i)
				raw(m, ", ");
			marked(m, e->authors.v[i]);
		}
	}
	if (has(e->venue)) {
		req(m, ".br");
		styled(m, "\\fI", e->venue);
	}
	if (has(e->summary))
		paragraphs(m, e->summary, e->kind == ENTRY_TEXT ? ".PP" : ".br");
	if (e->highlights.n) {
		struct hl_roff h = { .m = m };
		req(m, ".RS");
		for (size_t i = 0; i < e->highlights.n; i++) {
			if (has(e->highlights.v[i]))
				highlight_split(e->highlights.v[i], r->format == FORMAT_RENDERCV,
				                hl_piece_roff, &h);
			hl_close(&h);
		}
		req(m, ".RE");
		/* .RE leaves the tagged paragraph's indent: take it again
		 * for what follows (7n, .TP's default) */
		if (e->technologies.n || e->nfields || has(e->url))
			req(m, e->kind == ENTRY_TEXT ? ".PP" : ".IP \"\" 7");
	}
	if (e->technologies.n) {
		req(m, ".br");
		raw(m, "\\fBTechnologies:\\fR ");
		for (size_t i = 0; i < e->technologies.n; i++) {
			if (i)
				raw(m, ", ");
			marked(m, e->technologies.v[i]);
		}
	}
	for (size_t i = 0; i < e->nfields; i++) {
		if (!has(e->fields[i].label) || !has(e->fields[i].value))
			continue;
		req(m, ".br");
		raw(m, "\\fB");
		text_str(m, e->fields[i].label);
		raw(m, ":\\fR ");
		marked(m, e->fields[i].value);
	}
	if (has(e->url))
		link_line(m, e->url);
}

static void entry(struct roff *m, const struct resume *r, const struct section *s, size_t i)
{
	const struct entry *e = &s->entries[i];
	char num[32];

	switch (e->kind) {
	case ENTRY_TEXT:
		if (has(e->title))
			paragraphs(m, e->title, ".PP");
		body(m, r, e);
		return;
	case ENTRY_BULLET:
	case ENTRY_NUMBERED:
	case ENTRY_REVERSED:
		if (e->kind == ENTRY_BULLET)
			snprintf(num, sizeof num, ".IP \\(bu 2");
		else
			snprintf(num, sizeof num, ".IP %zu. 4",
			         e->kind == ENTRY_NUMBERED ? i + 1 : s->nentries - i);
		req(m, num);
		if (has(e->title))
			marked(m, e->title);
		body(m, r, e);
		return;
	case ENTRY_ONELINE:
		req(m, ".TP");
		raw(m, "\\fB");
		marked(m, has(e->title) ? e->title : "");
		raw(m, "\\fR\n");
		if (has(e->subtitle))
			marked(m, e->subtitle);
		else
			raw(m, "\\&");
		body(m, r, &(struct entry){ .kind = e->kind, .technologies = e->technologies,
		     .fields = e->fields, .nfields = e->nfields, .url = e->url });
		return;
	default:
		/* tag: the title in bold, then the dates */
		req(m, ".TP");
		if (has(e->title)) {
			raw(m, "\\fB");
			marked(m, e->title);
			raw(m, "\\fR");
		}
		if (has(e->dates)) {
			if (has(e->title))
				raw(m, " \\(em ");
			text_str(m, e->dates);
			if (has(e->time_span)) {
				raw(m, ", ");
				text_str(m, e->time_span);
			}
		}
		if (!has(e->title) && !has(e->dates))
			raw(m, "\\&");
		eol(m);
		if (!has(e->degree) && !has(e->subtitle) && !has(e->location) &&
		    !e->authors.n && !has(e->venue) && !has(e->summary) && !e->highlights.n &&
		    !e->technologies.n && !e->nfields && !has(e->url))
			raw(m, "\\&\n");
		body(m, r, e);
		return;
	}
}

int print_man(FILE *out, const struct resume *r)
{
	struct roff m = { .out = out, .bol = true, .mk = MARKUP_INIT };

	header(&m, r);
	for (size_t si = 0; si < r->nsections; si++) {
		const struct section *s = &r->sections[si];
		const char *title = has(s->title) ? s->title : has(s->key) ? s->key : "";
		if (!s->nentries)
			continue;
		req(&m, ".SH");
		text(&m, title, strlen(title), true);
		eol(&m);
		for (size_t i = 0; i < s->nentries; i++)
			entry(&m, r, s, i);
	}
	eol(&m);
	markup_free(&m.mk);
	if (m.failed || fflush(out) == EOF || ferror(out)) {
		if (!errno)
			errno = EIO;
		return -1;
	}
	return 0;
}
