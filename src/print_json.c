/*
 * JSON Resume v1.0.0. The header is `basics`; each section goes to the
 * JSON Resume section convert_jsonresume_place() picks, in the schema's
 * order (several sections of experience become one `work`); what has no
 * place keeps RenderCV's layout under meta.vitae.sections, so nothing is
 * lost. Entries are written through load_jsonresume.c's own tables, with
 * vitae's extensions (EXT there) for what JSON Resume has no key for.
 */
#include "print.h"

#include <stdlib.h>
#include <string.h>

#include "convert.h"

static void basics(struct emit *em, const struct resume *r)
{
	const struct header *h = &r->header;

	emit_key(em, "basics");
	emit_map(em);
	emit_pair(em, "name", h->name);
	emit_pair(em, "label", h->headline);
	emit_pair(em, "image", h->photo);
	/* JSON Resume has one email and one url, which its schema checks:
	 * the first, when it passes, and the others as extensions. A url
	 * that is not a URI goes under `website`, which vitae reads as url. */
	size_t one_email = h->emails.n && convert_is_email(h->emails.v[0]) ? 1 : 0;
	if (one_email)
		emit_pair(em, "email", h->emails.v[0]);
	emit_pair(em, "phone", h->phone);
	if (h->websites.n)
		emit_pair(em, convert_is_uri(h->websites.v[0]) ? "url" : "website",
		          h->websites.v[0]);
	if (h->emails.n > one_email)
		emit_list(em, "emails",
		          &(struct strlist){ h->emails.v + one_email, h->emails.n - one_email });
	if (h->websites.n > 1)
		emit_list(em, "urls", &(struct strlist){ h->websites.v + 1, h->websites.n - 1 });

	/* The summary: the text of the first section called so. */
	for (size_t i = 0; i < r->nsections; i++) {
		bool summary;
		const struct section *s = &r->sections[i];
		if (convert_jsonresume_place(s, &summary) || !summary)
			continue;
		size_t len = 0;
		for (size_t j = 0; j < s->nentries; j++)
			len += s->entries[j].title ? strlen(s->entries[j].title) + 1 : 0;
		char *text = xmalloc(len + 1), *p = text;
		for (size_t j = 0; j < s->nentries; j++) {
			const char *t = s->entries[j].title;
			if (!t)
				continue;
			if (p != text)
				*p++ = '\n';
			memcpy(p, t, strlen(t));
			p += strlen(t);
		}
		*p = '\0';
		emit_pair(em, "summary", text);
		free(text);
		break;
	}
	if (h->location) {
		/* one line in the model: the address, which vitae shows first */
		emit_key(em, "location");
		emit_map(em);
		emit_pair(em, "address", h->location);
		emit_end(em);
	}
	if (h->nprofiles) {
		emit_key(em, "profiles");
		emit_seq(em);
		for (size_t i = 0; i < h->nprofiles; i++) {
			emit_map(em);
			emit_pair(em, "network", h->profiles[i].network);
			emit_pair(em, "username", h->profiles[i].username);
			emit_pair(em, convert_is_uri(h->profiles[i].url) ? "url" : "website",
			          h->profiles[i].url);
			emit_end(em);
		}
		emit_end(em);
	}
	emit_end(em);
}

/* Whether s is the summary basics took: the first such section. */
static bool is_summary(const struct resume *r, const struct section *s)
{
	for (size_t i = 0; i < r->nsections; i++) {
		bool summary;
		if (!convert_jsonresume_place(&r->sections[i], &summary) && summary)
			return &r->sections[i] == s;
	}
	return false;
}

static void meta(struct emit *em, const struct resume *r)
{
	bool any = false;
	struct convert_keys keys = { 0 };

	for (size_t i = 0; i < r->nsections; i++) {
		const struct section *s = &r->sections[i];
		bool summary;
		if (convert_jsonresume_place(s, &summary) || is_summary(r, s) || !s->nentries)
			continue;
		if (!any) {
			emit_key(em, "meta");
			emit_map(em);
			emit_key(em, "vitae");
			emit_map(em);
			emit_key(em, "sections");
			emit_map(em);
			any = true;
		}
		emit_key(em, convert_key_unique(&keys, s->key ? s->key : s->title ? s->title : "section"));
		convert_rendercv_entries(em, r, s);
	}
	convert_keys_free(&keys);
	if (any) {
		emit_end(em);
		emit_end(em);
		emit_end(em);
	}
}

int print_json(FILE *out, const struct resume *r)
{
	struct emit *em = emit_open(out, EMIT_JSON);
	size_t njr;
	const struct jr_section *jr = jsonresume_sections(&njr);

	emit_map(em);
	emit_pair(em, "$schema",
	          "https://raw.githubusercontent.com/jsonresume/resume-schema/v1.0.0/schema.json");
	basics(em, r);
	for (size_t j = 0; j < njr; j++) {
		bool open = false;
		for (size_t i = 0; i < r->nsections; i++) {
			const struct section *s = &r->sections[i];
			bool summary;
			if (convert_jsonresume_place(s, &summary) != &jr[j])
				continue;
			for (size_t k = 0; k < s->nentries; k++) {
				if (!open) {
					emit_key(em, jr[j].key);
					emit_seq(em);
					open = true;
				}
				emit_map(em);
				convert_entry(em, &jr[j].spec, &s->entries[k], TO_JSONRESUME, r, NULL);
				emit_end(em);
			}
		}
		if (open)
			emit_end(em);
	}
	meta(em, r);
	emit_end(em);
	return emit_close(em);
}
