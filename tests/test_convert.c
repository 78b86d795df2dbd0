/*
 * Round trips: a résumé converted to the other format (print_json,
 * print_yaml) and loaded again must hold the same text, field by field,
 * for every field both formats can hold. Files: the bundled résumé's
 * source, the public samples and the converter's own cases (convert/),
 * in both directions.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "t.h"
#include "convert.h"
#include "load.h"
#include "markup.h"
#include "print.h"

static const char *ctx;         /* which file and direction, for failures */

#define SAME(a, b) do { \
	const char *a_ = (a), *b_ = (b); \
	t_checks++; \
	if ((a_ || b_) && (!a_ || !b_ || strcmp(a_, b_))) { \
		t_failures++; \
		fprintf(stderr, "%s:%d: %s: %s\n  before: \"%s\"\n  after:  \"%s\"\n", \
		        __FILE__, __LINE__, ctx, #a, a_ ? a_ : "(null)", b_ ? b_ : "(null)"); \
	} \
} while (0)

/* A highlight as the viewer shows it: its pieces, whatever the format's
 * rule for nested items. */
struct pieces {
	char buf[1 << 16];
	size_t n;
};

static void piece(void *p, const struct hl_piece *pc)
{
	struct pieces *ps = p;
	int k = snprintf(ps->buf + ps->n, sizeof ps->buf - ps->n, "[%d%s]%.*s",
	                 pc->level, pc->cont ? "+" : "", (int)pc->len, pc->s);
	if (k > 0 && ps->n + (size_t)k < sizeof ps->buf)
		ps->n += (size_t)k;
}

static const char *shown(const struct resume *r, const char *h, struct pieces *ps)
{
	ps->n = 0;
	ps->buf[0] = '\0';
	highlight_split(h, r->format == FORMAT_RENDERCV, piece, ps);
	return ps->buf;
}

static void same_list(const struct strlist *a, const struct strlist *b)
{
	CHECK_INT(a->n, b->n);
	for (size_t i = 0; i < a->n && i < b->n; i++)
		SAME(a->v[i], b->v[i]);
}

static void same_entry(const struct resume *ra, const struct entry *a,
                       const struct resume *rb, const struct entry *b, bool fields)
{
	static struct pieces pa, pb;

	SAME(a->title, b->title);
	SAME(a->subtitle, b->subtitle);
	SAME(a->degree, b->degree);
	SAME(a->location, b->location);
	SAME(a->dates, b->dates);
	SAME(a->summary, b->summary);
	SAME(a->venue, b->venue);
	SAME(a->url, b->url);
	SAME(a->doi, b->doi);
	same_list(&a->technologies, &b->technologies);
	same_list(&a->authors, &b->authors);
	CHECK_INT(a->highlights.n, b->highlights.n);
	for (size_t i = 0; i < a->highlights.n && i < b->highlights.n; i++)
		SAME(shown(ra, a->highlights.v[i], &pa), shown(rb, b->highlights.v[i], &pb));
	if (!fields)
		return;
	/* as a set: the loader keeps the file's order, the writer its table's */
	CHECK_INT(a->nfields, b->nfields);
	for (size_t i = 0; i < a->nfields; i++) {
		const char *got = NULL;
		for (size_t j = 0; j < b->nfields; j++)
			if (!strcmp(a->fields[i].label, b->fields[j].label))
				got = b->fields[j].value;
		SAME(a->fields[i].value, got);
	}
}

/* Whether a message on the converted file is one the source had: an
 * impossible date stays one in the free-text date (the same value). */
static bool carried(const struct diag *src, const char *text)
{
	const char *v = strstr(text, "impossible date `");
	const char *end = v ? strchr(v + 17, '`') : NULL;
	if (!end)
		return false;
	for (size_t i = 0; i < src->n; i++)
		if (!strncmp(src->v[i].text, v, (size_t)(end + 1 - v)))
			return true;
	return false;
}

static const struct diag *source_diag;  /* the messages on the source */

static struct resume *convert(const struct resume *r, int (*print)(FILE *, const struct resume *))
{
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);
	struct load_limits lim;
	struct diag d;

	CHECK(f != NULL);
	CHECK_INT(print(f, r), 0);
	fclose(f);
	load_limits_default(&lim);
	lim.lenient = true;     /* so that a carried problem can be seen */
	diag_init(&d, "converted");
	struct resume *out = load_buffer(buf, len, &lim, &d);
	/* Only the extensions the target format has no key for may draw a
	 * message (the loader does not know them), and a problem the source
	 * had, carried as written. */
	bool clean = out != NULL;
	for (size_t i = 0; i < d.n; i++)
		clean &= (d.v[i].level == DIAG_WARNING && !strncmp(d.v[i].text, "unknown key", 11)) ||
		         carried(source_diag, d.v[i].text) ||
		         /* a highlight the source wrote over several lines,
		          * which the hint forgives, comes out on one */
		         strstr(d.v[i].text, "inside a highlight starts a sub-bullet");
	if (!clean) {
		fprintf(stderr, "%s: the converted file does not load cleanly:\n", ctx);
		diag_print(&d, stderr);
		t_failures++;
	}
	diag_free(&d);
	free(buf);
	return out;
}

static void same_header(const struct header *a, const struct header *b, bool all)
{
	SAME(a->name, b->name);
	SAME(a->headline, b->headline);
	SAME(a->location, b->location);
	SAME(a->phone, b->phone);
	SAME(a->photo, b->photo);
	if (all) {
		same_list(&a->emails, &b->emails);
		same_list(&a->websites, &b->websites);
	} else {            /* JSON Resume has one of each */
		SAME(a->emails.n ? a->emails.v[0] : NULL, b->emails.n ? b->emails.v[0] : NULL);
		SAME(a->websites.n ? a->websites.v[0] : NULL, b->websites.n ? b->websites.v[0] : NULL);
	}
}

/* JSON Resume: the header, the summary, and each JSON Resume section
 * against the entries of the sections that went there, in order. */
static void to_json(const struct resume *a)
{
	struct resume *b = convert(a, print_json);
	size_t njr;
	const struct jr_section *jr = jsonresume_sections(&njr);

	if (!b)
		return;
	same_header(&a->header, &b->header, true);
	CHECK_INT(a->header.nprofiles, b->header.nprofiles);
	for (size_t i = 0; i < a->header.nprofiles && i < b->header.nprofiles; i++) {
		SAME(a->header.profiles[i].network, b->header.profiles[i].network);
		SAME(a->header.profiles[i].username, b->header.profiles[i].username);
		SAME(a->header.profiles[i].url, b->header.profiles[i].url);
	}
	for (size_t j = 0; j < njr; j++) {
		const struct section *bs = NULL;
		size_t k = 0;
		/* the first: JSON Resume's own come before meta's */
		for (size_t i = 0; i < b->nsections && !bs; i++)
			if (!strcmp(b->sections[i].key, jr[j].key) &&
			    b->sections[i].kind == jr[j].spec.kind)
				bs = &b->sections[i];
		for (size_t i = 0; i < a->nsections; i++) {
			bool summary;
			const struct section *as = &a->sections[i];
			if (convert_jsonresume_place(as, &summary) != &jr[j])
				continue;
			for (size_t e = 0; e < as->nentries; e++, k++) {
				CHECK(bs && k < bs->nentries);
				if (bs && k < bs->nentries)
					same_entry(a, &as->entries[e], b, &bs->entries[k],
					           a->format == FORMAT_JSONRESUME);
			}
		}
		CHECK_INT(bs ? bs->nentries : 0, k);
	}
	/* The sections without a place come back from meta.vitae.sections,
	 * under their own titles. */
	for (size_t i = 0; i < a->nsections; i++) {
		bool summary;
		const struct section *as = &a->sections[i], *bs = NULL;
		if (convert_jsonresume_place(as, &summary) || summary)
			continue;
		for (size_t j = 0; j < b->nsections; j++)
			if (!strcmp(b->sections[j].title, as->title) &&
			    b->sections[j].kind == convert_rendercv_kind(as))
				bs = &b->sections[j];
		CHECK(bs != NULL);
		if (!bs)
			continue;
		CHECK_INT(as->nentries, bs->nentries);
		for (size_t e = 0; e < as->nentries && e < bs->nentries; e++)
			same_entry(a, &as->entries[e], b, &bs->entries[e], false);
	}
	resume_free(b);
}

/* The title section i of r has in RenderCV's YAML: its own, or for the
 * Nth section titled alike, the title then " N" (a mapping's keys differ). */
static const char *yaml_title(const struct resume *r, size_t i, char *buf, size_t size)
{
	size_t alike = 1;
	for (size_t j = 0; j < i; j++)
		alike += r->sections[j].nentries && !strcmp(r->sections[j].title, r->sections[i].title);
	if (alike == 1)
		return r->sections[i].title;
	snprintf(buf, size, "%s %zu", r->sections[i].title, alike);
	return buf;
}

/* RenderCV: everything but the extra fields, section by section. */
static void to_yaml(const struct resume *a)
{
	struct resume *b = convert(a, print_yaml);
	size_t bi = 0;

	if (!b)
		return;
	same_header(&a->header, &b->header, true);
	for (size_t i = 0; i < a->nsections; i++) {
		const struct section *as = &a->sections[i];
		if (!as->nentries)
			continue;
		CHECK(bi < b->nsections);
		if (bi >= b->nsections)
			break;
		const struct section *bs = &b->sections[bi++];
		char buf[256];
		SAME(yaml_title(a, i, buf, sizeof buf), bs->title);
		CHECK_INT(bs->kind, convert_rendercv_kind(as));
		CHECK_INT(as->nentries, bs->nentries);
		bool kept = bs->kind == as->kind;
		for (size_t e = 0; e < as->nentries && e < bs->nentries; e++) {
			if (kept || bs->kind == ENTRY_EXPERIENCE)
				same_entry(a, &as->entries[e], b, &bs->entries[e],
				           a->format == FORMAT_RENDERCV);
			else            /* downgraded: the name holds the first text */
				SAME(as->entries[e].dates, bs->entries[e].dates);
		}
	}
	CHECK_INT(bi, b->nsections);
	resume_free(b);
}

/* The formats JSON Resume's schema checks, as RFC 3986 and its
 * validator have them: what passes is kept under `url` and `email`. */
static void formats(void)
{
	static const struct {
		bool (*is)(const char *);
		const char *s;
		bool ok;
	} cases[] = {
		{ convert_is_uri, "https://example.org", true },
		{ convert_is_uri, "https://example.org/a%20b?q=1#top", true },
		{ convert_is_uri, "http://user:pw@example.org:8080/", true },
		{ convert_is_uri, "mailto:ada@example.org", true },
		{ convert_is_uri, "example.org", false },               /* no scheme */
		{ convert_is_uri, "www.example.org/kept", false },
		{ convert_is_uri, "https://linkedin.example/in/a b", false },
		{ convert_is_uri, "https://example.org/100%", false },  /* % without two hex digits */
		{ convert_is_uri, "https://example.org/%zz", false },
		{ convert_is_uri, "https://example.org/a#b#c", false },
		{ convert_is_uri, "http://example.org:port/", false },
		{ convert_is_uri, "https://example.org/^", false },
		{ convert_is_uri, "https://exämple.org", false },       /* an IRI, not a URI */
		{ convert_is_uri, "1http://example.org", false },
		{ convert_is_uri, "", false },
		{ convert_is_uri, NULL, false },
		{ convert_is_email, "ada@example.org", true },
		{ convert_is_email, "not_an_email", false },
		{ convert_is_email, "@example.org", false },
		{ convert_is_email, "ada@", false },
		{ convert_is_email, "ada lovelace@example.org", false },
		{ convert_is_email, "a@b@example.org", false },
		{ convert_is_email, NULL, false },
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		t_checks++;
		if (cases[i].is(cases[i].s) != cases[i].ok) {
			t_failures++;
			fprintf(stderr, "%s:%d: convert_is_%s(\"%s\") is not %d\n", __FILE__, __LINE__,
			        cases[i].is == convert_is_uri ? "uri" : "email",
			        cases[i].s ? cases[i].s : "(null)", cases[i].ok);
		}
	}

	/* keys made unique: the first as it is, then " 2", " 3", a key
	 * already taken skipped */
	struct convert_keys k = { 0 };
	CHECK_STR(convert_key_unique(&k, "Experience"), "Experience");
	CHECK_STR(convert_key_unique(&k, "Projects"), "Projects");
	CHECK_STR(convert_key_unique(&k, "Experience"), "Experience 2");
	CHECK_STR(convert_key_unique(&k, "Experience 3"), "Experience 3");
	CHECK_STR(convert_key_unique(&k, "Experience"), "Experience 4");
	convert_keys_free(&k);
}

int main(int argc, char **argv)
{
	formats();
	/* argv: files, each converted both ways */
	for (int i = 1; i < argc; i++) {
		struct load_limits lim;
		struct diag d;
		char what[512];

		load_limits_default(&lim);
		lim.lenient = true;     /* as --format reads: unchecked.* has errors */
		diag_init(&d, argv[i]);
		struct resume *r = load_file(argv[i], &lim, &d, NULL);
		CHECK(r != NULL);
		source_diag = &d;
		if (!r) {
			diag_free(&d);
			continue;
		}
		snprintf(what, sizeof what, "%s -> JSON Resume", argv[i]);
		ctx = what;
		to_json(r);
		snprintf(what, sizeof what, "%s -> RenderCV", argv[i]);
		ctx = what;
		to_yaml(r);
		resume_free(r);
		diag_free(&d);
	}
	CHECK(argc > 1);
	T_DONE();
}
