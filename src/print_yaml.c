/*
 * RenderCV YAML: `cv` with the header and `sections`, in the model's
 * order. Entries are written through load_rendercv.c's own tables, so
 * `technologies:`, `url:` and the other extensions vitae reads are kept;
 * fields RenderCV has no key for go under keys made from their labels.
 * Every value is double-quoted (emit.c).
 */
#include "print.h"

#include <stdlib.h>
#include <string.h>

#include "convert.h"

static void header(struct emit *em, const struct header *h)
{
	emit_pair(em, "name", h->name);
	emit_pair(em, "headline", h->headline);
	emit_pair(em, "location", h->location);
	if (h->emails.n == 1)
		emit_pair(em, "email", h->emails.v[0]);
	else
		emit_list(em, "email", &h->emails);
	emit_pair(em, "phone", h->phone);
	if (h->websites.n == 1)
		emit_pair(em, "website", h->websites.v[0]);
	else
		emit_list(em, "website", &h->websites);
	emit_pair(em, "photo", h->photo);

	/* A network RenderCV knows, with a username, is a social network;
	 * any other profile a custom connection showing what vitae shows. */
	bool open = false;
	for (size_t i = 0; i < h->nprofiles; i++) {
		const struct profile *p = &h->profiles[i];
		const char *net = rendercv_network(p->network);
		if (!net || !p->username)
			continue;
		if (!open) {
			emit_key(em, "social_networks");
			emit_seq(em);
			open = true;
		}
		emit_map(em);
		emit_pair(em, "network", net);
		emit_pair(em, "username", p->username);
		emit_end(em);
	}
	if (open)
		emit_end(em);
	open = false;
	for (size_t i = 0; i < h->nprofiles; i++) {
		const struct profile *p = &h->profiles[i];
		if (rendercv_network(p->network) && p->username)
			continue;
		const char *text = p->username ? p->username : p->url ? p->url : p->network;
		if (!text)
			continue;
		if (!open) {
			emit_key(em, "custom_connections");
			emit_seq(em);
			open = true;
		}
		/* What vitae shows; RenderCV checks the url as a URI and
		 * takes no other key here, so one that is not is shown
		 * after it: "Network: user (example.org/me)". */
		bool uri = convert_is_uri(p->url);
		const char *net = p->network && p->username ? p->network : NULL;
		const char *url = p->url && !uri && text != p->url ? p->url : NULL;
		char *shown = xmalloc(strlen(text) + (net ? strlen(net) : 0) +
		                      (url ? strlen(url) : 0) + 6);
		sprintf(shown, "%s%s%s%s%s%s", net ? net : "", net ? ": " : "", text,
		        url ? " (" : "", url ? url : "", url ? ")" : "");
		emit_map(em);
		emit_pair(em, "fontawesome_icon", "link");
		emit_key(em, "placeholder");
		emit_str(em, shown);
		free(shown);
		emit_key(em, "url");
		if (uri)
			emit_str(em, p->url);
		else
			emit_null(em);
		emit_end(em);
	}
	if (open)
		emit_end(em);
}

int print_yaml(FILE *out, const struct resume *r)
{
	struct emit *em = emit_open(out, EMIT_YAML);

	emit_map(em);
	emit_key(em, "cv");
	emit_map(em);
	header(em, &r->header);
	bool open = false;
	struct convert_keys keys = { 0 };
	for (size_t i = 0; i < r->nsections; i++) {
		const struct section *s = &r->sections[i];
		/* RenderCV makes the title from the key: its own key, or a
		 * JSON Resume section's title, which it keeps as it is. */
		const char *key = r->format == FORMAT_RENDERCV && s->key ? s->key : s->title;
		if (!s->nentries || !key)
			continue;
		if (!open) {
			emit_key(em, "sections");
			emit_map(em);
			open = true;
		}
		/* sections with equal titles are two keys: the later "KEY 2" */
		emit_key(em, convert_key_unique(&keys, key));
		convert_rendercv_entries(em, r, s);
	}
	convert_keys_free(&keys);
	if (open)
		emit_end(em);
	emit_end(em);
	emit_end(em);
	return emit_close(em);
}
