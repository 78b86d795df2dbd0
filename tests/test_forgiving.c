/*
 * Forgiving loading (load.h, lenient): each rule shows the file, keeps
 * what was written, and reports the problem at its position, as a
 * warning when forgiving and as an error (no résumé) when strict.
 */
#include "load_fixture.h"
#include "conv.h"
#include "print.h"

#include <stdlib.h>

/* Loads yaml forgiving; the résumé must be there and safe. */
static struct resume *lenient(const char *yaml, struct diag *d)
{
	lim.lenient = true;
	struct resume *r = load(yaml, d);
	lim.lenient = false;
	CHECK(r != NULL);
	CHECK(!r || resume_safe(r));
	return r;
}

/* Message i as shown: "LINE:COL: level: text". */
static const char *shown(const struct diag *d, size_t i)
{
	static char buf[1024];
	if (i >= d->n)
		return "(none)";
	snprintf(buf, sizeof buf, "%u:%u: %s: %s", d->v[i].pos.line, d->v[i].pos.col,
	         diag_level_name(d, &d->v[i]), d->v[i].text);
	return buf;
}

/* The text dump of r, malloc'd. */
static char *dump(const struct resume *r)
{
	char *out = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&out, &len);
	CHECK(f && print_text(f, r, 80, false) == 0);
	fclose(f);
	return out;
}

#define CHECK_SHOWS(r, text) do { \
	char *out_ = dump(r); \
	CHECK(strstr(out_, (text)) != NULL); \
	if (!strstr(out_, (text))) \
		fprintf(stderr, "  %s not in:\n%s\n", (text), out_); \
	free(out_); \
} while (0)

/* One rule: forgiving shows text and warns want first; strict fails with
 * the same message as an error. */
#define RULE(yaml, want, text) do { \
	struct diag d_; \
	struct resume *r_ = lenient((yaml), &d_); \
	CHECK_STR(shown(&d_, 0), "" want); \
	if (r_) \
		CHECK_SHOWS(r_, (text)); \
	resume_free(r_); \
	diag_free(&d_); \
	r_ = load((yaml), &d_); \
	CHECK(r_ == NULL); \
	CHECK(!d_.lenient); \
	resume_free(r_); \
	diag_free(&d_); \
} while (0)

static void test_values(void)
{
	/* an impossible date and a free-text date in exact keys: as written */
	RULE("cv:\n  sections:\n    x:\n      - company: A\n        position: B\n"
	     "        start_date: 2024-09-31\n",
	     "6:21: warning: impossible date `2024-09-31` in `start_date`",
	     "2024-09-31 " DASH " present");
	RULE("basics: {name: A}\nwork:\n  - name: W\n    startDate: 2023-9-28\n"
	     "    endDate: 2024-01\n",
	     "4:16: warning: `startDate` must be YYYY, YYYY-MM or YYYY-MM-DD, not `2023-9-28`: write `2023-09-28`",
	     "2023-9-28 " DASH " Jan 2024");
	RULE("cv:\n  sections:\n    x:\n      - name: N\n        date: 2021-02-30\n",
	     "5:15: warning: impossible date `2021-02-30` in `date`", "2021-02-30");
	/* a list where text belongs: joined */
	RULE("cv:\n  name: [Jane, Doe]\n", "2:9: warning: `name` must be a string, not a list",
	     "Jane, Doe");
	/* a mapping where text belongs: flattened, nested too */
	RULE("cv:\n  name: {first: Jane, parts: [a, b]}\n",
	     "2:9: warning: `name` must be a string, not a mapping",
	     "First: Jane; Parts: a, b");
	/* a string where a list belongs: a list of one */
	RULE("cv:\n  sections:\n    x:\n      - company: A\n        position: B\n"
	     "        highlights: Shipped things\n",
	     "6:21: warning: `highlights` must be a list of strings, not a string",
	     "Shipped things");
	/* a mapping where a list belongs: one item a pair */
	RULE("basics: {name: A}\nskills:\n  - name: C\n    keywords: {lang: C, os: Linux}\n",
	     "4:15: warning: `keywords` must be a list of strings, not a mapping",
	     "Lang: C, Os: Linux");
	/* a section that is one mapping or one string */
	RULE("basics: {name: A}\nwork: {name: Acme, position: Dev}\n",
	     "2:7: warning: `work` must be a list, not a mapping", "Acme");
	RULE("cv:\n  sections:\n    notes: just text\n",
	     "3:12: warning: `notes` must be a list, not a string", "just text");
	/* a profile that is not a mapping: its text, in both formats */
	RULE("cv:\n  name: A\n  social_networks: [me-on-github]\n",
	     "3:21: warning: each item of `social_networks` must be a mapping, not a string",
	     "me-on-github");
	RULE("basics: {name: A, profiles: [me-on-github]}\n",
	     "1:30: warning: each item of `profiles` must be a mapping, not a string",
	     "me-on-github");
}

static void test_entries(void)
{
	/* no entry type: shown with its fields */
	RULE("cv:\n  sections:\n    x:\n      - foo: bar\n        n: 4\n",
	     "4:9: warning: entry matches no entry type (company, institution, name, title, "
	     "label, bullet, number or reversed_number)", "Foo: bar");
	/* a second type in a section: shown as its own type */
	RULE("cv:\n  sections:\n    x:\n      - company: Acme\n        position: Dev\n"
	     "      - institution: MIT\n        area: Physics\n",
	     "6:9: warning: education entry in a section of experience entries (the type "
	     "was set by the entry at 4:9)", "MIT");
	/* an entry that is a list: its text */
	RULE("cv:\n  sections:\n    x:\n      - [one, two]\n",
	     "4:9: warning: an entry must be a string or a mapping, not a list", "one, two");
	/* a JSON Resume entry that is a string */
	RULE("basics: {name: A}\nwork: [Acme Corp]\n",
	     "2:8: warning: each item of `work` must be a mapping, not a string", "Acme Corp");
	/* a missing required key: the rest is shown */
	RULE("cv:\n  sections:\n    x:\n      - company: Acme\n        summary: Did it\n",
	     "4:9: warning: experience entry needs `position`", "Did it");
	/* a duplicate key: the last value wins */
	RULE("cv:\n  name: Jane\n  name: Janet\n",
	     "3:3: warning: duplicate key `name` (first at 2:3)", "Janet");
	RULE("{\"basics\": {\"name\": \"A\"}, \"work\": [], \"work\": [{\"name\": \"Last\"}]}",
	     "1:39: warning: duplicate key `work` (first at 1:27)", "Last");

	/* empty-ish required strings are fine, strict or not */
	struct diag d;
	struct resume *r = load("cv:\n  sections:\n    education:\n      - institution: MIT\n"
	                        "        area: ''\n      - institution: ETH\n        area: ' '\n", &d);
	CHECK(r != NULL);
	CHECK_INT(d.n, 0);
	if (r) {
		CHECK_INT(r->sections[0].nentries, 2);
		CHECK_SHOWS(r, "ETH");
	}
	resume_free(r);
	diag_free(&d);
	/* an entry of no type is titled by its first field, the rest stay
	 * fields (more of them than an entry type has keys, too) */
	r = lenient("cv:\n  sections:\n    x:\n      - {foo: bar, baz: [1, 2], k3: 3, k4: 4,"
	            " k5: 5, k6: 6, k7: 7, k8: 8, k9: 9, k10: 10, k11: 11, k12: 12, k13: 13,"
	            " k14: 14, k15: 15, k16: 16, k17: 17, k18: 18, k19: 19, k20: 20, k21: 21,"
	            " k22: 22, k23: 23, k24: 24, k25: 25, k26: 26, k27: 27, k28: 28, k29: 29,"
	            " k30: 30, k31: 31, k32: 32, k33: 33, k34: 34}\n", &d);
	if (r && r->nsections == 1) {
		const struct entry *e = &r->sections[0].entries[0];
		CHECK_STR(e->title, "Foo: bar");
		CHECK_INT(e->nfields, 33);
		CHECK_STR(e->nfields ? e->fields[0].label : NULL, "Baz");
		CHECK_STR(e->nfields ? e->fields[0].value : NULL, "1, 2");
		CHECK_STR(e->nfields == 33 ? e->fields[32].value : NULL, "34");
	}
	CHECK(r && r->nsections == 1);
	resume_free(r);
	diag_free(&d);
	r = lenient("cv:\n  sections:\n    x:\n      - {foo: bar, baz: qux}\n", &d);
	CHECK_STR(r ? r->sections[0].entries[0].title : NULL, "Foo: bar");
	CHECK_INT(r ? r->sections[0].entries[0].nfields : 0, 1);
	CHECK_STR(r ? r->sections[0].entries[0].fields[0].value : NULL, "qux");
	resume_free(r);
	diag_free(&d);

	/* three of a key: the last, each reported against the one before */
	r = lenient("cv:\n  name: A\n  name: B\n  name: C\n", &d);
	CHECK_STR(shown(&d, 0), "3:3: warning: duplicate key `name` (first at 2:3)");
	CHECK_STR(shown(&d, 1), "4:3: warning: duplicate key `name` (first at 3:3)");
	CHECK_STR(r ? r->header.name : NULL, "C");
	resume_free(r);
	diag_free(&d);
}

/* Unknown keys: shown, and still warned about. */
static void test_unknown(void)
{
	struct diag d;
	struct resume *r = lenient(
		"{\"basics\": {\"name\": \"A\", \"nationality\": \"Norwegian\",\n"
		" \"location\": {\"city\": \"Oslo\", \"country\": \"Norway\"},\n"
		" \"profiles\": [{\"network\": \"LinkedIn\", \"url\": \"https://linkedin.com/in/a\"}]},\n"
		" \"experience\": [{\"name\": \"Acme\", \"keywords\": [\"C\"], \"team\": {\"size\": 4}}],\n"
		" \"certifications\": [{\"title\": \"AWS\"}],\n"
		" \"sideProjects\": [{\"name\": \"Tool\", \"technologies\": [\"Rust\"]}],\n"
		" \"custom_stuff\": [\"one\"],\n"
		" \"references\": [{\"name\": \"Bob\", \"position\": \"CTO\"}]}\n", &d);
	CHECK_STR(shown(&d, 0), "1:26: warning: unknown key `nationality` in `basics`");
	CHECK_STR(shown(&d, 1), "2:31: warning: unknown key `country` in `location`");
	CHECK_STR(shown(&d, 2), "4:2: warning: unknown key `experience` in the top level: "
	          "read as `work`");
	CHECK_STR(shown(&d, 3), "5:2: warning: unknown key `certifications` in the top level: "
	          "read as `certificates`");
	CHECK_STR(shown(&d, 4), "7:2: warning: unknown key `custom_stuff` in the top level");
	CHECK(d.nerrors == 0);
	if (r) {
		CHECK_STR(r->header.location, "Oslo, Norway");
		CHECK_STR(r->header.profiles[0].network, "LinkedIn");
		CHECK_SHOWS(r, "LinkedIn: linkedin.com/in/a");
		CHECK_SHOWS(r, "Technologies: C");
		CHECK_SHOWS(r, "Team: Size: 4");
		CHECK_SHOWS(r, "Certificates");
		CHECK_SHOWS(r, "AWS");
		CHECK_SHOWS(r, "Side Projects");
		CHECK_SHOWS(r, "Technologies: Rust");
		CHECK_SHOWS(r, "Custom Stuff");
		CHECK_SHOWS(r, "Position: CTO");
		CHECK_SHOWS(r, "Nationality");
		CHECK_SHOWS(r, "Norwegian");
	}
	resume_free(r);
	diag_free(&d);

	/* RenderCV: unknown keys in cv, at the top level and in entries;
	 * `author`; tel: */
	r = lenient("cv:\n  name: A\n  phone: tel:+90-541-999-99-99\n  hobby: chess\n"
	            "  sections:\n    publications:\n      - title: P\n        author: [A, B]\n"
	            "        stars: 10\n"
	            "other_stuff:\n  key: value\n", &d);
	CHECK_STR(shown(&d, 0), "4:3: warning: unknown key `hobby` in `cv`");
	CHECK_STR(shown(&d, 1), "8:9: warning: unknown key `author` in publication entry: "
	          "read as `authors`");
	CHECK_STR(shown(&d, 2), "9:9: warning: unknown key `stars` in publication entry");
	CHECK_STR(shown(&d, 3), "10:1: warning: unknown key `other_stuff` in the top level");
	if (r) {
		CHECK_STR(r->header.phone, "+90-541-999-99-99");
		CHECK_SHOWS(r, "A, B");
		CHECK_SHOWS(r, "Stars: 10");
		CHECK_SHOWS(r, "Hobby");
		CHECK_SHOWS(r, "chess");
		CHECK_SHOWS(r, "Other Stuff");
		CHECK_SHOWS(r, "Key: value");
	}
	resume_free(r);
	diag_free(&d);

	/* an unknown section's entries with only tools or a place are kept */
	r = lenient("basics: {name: A}\ntools:\n  - keywords: [Go, Rust]\n  - location: Oslo\n", &d);
	CHECK_INT(r && r->nsections ? r->sections[0].nentries : 0, 2);
	if (r) {
		CHECK_SHOWS(r, "Technologies: Go, Rust");
		CHECK_SHOWS(r, "Oslo");
	}
	resume_free(r);
	diag_free(&d);

	/* labels from keys */
	struct arena a = ARENA_INIT;
	CHECK_STR(key_label(&a, "sideProjects"), "Side Projects");
	CHECK_STR(key_label(&a, "custom_stuff"), "Custom Stuff");
	CHECK_STR(key_label(&a, "GPA"), "GPA");
	CHECK_STR(key_label(&a, "my-links_"), "My Links");
	CHECK_STR(key_label(&a, "Already Titled"), "Already Titled");
	arena_free(&a);
}

/* What stays fatal when forgiving: nothing to show. */
static void test_fatal(void)
{
	static const char *const files[] = {
		"cv: [unclosed\n",                      /* not YAML */
		"- a list\n",                           /* not a mapping */
		"name: Jane\n",                         /* not a résumé */
		"cv: Jane\n",                           /* `cv` is no résumé */
	};
	for (size_t i = 0; i < sizeof files / sizeof files[0]; i++) {
		struct diag d;
		lim.lenient = true;
		struct resume *r = load(files[i], &d);
		lim.lenient = false;
		CHECK(r == NULL);
		CHECK(d.nerrors > 0 && !d.lenient);
		CHECK(d.n && d.v[0].pos.line > 0);
		CHECK(d.n && strcmp(diag_level_name(&d, &d.v[0]), "error") == 0);
		resume_free(r);
		diag_free(&d);
	}
	/* a limit */
	struct diag d;
	lim.lenient = true;
	lim.max_depth = 3;
	struct resume *r = load("cv:\n  name: [[[[x]]]]\n", &d);
	load_limits_default(&lim);
	CHECK(r == NULL);
	CHECK_STR(shown(&d, 0), "2:10: error: nesting deeper than 3 levels (--max-depth)");
	resume_free(r);
	diag_free(&d);
}

int main(void)
{
	load_limits_default(&lim);
	CHECK(!lim.lenient);
	test_values();
	test_entries();
	test_unknown();
	test_fatal();
	utf8_cleanup();
	T_DONE();
}
