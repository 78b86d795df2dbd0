/*
 * The RenderCV layout (vitae(5) lists the fields): `cv` holds the header and `sections`,
 * a mapping from title to a list of entries whose type is inferred from
 * their keys, as RenderCV 2.x does. An unknown key at the top level or
 * in `cv` is a section of its own after `sections`; an entry of no type
 * is shown with what it has (load_extra.c).
 */
#include <stddef.h>
#include <string.h>

#include "hint.h"
#include "load_locale.h"
#include "loaders.h"

/* RenderCV's networks and the prefix a username is appended to. */
static const struct network {
	const char *name;
	const char *prefix;         /* NULL: Mastodon, built from the handle */
} networks[] = {
	{ .name = "LinkedIn", .prefix = "https://linkedin.com/in/" },
	{ .name = "GitHub", .prefix = "https://github.com/" },
	{ .name = "GitLab", .prefix = "https://gitlab.com/" },
	{ .name = "IMDB", .prefix = "https://imdb.com/name/" },
	{ .name = "Instagram", .prefix = "https://instagram.com/" },
	{ .name = "ORCID", .prefix = "https://orcid.org/" },
	{ .name = "Mastodon", .prefix = NULL },
	{ .name = "StackOverflow", .prefix = "https://stackoverflow.com/users/" },
	{ .name = "ResearchGate", .prefix = "https://researchgate.net/profile/" },
	{ .name = "YouTube", .prefix = "https://youtube.com/@" },
	{ .name = "Google Scholar", .prefix = "https://scholar.google.com/citations?user=" },
	{ .name = "Telegram", .prefix = "https://t.me/" },
	{ .name = "WhatsApp", .prefix = "https://wa.me/" },
	{ .name = "Leetcode", .prefix = "https://leetcode.com/u/" },
	{ .name = "X", .prefix = "https://x.com/" },
	{ .name = "Bluesky", .prefix = "https://bsky.app/profile/" },
	{ .name = "Reddit", .prefix = "https://reddit.com/user/" },
};

/* Words RenderCV leaves in lower case inside a title. */
static const char *const small_words[] = {
	"a", "and", "as", "at", "but", "by", "for", "from", "if", "in", "into",
	"like", "near", "nor", "of", "off", "on", "onto", "or", "over", "so",
	"than", "that", "to", "upon", "when", "with", "yet",
};

/* The last two are not RenderCV's (it accepts extra keys in entries): a
 * link (JSON Resume has one in every entry, so a converted file keeps
 * it) and the tools used, which vitae shows under an entry. */
#define COMMON_SLOTS \
	DATE_SLOT("date", SLOT_DATE), DATE_SLOT("start_date", SLOT_START), \
	DATE_SLOT("end_date", SLOT_END), STR_SLOT("location", location), \
	STR_SLOT("summary", summary), LIST_SLOT("highlights", highlights), \
	STR_SLOT("url", url), TECH_SLOT

static const struct slot experience[] = {
	REQ_SLOT("company", title), REQ_SLOT("position", subtitle), COMMON_SLOTS,
};
static const struct slot education[] = {
	REQ_SLOT("institution", title), REQ_SLOT("area", subtitle),
	STR_SLOT("degree", degree), COMMON_SLOTS,
};
static const struct slot normal[] = { REQ_SLOT("name", title), COMMON_SLOTS };
static const struct slot publication[] = {
	REQ_SLOT("title", title),
	{ .key = "authors", .kind = SLOT_LIST, .off = offsetof(struct entry, authors), .required = true },
	STR_SLOT("summary", summary),
	STR_SLOT("doi", doi),
	STR_SLOT("url", url),
	/* vitae's: a url that is not a URI, which RenderCV refuses as url */
	STR_SLOT("website", url),
	STR_SLOT("journal", venue),
	DATE_SLOT("date", SLOT_DATE),
	TECH_SLOT,
};
static const struct slot oneline[] = { REQ_SLOT("label", title), REQ_SLOT("details", subtitle), TECH_SLOT };
static const struct slot bullet[] = { REQ_SLOT("bullet", title), TECH_SLOT };
static const struct slot numbered[] = { REQ_SLOT("number", title), TECH_SLOT };
static const struct slot reversed[] = { REQ_SLOT("reversed_number", title), TECH_SLOT };

/* An entry that matches no type, or a section under an unknown key:
 * what every type has, and every other key shown as a field. */
static const struct slot generic[] = { COMMON_SLOTS,
	STR_SLOT("url", url) };
static const struct entry_spec generic_spec = {
	.what = "entry", .kind = ENTRY_NORMAL, .slots = generic,
	.nslots = sizeof generic / sizeof generic[0], .date_key = "date",
	.start_key = "start_date", .end_key = "end_date", .quiet = true,
};

#define SPEC(k, name, s) [k] = { .what = name " entry", .kind = k, .slots = s, \
	.nslots = sizeof s / sizeof s[0], .date_key = "date", \
	.start_key = "start_date", .end_key = "end_date" }
static const struct entry_spec specs[ENTRY_KIND_COUNT] = {
	SPEC(ENTRY_EXPERIENCE, "experience", experience),
	SPEC(ENTRY_EDUCATION, "education", education),
	SPEC(ENTRY_PUBLICATION, "publication", publication),
	SPEC(ENTRY_NORMAL, "normal", normal),
	SPEC(ENTRY_ONELINE, "one-line", oneline),
	SPEC(ENTRY_BULLET, "bullet", bullet),
	SPEC(ENTRY_NUMBERED, "numbered", numbered),
	SPEC(ENTRY_REVERSED, "reversed-numbered", reversed),
};

/* The keys only one entry type has, in the order RenderCV tries the types:
 * an entry with both `name` and `company` is a normal entry. */
static const struct mark {
	const char *key;
	enum entry_kind kind;
	int order;
} marks[] = {
	{ .key = "label", .kind = ENTRY_ONELINE, .order = 0 },
	{ .key = "details", .kind = ENTRY_ONELINE, .order = 0 },
	{ .key = "name", .kind = ENTRY_NORMAL, .order = 1 },
	{ .key = "company", .kind = ENTRY_EXPERIENCE, .order = 2 },
	{ .key = "position", .kind = ENTRY_EXPERIENCE, .order = 2 },
	{ .key = "institution", .kind = ENTRY_EDUCATION, .order = 3 },
	{ .key = "area", .kind = ENTRY_EDUCATION, .order = 3 },
	{ .key = "degree", .kind = ENTRY_EDUCATION, .order = 3 },
	{ .key = "title", .kind = ENTRY_PUBLICATION, .order = 4 },
	{ .key = "authors", .kind = ENTRY_PUBLICATION, .order = 4 },
	{ .key = "doi", .kind = ENTRY_PUBLICATION, .order = 4 },
	{ .key = "journal", .kind = ENTRY_PUBLICATION, .order = 4 },
	{ .key = "bullet", .kind = ENTRY_BULLET, .order = 5 },
	{ .key = "number", .kind = ENTRY_NUMBERED, .order = 6 },
	{ .key = "reversed_number", .kind = ENTRY_REVERSED, .order = 7 },
};

/* Names for "did you mean", read from the tables above where they are. */
static const char *network_at(size_t i, void *ctx)
{
	(void)ctx;
	return i < sizeof networks / sizeof networks[0] ? networks[i].name : NULL;
}

static const char *mark_at(size_t i, void *ctx)
{
	(void)ctx;
	return i < sizeof marks / sizeof marks[0] ? marks[i].key : NULL;
}

/* The keys read_cv() and load_rendercv() know. */
static const char *const cv_keys[] = {
	"name", "headline", "location", "photo", "phone", "email", "website",
	"social_networks", "custom_connections", "sections",
};
/* design and settings style the PDF (locale and design's date templates
 * are read by load_locale); rendercv_settings and locale_catalog are
 * RenderCV 1.x's names. */
static const char *const top_keys[] = {
	"cv", "design", "locale", "locale_catalog", "settings", "rendercv_settings",
};

static bool is_top_key(const struct node *k)
{
	for (size_t i = 0; i < sizeof top_keys / sizeof top_keys[0]; i++)
		if (node_is(k, top_keys[i]))
			return true;
	return false;
}

static const char *cv_key_at(size_t i, void *ctx)
{
	(void)ctx;
	return i < sizeof cv_keys / sizeof cv_keys[0] ? cv_keys[i] : NULL;
}

static const char *top_key_at(size_t i, void *ctx)
{
	(void)ctx;
	return i < sizeof top_keys / sizeof top_keys[0] ? top_keys[i] : NULL;
}

/* The entry type of a mapping, or -1 when no key gives it away. */
static int entry_type(const struct node *m)
{
	const struct mark *best = NULL;
	for (size_t i = 0; i < m->n; i++)
		for (size_t j = 0; j < sizeof marks / sizeof marks[0]; j++)
			if ((!best || marks[j].order < best->order) &&
			    node_is(&m->u.pairs[i].key, marks[j].key))
				best = &marks[j];
	return best ? (int)best->kind : -1;
}

static char *concat(struct arena *a, const char *x, const char *y)
{
	size_t lx = strlen(x), ly = strlen(y);
	char *out = arena_stralloc(a, lx + ly + 1);
	memcpy(out, x, lx);
	memcpy(out + lx, y, ly + 1);
	return out;
}

/* ---- section titles -------------------------------------------------------- */

static bool is_small_word(const char *w, size_t len)
{
	for (size_t i = 0; i < sizeof small_words / sizeof small_words[0]; i++)
		if (strlen(small_words[i]) == len && memcmp(small_words[i], w, len) == 0)
			return true;
	return false;
}

/* RenderCV's rule: a key with a space or a capital is a title already;
 * otherwise underscores become spaces and words are capitalised, but
 * small words (the first word is always capitalised). */
static const char *section_title(struct arena *a, const char *key)
{
	for (const char *p = key; *p; p++)
		if (*p == ' ' || (*p >= 'A' && *p <= 'Z'))
			return key;
	char *t = arena_strdup(a, key);
	for (char *p = t; *p; p++)
		if (*p == '_')
			*p = ' ';
	for (char *w = t; *w;) {
		size_t len = strcspn(w, " ");
		if ((w == t || !is_small_word(w, len)) && *w >= 'a' && *w <= 'z')
			*w = (char)(*w - 'a' + 'A');
		w += len;
		if (*w)
			w++;
	}
	return t;
}

/* ---- header -------------------------------------------------------------- */

static bool same_ascii_nocase(const char *a, const char *b)
{
	for (; *a && *b; a++, b++) {
		char x = *a, y = *b;
		if (x >= 'A' && x <= 'Z')
			x = (char)(x - 'A' + 'a');
		if (y >= 'A' && y <= 'Z')
			y = (char)(y - 'A' + 'a');
		if (x != y)
			return false;
	}
	return *a == *b;
}

static void read_social(struct conv *c, struct node *m, struct profile *p)
{
	struct node *netv = NULL, *userv = NULL, *urlv = NULL;
	for (size_t i = 0; i < m->n; i++) {
		struct node *k = &m->u.pairs[i].key;
		if (node_is(k, "network"))
			netv = &m->u.pairs[i].value;
		else if (node_is(k, "username"))
			userv = &m->u.pairs[i].value;
		else {
			conv_unknown(c, k, "a social network");
			if (node_is(k, "url"))  /* JSON Resume's habit */
				urlv = &m->u.pairs[i].value;
		}
	}
	const char *net = conv_str(c, netv, "network");
	p->username = conv_str(c, userv, "username");
	if (!p->username && urlv) {
		/* shown as "Network: URL" */
		p->network = net;
		p->url = conv_str(c, urlv, "url");
	}
	/* A value of the wrong type has had its message already. */
	const char *missing = !net && (!netv || netv->type == NODE_SCALAR) ? "network"
	                    : !p->username && (!userv || userv->type == NODE_SCALAR) ? "username"
	                    : NULL;
	if (missing)
		diag_add(c->d, DIAG_ERROR, m->pos, "a social network needs `%s`", missing);
	if (!net || !p->username)
		return;
	const struct network *known = NULL;
	for (size_t i = 0; i < sizeof networks / sizeof networks[0]; i++)
		if (same_ascii_nocase(net, networks[i].name))
			known = &networks[i];
	if (!known) {
		const char *near = same_ascii_nocase(net, "Twitter") ? "X"
		                 : suggest(net, network_at, NULL);
		if (near)
			diag_add(c->d, DIAG_WARNING, netv->pos, "unknown social network `%s`: "
			         "did you mean `%s`? (shown without a link)", net, near);
		else
			diag_add(c->d, DIAG_WARNING, netv->pos,
			         "unknown social network `%s`: shown without a link", net);
		p->network = net;
		return;
	}
	p->network = known->name;
	if (known->prefix) {
		const char *link;
		p->username = hint_username(c, userv, p->username, known->name, known->prefix,
		                            &link);
		p->url = link ? link : concat(&c->r->arena, known->prefix, p->username);
		return;
	}
	/* Mastodon: "@name@server" lives at https://server/@name. */
	const char *u = p->username, *at = u[0] == '@' ? strchr(u + 1, '@') : NULL;
	if (!at || at == u + 1 || !at[1] || strchr(at + 1, '@'))
		diag_add(c->d, DIAG_WARNING, userv->pos,
		         "a Mastodon username looks like `@name@server`: shown without a link");
	else
		p->url = arena_printf(&c->r->arena, "https://%s/@%.*s", at + 1,
		                      (int)(at - u - 1), u + 1);
}

/* A custom connection is shown like a profile: its text and its link. */
static void read_custom(struct conv *c, struct node *m, struct profile *p)
{
	for (size_t i = 0; i < m->n; i++) {
		struct node *k = &m->u.pairs[i].key, *v = &m->u.pairs[i].value;
		if (node_is(k, "placeholder"))
			p->username = conv_str(c, v, "placeholder");
		else if (node_is(k, "url"))
			p->url = conv_str(c, v, "url");
		else if (node_is(k, "fontawesome_icon"))
			conv_str(c, v, "fontawesome_icon");     /* an icon: not for a terminal */
		else
			conv_unknown(c, k, "a custom connection");
	}
	if (!p->username)
		p->username = p->url;
}

static void read_profiles(struct conv *c, struct node *v, const char *field,
                          void (*one)(struct conv *, struct node *, struct profile *))
{
	if (conv_is_seq(c, v, field))
		conv_profiles(c, v->u.items, v->n, field, one);
}

/* ---- sections ------------------------------------------------------------- */

static void read_section(struct conv *c, struct node *key, struct node *list,
                         struct section *s)
{
	s->key = conv_str(c, key, "sections");
	s->title = s->key ? section_title(&c->r->arena, s->key) : NULL;
	s->pos = key->pos;
	s->kind = ENTRY_TEXT;
	if (!s->key)
		diag_add(c->d, DIAG_ERROR, key->pos, "a section needs a title");
	size_t n;
	struct node *items = conv_items(c, list, s->key ? s->key : "sections", &n);
	s->entries = arena_calloc(&c->r->arena, n, sizeof *s->entries);
	struct pos decided = { 0, 0 };
	for (size_t i = 0; i < n && !c->over; i++) {
		struct node *item = &items[i];
		if (!conv_visit(c, item))
			return;
		int kind;
		const char *text = NULL;
		if (item->type == NODE_MAPPING) {
			kind = entry_type(item);
			if (kind < 0) {
				const char *near = NULL;
				for (size_t k = 0; k < item->n && !near; k++)
					near = suggest(item->u.pairs[k].key.u.s, mark_at, NULL);
				diag_add(c->d, DIAG_ERROR, item->pos, "entry matches no entry type "
				         "(company, institution, name, title, label, bullet, number "
				         "or reversed_number)%s%s%s", near ? ": did you mean `" : "",
				         near ? near : "", near ? "`?" : "");
			}
		} else {
			if (item->type != NODE_SCALAR)
				diag_add(c->d, DIAG_ERROR, item->pos,
				         "an entry must be a string or a mapping, not a list");
			/* An empty entry has no type: it cannot decide the section's. */
			if (!(text = conv_flatten_visited(c, item))) {
				diag_add(c->d, DIAG_WARNING, item->pos, "empty entry left out");
				continue;
			}
			kind = ENTRY_TEXT;
		}
		/* The first entry whose type is known decides the section's; an
		 * entry of another type is still shown as its own type (a list
		 * has had its message). */
		if (kind < 0) {
			/* shown with the fields it has */
		} else if (!decided.line) {
			decided = item->pos;
			s->kind = (enum entry_kind)kind;
		} else if (kind != (int)s->kind && item->type != NODE_SEQUENCE) {
			diag_add(c->d, DIAG_ERROR, item->pos, "%s entry in a section of %s "
			         "entries (the type was set by the entry at %u:%u)",
			         entry_kind_name((enum entry_kind)kind), entry_kind_name(s->kind),
			         decided.line, decided.col);
		}
		struct entry *e = &s->entries[s->nentries];
		*e = (struct entry){ .kind = kind < 0 ? ENTRY_NORMAL : (enum entry_kind)kind,
		                     .pos = item->pos };
		if (kind == ENTRY_TEXT) {
			e->title = text;
		} else {
			conv_entry(c, item, kind < 0 ? &generic_spec : &specs[kind], e);
			if (kind == ENTRY_PUBLICATION && e->doi)
				conv_doi_url(c, e);
		}
		s->nentries++;
	}
}

static void read_sections(struct conv *c, struct node *k, struct node *v)
{
	if (!conv_is_map(c, v, "sections")) {
		/* a list of entries: shown as one section */
		if (v->type == NODE_SEQUENCE)
			conv_extra_section(c, k, v, NULL, &generic_spec);
		return;
	}
	struct resume *r = c->r;
	for (size_t i = 0; i < v->n && !c->over; i++) {
		struct node *key = &v->u.pairs[i].key, *list = &v->u.pairs[i].value;
		if (!conv_visit(c, key))
			return;
		if (node_is_null(list))
			continue;       /* `awards:` with nothing yet: no section */
		struct section *s = conv_new_section(c);
		read_section(c, key, list, s);
		if (!s->nentries)
			r->nsections--;         /* nothing to show */
	}
}

/* Returns how many sections came from `sections`, before the unknown
 * keys' own. */
static size_t read_cv(struct conv *c, struct node *cv)
{
	struct header *h = &c->r->header;
	/* unknown keys: sections of their own, after `sections` */
	struct node_pair **extra = arena_alloc(&c->r->arena, cv->n * sizeof *extra);
	size_t nextra = 0;
	for (size_t i = 0; i < cv->n && !c->over; i++) {
		struct node *k = &cv->u.pairs[i].key, *v = &cv->u.pairs[i].value;
		if (!conv_visit(c, k))
			return 0;
		if (node_is(k, "name"))
			h->name = conv_str(c, v, "name");
		else if (node_is(k, "headline"))
			h->headline = conv_str(c, v, "headline");
		else if (node_is(k, "location"))
			h->location = conv_str(c, v, "location");
		else if (node_is(k, "photo"))
			h->photo = conv_str(c, v, "photo");
		else if (node_is(k, "phone"))   /* RenderCV takes a list too */
			h->phone = conv_phone(c, v, "phone");
		else if (node_is(k, "email"))
			conv_strlist(c, v, "email", true, &h->emails);
		else if (node_is(k, "website"))
			conv_strlist(c, v, "website", true, &h->websites);
		else if (node_is(k, "social_networks"))
			read_profiles(c, v, "social_networks", read_social);
		else if (node_is(k, "custom_connections"))
			read_profiles(c, v, "custom_connections", read_custom);
		else if (node_is(k, "sections"))
			read_sections(c, k, v);
		else {
			conv_unknown_near(c, k, "`cv`", cv_key_at, NULL);
			extra[nextra++] = &cv->u.pairs[i];
		}
	}
	size_t own = c->r->nsections;
	for (size_t i = 0; i < nextra && !c->over; i++)
		conv_extra_section(c, &extra[i]->key, &extra[i]->value, NULL, &generic_spec);
	return own;
}

void load_rendercv(struct conv *c, struct node *root)
{
	bool extra = false;
	size_t own = 0;
	load_locale(c, root);
	for (size_t i = 0; i < root->n && !c->over; i++) {
		struct node *k = &root->u.pairs[i].key, *v = &root->u.pairs[i].value;
		if (node_is(k, "cv")) {
			if (conv_is_map(c, v, "cv"))
				own = read_cv(c, v);
			else
				c->unreadable = true;   /* nothing that is a résumé */
		} else if (!is_top_key(k)) {
			hint_top_key(c, k, cv_key_at, top_key_at);
			extra = true;
		}
	}
	/* Nothing under cv.sections: --check says why (a misspelt or
	 * misplaced `sections`), even though the unknown keys are shown. */
	if (!own && !c->over)
		hint_empty(c, root, "sections", cv_key_at);
	/* other keys, after the résumé: sections of their own */
	for (size_t i = 0; extra && i < root->n && !c->over; i++) {
		struct node *k = &root->u.pairs[i].key;
		if (!node_is(k, "cv") && !is_top_key(k))
			conv_extra_section(c, k, &root->u.pairs[i].value, NULL, &generic_spec);
	}
	if (!c->over)
		load_time_spans(c, root);
}

const struct entry_spec *rendercv_spec(enum entry_kind k)
{
	return k > ENTRY_TEXT && k < ENTRY_KIND_COUNT ? &specs[k] : NULL;
}

const char *rendercv_network(const char *name)
{
	for (size_t i = 0; name && i < sizeof networks / sizeof networks[0]; i++)
		if (same_ascii_nocase(name, networks[i].name))
			return networks[i].name;
	return NULL;
}

void rendercv_sections(struct conv *c, struct node *v)
{
	/* a mapping from title to entries, as under cv.sections */
	if (conv_is_map(c, v, "meta.vitae.sections"))
		read_sections(c, NULL, v);
}
