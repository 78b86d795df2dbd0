/*
 * Loading both formats into the model: every entry type, section titles,
 * profiles and their links, aliases, nulls and numbers, tags, and the
 * sanitising of control characters. Errors, limits and dates are in
 * test_load_errors.c. The YAML is written inline so each expectation sits
 * next to its input.
 */
#include <stdlib.h>
#include <string.h>

#include "utf8.h"
#include "load_fixture.h"

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
	CHECK_STR(e->dates, "Mar 2020 " DASH " present");
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
	CHECK_STR(e->dates, "2015 " DASH " June 2019");
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
	CHECK_STR(e->dates, "July 2021");
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
		          "June 2023 " DASH " present");
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
	CHECK(r != NULL);       /* nothing to show: --check's error, not the loader's */
	CHECK_INT(r ? r->nsections : 1, 0);
	CHECK_STR(r ? r->empty_note : NULL, "no sections: `cv:` is empty; put `name:` and "
	          "`sections:` under it, indented by two spaces");
	CHECK(r && r->header.name == NULL);
	resume_free(r);
	diag_free(&d);
	/* the note is shown, so it holds the key's sanitised text only */
	r = load("cv:\n  name: A\n  \"section\\es\": {x: [a]}\n", &d);
	CHECK_STR(r ? r->empty_note : NULL, "no sections: `cv` has `section" REPL "s`: "
	          "did you mean `sections`?");
	resume_free(r);
	diag_free(&d);
	r = load("{\"basics\": {\"name\": \"A\"}}", &d);
	CHECK_STR(r ? r->empty_note : NULL, "no sections: add `work`, `education` or "
	          "another section");
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

/* `locale:` and its per-field overrides, RenderCV 1.x's locale_catalog,
 * and design.templates: the words and forms of the dates. */
static const char *locale_dates(const char *tail, struct diag *d, struct resume **out)
{
	static char doc[2048];
	snprintf(doc, sizeof doc, "cv:\n  sections:\n    x:\n      - company: A\n"
	         "        position: B\n        start_date: 2020-09-05\n%s", tail);
	*out = load(doc, d);
	return *out && (*out)->nsections ? (*out)->sections[0].entries[0].dates : "(none)";
}

static void test_locale(void)
{
	static const struct {
		const char *tail, *dates, *degree;
	} cases[] = {
		{ "", "Sept 2020 " DASH " present", "DEGREE in AREA" },
		{ "locale: {language: spanish}\n", "Sep 2020 " DASH " presente", "DEGREE en AREA" },
		{ "locale: {language: japanese}\n", "9\xE6\x9C\x88 2020 " DASH " \xE7\x8F\xBE\xE5\x9C\xA8",
		  "AREA DEGREE" },
		/* overrides, after the language wherever they are written */
		{ "locale:\n  present: now\n  language: german\n"
		  "  month_abbreviations: [a, b, c, d, e, f, g, h, i, j, k, l]\n"
		  "  phrases: {degree_with_area: DEGREE (AREA)}\n",
		  "i 2020 " DASH " now", "DEGREE (AREA)" },
		{ "locale:\n  month_names: [a, b, c, d, e, f, g, h, SEPT, j, k, l]\n"
		  "design:\n  templates:\n    single_date: DAY_IN_TWO_DIGITS MONTH_NAME YEAR_IN_TWO_DIGITS\n"
		  "    date_range: from START_DATE to END_DATE\n",
		  "from 05 SEPT 20 to present", "DEGREE in AREA" },
		/* RenderCV 1.x */
		{ "locale_catalog:\n  abbreviations_for_months: [a, b, c, d, e, f, g, h, Sep., j, k, l]\n"
		  "  present: heute\n  to: bis\n  date_style: MONTH_ABBREVIATION YEAR\n",
		  "Sep. 2020 bis heute", "DEGREE in AREA" },
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		struct diag d;
		struct resume *r;
		CHECK_STR(locale_dates(cases[i].tail, &d, &r), cases[i].dates);
		CHECK_INT(d.n, 0);
		if (r)
			CHECK_STR(r->locale.degree_with_area, cases[i].degree);
		resume_free(r);
		diag_free(&d);
	}
	EXPECT_ERROR("cv: {name: A}\nlocale: {language: klingon}\n",
	             "2:20: error: unknown language `klingon` (RenderCV's are english, german, "
	             "spanish, french, japanese, \xE2\x80\xA6 in lower case; see vitae(5))");
	EXPECT_ERROR("cv: {name: A}\nlocale: {language: English}\n",
	             "2:20: error: unknown language `English`: did you mean `english`?");
	EXPECT_WARNING("cv: {name: A, sections: {x: [a]}}\nlocale: {presnt: now}\n",
	               "2:10: warning: unknown key `presnt` in `locale`: did you mean `present`?");
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
	"    \"startDate\": \"2013-12-01\", \"summary\": \"Middle out.\", \"highlights\": [\"Won Disrupt\"],\n"
	"    \"technologies\": [\"C\", \"Pytorch\"]}],\n"
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

/* A JSON Resume publication with a doi and no url links to the DOI's
 * address, as a RenderCV one does; a url given is kept. */
static void test_jsonresume_doi(void)
{
	struct diag d;
	struct resume *r = load("{\"basics\": {\"name\": \"D\"}, \"publications\": [\n"
	                        "  {\"name\": \"A\", \"doi\": \"10.1/a\"},\n"
	                        "  {\"name\": \"B\", \"doi\": \"10.1/b\", \"url\": \"https://b.example\"}]}\n",
	                        &d);
	CHECK(r != NULL && r->nsections == 1 && r->sections[0].nentries == 2);
	if (r && r->nsections == 1 && r->sections[0].nentries == 2) {
		CHECK_STR(r->sections[0].entries[0].url, "https://doi.org/10.1/a");
		CHECK_STR(r->sections[0].entries[1].url, "https://b.example");
		CHECK_STR(r->sections[0].entries[1].doi, "10.1/b");
	}
	resume_free(r);
	diag_free(&d);
}

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
	CHECK_STR(e->dates, "Dec 2013 " DASH " present");       /* no endDate */
	CHECK_STR(e->summary, "Middle out.");
	CHECK_STR(e->highlights.v[0], "Won Disrupt");
	CHECK_STR(e->url, "http://pp.example.com");
	/* vitae's technologies extension is read in JSON Resume too */
	CHECK_INT(e->technologies.n, 2);
	CHECK_STR(e->technologies.n > 1 ? e->technologies.v[1] : NULL, "Pytorch");
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
	             "2:16: error: `startDate` must be YYYY, YYYY-MM or YYYY-MM-DD, not `Jan 2013`: "
	             "write `2013-01`, or put free text in `date` instead");
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

int main(void)
{
	load_limits_default(&lim);
	test_rendercv();
	test_rendercv_sample();
	test_titles();
	test_entry_types();
	test_profiles();
	test_aliases();
	test_rendercv_more();
	test_locale();
	test_jsonresume();
	test_jsonresume_doi();
	test_jsonresume_errors();
	test_scalars();
	test_sanitise();
	utf8_cleanup();         /* a clean exit for leak checkers */
	T_DONE();
}
