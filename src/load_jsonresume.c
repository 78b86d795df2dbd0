/*
 * JSON Resume v1.0.0 (its schema; vitae(5) lists the fields), in JSON or YAML. Every field of the
 * schema lands somewhere in the model:
 *
 *   basics        name, label -> headline, image -> photo, email, phone,
 *                 url -> website, location{...} -> one line, profiles;
 *                 vitae's emails[] and urls[]: more of them;
 *                 summary -> a "Summary" section of one text entry
 *   work          experience: name, position, location, dates, summary,
 *                 highlights, url; description -> "Description" field
 *   volunteer     experience: organization, position, url, dates, ...
 *   education     education: institution, area, studyType -> degree, url,
 *                 dates; score, courses -> fields
 *   awards        normal: title, awarder -> subtitle, date, summary
 *   certificates  normal: name, issuer -> subtitle, date, url
 *   publications  publication: name, publisher -> venue, releaseDate, url,
 *                 summary
 *   skills        one-line: name: keywords; level -> "Level" field (or
 *                 the details when there are no keywords)
 *   languages     one-line: language: fluency
 *   interests     one-line: name: keywords
 *   references    normal: name, reference -> summary
 *   projects      normal: name, description -> summary, highlights,
 *                 keywords -> technologies, dates, url; roles, entity,
 *                 type -> fields
 *   sideProjects  as projects, titled "Side Projects"
 *   meta, $schema not shown, but for vitae's meta.vitae.sections: sections
 *                 in RenderCV's layout (read by load_rendercv.c), after
 *                 the others
 *
 * Every section also reads vitae's extensions (EXT below), which is how
 * --format json keeps what JSON Resume has no key for.
 *
 * Variants of these keys (experience for work, ...) are read as them
 * (load_extra.c's table); any other key, at the top level or in basics,
 * is a section of its own after these, and an unknown key in an entry a
 * field, so no text is lost.
 *
 * Sections come in the schema's order, not the file's: JSON objects are
 * unordered, and the tools that write these files (resume-cli, editors,
 * exporters) order keys in all sorts of ways, while every JSON Resume
 * theme shows them in this fixed order.
 *
 * A few keys of the pre-1.0 schema (company, website, picture, gpa) are
 * read as their 1.0 names, since many published files still use them.
 */
#include <stddef.h>
#include <string.h>

#include "hint.h"
#include "loaders.h"

#define DATES DATE_SLOT("startDate", SLOT_START), DATE_SLOT("endDate", SLOT_END)
/* vitae's extensions in every section (the schema allows extra keys in
 * entries): what a RenderCV entry holds and JSON Resume has no key for,
 * so that --format json loses nothing. `dates` is free text, shown as
 * written; `website` holds a url that is not a URI, which JSON Resume's
 * schema refuses under `url`. A key the section already reads above wins (first match). */
#define EXT STR_SLOT("location", location), STR_SLOT("summary", summary), \
	LIST_SLOT("highlights", highlights), LIST_SLOT("authors", authors), \
	STR_SLOT("doi", doi), STR_SLOT("url", url), STR_SLOT("website", url), STR_SLOT("degree", degree), \
	DATE_SLOT("dates", SLOT_DATE), TECH_SLOT

static const struct slot work[] = {
	STR_SLOT("name", title), STR_SLOT("company", title), STR_SLOT("position", subtitle),
	STR_SLOT("location", location), FIELD_SLOT("description", "Description"),
	STR_SLOT("url", url), STR_SLOT("website", url), DATES, STR_SLOT("summary", summary),
	LIST_SLOT("highlights", highlights), EXT,
};
static const struct slot volunteer[] = {
	STR_SLOT("organization", title), STR_SLOT("position", subtitle), STR_SLOT("url", url),
	STR_SLOT("website", url), DATES, STR_SLOT("summary", summary),
	LIST_SLOT("highlights", highlights), EXT,
};
static const struct slot education[] = {
	STR_SLOT("institution", title), STR_SLOT("area", subtitle), STR_SLOT("studyType", degree),
	STR_SLOT("url", url), DATES, FIELD_SLOT("score", "Score"), FIELD_SLOT("gpa", "Score"),
	{ .key = "courses", .kind = SLOT_FIELD_LIST, .label = "Courses" }, EXT,
};
static const struct slot awards[] = {
	STR_SLOT("title", title), DATE_SLOT("date", SLOT_DATE),
	STR_SLOT("awarder", subtitle), STR_SLOT("summary", summary), EXT,
};
static const struct slot certificates[] = {
	STR_SLOT("name", title), DATE_SLOT("date", SLOT_DATE),
	STR_SLOT("issuer", subtitle), STR_SLOT("url", url), EXT,
};
static const struct slot publications[] = {
	STR_SLOT("name", title), STR_SLOT("publisher", venue),
	DATE_SLOT("releaseDate", SLOT_DATE), STR_SLOT("url", url),
	STR_SLOT("website", url), STR_SLOT("summary", summary), EXT,
};
static const struct slot skills[] = {
	STR_SLOT("name", title), { .key = "keywords", .kind = SLOT_JOIN, .off = offsetof(struct entry, subtitle) },
	FIELD_SLOT("level", "Level"), EXT,
};
static const struct slot languages[] = {
	STR_SLOT("language", title), STR_SLOT("fluency", subtitle), EXT,
};
static const struct slot interests[] = {
	STR_SLOT("name", title), { .key = "keywords", .kind = SLOT_JOIN, .off = offsetof(struct entry, subtitle) }, EXT,
};
static const struct slot references[] = {
	STR_SLOT("name", title), STR_SLOT("reference", summary), EXT,
};
static const struct slot projects[] = {
	STR_SLOT("name", title), STR_SLOT("description", summary), LIST_SLOT("highlights", highlights),
	LIST_SLOT("keywords", technologies), DATES, STR_SLOT("url", url),
	{ .key = "roles", .kind = SLOT_FIELD_LIST, .label = "Roles" },
	FIELD_SLOT("entity", "Entity"), FIELD_SLOT("type", "Type"), EXT,
};

static const struct jr_section sections[] = {
#define SECTION(k, t, what_, kind_, s, date_) { .key = k, .title = t, .spec = { \
	.what = what_, .kind = kind_, .slots = s, .nslots = sizeof s / sizeof s[0], \
	.date_key = date_, .start_key = "startDate", .end_key = "endDate" } }
	SECTION("work", "Experience", "work entry", ENTRY_EXPERIENCE, work, "date"),
	SECTION("volunteer", "Volunteer", "volunteer entry", ENTRY_EXPERIENCE, volunteer, "date"),
	SECTION("education", "Education", "education entry", ENTRY_EDUCATION, education, "date"),
	SECTION("awards", "Awards", "award", ENTRY_NORMAL, awards, "date"),
	SECTION("certificates", "Certificates", "certificate", ENTRY_NORMAL, certificates, "date"),
	SECTION("publications", "Publications", "publication", ENTRY_PUBLICATION, publications, "releaseDate"),
	SECTION("skills", "Skills", "skill", ENTRY_ONELINE, skills, "date"),
	SECTION("languages", "Languages", "language", ENTRY_ONELINE, languages, "date"),
	SECTION("interests", "Interests", "interest", ENTRY_ONELINE, interests, "date"),
	SECTION("references", "References", "reference", ENTRY_NORMAL, references, "date"),
	SECTION("projects", "Projects", "project", ENTRY_NORMAL, projects, "date"),
	/* not the schema's, but common: a section of its own, read as projects */
	SECTION("sideProjects", "Side Projects", "project", ENTRY_NORMAL, projects, "date"),
#undef SECTION
};

/* The section an unknown top-level key becomes: what looks like an entry
 * is read as one, every other key shown as a field. */
static const struct slot generic[] = {
	STR_SLOT("name", title), STR_SLOT("position", subtitle), STR_SLOT("location", location),
	STR_SLOT("summary", summary), LIST_SLOT("highlights", highlights),
	LIST_SLOT("keywords", technologies), TECH_SLOT, STR_SLOT("url", url), DATES,
	DATE_SLOT("date", SLOT_DATE),
};
static const struct entry_spec generic_spec = {
	.what = "entry", .kind = ENTRY_NORMAL, .slots = generic,
	.nslots = sizeof generic / sizeof generic[0], .date_key = "date",
	.start_key = "startDate", .end_key = "endDate", .quiet = true,
};

#define NSECTIONS (sizeof sections / sizeof sections[0])

/* address, city, region, postalCode, countryCode: one line, in the order
 * an address is written. */
static const char *read_location(struct conv *c, struct node *v)
{
	static const char *const parts[] = { "address", "city", "region", "postalCode", "countryCode" };
	if (v && v->type == NODE_SCALAR)
		return conv_str(c, v, "location");
	if (!conv_is_map(c, v, "location"))
		return NULL;
	const char *got[5] = { 0 }, *out = NULL;
	for (size_t i = 0; i < v->n; i++) {
		struct node *k = &v->u.pairs[i].key;
		size_t j = 0;
		while (j < 5 && !node_is(k, parts[j]))
			j++;
		if (j < 5) {
			got[j] = conv_str(c, &v->u.pairs[i].value, parts[j]);
			continue;
		}
		conv_unknown(c, k, "`location`");
		/* "country": "Norway" is still where the author lives: after
		 * the known parts */
		const char *t = conv_flatten(c, &v->u.pairs[i].value);
		if (t)
			got[4] = got[4] ? arena_printf(&c->r->arena, "%s, %s", got[4], t) : t;
	}
	for (size_t j = 0; j < 5; j++)
		if (got[j])
			out = out ? arena_printf(&c->r->arena, "%s, %s", out, got[j]) : got[j];
	return out;
}

static void read_profile(struct conv *c, struct node *m, struct profile *p)
{
	for (size_t j = 0; j < m->n; j++) {
		struct node *k = &m->u.pairs[j].key, *val = &m->u.pairs[j].value;
		if (node_is(k, "network"))
			p->network = conv_str(c, val, "network");
		else if (node_is(k, "username"))
			p->username = conv_str(c, val, "username");
		else if (node_is(k, "url") || node_is(k, "website"))
			p->url = conv_str(c, val, "url");
		else {
			conv_unknown(c, k, "a profile");
			if (!p->username)       /* shown where it would be */
				p->username = conv_flatten(c, val);
		}
	}
}

/* Keys whose value becomes a section of its own once the known ones are
 * read, in the order they were found. */
struct extras {
	struct extra {
		struct node_pair *pair;
		bool top;       /* at the top level, not in `basics` */
		const struct jr_section *as;    /* a variant of its key: read so */
	} *v;
	size_t n;
};

/* vitae's `emails` and `urls` in basics (JSON Resume has one of each):
 * the ones after the first, appended. */
static void read_more(struct conv *c, struct node *v, const char *field, struct strlist *l)
{
	struct strlist more = { 0 };
	conv_strlist(c, v, field, false, &more);
	if (!more.n)
		return;
	const char **all = arena_alloc(&c->r->arena, (l->n + more.n) * sizeof *all);
	if (l->n)
		memcpy(all, l->v, l->n * sizeof *all);
	memcpy(all + l->n, more.v, more.n * sizeof *all);
	l->v = all;
	l->n += more.n;
}

/* Returns the summary's key, which becomes a section of its own. */
static struct node *read_basics(struct conv *c, struct node *b, struct extras *x)
{
	struct header *h = &c->r->header;
	struct node *summary = NULL, *emails = NULL, *urls = NULL;
	if (!conv_is_map(c, b, "basics"))
		return NULL;
	for (size_t i = 0; i < b->n && !c->over; i++) {
		struct node *k = &b->u.pairs[i].key, *v = &b->u.pairs[i].value;
		if (!conv_visit(c, k))
			break;
		if (node_is(k, "name"))
			h->name = conv_str(c, v, "name");
		else if (node_is(k, "label"))
			h->headline = conv_str(c, v, "label");
		else if (node_is(k, "image") || node_is(k, "picture"))
			h->photo = conv_str(c, v, "image");
		else if (node_is(k, "email"))
			conv_strlist(c, v, "email", true, &h->emails);
		else if (node_is(k, "phone"))
			h->phone = conv_phone(c, v, "phone");
		else if (node_is(k, "url") || node_is(k, "website"))
			conv_strlist(c, v, "url", true, &h->websites);
		else if (node_is(k, "summary"))
			summary = k;
		else if (node_is(k, "location"))
			h->location = read_location(c, v);
		else if (node_is(k, "profiles")) {
			size_t n;
			struct node *items = conv_items(c, v, "profiles", &n);
			conv_profiles(c, items, n, "profiles", read_profile);
		}
		else if (node_is(k, "emails"))
			emails = v;
		else if (node_is(k, "urls"))
			urls = v;
		else {
			conv_unknown(c, k, "`basics`");
			x->v[x->n++] = (struct extra){ .pair = &b->u.pairs[i] };
		}
	}
	/* after email and url, wherever they were in the file */
	if (emails)
		read_more(c, emails, "emails", &h->emails);
	if (urls)
		read_more(c, urls, "urls", &h->websites);
	return summary;
}

static void read_summary(struct conv *c, struct node *basics, struct node *key)
{
	struct node *v = node_get(basics, "summary");
	const char *text = conv_str(c, v, "summary");
	if (!text)
		return;
	struct resume *r = c->r;
	struct section *s = conv_new_section(c);
	*s = (struct section){ .title = "Summary", .key = "summary", .kind = ENTRY_TEXT,
	                       .pos = key->pos, .nentries = 1 };
	s->entries = arena_calloc(&r->arena, 1, sizeof *s->entries);
	s->entries[0] = (struct entry){ .kind = ENTRY_TEXT, .pos = v->pos, .title = text };
}

/* A section of js's type under key; title NULL is js's own. */
static void read_section(struct conv *c, const struct jr_section *js,
                         struct node *key, struct node *list, const char *title)
{
	size_t n;
	struct node *items = conv_items(c, list, js->key, &n);
	struct resume *r = c->r;
	struct section s = {
		.title = title ? title : js->title, .key = js->key, .kind = js->spec.kind,
		.pos = key->pos,
		.entries = arena_calloc(&r->arena, n, sizeof(struct entry)),
	};
	for (size_t i = 0; i < n && !c->over; i++) {
		struct node *m = &items[i];
		if (node_is_null(m)) {
			diag_add(c->d, DIAG_WARNING, m->pos, "empty entry left out");
			continue;
		}
		if (!conv_visit(c, m))
			return;
		if (m->type != NODE_MAPPING) {
			if (items != list)      /* else told already: not a list */
				diag_add(c->d, DIAG_ERROR, m->pos,
				         "each item of `%s` must be a mapping, not %s",
				         js->key, node_type_name(m));
			/* shown as its text */
			const char *text = conv_flatten_visited(c, m);
			if (text)
				s.entries[s.nentries++] = (struct entry){
					.kind = ENTRY_TEXT, .pos = m->pos, .title = text };
			continue;
		}
		struct entry *e = &s.entries[s.nentries++];
		*e = (struct entry){ .kind = js->spec.kind, .pos = m->pos };
		conv_entry(c, m, &js->spec, e);
		/* A skill with a level but no keywords: the level is the detail. */
		if (js->spec.slots == skills && !e->subtitle && e->nfields == 1 &&
		    strcmp(e->fields[0].label, "Level") == 0) {
			e->subtitle = e->fields[0].value;
			e->fields = NULL;
			e->nfields = 0;
		}
	}
	if (s.nentries)
		*conv_new_section(c) = s;
}

/* The section keys, for "did you mean". */
static const char *section_key_at(size_t i, void *ctx)
{
	(void)ctx;
	return i < NSECTIONS ? sections[i].key : NULL;
}

void load_jsonresume(struct conv *c, struct node *root)
{
	struct node_pair *found[NSECTIONS] = { 0 };
	struct node *basics = NULL, *summary = NULL;
	struct node *b = node_get(root, "basics");
	size_t most = root->n + (b && b->type == NODE_MAPPING ? b->n : 0);
	struct extras x = { .v = arena_alloc(&c->r->arena, most * sizeof *x.v) };

	c->html = true;         /* themes render HTML in any text */
	for (size_t i = 0; i < root->n && !c->over; i++) {
		struct node *k = &root->u.pairs[i].key, *v = &root->u.pairs[i].value;
		size_t j = 0;
		while (j < NSECTIONS && !node_is(k, sections[j].key))
			j++;
		if (j < NSECTIONS)
			found[j] = &root->u.pairs[i];
		else if (node_is(k, "basics"))
			summary = read_basics(c, basics = v, &x);
		else if (!node_is(k, "meta") && !node_is(k, "$schema"))
			x.v[x.n++] = (struct extra){ .pair = &root->u.pairs[i], .top = true };
	}
	/* A variant of a section's key stands for it when the real key is
	 * absent; otherwise it is read the same way, as a section of its own
	 * after the known ones. */
	size_t left = 0;
	for (size_t i = 0; i < x.n; i++) {
		struct node *k = &x.v[i].pair->key;
		const char *alias = x.v[i].top ? conv_alias("JSON Resume", k) : NULL;
		size_t j = 0;
		while (alias && j < NSECTIONS && strcmp(sections[j].key, alias) != 0)
			j++;
		if (alias && j < NSECTIONS && !found[j]) {
			diag_add(c->d, DIAG_WARNING, k->pos,
			         "unknown key `%s` in the top level: read as `%s`", k->u.s, alias);
			found[j] = x.v[i].pair;
			continue;
		}
		if (x.v[i].top)
			conv_unknown_near(c, k, "the top level", section_key_at, NULL);
		x.v[left] = x.v[i];
		x.v[left++].as = alias && j < NSECTIONS ? &sections[j] : NULL;
	}
	x.n = left;
	if (summary && !c->over)
		read_summary(c, basics, summary);
	for (size_t j = 0; j < NSECTIONS && !c->over; j++)
		if (found[j])
			read_section(c, &sections[j], &found[j]->key, &found[j]->value, NULL);
	/* None of the schema's sections (a misspelt `wrok`, say): --check
	 * says so, though the unknown keys are shown. */
	if (!c->r->nsections)
		conv_note_empty(c, root);
	for (size_t i = 0; i < x.n && !c->over; i++) {
		struct node *k = &x.v[i].pair->key, *v = &x.v[i].pair->value;
		if (x.v[i].as)
			read_section(c, x.v[i].as, k, v, key_label(&c->r->arena, node_text(k)));
		else
			conv_extra_section(c, k, v, NULL, &generic_spec);
	}
	/* vitae's extension: the sections JSON Resume has no place for, in
	 * RenderCV's layout, after JSON Resume's own. */
	struct node *more = node_get(node_get(node_get(root, "meta"), "vitae"), "sections");
	if (more && !c->over)
		rendercv_sections(c, more);
}

const struct jr_section *jsonresume_sections(size_t *n)
{
	*n = NSECTIONS;
	return sections;
}
