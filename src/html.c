/*
 * HTML in JSON Resume text -> inline markup: one pass over the bytes with
 * a few counters (html.h says what is read).
 *
 * Markup has no way to nest everything HTML can, so emphasis is written
 * lazily: closers at once when a tag closes (right after text, as markup
 * wants), openers just before the next character that is not a space.
 * Where markup would misread the stars (an opener glued to the end of a
 * word while other emphasis is open, or more than three stars in a row),
 * the opener waits for the next space: a word loses its style, never its
 * text, and no stray '*' appears.
 */
#include "html.h"

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "markup.h"
#include "utf8.h"

enum emph { EM_BOLD, EM_ITALIC, EM_KINDS };

enum tag_kind {
	TAG_NONE,               /* not an element: the '<' is text */
	TAG_OTHER,              /* dropped, its text kept */
	TAG_BOLD,
	TAG_ITALIC,
	TAG_LINK,
	TAG_BREAK,              /* br, p */
	TAG_UL,
	TAG_OL,
	TAG_LI,
	TAG_HIDDEN,             /* script, style: contents dropped too */
};

/* The elements read as tags: the subset, then the other HTML elements
 * résumés hold, dropped with their text kept. Anything else in angle
 * brackets ("Vec<T>", "List<String>") is text. */
static const struct {
	const char *name;
	enum tag_kind kind;
} tags[] = {
	{ .name = "b", .kind = TAG_BOLD },
	{ .name = "strong", .kind = TAG_BOLD },
	{ .name = "i", .kind = TAG_ITALIC },
	{ .name = "em", .kind = TAG_ITALIC },
	{ .name = "a", .kind = TAG_LINK },
	{ .name = "br", .kind = TAG_BREAK },
	{ .name = "p", .kind = TAG_BREAK },
	{ .name = "ul", .kind = TAG_UL },
	{ .name = "ol", .kind = TAG_OL },
	{ .name = "li", .kind = TAG_LI },
	{ .name = "script", .kind = TAG_HIDDEN },
	{ .name = "style", .kind = TAG_HIDDEN },
	{ .name = "abbr", .kind = TAG_OTHER },
	{ .name = "address", .kind = TAG_OTHER },
	{ .name = "article", .kind = TAG_OTHER },
	{ .name = "aside", .kind = TAG_OTHER }, { .name = "big", .kind = TAG_OTHER },
	{ .name = "blockquote", .kind = TAG_OTHER },
	{ .name = "body", .kind = TAG_OTHER },
	{ .name = "caption", .kind = TAG_OTHER },
	{ .name = "center", .kind = TAG_OTHER },
	{ .name = "cite", .kind = TAG_OTHER }, { .name = "code", .kind = TAG_OTHER },
	{ .name = "col", .kind = TAG_OTHER },
	{ .name = "colgroup", .kind = TAG_OTHER },
	{ .name = "dd", .kind = TAG_OTHER }, { .name = "del", .kind = TAG_OTHER },
	{ .name = "details", .kind = TAG_OTHER },
	{ .name = "dfn", .kind = TAG_OTHER }, { .name = "div", .kind = TAG_OTHER },
	{ .name = "dl", .kind = TAG_OTHER }, { .name = "dt", .kind = TAG_OTHER },
	{ .name = "figcaption", .kind = TAG_OTHER },
	{ .name = "figure", .kind = TAG_OTHER },
	{ .name = "font", .kind = TAG_OTHER },
	{ .name = "footer", .kind = TAG_OTHER }, { .name = "h1", .kind = TAG_OTHER },
	{ .name = "h2", .kind = TAG_OTHER }, { .name = "h3", .kind = TAG_OTHER },
	{ .name = "h4", .kind = TAG_OTHER }, { .name = "h5", .kind = TAG_OTHER },
	{ .name = "h6", .kind = TAG_OTHER }, { .name = "head", .kind = TAG_OTHER },
	{ .name = "header", .kind = TAG_OTHER }, { .name = "hr", .kind = TAG_OTHER },
	{ .name = "html", .kind = TAG_OTHER }, { .name = "img", .kind = TAG_OTHER },
	{ .name = "ins", .kind = TAG_OTHER }, { .name = "kbd", .kind = TAG_OTHER },
	{ .name = "label", .kind = TAG_OTHER }, { .name = "main", .kind = TAG_OTHER },
	{ .name = "mark", .kind = TAG_OTHER }, { .name = "nav", .kind = TAG_OTHER },
	{ .name = "pre", .kind = TAG_OTHER }, { .name = "q", .kind = TAG_OTHER },
	{ .name = "s", .kind = TAG_OTHER }, { .name = "samp", .kind = TAG_OTHER },
	{ .name = "section", .kind = TAG_OTHER },
	{ .name = "small", .kind = TAG_OTHER }, { .name = "span", .kind = TAG_OTHER },
	{ .name = "strike", .kind = TAG_OTHER }, { .name = "sub", .kind = TAG_OTHER },
	{ .name = "summary", .kind = TAG_OTHER },
	{ .name = "sup", .kind = TAG_OTHER }, { .name = "table", .kind = TAG_OTHER },
	{ .name = "tbody", .kind = TAG_OTHER }, { .name = "td", .kind = TAG_OTHER },
	{ .name = "tfoot", .kind = TAG_OTHER }, { .name = "th", .kind = TAG_OTHER },
	{ .name = "thead", .kind = TAG_OTHER }, { .name = "time", .kind = TAG_OTHER },
	{ .name = "title", .kind = TAG_OTHER }, { .name = "tr", .kind = TAG_OTHER },
	{ .name = "tt", .kind = TAG_OTHER }, { .name = "u", .kind = TAG_OTHER },
	{ .name = "var", .kind = TAG_OTHER }, { .name = "wbr", .kind = TAG_OTHER },
};

/* The named entities résumés use; the rest of HTML's 2,000 stay as
 * written. */
static const struct {
	const char *name;
	uint32_t cp;
} entities[] = {
	{ .name = "amp", .cp = '&' },
	{ .name = "lt", .cp = '<' },
	{ .name = "gt", .cp = '>' },
	{ .name = "quot", .cp = '"' },
	{ .name = "apos", .cp = '\'' },
	{ .name = "nbsp", .cp = 0xA0 },
	{ .name = "ndash", .cp = 0x2013 },
	{ .name = "mdash", .cp = 0x2014 },
	{ .name = "lsquo", .cp = 0x2018 },
	{ .name = "rsquo", .cp = 0x2019 },
	{ .name = "ldquo", .cp = 0x201C },
	{ .name = "rdquo", .cp = 0x201D },
	{ .name = "hellip", .cp = 0x2026 },
	{ .name = "bull", .cp = 0x2022 },
	{ .name = "middot", .cp = 0xB7 },
	{ .name = "copy", .cp = 0xA9 },
	{ .name = "reg", .cp = 0xAE },
	{ .name = "trade", .cp = 0x2122 },
	{ .name = "euro", .cp = 0x20AC },
};

#define OL_DEPTH 8              /* numbered lists counted this deep */

struct out {
	struct arena *a;        /* for what entities decode to, sanitised */
	char *buf;
	size_t len, cap;
	bool html;              /* collapse white space, escape all text */
	size_t depth[EM_KINDS]; /* open <b>/<strong>, <i>/<em> */
	unsigned char shown[EM_KINDS];  /* markers written, bottom first */
	size_t nshown;
	size_t stars;           /* '*' markers at the end of buf */
	bool fresh;             /* buf ends where an opener reads as one */
	bool started;           /* text written */
	bool space, line;       /* white space, a line break, still to write */
	char prefix[16];        /* a list item's "- " or "3. ", still to write */
	bool in_link, link_open;        /* inside <a>; its '[' written */
	char *url;              /* the link's destination, percent-encoded */
	size_t list;            /* nesting of ul/ol */
	unsigned ol[OL_DEPTH];  /* items so far, or 0 for a ul */
	bool is_ol[OL_DEPTH];
};

static void put(struct out *o, const char *s, size_t n)
{
	if (o->len + n + 1 > o->cap)
		grow_array(&o->buf, &o->cap, o->len + n + 1, 1);
	memcpy(o->buf + o->len, s, n);
	o->len += n;
	o->stars = 0;
	o->fresh = false;
}

static void put_stars(struct out *o, unsigned char kind)
{
	size_t before = o->stars;

	put(o, "**", kind == EM_BOLD ? 2 : 1);
	o->stars = before + (kind == EM_BOLD ? 2 : 1);
}

/* Closes the markers from index k up (the outer ones stay written). */
static void close_from(struct out *o, size_t k)
{
	while (o->nshown > k)
		put_stars(o, o->shown[--o->nshown]);
}

static void close_kind(struct out *o, unsigned char kind)
{
	for (size_t k = 0; k < o->nshown; k++) {
		if (o->shown[k] == kind) {
			close_from(o, k);  /* the inner ones reopen when wanted */
			return;
		}
	}
}

static void open_markers(struct out *o)
{
	unsigned char want[EM_KINDS];
	size_t n = 0, nstars = 0;

	for (unsigned char k = 0; k < EM_KINDS; k++) {
		bool shown = false;
		for (size_t j = 0; j < o->nshown; j++)
			shown |= o->shown[j] == k;
		if (o->depth[k] && !shown) {
			want[n++] = k;
			nstars += k == EM_BOLD ? 2 : 1;
		}
	}
	if (!n || !(o->fresh || (o->nshown == 0 && o->stars + nstars <= 3)))
		return;
	for (size_t j = 0; j < n; j++) {
		put_stars(o, want[j]);
		o->shown[o->nshown++] = want[j];
	}
}

/* What waits for text: the line break or space, the item's prefix (then
 * the link's '[' and the openers, in before_text). */
static void flush_pending(struct out *o)
{
	if (o->line) {
		put(o, "\n", 1);
		o->fresh = true;
	} else if (o->space && o->started) {
		put(o, " ", 1);
		o->fresh = true;
	} else if (!o->started) {
		o->fresh = true;
	}
	o->line = o->space = false;
	if (o->prefix[0]) {
		put(o, o->prefix, strlen(o->prefix));
		o->prefix[0] = '\0';
		o->fresh = true;
	}
	o->started = true;
}

static void before_text(struct out *o)
{
	flush_pending(o);
	if (o->in_link && !o->link_open) {
		put(o, "[", 1);
		o->link_open = true;
		o->fresh = true;
	}
	open_markers(o);
}

/* One character of text: escaped when markup would read it. */
static void text(struct out *o, const char *s, size_t n, bool literal)
{
	before_text(o);
	if (literal && n == 1 && s[0] && strchr("\\*[]", s[0]))
		put(o, "\\", 1);
	put(o, s, n);
}

/* What an entity stands for. A numeric one goes through the loader's
 * sanitiser: a control becomes U+FFFD, a bidi or invisible character
 * nothing. The named ones are all printable. */
static void text_cp(struct out *o, uint32_t cp, bool numeric)
{
	char b[4];
	size_t n = utf8_encode(cp, b);
	const char *safe;

	if (!numeric || (cp >= 0x20 && cp < 0x7F)) {
		text(o, b, n, true);
		return;
	}
	safe = text_sanitize(o->a, b, n);
	if (*safe)
		text(o, safe, strlen(safe), false);
}

static void link_close(struct out *o)
{
	if (!o->link_open)
		return;
	close_from(o, 0);
	put(o, "](", 2);
	put(o, o->url, strlen(o->url));
	put(o, ")", 1);
	o->link_open = false;
}

static void line_break(struct out *o)
{
	close_from(o, 0);
	link_close(o);
	if (o->started)
		o->line = true;
	o->space = false;
	o->prefix[0] = '\0';
}

static void link_end(struct out *o)
{
	if (!o->in_link)
		return;
	if (o->link_open) {
		link_close(o);
	} else {                /* no text: "[](url)" shows the address */
		flush_pending(o);
		put(o, "[", 1);
		o->link_open = true;
		link_close(o);
	}
	o->in_link = false;
	free(o->url);
	o->url = NULL;
}

/* ---- entities ------------------------------------------------------------ */

/* The entity at s[0] == '&', if any: its code point in *cp and its length;
 * 0 when it is not one (the '&' is text). */
static size_t entity(const char *s, size_t len, uint32_t *cp)
{
	size_t i = 1;

	if (i < len && s[i] == '#') {
		bool hex = i + 1 < len && (s[i + 1] == 'x' || s[i + 1] == 'X');
		uint32_t v = 0;
		size_t start;

		i += hex ? 2 : 1;
		start = i;
		for (; i < len; i++) {
			unsigned d;
			char c = s[i];
			if (c >= '0' && c <= '9')
				d = (unsigned)(c - '0');
			else if (hex && c >= 'a' && c <= 'f')
				d = (unsigned)(c - 'a' + 10);
			else if (hex && c >= 'A' && c <= 'F')
				d = (unsigned)(c - 'A' + 10);
			else
				break;
			v = v > 0x10FFFF ? v : v * (hex ? 16 : 10) + d;
		}
		if (i == start || i >= len || s[i] != ';')
			return 0;
		*cp = v == 0 || v > 0x10FFFF || (v >= 0xD800 && v <= 0xDFFF)
		      ? UTF8_REPLACEMENT : v;
		return i + 1;
	}
	while (i < len && i < 10 && ((s[i] >= 'a' && s[i] <= 'z') || (s[i] >= 'A' && s[i] <= 'Z')))
		i++;
	if (i >= len || s[i] != ';')
		return 0;
	for (size_t k = 0; k < sizeof entities / sizeof entities[0]; k++) {
		if (strlen(entities[k].name) == i - 1 && !memcmp(entities[k].name, s + 1, i - 1)) {
			*cp = entities[k].cp;
			return i + 1;
		}
	}
	return 0;
}

/* ---- tags ---------------------------------------------------------------- */

static bool is_alpha(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

static bool is_alnum(char c)
{
	return is_alpha(c) || (c >= '0' && c <= '9');
}

static bool is_ws(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f';
}

static char lower(char c)
{
	return c >= 'A' && c <= 'Z' ? (char)(c - 'A' + 'a') : c;
}

static bool same_word(const char *s, size_t n, const char *word)
{
	if (strlen(word) != n)
		return false;
	for (size_t i = 0; i < n; i++)
		if (lower(s[i]) != word[i])
			return false;
	return true;
}

static enum tag_kind tag_kind(const char *name, size_t n)
{
	if (n == 0 || n > 10)   /* longer than "figcaption" */
		return TAG_NONE;
	for (size_t k = 0; k < sizeof tags / sizeof tags[0]; k++)
		if (lower(name[0]) == tags[k].name[0] && same_word(name, n, tags[k].name))
			return tags[k].kind;
	return TAG_NONE;
}

/* At '<' (left bytes): the kind of the element named after "<" or "</",
 * when the name ends as a tag's does; TAG_NONE otherwise. */
static enum tag_kind element_at(const char *p, size_t left)
{
	size_t name = p[1] == '/' ? 2 : 1, n = 0;

	while (name + n < left && n <= 10 && is_alnum(p[name + n]))
		n++;
	if (name + n < left && !is_ws(p[name + n]) && p[name + n] != '>' && p[name + n] != '/')
		return TAG_NONE;
	return tag_kind(p + name, n);
}

static char *href_value(const char *s, size_t n)
{
	char *dec = xmalloc(n + 1), *enc;
	size_t len = 0, k = 0;
	static const char hexd[] = "0123456789ABCDEF";

	while (n && is_ws(*s)) {
		s++;
		n--;
	}
	while (n && is_ws(s[n - 1]))
		n--;
	for (size_t i = 0; i < n;) {
		uint32_t cp;
		size_t e = s[i] == '&' ? entity(s + i, n - i, &cp) : 0;
		if (e) {
			char b[4];
			size_t bn = utf8_encode(cp, b);
			/* what an entity decodes to is never longer than it */
			memcpy(dec + len, b, bn);
			len += bn;
			i += e;
		} else {
			dec[len++] = s[i++];
		}
	}
	if (!url_dest_ok(dec, len)) {
		free(dec);
		return NULL;
	}
	enc = xmalloc(3 * len + 1);
	for (size_t i = 0; i < len; i++) {
		unsigned char b = (unsigned char)dec[i];
		if (b <= ' ' || b >= 0x7F || strchr("()<>\\\"`", b)) {
			enc[k++] = '%';
			enc[k++] = hexd[b >> 4];
			enc[k++] = hexd[b & 15];
		} else {
			enc[k++] = (char)b;
		}
	}
	enc[k] = '\0';
	free(dec);
	return enc;
}

/* The href of the attributes a[0..n), entities decoded and the bytes that
 * would end or break a markup destination percent-encoded; NULL when
 * there is none or it is no address markup links (url_dest_ok). */
static char *href(const char *a, size_t n)
{
	size_t i = 0;

	while (i < n) {
		size_t name, nlen, v = 0, vlen = 0;

		while (i < n && (is_ws(a[i]) || a[i] == '/'))
			i++;
		name = i;
		while (i < n && !is_ws(a[i]) && a[i] != '=' && a[i] != '/')
			i++;
		nlen = i - name;
		while (i < n && is_ws(a[i]))
			i++;
		if (i < n && a[i] == '=') {
			i++;
			while (i < n && is_ws(a[i]))
				i++;
			if (i < n && (a[i] == '"' || a[i] == '\'')) {
				char q = a[i++];
				v = i;
				while (i < n && a[i] != q)
					i++;
				vlen = i - v;
				if (i < n)
					i++;
			} else {
				v = i;
				while (i < n && !is_ws(a[i]))
					i++;
				vlen = i - v;
			}
		}
		if (nlen == 0 && i < n && a[i] != '=') {
			i++;            /* a stray byte: step over it */
			continue;
		}
		if (same_word(a + name, nlen, "href") && vlen)
			return href_value(a + v, vlen);
	}
	return NULL;
}

/* Does s[0..len) hold a tag: "<" or "</" and an element's name, or
 * "<!--", with a ">" after it? */
static bool has_tag(const char *s, size_t len)
{
	for (const char *p = memchr(s, '<', len); p; p = memchr(p + 1, '<', len - (size_t)(p + 1 - s))) {
		size_t left = len - (size_t)(p - s);
		if ((left > 3 && !memcmp(p + 1, "!--", 3)) || element_at(p, left) != TAG_NONE)
			return memchr(p, '>', left) != NULL;
	}
	return false;
}

struct scan {
	const char *s;
	size_t len;
	bool no_gt;             /* no '>' after the last search: none later */
	bool no_comment_end;    /* likewise for "-->" */
};

/* Where the contents of <script> or <style> end: after "</name...>",
 * or at the end. */
static size_t skip_hidden(const struct scan *sc, size_t i, const char *name, size_t n)
{
	for (; i + 2 + n <= sc->len; i++) {
		if (sc->s[i] == '<' && sc->s[i + 1] == '/' && same_word(sc->s + i + 2, n, name)) {
			const char *gt = memchr(sc->s + i, '>', sc->len - i);
			return gt ? (size_t)(gt - sc->s) + 1 : sc->len;
		}
	}
	return sc->len;
}

static void list_item(struct out *o)
{
	size_t d = o->list;

	if (d && d <= OL_DEPTH && o->is_ol[d - 1])
		snprintf(o->prefix, sizeof o->prefix, "%u. ", ++o->ol[d - 1]);
	else
		memcpy(o->prefix, "- ", 3);
}

/* The tag s[i..j] ('<' to '>'); returns where to go on. */
static size_t tag(struct out *o, const struct scan *sc, size_t i, size_t j)
{
	const char *s = sc->s;
	bool closing = s[i + 1] == '/';
	size_t name = i + 1 + closing, n = 0;
	enum tag_kind kind;

	while (name + n < j && is_alnum(s[name + n]))
		n++;
	kind = tag_kind(s + name, n);
	switch (kind) {
	case TAG_BOLD:
	case TAG_ITALIC: {
		unsigned char k = kind == TAG_BOLD ? EM_BOLD : EM_ITALIC;
		if (!closing) {
			o->depth[k]++;
		} else if (o->depth[k] && --o->depth[k] == 0) {
			close_kind(o, k);
		}
		break;
	}
	case TAG_LINK:
		if (closing) {
			link_end(o);
		} else if (!o->in_link) {
			char *url = href(s + name + n, j - (name + n));
			if (url) {
				close_from(o, 0);       /* brackets fence emphasis */
				o->in_link = true;
				o->link_open = false;
				o->url = url;
			}
		}
		break;
	case TAG_BREAK:
		line_break(o);
		break;
	case TAG_UL:
	case TAG_OL:
		line_break(o);
		if (!closing) {
			if (++o->list <= OL_DEPTH) {
				o->is_ol[o->list - 1] = kind == TAG_OL;
				o->ol[o->list - 1] = 0;
			}
		} else if (o->list) {
			o->list--;
		}
		break;
	case TAG_LI:
		line_break(o);
		if (!closing)
			list_item(o);
		break;
	case TAG_HIDDEN:
		if (!closing)
			return skip_hidden(sc, j + 1, same_word(s + name, n, "script") ? "script" : "style", n);
		break;
	case TAG_NONE:          /* not reached: angle() checked the name */
	case TAG_OTHER:
		break;
	}
	return j + 1;
}

/* '<' at i: a tag or comment, dropped (returns where to go on), or 0 when
 * the '<' is text. */
static size_t angle(struct out *o, struct scan *sc, size_t i)
{
	const char *s = sc->s;
	size_t left = sc->len - i;

	if (left > 3 && !memcmp(s + i + 1, "!--", 3)) {
		for (size_t k = i + 4; !sc->no_comment_end && k + 3 <= sc->len; k++)
			if (!memcmp(s + k, "-->", 3))
				return k + 3;
		sc->no_comment_end = true;
		return 0;
	}
	if (element_at(s + i, left) == TAG_NONE)
		return 0;
	const char *gt = sc->no_gt ? NULL : memchr(s + i, '>', left);
	if (!gt) {
		sc->no_gt = true;
		return 0;
	}
	return tag(o, sc, i, (size_t)(gt - s));
}

/* Where a run of text the main loop copies as it is ends: 1 in any text,
 * 2 only in HTML. */
static const unsigned char special[256] = {
	['&'] = 1, ['<'] = 1,
	[' '] = 2, ['\t'] = 2, ['\n'] = 2, ['\r'] = 2, ['\f'] = 2,
	['\\'] = 2, ['*'] = 2, ['['] = 2, [']'] = 2,
};

const char *html_to_markup(struct arena *a, const char *s, size_t len)
{
	struct out o = { .a = a };
	struct scan sc = { .s = s, .len = len };
	const char *res;

	if (!memchr(s, '<', len) && !memchr(s, '&', len))
		return s;
	o.html = has_tag(s, len);
	grow_array(&o.buf, &o.cap, len + len / 2 + 16, 1);     /* usually enough */
	for (size_t i = 0; i < len;) {
		char c = s[i];
		uint32_t cp;
		size_t n;

		if (c == '<' && o.html && (n = angle(&o, &sc, i))) {
			i = n;
		} else if (c == '&' && (n = entity(s + i, len - i, &cp))) {
			if (o.html && cp < 0x80 && is_ws((char)cp))
				o.space = true;         /* "&#10;" is white space too */
			else
				text_cp(&o, cp, s[i + 1] == '#');
			i += n;
		} else if (o.html && is_ws(c)) {
			o.space = true;
			i++;
		} else if (o.html && special[(unsigned char)c] == 2) {     /* \ * [ ] */
			text(&o, s + i, 1, true);
			i++;
		} else {                /* a run of ordinary text at once */
			unsigned stop = o.html ? 3 : 1;
			n = 1;
			while (i + n < len && !(special[(unsigned char)s[i + n]] & stop))
				n++;
			text(&o, s + i, n, false);
			i += n;
		}
	}
	close_from(&o, 0);
	link_end(&o);
	/* s was safe, tags leave whole characters, markers are ASCII and
	 * entities went through text_sanitize: the result is safe too. */
	res = arena_strndup(a, o.buf ? o.buf : "", o.len);
	free(o.buf);
	return res;
}
