/*
 * Loading: both formats into the model, every entry type, titles, dates,
 * profiles, sanitising, and every error path with its line and column.
 * The YAML is written inline so each expectation sits next to its input.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "t.h"
#include "date.h"
#include "load.h"
#include "model.h"
#include "utf8.h"

#define DASH "\xE2\x80\x93"         /* U+2013 EN DASH */
#define REPL "\xEF\xBF\xBD"         /* U+FFFD */

static struct load_limits lim;

static struct resume *load_n(const char *buf, size_t len, struct diag *d)
{
	diag_init(d, "t.yaml");
	return load_buffer(buf, len, &lim, d);
}

static struct resume *load(const char *yaml, struct diag *d)
{
	return load_n(yaml, strlen(yaml), d);
}

/* Message i as "LINE:COL: level: text", "(none)" when there is none. */
static const char *msg(const struct diag *d, size_t i)
{
	static char buf[2][1024];
	if (i >= d->n)
		return "(none)";
	const struct diag_msg *m = &d->v[i];
	snprintf(buf[i % 2], sizeof buf[0], "%u:%u: %s: %s", m->pos.line, m->pos.col,
	         m->level == DIAG_ERROR ? "error" : "warning", m->text);
	return buf[i % 2];
}

/* Loading must fail, and its first message is want. */
#define EXPECT_ERROR(yaml, want) do { \
	struct diag d_; \
	struct resume *r_ = load((yaml), &d_); \
	CHECK(r_ == NULL); \
	CHECK(d_.nerrors > 0); \
	CHECK_STR(msg(&d_, 0), (want)); \
	resume_free(r_); \
	diag_free(&d_); \
} while (0)

/* Loading must succeed with exactly one message, want. */
#define EXPECT_WARNING(yaml, want) do { \
	struct diag d_; \
	struct resume *r_ = load((yaml), &d_); \
	CHECK(r_ != NULL); \
	CHECK_INT(d_.n, 1); \
	CHECK_STR(msg(&d_, 0), (want)); \
	resume_free(r_); \
	diag_free(&d_); \
} while (0)

static bool safe(const char *s)
{
	return !s || (*s && text_is_safe(s, strlen(s)));
}

static bool list_safe(struct strlist l)
{
	for (size_t i = 0; i < l.n; i++)
		if (!l.v[i] || !safe(l.v[i]))
			return false;
	return true;
}

/* Every string in the model is sanitised and none is empty. */
static bool resume_safe(const struct resume *r)
{
	const struct header *h = &r->header;
	bool ok = safe(h->name) && safe(h->headline) && safe(h->location) &&
	          safe(h->phone) && safe(h->photo) && list_safe(h->emails) &&
	          list_safe(h->websites);
	for (size_t i = 0; i < h->nprofiles; i++)
		ok = ok && safe(h->profiles[i].network) && safe(h->profiles[i].username) &&
		     safe(h->profiles[i].url);
	for (size_t i = 0; i < r->nsections; i++) {
		const struct section *s = &r->sections[i];
		ok = ok && safe(s->title) && safe(s->key);
		for (size_t j = 0; j < s->nentries; j++) {
			const struct entry *e = &s->entries[j];
			ok = ok && safe(e->title) && safe(e->subtitle) && safe(e->degree) &&
			     safe(e->location) && safe(e->dates) && safe(e->summary) &&
			     safe(e->venue) && safe(e->url) && safe(e->doi) &&
			     list_safe(e->highlights) && list_safe(e->technologies) &&
			     list_safe(e->authors);
			for (size_t k = 0; k < e->nfields; k++)
				ok = ok && safe(e->fields[k].label) && safe(e->fields[k].value);
		}
	}
	return ok;
}

static const struct section *find_section(const struct resume *r, const char *key)
{
	for (size_t i = 0; r && i < r->nsections; i++)
		if (r->sections[i].key && strcmp(r->sections[i].key, key) == 0)
			return &r->sections[i];
	return NULL;
}

static const char *field(const struct entry *e, const char *label)
{
	for (size_t i = 0; i < e->nfields; i++)
		if (strcmp(e->fields[i].label, label) == 0)
			return e->fields[i].value;
	return NULL;
}

/* ---- RenderCV ----------------------------------------------------------- */

static const char rendercv_doc[] =
	"cv:\n"
	"  name: Jane Doe\n"
	"  headline: Systems Engineer\n"
	"  location: Lisbon, Portugal\n"
	"  email: [jane@example.com, j.doe@example.org]\n"
	"  website: https://jane.example.com\n"
	"  phone: \"+351 912 345 678\"\n"
	"  photo: photo.jpg\n"
	"  social_networks:\n"
	"    - network: GitHub\n"
	"      username: janedoe\n"
	"    - network: LinkedIn\n"
	"      username: jane-doe\n"
	"    - network: Mastodon\n"
	"      username: \"@jane@hachyderm.io\"\n"
	"    - network: Google Scholar\n"
	"      username: AbC123\n"
	"    - network: ORCID\n"
	"      username: 0000-0002-1825-0097\n"
	"  custom_connections:\n"
	"    - fontawesome_icon: calendar-days\n"
	"      placeholder: Book a call\n"
	"      url: https://cal.example.com/jane\n"
	"  sections:\n"
	"    summary:\n"                                     /* 25 */
	"      - Builds **fast** things.\n"
	"    experience:\n"
	"      - company: Acme\n"
	"        position: Engineer\n"
	"        location: Remote\n"
	"        start_date: 2020-03\n"
	"        end_date: present\n"
	"        summary: Did work.\n"
	"        highlights:\n"
	"          - Shipped X\n"
	"          - Shipped Y\n"
	"        technologies: [C, YAML]\n"
	"    education:\n"
	"      - institution: MIT\n"                         /* 39 */
	"        area: Computer Science\n"
	"        degree: PhD\n"
	"        start_date: 2015\n"
	"        end_date: 2019-06-30\n"
	"    projects:\n"
	"      - name: vitae\n"
	"        date: Fall 2019\n"
	"        start_date: 2019-01\n"
	"    publications:\n"
	"      - title: A Paper\n"
	"        authors: ['**Jane Doe**', John Roe]\n"
	"        doi: 10.1000/xyz\n"
	"        url: https://ignored.example.com\n"
	"        journal: Journal of Things\n"
	"        date: 2021-07\n"
	"        summary: About things.\n"
	"    skills:\n"
	"      - label: Languages\n"
	"        details: C, Python\n"
	"    honors_and_awards:\n"
	"      - bullet: Best paper\n"
	"    patents:\n"
	"      - number: Patent one\n"
	"      - number: Patent two\n"
	"    talks:\n"
	"      - reversed_number: Talk A\n"
	"design:\n"
	"  theme: classic\n"
	"locale:\n"
	"  language: english\n"
	"settings:\n"
	"  current_date: today\n";

static void test_rendercv(void)
{
	struct diag d;
	struct resume *r = load(rendercv_doc, &d);
	CHECK(r != NULL);
	CHECK_INT(d.n, 0);
	CHECK_STR(msg(&d, 0), "(none)");
	if (!r) {
		diag_free(&d);
		return;
	}
	CHECK_INT(r->format, FORMAT_RENDERCV);
	const struct header *h = &r->header;
	CHECK_STR(h->name, "Jane Doe");
	CHECK_STR(h->headline, "Systems Engineer");
	CHECK_STR(h->location, "Lisbon, Portugal");
	CHECK_STR(h->phone, "+351 912 345 678");
	CHECK_STR(h->photo, "photo.jpg");
	CHECK_INT(h->emails.n, 2);
	CHECK_STR(h->emails.v[1], "j.doe@example.org");
	CHECK_INT(h->websites.n, 1);
	CHECK_STR(h->websites.v[0], "https://jane.example.com");

	CHECK_INT(h->nprofiles, 6);
	CHECK_STR(h->profiles[0].network, "GitHub");
	CHECK_STR(h->profiles[0].url, "https://github.com/janedoe");
	CHECK_STR(h->profiles[1].url, "https://linkedin.com/in/jane-doe");
	CHECK_STR(h->profiles[2].username, "@jane@hachyderm.io");
	CHECK_STR(h->profiles[2].url, "https://hachyderm.io/@jane");
	CHECK_STR(h->profiles[3].url, "https://scholar.google.com/citations?user=AbC123");
	CHECK_STR(h->profiles[4].url, "https://orcid.org/0000-0002-1825-0097");
	CHECK(h->profiles[5].network == NULL);
	CHECK_STR(h->profiles[5].username, "Book a call");
	CHECK_STR(h->profiles[5].url, "https://cal.example.com/jane");

	CHECK_INT(r->nsections, 9);
	CHECK_INT(resume_count_entries(r), 10);
	static const struct {
		const char *key, *title;
		enum entry_kind kind;
	} want[] = {
		{ "summary", "Summary", ENTRY_TEXT },
		{ "experience", "Experience", ENTRY_EXPERIENCE },
		{ "education", "Education", ENTRY_EDUCATION },
		{ "projects", "Projects", ENTRY_NORMAL },
		{ "publications", "Publications", ENTRY_PUBLICATION },
		{ "skills", "Skills", ENTRY_ONELINE },
		{ "honors_and_awards", "Honors and Awards", ENTRY_BULLET },
		{ "patents", "Patents", ENTRY_NUMBERED },
		{ "talks", "Talks", ENTRY_REVERSED },
	};
	for (size_t i = 0; i < r->nsections && i < 9; i++) {
		CHECK_STR(r->sections[i].key, want[i].key);
		CHECK_STR(r->sections[i].title, want[i].title);
		CHECK_INT(r->sections[i].kind, want[i].kind);
		CHECK_INT(r->sections[i].entries[0].kind, want[i].kind);
	}
	CHECK_INT(r->sections[0].pos.line, 25);
	CHECK_INT(r->sections[0].pos.col, 5);
	CHECK_STR(r->sections[0].entries[0].title, "Builds **fast** things.");

	const struct entry *e = &find_section(r, "experience")->entries[0];
	CHECK_STR(e->title, "Acme");
	CHECK_STR(e->subtitle, "Engineer");
	CHECK_STR(e->location, "Remote");
	CHECK_STR(e->dates, "Mar 2020 " DASH " Present");
	CHECK_STR(e->summary, "Did work.");
	CHECK_INT(e->highlights.n, 2);
	CHECK_STR(e->highlights.v[1], "Shipped Y");
	CHECK_INT(e->technologies.n, 2);
	CHECK_STR(e->technologies.v[0], "C");
	CHECK_STR(e->technologies.v[1], "YAML");

	e = &find_section(r, "education")->entries[0];
	CHECK_STR(e->title, "MIT");
	CHECK_STR(e->subtitle, "Computer Science");
	CHECK_STR(e->degree, "PhD");
	CHECK_STR(e->dates, "2015 " DASH " Jun 2019");
	CHECK_INT(e->pos.line, 39);
	CHECK_INT(e->pos.col, 9);

	e = &find_section(r, "projects")->entries[0];
	CHECK_STR(e->title, "vitae");
	CHECK_STR(e->dates, "Fall 2019");       /* free text wins */

	e = &find_section(r, "publications")->entries[0];
	CHECK_STR(e->title, "A Paper");
	CHECK_INT(e->authors.n, 2);
	CHECK_STR(e->authors.v[0], "**Jane Doe**");
	CHECK_STR(e->doi, "10.1000/xyz");
	CHECK_STR(e->url, "https://doi.org/10.1000/xyz");
	CHECK_STR(e->venue, "Journal of Things");
	CHECK_STR(e->dates, "Jul 2021");
	CHECK_STR(e->summary, "About things.");

	e = &find_section(r, "skills")->entries[0];
	CHECK_STR(e->title, "Languages");
	CHECK_STR(e->subtitle, "C, Python");
	CHECK_STR(find_section(r, "honors_and_awards")->entries[0].title, "Best paper");
	CHECK_INT(find_section(r, "patents")->nentries, 2);
	CHECK_STR(find_section(r, "patents")->entries[1].title, "Patent two");
	CHECK_STR(find_section(r, "talks")->entries[0].title, "Talk A");
	CHECK(resume_safe(r));
	resume_free(r);
	diag_free(&d);
}

/* RenderCV's own example, as shipped in tests/samples. */
static void test_rendercv_sample(void)
{
	struct diag d;
	diag_init(&d, "samples/rendercv-classic.yaml");
	int io = -1;
	struct resume *r = load_file("samples/rendercv-classic.yaml", &lim, &d, &io);
	CHECK(r != NULL);
	CHECK_INT(io, 0);
	CHECK_INT(d.n, 0);
	if (r) {
		CHECK_STR(r->header.name, "John Doe");
		CHECK(r->header.headline == NULL);      /* `headline:` is null */
		CHECK_INT(r->nsections, 9);
		CHECK_STR(r->sections[0].title, "Welcome to RenderCV");
		CHECK_STR(find_section(r, "selected_honors")->title, "Selected Honors");
		CHECK_STR(find_section(r, "invited_talks")->title, "Invited Talks");
		CHECK_INT(find_section(r, "invited_talks")->kind, ENTRY_REVERSED);
		CHECK_STR(find_section(r, "experience")->entries[0].dates,
		          "Jun 2023 " DASH " Present");
		CHECK_STR(find_section(r, "projects")->entries[1].dates, "2021");
		CHECK(resume_safe(r));
	}
	resume_free(r);
	diag_free(&d);
}

static void test_titles(void)
{
	struct diag d;
	struct resume *r = load(
		"cv:\n  sections:\n"
		"    select_publications: [a]\n"
		"    education_and_training: [a]\n"
		"    of_mice_and_men: [a]\n"
		"    tools_for_the_job: [a]\n"
		"    Work History: [a]\n"
		"    myProjects: [a]\n"
		"    a_b_c: [a]\n"
		"    \"with space_and_underscore\": [a]\n", &d);
	static const char *const want[] = {
		"Select Publications", "Education and Training", "Of Mice and Men",
		"Tools for The Job", "Work History", "myProjects", "A B C",
		"with space_and_underscore",
	};
	CHECK(r != NULL);
	CHECK_INT(r ? r->nsections : 0, 8);
	for (size_t i = 0; r && i < r->nsections && i < 8; i++)
		CHECK_STR(r->sections[i].title, want[i]);
	CHECK_STR(r ? r->sections[0].key : NULL, "select_publications");
	resume_free(r);
	diag_free(&d);
}

static void test_entry_types(void)
{
	/* name wins over company, as in RenderCV's order of types */
	EXPECT_WARNING("cv:\n  sections:\n    x:\n      - name: A\n        company: B\n",
	               "5:9: warning: unknown key `company` in normal entry");
	EXPECT_WARNING("cv:\n  sections:\n    x:\n      - company: A\n        position: B\n"
	               "        salary: lots\n",
	               "6:9: warning: unknown key `salary` in experience entry");
	EXPECT_ERROR("cv:\n  sections:\n    x:\n      - company: A\n",
	             "4:9: error: experience entry needs `position`");
	EXPECT_ERROR("cv:\n  sections:\n    x:\n      - title: A\n        authors:\n",
	             "4:9: error: publication entry needs `authors`");
	EXPECT_ERROR("cv:\n  sections:\n    x:\n      - just text\n      - bullet: B\n",
	             "5:9: error: bullet entry in a section of text entries "
	             "(the type was set by the entry at 4:9)");
	EXPECT_ERROR("cv:\n  sections:\n    x:\n      - {foo: 1}\n",
	             "4:9: error: entry matches no entry type (company, institution, "
	             "name, title, label, bullet, number or reversed_number)");
	EXPECT_ERROR("cv:\n  sections:\n    x:\n      - [a, b]\n",
	             "4:9: error: an entry must be a string or a mapping, not a list");

	/* An unrecognised entry is skipped when deciding; empty ones too. */
	struct diag d;
	struct resume *r = load("cv:\n  sections:\n    x:\n      -\n      - ''\n"
	                        "      - bullet: B\n      - bullet: C\n", &d);
	CHECK(r != NULL);
	CHECK_STR(msg(&d, 0), "4:8: warning: empty entry left out");
	CHECK_STR(msg(&d, 1), "5:9: warning: empty entry left out");
	CHECK_INT(r ? (int)r->sections[0].kind : -1, ENTRY_BULLET);
	CHECK_INT(r ? r->sections[0].nentries : 0, 2);
	resume_free(r);
	diag_free(&d);

	/* An empty or null section shows nothing. */
	r = load("cv:\n  sections:\n    a: []\n    b:\n    c: [x]\n", &d);
	CHECK_INT(r ? r->nsections : 0, 1);
	CHECK_STR(r ? r->sections[0].key : NULL, "c");
	resume_free(r);
	diag_free(&d);
}

static void test_profiles(void)
{
	EXPECT_WARNING("cv:\n  social_networks:\n    - network: MySpace\n      username: tom\n",
	               "3:16: warning: unknown social network `MySpace`: shown without a link");
	EXPECT_WARNING("cv:\n  social_networks:\n    - network: Mastodon\n      username: jane\n",
	               "4:17: warning: a Mastodon username looks like `@name@server`: "
	               "shown without a link");
	EXPECT_ERROR("cv:\n  social_networks:\n    - network: GitHub\n",
	             "3:7: error: a social network needs `username`");
	EXPECT_ERROR("cv:\n  social_networks: [GitHub]\n",
	             "2:21: error: each item of `social_networks` must be a mapping, not a string");

	struct diag d;
	struct resume *r = load("cv:\n  social_networks:\n"
	                        "    - {network: github, username: a}\n"
	                        "    - {network: X, username: b}\n"
	                        "    - {network: Bluesky, username: c.bsky.social}\n"
	                        "    - {network: StackOverflow, username: 1/d}\n"
	                        "    - {network: YouTube, username: e}\n"
	                        "    - {network: MySpace, username: f}\n", &d);
	CHECK(r != NULL);
	if (r) {
		CHECK_INT(r->header.nprofiles, 6);
		CHECK_STR(r->header.profiles[0].network, "GitHub");     /* any case */
		CHECK_STR(r->header.profiles[0].url, "https://github.com/a");
		CHECK_STR(r->header.profiles[1].url, "https://x.com/b");
		CHECK_STR(r->header.profiles[2].url, "https://bsky.app/profile/c.bsky.social");
		CHECK_STR(r->header.profiles[3].url, "https://stackoverflow.com/users/1/d");
		CHECK_STR(r->header.profiles[4].url, "https://youtube.com/@e");
		CHECK_STR(r->header.profiles[5].network, "MySpace");
		CHECK(r->header.profiles[5].url == NULL);
	}
	resume_free(r);
	diag_free(&d);
}

static void test_aliases(void)
{
	struct diag d;
	struct resume *r = load(
		"design:\n"
		"  who: &who Jane Doe\n"
		"  job: &job {company: Acme, position: Engineer, highlights: [a, b]}\n"
		"  who: &who2 later\n"
		"cv:\n"
		"  name: *who\n"
		"  headline: &who Redefined\n"
		"  location: *who\n"
		"  sections:\n"
		"    x:\n"
		"      - *job\n"
		"      - *job\n", &d);
	/* the second `who` key is a duplicate, so load it without that */
	CHECK(r == NULL);
	CHECK_STR(msg(&d, 0), "4:3: error: duplicate key `who` (first at 2:3)");
	diag_free(&d);

	r = load("design:\n"
	         "  who: &who Jane Doe\n"
	         "  job: &job {company: Acme, position: Engineer, highlights: [a, b]}\n"
	         "cv:\n"
	         "  name: *who\n"
	         "  headline: &who Redefined\n"
	         "  location: *who\n"
	         "  sections:\n"
	         "    x:\n"
	         "      - *job\n"
	         "      - *job\n", &d);
	CHECK(r != NULL);
	CHECK_INT(d.n, 0);
	if (r) {
		CHECK_STR(r->header.name, "Jane Doe");
		CHECK_STR(r->header.location, "Redefined");     /* the later anchor */
		const struct section *s = &r->sections[0];
		CHECK_INT(s->nentries, 2);
		CHECK_INT(s->kind, ENTRY_EXPERIENCE);
		/* each use is where the alias is, not where the anchor is */
		CHECK_INT(s->entries[0].pos.line, 10);
		CHECK_INT(s->entries[1].pos.line, 11);
		CHECK_INT(s->entries[1].pos.col, 9);
		/* and shares the text */
		CHECK(s->entries[0].title == s->entries[1].title);
		CHECK_STR(s->entries[1].highlights.v[1], "b");
	}
	resume_free(r);
	diag_free(&d);

	/* messages about an aliased value point at its use */
	EXPECT_ERROR("design: {l: &l [a]}\ncv:\n  name: *l\n",
	             "3:9: error: `name` must be a string, not a list");
	EXPECT_ERROR("design: {k: &k name}\ncv:\n  name: A\n  *k : B\n",
	             "4:3: error: duplicate key `name` (first at 3:3)");
}

static void test_rendercv_more(void)
{
	struct diag d;
	struct resume *r = load("cv:\n", &d);
	CHECK(r != NULL);                       /* nothing to show is no error */
	CHECK_INT(r ? r->nsections : 1, 0);
	CHECK(r && r->header.name == NULL);
	resume_free(r);
	diag_free(&d);

	r = load("cv:\n  phone: [\"+1 555 0100\", \"+44 20 7946 0000\"]\n"
	         "  email: one@example.com\n"
	         "  custom_connections:\n    - {fontawesome_icon: x, placeholder: null, url: https://a.example.com}\n", &d);
	CHECK(r != NULL);
	CHECK_INT(d.n, 0);
	if (r) {
		CHECK_STR(r->header.phone, "+1 555 0100, +44 20 7946 0000");
		CHECK_INT(r->header.emails.n, 1);
		CHECK_INT(r->header.nprofiles, 1);
		CHECK_STR(r->header.profiles[0].username, "https://a.example.com");
	}
	resume_free(r);
	diag_free(&d);

	/* a value of the wrong type is one message, not two */
	r = load("cv:\n  social_networks:\n    - network: [GitHub]\n      username: a\n", &d);
	CHECK(r == NULL);
	CHECK_INT(d.n, 1);
	CHECK_STR(msg(&d, 0), "3:16: error: `network` must be a string, not a list");
	diag_free(&d);

	EXPECT_WARNING("cv:\n  custom_connections:\n    - {placeholder: a, icon: b}\n",
	               "3:24: warning: unknown key `icon` in a custom connection");
	EXPECT_WARNING("cv:\n  social_networks:\n    - {network: X, username: a, url: b}\n",
	               "3:33: warning: unknown key `url` in a social network");
	EXPECT_WARNING("cv: {name: A}\nrendercv_settings: {}\nextra: 1\n",
	               "3:1: warning: unknown key `extra` in the top level");
}

/* ---- JSON Resume ---------------------------------------------------------- */

static const char jsonresume_doc[] =
	"{\n"
	"  \"$schema\": \"https://example.com/schema.json\",\n"
	"  \"projects\": [{\"name\": \"Miss Direction\", \"description\": \"A mapping engine\",\n"
	"    \"highlights\": [\"Won\"], \"keywords\": [\"Maps\", \"JS\"], \"startDate\": \"2016-08-24\",\n"
	"    \"endDate\": \"2016-08-24\", \"url\": \"http://m.example.com\", \"roles\": [\"Lead\", \"Designer\"],\n"
	"    \"entity\": \"Smoogle\", \"type\": \"application\"}],\n"
	"  \"basics\": {\n"
	"\t\"name\": \"Richard Hendriks\", \"label\": \"Programmer\", \"image\": \"\",\n"
	"\t\"email\": \"r@example.com\", \"phone\": \"(912) 555-4321\", \"url\": \"http://r.example.com\",\n"
	"\t\"summary\": \"Richard hails from Tulsa.\",\n"
	"\t\"location\": {\"address\": \"2712 Broadway St\", \"postalCode\": \"CA 94115\",\n"
	"\t  \"city\": \"San Francisco\", \"countryCode\": \"US\", \"region\": \"California\"},\n"
	"\t\"profiles\": [{\"network\": \"Twitter\", \"username\": \"nt\", \"url\": \"https://t.example.com/nt\"}]\n"
	"  },\n"
	"  \"work\": [{\"name\": \"Pied Piper\", \"location\": \"Palo Alto, CA\",\n"
	"    \"description\": \"Compression company\", \"position\": \"CEO\", \"url\": \"http://pp.example.com\",\n"
	"    \"startDate\": \"2013-12-01\", \"summary\": \"Middle out.\", \"highlights\": [\"Won Disrupt\"]}],\n"
	"  \"volunteer\": [{\"organization\": \"CoderDojo\", \"position\": \"Teacher\", \"url\": \"http://c.example.com\",\n"
	"    \"startDate\": \"2012-01-01\", \"endDate\": \"2013-01-01\", \"summary\": \"Clubs.\", \"highlights\": [\"Award\"]}],\n"
	"  \"education\": [{\"institution\": \"University of Oklahoma\", \"url\": \"https://ou.example.com\",\n"
	"    \"area\": \"IT\", \"studyType\": \"Bachelor\", \"startDate\": \"2011-06-01\", \"endDate\": \"2014-01-01\",\n"
	"    \"score\": 4.0, \"courses\": [\"DB1101 - Basic SQL\", \"CS2011 - Java\"]}],\n"
	"  \"awards\": [{\"title\": \"Pioneer Award\", \"date\": \"2014-11-01\", \"awarder\": \"Techcrunch\",\n"
	"    \"summary\": \"There is no spoon.\"}],\n"
	"  \"certificates\": [{\"name\": \"CKA\", \"date\": \"2021-11-07\", \"issuer\": \"CNCF\", \"url\": \"https://cert.example.com\"}],\n"
	"  \"publications\": [{\"name\": \"Video compression\", \"publisher\": \"Hooli\",\n"
	"    \"releaseDate\": \"2014-10-01\", \"url\": \"http://p.example.com\", \"summary\": \"Middle-out.\"}],\n"
	"  \"skills\": [{\"name\": \"Web\", \"level\": \"Master\", \"keywords\": [\"HTML\", \"CSS\"]},\n"
	"    {\"name\": \"Compression\", \"level\": \"Master\"}],\n"
	"  \"languages\": [{\"language\": \"English\", \"fluency\": \"Native speaker\"}],\n"
	"  \"interests\": [{\"name\": \"Wildlife\", \"keywords\": [\"Ferrets\", \"Unicorns\"]}],\n"
	"  \"references\": [{\"name\": \"Erlich Bachman\", \"reference\": \"A pleasure.\"}],\n"
	"  \"meta\": {\"canonical\": \"https://example.com\", \"version\": \"v1.0.0\"}\n"
	"}\n";

static void test_jsonresume(void)
{
	struct diag d;
	struct resume *r = load(jsonresume_doc, &d);
	CHECK(r != NULL);
	CHECK_INT(d.n, 0);
	CHECK_STR(msg(&d, 0), "(none)");
	if (!r) {
		diag_free(&d);
		return;
	}
	CHECK_INT(r->format, FORMAT_JSONRESUME);
	const struct header *h = &r->header;
	CHECK_STR(h->name, "Richard Hendriks");
	CHECK_STR(h->headline, "Programmer");
	CHECK(h->photo == NULL);                /* "" is absent */
	CHECK_STR(h->emails.v[0], "r@example.com");
	CHECK_STR(h->phone, "(912) 555-4321");
	CHECK_STR(h->websites.v[0], "http://r.example.com");
	CHECK_STR(h->location, "2712 Broadway St, San Francisco, California, CA 94115, US");
	CHECK_INT(h->nprofiles, 1);
	CHECK_STR(h->profiles[0].network, "Twitter");
	CHECK_STR(h->profiles[0].username, "nt");
	CHECK_STR(h->profiles[0].url, "https://t.example.com/nt");

	/* The schema's order, whatever the file's. */
	static const char *const keys[] = {
		"summary", "work", "volunteer", "education", "awards", "certificates",
		"publications", "skills", "languages", "interests", "references", "projects",
	};
	static const char *const titles[] = {
		"Summary", "Experience", "Volunteer", "Education", "Awards", "Certificates",
		"Publications", "Skills", "Languages", "Interests", "References", "Projects",
	};
	CHECK_INT(r->nsections, 12);
	for (size_t i = 0; i < r->nsections && i < 12; i++) {
		CHECK_STR(r->sections[i].key, keys[i]);
		CHECK_STR(r->sections[i].title, titles[i]);
	}
	const struct entry *e = &find_section(r, "summary")->entries[0];
	CHECK_INT(e->kind, ENTRY_TEXT);
	CHECK_STR(e->title, "Richard hails from Tulsa.");

	e = &find_section(r, "work")->entries[0];
	CHECK_INT(e->kind, ENTRY_EXPERIENCE);
	CHECK_STR(e->title, "Pied Piper");
	CHECK_STR(e->subtitle, "CEO");
	CHECK_STR(e->location, "Palo Alto, CA");
	CHECK_STR(e->dates, "Dec 2013 " DASH " Present");       /* no endDate */
	CHECK_STR(e->summary, "Middle out.");
	CHECK_STR(e->highlights.v[0], "Won Disrupt");
	CHECK_STR(e->url, "http://pp.example.com");
	CHECK_STR(field(e, "Description"), "Compression company");

	e = &find_section(r, "volunteer")->entries[0];
	CHECK_STR(e->title, "CoderDojo");
	CHECK_STR(e->subtitle, "Teacher");
	CHECK_STR(e->dates, "Jan 2012 " DASH " Jan 2013");
	CHECK_STR(e->url, "http://c.example.com");

	e = &find_section(r, "education")->entries[0];
	CHECK_INT(e->kind, ENTRY_EDUCATION);
	CHECK_STR(e->title, "University of Oklahoma");
	CHECK_STR(e->subtitle, "IT");
	CHECK_STR(e->degree, "Bachelor");
	CHECK_STR(e->url, "https://ou.example.com");
	CHECK_STR(field(e, "Score"), "4.0");    /* a JSON number, as written */
	CHECK_STR(field(e, "Courses"), "DB1101 - Basic SQL, CS2011 - Java");

	e = &find_section(r, "awards")->entries[0];
	CHECK_STR(e->title, "Pioneer Award");
	CHECK_STR(e->subtitle, "Techcrunch");
	CHECK_STR(e->dates, "Nov 2014");
	CHECK_STR(e->summary, "There is no spoon.");

	e = &find_section(r, "certificates")->entries[0];
	CHECK_STR(e->title, "CKA");
	CHECK_STR(e->subtitle, "CNCF");
	CHECK_STR(e->url, "https://cert.example.com");

	e = &find_section(r, "publications")->entries[0];
	CHECK_INT(e->kind, ENTRY_PUBLICATION);
	CHECK_STR(e->title, "Video compression");
	CHECK_STR(e->venue, "Hooli");
	CHECK_STR(e->dates, "Oct 2014");
	CHECK_STR(e->summary, "Middle-out.");

	const struct section *s = find_section(r, "skills");
	CHECK_INT(s->kind, ENTRY_ONELINE);
	CHECK_STR(s->entries[0].title, "Web");
	CHECK_STR(s->entries[0].subtitle, "HTML, CSS");
	CHECK_STR(field(&s->entries[0], "Level"), "Master");
	CHECK_STR(s->entries[1].subtitle, "Master");    /* no keywords: the level */
	CHECK_INT(s->entries[1].nfields, 0);

	e = &find_section(r, "languages")->entries[0];
	CHECK_STR(e->title, "English");
	CHECK_STR(e->subtitle, "Native speaker");
	e = &find_section(r, "interests")->entries[0];
	CHECK_STR(e->subtitle, "Ferrets, Unicorns");
	e = &find_section(r, "references")->entries[0];
	CHECK_STR(e->title, "Erlich Bachman");
	CHECK_STR(e->summary, "A pleasure.");

	e = &find_section(r, "projects")->entries[0];
	CHECK_STR(e->title, "Miss Direction");
	CHECK_STR(e->summary, "A mapping engine");
	CHECK_STR(e->dates, "Aug 2016");        /* same start and end */
	CHECK_INT(e->technologies.n, 2);
	CHECK_STR(e->technologies.v[1], "JS");
	CHECK_STR(e->highlights.v[0], "Won");
	CHECK_STR(e->url, "http://m.example.com");
	CHECK_STR(field(e, "Roles"), "Lead, Designer");
	CHECK_STR(field(e, "Entity"), "Smoogle");
	CHECK_STR(field(e, "Type"), "application");
	CHECK(resume_safe(r));
	resume_free(r);
	diag_free(&d);
}

static void test_jsonresume_errors(void)
{
	EXPECT_WARNING("basics:\n  name: A\n  nickname: B\n",
	               "3:3: warning: unknown key `nickname` in `basics`");
	EXPECT_WARNING("basics: {name: A}\nhobbies: []\n",
	               "2:1: warning: unknown key `hobbies` in the top level");
	EXPECT_WARNING("work:\n  - name: A\n    team: B\n",
	               "3:5: warning: unknown key `team` in work entry");
	EXPECT_WARNING("basics:\n  location: {city: X, planet: Mars}\n",
	               "2:23: warning: unknown key `planet` in `location`");
	EXPECT_ERROR("work: {name: A}\n", "1:7: error: `work` must be a list, not a mapping");
	EXPECT_ERROR("work: [A]\n", "1:8: error: each item of `work` must be a mapping, not a string");
	EXPECT_ERROR("basics: [A]\n", "1:9: error: `basics` must be a mapping, not a list");
	EXPECT_ERROR("work:\n  - startDate: 2013-13-01\n",
	             "2:16: error: impossible date `2013-13-01` in `startDate`");
	EXPECT_ERROR("work:\n  - startDate: Jan 2013\n",
	             "2:16: error: `startDate` must be YYYY, YYYY-MM or YYYY-MM-DD, not `Jan 2013`");
	EXPECT_ERROR("skills:\n  - keywords: {a: b}\n",
	             "2:15: error: `keywords` must be a list of strings, not a mapping");

	EXPECT_ERROR("basics:\n  profiles: [GitHub]\n",
	             "2:14: error: each item of `profiles` must be a mapping, not a string");

	/* pre-1.0 names, a location written as one string, an email list */
	struct diag d;
	struct resume *r = load("basics:\n  website: https://w.example.com\n  picture: p.jpg\n"
	                        "  location: Berlin\n  email: [a@example.com, b@example.com]\n"
	                        "work:\n  - company: Hooli\n    website: https://h.example.com\n"
	                        "education:\n  - institution: U\n    gpa: '3.9'\n", &d);
	CHECK(r != NULL);
	CHECK_INT(d.n, 0);
	if (r) {
		CHECK_STR(r->header.websites.v[0], "https://w.example.com");
		CHECK_STR(r->header.photo, "p.jpg");
		CHECK_STR(r->header.location, "Berlin");
		CHECK_INT(r->header.emails.n, 2);
		CHECK_STR(find_section(r, "work")->entries[0].title, "Hooli");
		CHECK_STR(find_section(r, "work")->entries[0].url, "https://h.example.com");
		CHECK_STR(field(&find_section(r, "education")->entries[0], "Score"), "3.9");
	}
	resume_free(r);
	diag_free(&d);

	/* empty lists make no section; null entries are left out */
	r = load("basics: {name: A}\nawards: []\nwork: [null, {name: B}]\n", &d);
	CHECK(r != NULL);
	CHECK_INT(r ? r->nsections : 0, 1);
	CHECK_STR(msg(&d, 0), "3:8: warning: empty entry left out");
	resume_free(r);
	diag_free(&d);

	/* meta or $schema alone are enough to tell the format */
	r = load("{\"$schema\": \"x\"}", &d);
	CHECK(r != NULL);
	CHECK_INT(r ? (int)r->format : -1, FORMAT_JSONRESUME);
	CHECK_INT(r ? r->nsections : 1, 0);
	resume_free(r);
	diag_free(&d);
}

/* ---- dates ------------------------------------------------------------------- */

static const char *show(const char *s)
{
	static char buf[DATE_BUF];
	struct date d;
	if (date_parse(s, &d) != DATE_OK)
		return "(bad)";
	return date_str(&d, buf);
}

static void test_date_parse(void)
{
	struct date d;
	CHECK_INT(date_parse("2024", &d), DATE_OK);
	CHECK_INT(d.year, 2024);
	CHECK_INT(d.month, 0);
	CHECK_INT(date_parse("2024-03", &d), DATE_OK);
	CHECK_INT(d.month, 3);
	CHECK_INT(date_parse("2024-03-31", &d), DATE_OK);
	CHECK_INT(d.day, 31);
	CHECK_INT(date_parse("PreSent", &d), DATE_OK);
	CHECK(d.present);
	CHECK_INT(date_parse("2020-02-29", &d), DATE_OK);      /* leap year */
	CHECK_INT(date_parse("2000-02-29", &d), DATE_OK);
	CHECK_INT(date_parse("1900-02-29", &d), DATE_IMPOSSIBLE);
	CHECK_INT(date_parse("2021-02-29", &d), DATE_IMPOSSIBLE);
	CHECK_INT(date_parse("2021-02-30", &d), DATE_IMPOSSIBLE);
	CHECK_INT(date_parse("2021-04-31", &d), DATE_IMPOSSIBLE);
	CHECK_INT(date_parse("2021-13", &d), DATE_IMPOSSIBLE);
	CHECK_INT(date_parse("2021-00", &d), DATE_IMPOSSIBLE);
	CHECK_INT(date_parse("2021-01-00", &d), DATE_IMPOSSIBLE);
	CHECK_INT(date_parse("0000", &d), DATE_IMPOSSIBLE);
	CHECK_INT(date_parse("10000", &d), DATE_IMPOSSIBLE);
	CHECK_INT(date_parse("12021-01", &d), DATE_IMPOSSIBLE);
	CHECK_INT(date_parse("202", &d), DATE_NOT_A_DATE);
	CHECK_INT(date_parse("2021-1", &d), DATE_NOT_A_DATE);
	CHECK_INT(date_parse("2021-01-1", &d), DATE_NOT_A_DATE);
	CHECK_INT(date_parse("2021/01", &d), DATE_NOT_A_DATE);
	CHECK_INT(date_parse(" 2021", &d), DATE_NOT_A_DATE);
	CHECK_INT(date_parse("2021-01-01T10:00", &d), DATE_NOT_A_DATE);
	CHECK_INT(date_parse("Fall 2019", &d), DATE_NOT_A_DATE);
	CHECK_INT(date_parse("presently", &d), DATE_NOT_A_DATE);
	CHECK_INT(date_parse("", &d), DATE_NOT_A_DATE);

	static const char *const months[] = {
		"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
	};
	char in[16], want[16];
	for (int m = 1; m <= 12; m++) {
		snprintf(in, sizeof in, "1999-%02d-01", m);
		snprintf(want, sizeof want, "%s 1999", months[m - 1]);
		CHECK_STR(show(in), want);
	}
	CHECK_STR(show("0001"), "1");
	CHECK_STR(show("9999-12"), "Dec 9999");
	CHECK_STR(show("present"), "Present");

	struct date a, b;
	date_parse("2020-05", &a);
	date_parse("2020", &b);
	CHECK_INT(date_cmp(&a, &b), 0);         /* compared at the common precision */
	date_parse("2020-04-30", &b);
	CHECK(date_cmp(&a, &b) > 0);
	date_parse("present", &b);
	CHECK(date_cmp(&a, &b) < 0);
	CHECK_INT(date_cmp(&b, &b), 0);
}

/* The dates of an experience entry written as DATES (indented 8). */
static const char *entry_dates(const char *dates, struct diag *d)
{
	static char buf[256];
	char yaml[1024];
	snprintf(yaml, sizeof yaml, "cv:\n  sections:\n    x:\n      - company: A\n"
	         "        position: B\n%s", dates);
	struct resume *r = load(yaml, d);
	snprintf(buf, sizeof buf, "%s", !r ? "(failed)" : !r->sections[0].entries[0].dates
	         ? "(none)" : r->sections[0].entries[0].dates);
	resume_free(r);
	return buf;
}

#define CHECK_DATES(yaml, want, nmsgs) do { \
	struct diag d_; \
	CHECK_STR(entry_dates((yaml), &d_), (want)); \
	CHECK_INT(d_.n, (nmsgs)); \
	diag_free(&d_); \
} while (0)

#define CHECK_DATE_MSG(yaml, want) do { \
	struct diag d_; \
	entry_dates((yaml), &d_); \
	CHECK_STR(msg(&d_, 0), (want)); \
	diag_free(&d_); \
} while (0)

static void test_dates(void)
{
	CHECK_DATES("", "(none)", 0);
	CHECK_DATES("        start_date: 2024-03\n", "Mar 2024 " DASH " Present", 0);
	CHECK_DATES("        start_date: 2024-03\n        end_date: PRESENT\n",
	            "Mar 2024 " DASH " Present", 0);
	CHECK_DATES("        start_date: 2023\n        end_date: 2024-05-17\n",
	            "2023 " DASH " May 2024", 0);
	CHECK_DATES("        end_date: 2023-05\n", "May 2023", 0);
	CHECK_DATES("        start_date: 2023-05\n        end_date: 2023-05-30\n", "May 2023", 0);
	CHECK_DATES("        date: 2021\n", "2021", 0);
	CHECK_DATES("        date: 2021-07-04\n", "Jul 2021", 0);
	CHECK_DATES("        date: present\n", "Present", 0);
	CHECK_DATES("        date: '  Fall 2019  '\n", "Fall 2019", 0);
	CHECK_DATES("        date: Summer 2020\n        start_date: 2020\n", "Summer 2020", 0);
	/* end before start: shown as written, with a warning */
	CHECK_DATES("        start_date: 2021-03\n        end_date: 2020-01\n",
	            "Mar 2021 " DASH " Jan 2020", 1);
	CHECK_DATE_MSG("        start_date: 2021-03\n        end_date: 2020-01\n",
	               "7:19: warning: `end_date` (Jan 2020) is before `start_date` (Mar 2021)");
	CHECK_DATES("        start_date: 2020-05\n        end_date: 2020\n",
	            "May 2020 " DASH " 2020", 0);

	CHECK_DATES("        start_date: 2021-13\n", "(failed)", 1);
	CHECK_DATE_MSG("        start_date: 2021-13\n",
	               "6:21: error: impossible date `2021-13` in `start_date`");
	CHECK_DATE_MSG("        end_date: 2021-02-30\n",
	               "6:19: error: impossible date `2021-02-30` in `end_date`");
	CHECK_DATE_MSG("        date: 2021-02-30\n",
	               "6:15: error: impossible date `2021-02-30` in `date`");
	CHECK_DATE_MSG("        start_date: 0000\n",
	               "6:21: error: impossible date `0000` in `start_date`");
	CHECK_DATE_MSG("        end_date: 12021\n",
	               "6:19: error: impossible date `12021` in `end_date`");
	CHECK_DATE_MSG("        start_date: Fall 2019\n",
	               "6:21: error: `start_date` must be YYYY, YYYY-MM or YYYY-MM-DD, not `Fall 2019`");
	CHECK_DATE_MSG("        end_date: soon\n",
	               "6:19: error: `end_date` must be YYYY, YYYY-MM or YYYY-MM-DD or present, "
	               "not `soon`");
	CHECK_DATE_MSG("        start_date: present\n",
	               "6:21: error: `start_date` cannot be `present`");
	/* a free-text date does not hide a broken start_date */
	CHECK_DATE_MSG("        date: Fall 2019\n        start_date: 2019-1\n",
	               "7:21: error: `start_date` must be YYYY, YYYY-MM or YYYY-MM-DD, not `2019-1`");
	CHECK_DATE_MSG("        start_date: [2019]\n",
	               "6:21: error: `start_date` must be a string, not a list");
}

/* ---- scalars: nulls, numbers, tags, sanitising --------------------------------- */

static void test_scalars(void)
{
	struct diag d;
	struct resume *r = load(
		"cv:\n"
		"  name: 2021\n"
		"  headline: ~\n"
		"  location: \"\"\n"
		"  phone: 0123\n"
		"  photo:\n"
		"  email: true\n"
		"  website: !!str null\n"
		"  sections:\n"
		"    x:\n"
		"      - \"~\"\n"
		"      - 3.10\n"
		"      - |\n"
		"        Line one\n"
		"        line two\n"
		"      - \"  padded \\t \"\n", &d);
	CHECK(r != NULL);
	CHECK_INT(d.n, 0);
	if (r) {
		CHECK_STR(r->header.name, "2021");              /* numbers are text */
		CHECK(r->header.headline == NULL);
		CHECK(r->header.location == NULL);             /* "" is absent */
		CHECK_STR(r->header.phone, "0123");             /* as written */
		CHECK(r->header.photo == NULL);
		CHECK_STR(r->header.emails.v[0], "true");
		CHECK_STR(r->header.websites.v[0], "null");     /* !!str: not a null */
		const struct section *s = &r->sections[0];
		CHECK_INT(s->nentries, 4);
		CHECK_STR(s->entries[0].title, "~");
		CHECK_STR(s->entries[1].title, "3.10");
		CHECK_STR(s->entries[2].title, "Line one\nline two");
		CHECK_STR(s->entries[3].title, "padded");
	}
	resume_free(r);
	diag_free(&d);

	EXPECT_WARNING("cv:\n  name: !!binary aGVsbG8=\n",
	               "2:9: warning: tag `!!binary` ignored: the value is read as text");
	EXPECT_WARNING("cv:\n  name: !custom x\n",
	               "2:9: warning: tag `!custom` ignored: the value is read as text");
	EXPECT_WARNING("cv:\n  sections: !!omap\n    x: [a]\n",
	               "2:13: warning: tag `!!omap` ignored");
	EXPECT_WARNING("cv:\n  name: !!int 12\n  headline: ! x\n  location: !!null\n"
	               "  bogus: 1\n", "5:3: warning: unknown key `bogus` in `cv`");
}

static void test_sanitise(void)
{
	static const char yaml[] =
		"cv:\n"
		"  name: \"A\\e]52;c;SGVsbG8=\\aB\"\n"
		"  headline: \"x\\x9by\"\n"
		"  location: \"nul\\0here\"\n"
		"  phone: \"\\u202Eevil\\u200Bx\"\n"
		"  sections:\n"
		"    \"t\\e[2J\":\n"
		"      - \"\\e[31mred\"\n"
		"    y:\n"
		"      - company: \"\\x7f\\x85\"\n"
		"        position: \"tab\\there\\r\\nnext\"\n";
	struct diag d;
	struct resume *r = load(yaml, &d);
	CHECK(r != NULL);
	CHECK_INT(d.n, 0);
	if (!r) {
		diag_free(&d);
		return;
	}
	CHECK_STR(r->header.name, "A" REPL "]52;c;SGVsbG8=" REPL "B");
	CHECK_STR(r->header.headline, "x" REPL "y");
	CHECK_STR(r->header.location, "nul" REPL "here");
	CHECK_STR(r->header.phone, "evilx");
	const struct section *s = &r->sections[0];
	CHECK_STR(s->key, "t" REPL "[2J");
	CHECK_STR(s->title, "t" REPL "[2J");
	CHECK_STR(s->entries[0].title, REPL "[31mred");
	const struct entry *e = &r->sections[1].entries[0];
	CHECK_STR(e->title, REPL REPL);
	CHECK_STR(e->subtitle, "tab here\nnext");
	CHECK(resume_safe(r));
	resume_free(r);
	diag_free(&d);

	/* The section mixes types: the error message quotes the key safely. */
	r = load("cv:\n  sections:\n    x:\n      - \"\\e[31mred\"\n      - \"\\e]0;t\\a\":\n", &d);
	CHECK(r == NULL);
	for (size_t i = 0; i < d.n; i++)
		CHECK(text_is_safe(d.v[i].text, strlen(d.v[i].text)));
	diag_free(&d);
	r = load("cv:\n  \"\\e]0;title\\a\": 1\n", &d);
	CHECK_STR(msg(&d, 0), "2:3: warning: unknown key `" REPL "]0;title" REPL "` in `cv`");
	resume_free(r);
	diag_free(&d);
}

/* ---- errors, with their positions -------------------------------------------- */

static void test_errors(void)
{
	EXPECT_ERROR("", "1:1: error: empty document");
	EXPECT_ERROR("# nothing\n\n# here\n", "1:1: error: empty document");
	EXPECT_ERROR("---\n", "1:1: error: empty document");
	EXPECT_ERROR("---\n...\n", "1:1: error: empty document");
	EXPECT_ERROR("Jane Doe\n", "1:1: error: the top level must be a mapping of keys, not a string");
	EXPECT_ERROR("\n\n  - cv\n", "3:3: error: the top level must be a mapping of keys, not a list");
	EXPECT_ERROR("name: Jane\nemail: j@example.com\n",
	             "1:1: error: not a résumé: expected a top-level `cv` (RenderCV) "
	             "or `basics` (JSON Resume) key");
	EXPECT_ERROR("{}", "1:1: error: not a résumé: expected a top-level `cv` (RenderCV) "
	             "or `basics` (JSON Resume) key");
	EXPECT_ERROR("cv:\n  name: Jane\n    headline: x\n",
	             "3:13: error: mapping values are not allowed in this context");
	EXPECT_ERROR("cv:\n  name: Jane\n   headline: x\n",
	             "3:12: error: mapping values are not allowed in this context");
	EXPECT_ERROR("cv:\n  name: Jane\n headline: x\n",
	             "3:2: error: did not find expected key (while parsing a block mapping at 1:1)");
	EXPECT_ERROR("cv:\n\tname: Jane\n",
	             "2:1: error: found character that cannot start any token "
	             "(while scanning for the next token)");
	EXPECT_ERROR("cv:\n  name: Jos\xE9 Doe\n", "2:12: error: invalid UTF-8: byte 0xE9");
	EXPECT_ERROR("cv:\n  name: \xC3\x28\n", "2:9: error: invalid UTF-8: byte 0xC3");
	EXPECT_ERROR("cv:\n  name: \x80\n", "2:9: error: invalid UTF-8: byte 0x80");
	EXPECT_ERROR("cv:\n  name: \xE2\x82", "2:9: error: invalid UTF-8: byte 0xE2");
	EXPECT_ERROR("cv:\n  name: \xED\xA0\x80\n", "2:9: error: invalid UTF-8: byte 0xED");
	EXPECT_ERROR("cv:\n  name: a\x1b[2Jb\n",
	             "2:10: error: control characters are not allowed (U+001B)");
	EXPECT_ERROR("cv:\n  name: Jane\n---\ncv:\n  name: John\n",
	             "3:1: error: a second YAML document starts here; a résumé is one document");
	EXPECT_ERROR("cv:\n  name: Jane\n  email: j@example.com\n  name: Janet\n",
	             "4:3: error: duplicate key `name` (first at 2:3)");
	EXPECT_ERROR("{\"basics\": {\"name\": \"A\"}, \"basics\": {}}",
	             "1:27: error: duplicate key `basics` (first at 1:2)");
	EXPECT_ERROR("cv:\n  \"name\": A\n  name: B\n",
	             "3:3: error: duplicate key `name` (first at 2:3)");
	EXPECT_ERROR("? [a, b]\n: c\n", "1:3: error: a mapping key must be a string, not a list");
	EXPECT_ERROR("cv:\n  name: *author\n", "2:9: error: undefined alias `*author`");
	EXPECT_ERROR("cv: &me\n  name: *me\n", "2:9: error: undefined alias `*me`");
	EXPECT_ERROR("cv:\n  name: \"Jane\n  headline: Engi",
	             "3:17: error: found unexpected end of stream "
	             "(while scanning a quoted scalar at 2:9)");
	/* libyaml puts the end of the stream on a line of its own */
	EXPECT_ERROR("{\"basics\": {\"name\": \"A\"", "2:1: error: did not find expected ',' or '}' "
	             "(while parsing a flow mapping at 1:12)");
	EXPECT_ERROR("cv:\n  sections:\n    x:\n      - [a\n",
	             "5:1: error: did not find expected ',' or ']' "
	             "(while parsing a flow sequence at 4:9)");

	/* wrong types name the field and what it must be */
	EXPECT_ERROR("cv: Jane\n", "1:5: error: `cv` must be a mapping, not a string");
	EXPECT_ERROR("cv:\n  name: [Jane, Doe]\n", "2:9: error: `name` must be a string, not a list");
	EXPECT_ERROR("cv:\n  name: {first: Jane}\n", "2:9: error: `name` must be a string, not a mapping");
	EXPECT_ERROR("cv:\n  email: {a: b}\n",
	             "2:10: error: `email` must be a list of strings, not a mapping");
	EXPECT_ERROR("cv:\n  email: [a, [b]]\n",
	             "2:14: error: each item of `email` must be a string, not a list");
	EXPECT_ERROR("cv:\n  sections: [a]\n", "2:13: error: `sections` must be a mapping, not a list");
	EXPECT_ERROR("cv:\n  sections:\n    x: text\n", "3:8: error: `x` must be a list, not a string");
	EXPECT_ERROR("cv:\n  sections:\n    x:\n      - company: A\n        position: B\n"
	             "        highlights: Shipped things\n",
	             "6:21: error: `highlights` must be a list of strings, not a string");
	EXPECT_ERROR("cv:\n  sections:\n    x:\n      - title: A\n        authors: [{name: B}]\n",
	             "5:19: error: each item of `authors` must be a string, not a mapping");
	EXPECT_ERROR("cv:\n  social_networks: GitHub\n",
	             "2:20: error: `social_networks` must be a list, not a string");
}

static void test_limits(void)
{
	struct diag d;
	struct load_limits saved = lim;

	/* size */
	lim.max_bytes = 10;
	struct resume *r = load("cv:\n  name: A\n", &d);
	CHECK(r == NULL);
	CHECK_STR(msg(&d, 0), "0:0: error: file is larger than 10 bytes (--max-size)");
	diag_free(&d);
	r = load("cv: {a: b}", &d);             /* exactly 10 */
	CHECK(r != NULL);
	resume_free(r);
	diag_free(&d);
	lim = saved;

	/* depth: the parser stops at the first level too deep */
	lim.max_depth = 3;
	EXPECT_ERROR("cv: [[[x]]]\n", "1:7: error: nesting deeper than 3 levels (--max-depth)");
	r = load("cv: [[x]]\n", &d);
	CHECK_STR(msg(&d, 0), "1:5: error: `cv` must be a mapping, not a list");
	diag_free(&d);
	lim = saved;

	size_t n = 300000;
	char *deep = malloc(n + 8);
	memcpy(deep, "cv: ", 4);
	memset(deep + 4, '[', n);
	deep[n + 4] = '\0';
	clock_t t0 = clock();
	r = load(deep, &d);
	double secs = (double)(clock() - t0) / CLOCKS_PER_SEC;
	CHECK(r == NULL);
	CHECK_STR(msg(&d, 0), "1:68: error: nesting deeper than 64 levels (--max-depth)");
	CHECK(secs < 1.0);
	diag_free(&d);
	memset(deep, '{', n);
	deep[n] = '\0';
	r = load(deep, &d);
	CHECK_STR(msg(&d, 0), "1:65: error: nesting deeper than 64 levels (--max-depth)");
	diag_free(&d);
	free(deep);

	/* YAML nodes in the file */
	lim.max_nodes = 5;
	EXPECT_ERROR("cv: {a: 1, b: 2, c: 3}", "1:12: error: more than 5 YAML nodes");
	lim = saved;

	/* The billion laughs: shared, never expanded, and refused for its type. */
	static const char laughs[] =
		"a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n"
		"b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\n"
		"c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]\n"
		"d: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c]\n"
		"e: &e [*d, *d, *d, *d, *d, *d, *d, *d, *d]\n"
		"f: &f [*e, *e, *e, *e, *e, *e, *e, *e, *e]\n"
		"g: &g [*f, *f, *f, *f, *f, *f, *f, *f, *f]\n"
		"h: &h [*g, *g, *g, *g, *g, *g, *g, *g, *g]\n"
		"i: &i [*h, *h, *h, *h, *h, *h, *h, *h, *h]\n"
		"cv:\n  name: *i\n  email: *i\n";
	t0 = clock();
	r = load(laughs, &d);
	secs = (double)(clock() - t0) / CLOCKS_PER_SEC;
	CHECK(r == NULL);
	CHECK_STR(msg(&d, 9), "11:9: error: `name` must be a string, not a list");
	CHECK_STR(msg(&d, 10), "9:8: error: each item of `email` must be a string, not a list");
	CHECK(secs < 1.0);
	diag_free(&d);

	/* Aliases the loader does follow (entries, their highlights) are
	 * counted each time, so the work is bounded by max_nodes. */
	char *bomb = malloc(64 * 1024), *p = bomb;
	p += sprintf(p, "design:\n  h: &h [x");
	for (int i = 1; i < 1000; i++)
		p += sprintf(p, ", x");
	p += sprintf(p, "]\n  e: &e {name: lol, highlights: *h}\ncv:\n  sections:\n    a: &l [*e");
	for (int i = 1; i < 1000; i++)
		p += sprintf(p, ", *e");
	p += sprintf(p, "]\n    b: *l\n    c: *l\n    d: *l\n    e: *l\n");
	t0 = clock();
	r = load(bomb, &d);
	secs = (double)(clock() - t0) / CLOCKS_PER_SEC;
	CHECK(r == NULL);
	CHECK_INT(d.nerrors, 1);
	CHECK(strstr(msg(&d, 0), "error: more than 4000000 nodes to read (aliases used too often?)"));
	CHECK(secs < 5.0);
	diag_free(&d);
	lim.max_nodes = 10000;
	r = load(bomb, &d);
	CHECK(r == NULL);
	CHECK(strstr(msg(&d, 0), "error: more than 10000 nodes to read"));
	diag_free(&d);
	lim = saved;

	/* Entries are cheap in nodes but not in memory: 1,000 sections of
	 * the same 1,000 entries stop on the memory bound (64 MiB plus 64
	 * times the input) before the node count. */
	p = bomb;               /* 64 kB: room for about 20 */
	p += sprintf(p, "design:\n  e: &e {bullet: x}\n  l: &l [*e");
	for (int i = 1; i < 1000; i++)
		p += sprintf(p, ", *e");
	p += sprintf(p, "]\ncv:\n  sections:\n");
	for (int i = 0; i < 1000; i++)
		p += sprintf(p, "    s%d: *l\n", i);
	r = load(bomb, &d);
	CHECK(r == NULL);
	CHECK_INT(d.nerrors, 1);
	CHECK(strstr(msg(&d, 0), "error: the résumé grows past 65 MiB in memory "
	                         "(aliases used too often?)"));
	diag_free(&d);
	free(bomb);
}

/* Big inputs stay linear: 200,000 keys, 200,000 entries, 50,000 anchors. */
static void test_scale(void)
{
	size_t n = 200000;
	char *buf = malloc(n * 40 + 1000), *p = buf;
	p += sprintf(p, "design:\n");
	for (size_t i = 0; i < n; i++)
		p += sprintf(p, "  k%zu: %zu\n", i, i);
	p += sprintf(p, "  k0: again\ncv:\n  name: A\n");
	struct diag d;
	clock_t t0 = clock();
	struct resume *r = load(buf, &d);
	CHECK(r == NULL);
	char want[128];
	snprintf(want, sizeof want, "%zu:3: error: duplicate key `k0` (first at 2:3)", n + 2);
	CHECK_STR(msg(&d, 0), want);
	diag_free(&d);

	p = buf;
	p += sprintf(p, "cv:\n  sections:\n    s:\n");
	for (size_t i = 0; i < n; i++)
		p += sprintf(p, "      - bullet: b%zu\n", i);
	r = load(buf, &d);
	CHECK(r != NULL);
	CHECK_INT(r ? r->sections[0].nentries : 0, n);
	CHECK_STR(r ? r->sections[0].entries[n - 1].title : NULL, "b199999");
	resume_free(r);
	diag_free(&d);

	size_t na = 50000;
	p = buf;
	p += sprintf(p, "design:\n");
	for (size_t i = 0; i < na; i++)
		p += sprintf(p, "  a%zu: &a%zu t%zu\n", i, i, i);
	p += sprintf(p, "cv:\n  sections:\n    s:\n");
	for (size_t i = 0; i < na; i++)
		p += sprintf(p, "      - *a%zu\n", na - 1 - i);
	r = load(buf, &d);
	CHECK(r != NULL);
	CHECK_INT(r ? r->sections[0].nentries : 0, na);
	CHECK_STR(r ? r->sections[0].entries[0].title : NULL, "t49999");
	CHECK_STR(r ? r->sections[0].entries[na - 1].title : NULL, "t0");
	resume_free(r);
	diag_free(&d);
	double secs = (double)(clock() - t0) / CLOCKS_PER_SEC;
	CHECK(secs < 10.0);     /* quadratic would take hours */
	free(buf);
}

static void test_encodings(void)
{
	struct diag d;
	/* UTF-8 BOM: fine, and columns do not count it */
	struct resume *r = load("\xEF\xBB\xBF" "cv:\n  name: A\n", &d);
	CHECK_STR(r ? r->header.name : NULL, "A");
	resume_free(r);
	diag_free(&d);
	EXPECT_ERROR("\xEF\xBB\xBF" "cv: \xFF\n", "1:5: error: invalid UTF-8: byte 0xFF");

	/* UTF-16 with a BOM: libyaml decodes it */
	static const char u16[] = "\xFF\xFE" "c\0v\0:\0 \0{\0n\0a\0m\0e\0:\0 \0\xE9\0}\0";
	r = load_n(u16, sizeof u16 - 1, &d);
	CHECK_STR(r ? r->header.name : NULL, "\xC3\xA9");
	resume_free(r);
	diag_free(&d);
	/* cut in the middle of a character: an error, not a crash */
	r = load_n(u16, sizeof u16 - 2, &d);
	CHECK(r == NULL);
	CHECK(d.nerrors == 1);
	diag_free(&d);

	/* CRLF line ends count as one line break */
	EXPECT_ERROR("cv:\r\n  name: A\r\n  name: B\r\n", "3:3: error: duplicate key `name` (first at 2:3)");
	/* NUL bytes in the input */
	r = load_n("cv:\n  name: A\0B\n", 14, &d);
	CHECK(r == NULL);
	CHECK_STR(msg(&d, 0), "2:10: error: control characters are not allowed (U+0000)");
	diag_free(&d);
}

static void test_files(void)
{
	struct diag d;
	int io = -1;
	diag_init(&d, "nope.yaml");
	struct resume *r = load_file("no/such/file.yaml", &lim, &d, &io);
	CHECK(r == NULL);
	CHECK_INT(io, 1);
	CHECK_STR(msg(&d, 0), "0:0: error: No such file or directory");
	diag_free(&d);

	diag_init(&d, ".");
	r = load_file(".", &lim, &d, &io);
	CHECK(r == NULL);
	CHECK_INT(io, 1);
	CHECK_STR(msg(&d, 0), "0:0: error: Is a directory");
	diag_free(&d);

	char path[] = "/tmp/vitae-test-load-XXXXXX";
	int fd = mkstemp(path);
	CHECK(fd >= 0);
	const char doc[] = "cv:\n  name: From a file\n";
	CHECK_INT(write(fd, doc, sizeof doc - 1), sizeof doc - 1);
	close(fd);

	diag_init(&d, path);
	r = load_file(path, &lim, &d, &io);
	CHECK_INT(io, 0);
	CHECK_STR(r ? r->header.name : NULL, "From a file");
	resume_free(r);
	diag_free(&d);

	/* too big: refused after reading one byte past the limit */
	struct load_limits small = lim;
	small.max_bytes = 8;
	diag_init(&d, path);
	r = load_file(path, &small, &d, &io);
	CHECK(r == NULL);
	CHECK_INT(io, 0);
	CHECK_STR(msg(&d, 0), "0:0: error: file is larger than 8 bytes (--max-size)");
	diag_free(&d);
	small.max_bytes = sizeof doc - 1;
	diag_init(&d, path);
	r = load_file(path, &small, &d, &io);
	CHECK(r != NULL);
	resume_free(r);
	diag_free(&d);

	/* "-" is standard input */
	CHECK(freopen(path, "r", stdin) != NULL);
	diag_init(&d, "-");
	r = load_file("-", &lim, &d, &io);
	CHECK_INT(io, 0);
	CHECK_STR(r ? r->header.name : NULL, "From a file");
	resume_free(r);
	diag_free(&d);
	unlink(path);
}

int main(void)
{
	load_limits_default(&lim);
	CHECK_INT(lim.max_bytes, 32 << 20);
	CHECK_INT(lim.max_depth, 64);
	CHECK_INT(lim.max_nodes, 4000000);

	test_rendercv();
	test_rendercv_sample();
	test_titles();
	test_entry_types();
	test_profiles();
	test_aliases();
	test_rendercv_more();
	test_jsonresume();
	test_jsonresume_errors();
	test_date_parse();
	test_dates();
	test_scalars();
	test_sanitise();
	test_errors();
	test_limits();
	test_scale();
	test_encodings();
	test_files();
	T_DONE();
}
