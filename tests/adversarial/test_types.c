/*
 * Wrong types in every place, bad and impossible dates, unknown keys:
 * each through `vitae --check` and `--dump`, with the error at the value
 * that is wrong.
 *
 * The wrong-type sweep takes a résumé in which every value is marked
 * @( ... )@ (markers may nest) and, for each marked value in turn,
 * replaces it with a value of each wrong kind, keeping the others. The
 * run must load (the value was acceptable: a number is text) or fail
 * with errors only, and a type error ("must be ...") must point into the
 * replaced value, or at the anchor an alias stands for.
 */
#include <stdlib.h>
#include <string.h>
#include "adv.h"

static struct adv_result r;

/* Anchors the replacements may alias, on lines 1 and 2, under keys the
 * loaders skip without a warning. */
#define PRELUDE "design: {m: &m {k: v}, l: &l [v, w], s: &s str}\n" \
                "settings: {x: &q [[nested]]}\n"
#define JSON_PRELUDE "meta: {m: &m {k: v}, l: &l [v, w],\n" \
                     "  s: &s str, x: &q [[nested]]}\n"

static const char rendercv[] =
	PRELUDE
	"cv: @(\n"
	"  name: @(Jane Doe)@\n"
	"  headline: @(Engineer)@\n"
	"  location: @(Town)@\n"
	"  email: @([@(a@example.org)@, b@example.org])@\n"
	"  phone: @(\"+1 555 0100\")@\n"
	"  website: @(https://example.org)@\n"
	"  photo: @(photo.jpg)@\n"
	"  social_networks: @([@({network: @(GitHub)@, username: @(jane)@})@])@\n"
	"  custom_connections: @([{placeholder: @(Blog)@, url: @(https://b.example.org)@, "
	"fontawesome_icon: @(rss)@}])@\n"
	"  sections: @(\n"
	"    summary: @([@(A text entry.)@])@\n"
	"    experience: @([@({company: @(Acme)@, position: @(Engineer)@, start_date: @(2020-01)@, "
	"end_date: @(present)@, location: @(Town)@, summary: @(Did things.)@, "
	"highlights: @([@(One)@, Two])@, technologies: @([@(C)@, Go])@})@])@\n"
	"    education: @([{institution: @(Uni)@, area: @(CS)@, degree: @(BS)@, date: @(2019)@}])@\n"
	"    publications: @([{title: @(Paper)@, authors: @([@(Jane Doe)@, B])@, doi: @(10.1/x)@, "
	"url: @(https://x.org)@, journal: @(J)@, date: @(2021-05)@}])@\n"
	"    normal: @([{name: @(Thing)@, date: @(Fall 2019)@, summary: @(S)@}])@\n"
	"    oneline: @([{label: @(Lang)@, details: @(\"C, Go\")@}])@\n"
	"    bullets: @([{bullet: @(A bullet)@}])@\n"
	"    numbered: @([{number: @(First)@}])@\n"
	"    reversed: @([{reversed_number: @(Last)@}])@\n"
	"  )@\n"
	")@\n";

static const char jsonresume[] =
	JSON_PRELUDE
	"basics: @({name: @(Jane)@, label: @(Eng)@, email: @(j@x.org)@, phone: @(\"555\")@, "
	"url: @(https://x.org)@, summary: @(S)@, image: @(i.png)@,\n"
	"  location: @({city: @(C)@, region: @(R)@, countryCode: @(US)@})@,\n"
	"  profiles: @([@({network: @(GitHub)@, username: @(j)@, url: @(https://g.x)@})@])@})@\n"
	"work: @([@({name: @(Acme)@, position: @(Eng)@, startDate: @(2020-01)@, endDate: @(2021)@, "
	"summary: @(S)@, highlights: @([@(H)@])@, url: @(https://a.x)@, description: @(D)@})@])@\n"
	"volunteer: @([{organization: @(Org)@, position: @(P)@, startDate: @(2019)@}])@\n"
	"education: @([{institution: @(Uni)@, area: @(CS)@, studyType: @(BS)@, startDate: @(2015)@, "
	"score: @(4)@, courses: @([@(Algo)@])@}])@\n"
	"awards: @([{title: @(Prize)@, date: @(2020-02-29)@, awarder: @(A)@}])@\n"
	"certificates: @([{name: @(Cert)@, date: @(2020)@, issuer: @(I)@}])@\n"
	"publications: @([{name: @(Pub)@, publisher: @(P)@, releaseDate: @(2020)@}])@\n"
	"skills: @([{name: @(C)@, level: @(Master)@, keywords: @([@(ptr)@])@}])@\n"
	"languages: @([{language: @(English)@, fluency: @(Native)@}])@\n"
	"interests: @([{name: @(Go)@, keywords: @([@(baduk)@])@}])@\n"
	"references: @([{name: @(Ref)@, reference: @(Good)@}])@\n"
	"projects: @([{name: @(Proj)@, roles: @([@(Lead)@])@, entity: @(E)@, type: @(T)@, "
	"startDate: @(2020)@}])@\n";

static const char *const wrong[] = {
	"{x: y}", "[x]", "[[x]]", "~", "\"\"", "12", "-1.5e300", "*m", "*l", "*s", "*q",
	"!!binary aGk=", "2021-13-45", "\"\\e]0;t\\a\"", "{}", "[]",
};
#define NWRONG (sizeof wrong / sizeof *wrong)

/*
 * Writes tmpl with marker k replaced by rep (and every other marker
 * dropped) to path; *line and *col get where rep starts (1-based, in
 * characters: the templates are ASCII). Returns the number of markers.
 */
static int instantiate(const char *tmpl, int k, const char *rep, const char *path,
                       long *line, long *col)
{
	FILE *f = fopen(path, "w");
	int n = 0, skip = 0;
	long ln = 1, cl = 1;
	for (const char *p = tmpl; *p;) {
		if (p[0] == '@' && p[1] == '(') {
			if (skip)
				skip++;
			else if (n == k) {
				*line = ln;
				*col = cl;
				fputs(rep, f);
				cl += (long)strlen(rep);
				skip = 1;
			}
			n++;
			p += 2;
			continue;
		}
		if (p[0] == ')' && p[1] == '@') {
			if (skip)
				skip--;
			p += 2;
			continue;
		}
		if (!skip) {
			fputc(*p, f);
			if (*p == '\n')
				ln++, cl = 1;
			else
				cl++;
		}
		p++;
	}
	fclose(f);
	return n;
}

/* A type error may point at the node an alias names: in the prelude. */
static bool at_anchor(long line)
{
	return line >= 1 && line <= 2;
}

static void sweep(const char *tmpl, const char *file)
{
	long typed_seen = 0;
	long line = 0, col = 0;
	int markers = instantiate(tmpl, -1, "", file, &line, &col);
	CHECK(markers > 20);
	/* the template itself is a valid résumé */
	run_vitae(&r, (const char *[]){ "--check", file, NULL }, NULL, 10, 64);
	CHECK_EXIT(&r, 0);
	CHECK(r.nerr == 0);
	if (r.nerr)
		fprintf(stderr, "%s", r.err);
	adv_result_free(&r);

	/* under valgrind, a sample: every 13th, so each kind comes round */
	int step = adv_slow() ? 13 : 1, n = 0;
	for (int k = 0; k < markers; k++) {
		for (size_t w = 0; w < NWRONG; w++) {
			if (n++ % step)
				continue;
			instantiate(tmpl, k, wrong[w], file, &line, &col);
			run_vitae(&r, (const char *[]){ "--check", file, NULL }, NULL, 10, 64);
			t_checks++;
			if (!WIFEXITED(r.status) || WEXITSTATUS(r.status) > 1) {
				t_failures++;
				fprintf(stderr, "marker %d = %s: exit %d\n", k, wrong[w],
				        WEXITSTATUS(r.status));
			}
			/* every message has a position in the file; type errors
			 * point into the value or at the anchor it aliases */
			size_t flen = strlen(file);
			for (const char *m = r.err; m && *m; m = strchr(m, '\n') ? strchr(m, '\n') + 1 : NULL) {
				long ml = 0, mc = 0;
				if (strncmp(m, file, flen) != 0 ||
				    sscanf(m + flen, ":%ld:%ld:", &ml, &mc) != 2) {
					if (strncmp(m, file, flen) == 0 && strstr(m, "more messages not shown"))
						continue;
					t_checks++;
					t_failures++;
					fprintf(stderr, "marker %d = %s: no position: %.200s\n", k, wrong[w], m);
					continue;
				}
				const char *eol = strchr(m, '\n');
				const char *must = strstr(m, "must be");
				bool typed = must && (!eol || must < eol) && strstr(m, ": error: ") < must;
				typed_seen += typed;
				if (typed && !(ml == line && mc >= col && mc < col + (long)strlen(wrong[w])) &&
				    !at_anchor(ml)) {
					t_checks++;
					t_failures++;
					fprintf(stderr, "marker %d at %ld:%ld = %s: elsewhere: %.*s\n", k,
					        line, col, wrong[w], (int)(eol ? eol - m : 200), m);
				}
			}
			bool ok = WIFEXITED(r.status) && WEXITSTATUS(r.status) == 0;
			adv_result_free(&r);
			if (ok) {
				run_vitae(&r, (const char *[]){ "--dump", file, NULL }, NULL, 10, 64);
				CHECK_EXIT(&r, 0);
				CHECK_SAFE("--dump", r.out, r.nout);
				adv_result_free(&r);
			}
		}
	}
	/* the sweep did find type errors to check */
	CHECK(typed_seen * step > markers);
	printf("%s: %d markers, %ld type errors checked\n", file, markers, typed_seen);
}

static void wrong_types_rendercv(void)
{
	sweep(rendercv, "types.yaml");
}

static void wrong_types_jsonresume(void)
{
	sweep(jsonresume, "types.json");
}

/* --- dates --------------------------------------------------------------- */

static void dates(void)
{
	static const struct {
		const char *value, *msg;        /* msg NULL: accepted */
	} cases[] = {
		{ .value = "2021-13", .msg = "6:21: error: impossible date `2021-13` in `start_date`" },
		{ .value = "2021-02-29", .msg = "6:21: error: impossible date `2021-02-29` in `start_date`" },
		{ .value = "1900-02-29", .msg = "6:21: error: impossible date `1900-02-29` in `start_date`" },
		{ .value = "2000-02-29" },
		{ .value = "2021-04-31", .msg = "6:21: error: impossible date `2021-04-31` in `start_date`" },
		{ .value = "0000", .msg = "6:21: error: impossible date `0000` in `start_date`" },
		{ .value = "0000-00-00", .msg = "6:21: error: impossible date `0000-00-00` in `start_date`" },
		{ .value = "99999999999999999999999",
		  .msg = "6:21: error: impossible date `99999999999999999999999` in `start_date`" },
		{ .value = "-2020", .msg = "6:21: error: `start_date` must be YYYY, YYYY-MM or "
		                           "YYYY-MM-DD, not `-2020`" },
		{ .value = "2020-1-1", .msg = "6:21: error: `start_date` must be YYYY, YYYY-MM or "
		                              "YYYY-MM-DD, not `2020-1-1`: write `2020-01-01`" },
		{ .value = "2020-01-01T00:00:00Z", .msg = "6:21: error: `start_date` must be YYYY, "
		                                          "YYYY-MM or YYYY-MM-DD, not `2020-01-01T00:00:00Z`: "
		                                          "put free text such as this in `date` instead" },
		{ .value = "2020.5", .msg = "6:21: error: `start_date` must be YYYY, YYYY-MM or "
		                            "YYYY-MM-DD, not `2020.5`: write `2020-05`" },
		{ .value = "\"\\uFF12\\uFF10\\uFF12\\uFF10\"",
		  .msg = "6:21: error: `start_date` must be YYYY, YYYY-MM or YYYY-MM-DD, not `２０２０`: "
		         "put free text such as this in `date` instead" },
		{ .value = "\"2020\\u200B\"" },         /* the invisible space is dropped */
		{ .value = "\"2020\\e[2J\"", .msg = "6:21: error: `start_date` must be YYYY, YYYY-MM or "
		                                     "YYYY-MM-DD, not `2020\xEF\xBF\xBD[2J`: put free text "
		                                     "such as this in `date` instead" },
		{ .value = "{y: 2020}", .msg = "6:21: error: `start_date` must be a string, not a mapping" },
		{ .value = "present", .msg = "6:21: error: `start_date` cannot be `present`" },
	};
	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
		char doc[512], want[512];
		snprintf(doc, sizeof doc, "cv:\n  sections:\n    x:\n      - company: A\n"
		         "        position: B\n        start_date: %s\n", cases[i].value);
		adv_write_str("date.yaml", doc);
		run_vitae(&r, (const char *[]){ "--check", "date.yaml", NULL }, NULL, 10, 64);
		if (cases[i].msg) {
			snprintf(want, sizeof want, "date.yaml:%s", cases[i].msg);
			CHECK_EXIT(&r, 1);
			CHECK_FIRST(&r, want);
		} else {
			CHECK_EXIT(&r, 0);
		}
		adv_result_free(&r);
	}
	/* end before start, and a JSON Resume impossible date */
	adv_write_str("order.yaml", "cv:\n  sections:\n    x:\n      - company: A\n"
	              "        position: B\n        start_date: 2021-03\n        end_date: 2020-01\n");
	run_vitae(&r, (const char *[]){ "--check", "order.yaml", NULL }, NULL, 10, 64);
	CHECK_EXIT(&r, 0);
	CHECK_FIRST(&r, "order.yaml:7:19: warning: `end_date` (Jan 2020) is before "
	            "`start_date` (Mar 2021)");
	adv_result_free(&r);
	adv_write_str("date.json", "{\"basics\": {\"name\": \"A\"},\n \"work\": [{\"name\": \"W\", "
	              "\"startDate\": \"2019-02-30\"}]}\n");
	run_vitae(&r, (const char *[]){ "--check", "date.json", NULL }, NULL, 10, 64);
	CHECK_EXIT(&r, 1);
	CHECK_FIRST(&r, "date.json:2:38: error: impossible date `2019-02-30` in `startDate`");
	adv_result_free(&r);
}

/* --- unknown keys -------------------------------------------------------- */

static void unknown_keys(void)
{
	adv_write_str("unknown.yaml",
	              "cv:\n  name: A\n  nmae: typo\n  sections:\n    x:\n      - company: A\n"
	              "        position: B\n        salary: 1\n"
	              "  social_networks:\n    - network: GitHub\n      username: a\n      token: s\n"
	              "rendercv_settings: {}\nextra: 1\n");
	run_vitae(&r, (const char *[]){ "--check", "unknown.yaml", NULL }, NULL, 10, 64);
	CHECK_EXIT(&r, 0);
	CHECK_LINE(&r, "unknown.yaml:3:3: warning: unknown key `nmae` in `cv`: did you mean `name`?");
	CHECK_LINE(&r, "unknown.yaml:8:9: warning: unknown key `salary` in experience entry");
	CHECK_LINE(&r, "unknown.yaml:12:7: warning: unknown key `token` in a social network");
	CHECK_LINE(&r, "unknown.yaml:14:1: warning: unknown key `extra` in the top level");
	/* `nmae` and `extra` are shown, as sections of their own */
	CHECK_HAS(r.out, "unknown.yaml: 3 sections, 3 entries, 4 warnings");
	adv_result_free(&r);
	adv_write_str("unknown.json", "{\"basics\": {\"name\": \"A\", \"nickname\": \"B\"},\n"
	              " \"meta\": {\"version\": 1}, \"work\": [{\"name\": \"W\", \"boss\": \"X\"}]}\n");
	run_vitae(&r, (const char *[]){ "--check", "unknown.json", NULL }, NULL, 10, 64);
	CHECK_EXIT(&r, 0);
	CHECK_LINE(&r, "unknown.json:1:26: warning: unknown key `nickname` in `basics`");
	CHECK_LINE(&r, "unknown.json:2:49: warning: unknown key `boss` in work entry");
	adv_result_free(&r);
}

static const struct adv_case cases[] = {
	{ "wrong-types-rendercv", wrong_types_rendercv },
	{ "wrong-types-jsonresume", wrong_types_jsonresume },
	{ "dates", dates },
	{ "unknown-keys", unknown_keys },
};

ADV_MAIN(cases)
