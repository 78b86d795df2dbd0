/*
 * RenderCV's time spans ("3 years 4 months"): the computation, and where
 * they are shown. The rule, read from RenderCV 2.x
 * (renderer/templater/date.py, compute_time_span_string):
 *   - If either date is a year alone (`2020`; present is not), the span
 *     is in years only: end year - start year, and "1 year" when that is
 *     fewer than 2 (so 2020 to 2020 is "1 year").
 *   - Otherwise YYYY-MM is the first of the month and present is
 *     settings.current_date; d = days from start to end,
 *     years = d / 365, months = d % 365 / 30 + 1 (whole divisions), then
 *     12 months carry into a year. A part that is 0 is left out, 1 takes
 *     the singular (year, month), more the plural, all in the locale's
 *     words, through design.templates.time_span
 *     ("HOW_MANY_YEARS YEARS HOW_MANY_MONTHS MONTHS", trimmed).
 * They are shown (renderer/templater/model_processor.py) in the sections
 * whose title, in lower case with spaces as underscores, is in
 * design.sections.show_time_spans_in: ["experience"] with the classic
 * theme (the default), [] with every other theme; only for an entry with
 * a start_date (an end alone is a single date, a `date` wins).
 * RenderCV 1.x (rendercv/data/models/computers.py in 1.18) counts the
 * same way, and shows them where design.show_timespan_in names the
 * section's title, case-sensitive ("Experience"), by default nowhere.
 */
#include <time.h>

#include "load_fixture.h"
#include "date.h"
#include "t.h"

static const struct date today = { .year = 2025, .month = 1, .day = 1 };

static const char *span_in(const char *from, const char *to, const struct locale *l)
{
	static char buf[DATE_BUF];
	struct date s, e;
	if (date_parse(from, &s) != DATE_OK || date_parse(to, &e) != DATE_OK)
		return "(bad)";
	const char *r = date_span(&s, &e, &today, l, buf);
	return r ? r : "(none)";
}

static const char *span(const char *from, const char *to)
{
	struct locale l;
	locale_init(&l);
	return span_in(from, to, &l);
}

static void test_months(void)
{
	/* RenderCV's own example: 1187 days = 3*365 + 92, 92/30 + 1 = 4 */
	CHECK_STR(span("2020-06", "2023-09"), "3 years 4 months");
	/* 0 days: the month counts, "1 month", never "0 months" */
	CHECK_STR(span("2020-06", "2020-06"), "1 month");
	/* 29 days is 1 month, 30 days 2 */
	CHECK_STR(span("2021-03-15", "2021-04-13"), "1 month");
	CHECK_STR(span("2021-03-15", "2021-04-14"), "2 months");
	/* 335 days: 11 + 1 = 12 months carry into "1 year" */
	CHECK_STR(span("2020-01", "2020-12"), "1 year");
	/* 365 days: 1 year, and 0/30 + 1 = 1 month */
	CHECK_STR(span("2019-01", "2020-01"), "1 year 1 month");
	CHECK_STR(span("2018-01", "2020-03"), "2 years 3 months");
	/* present is settings.current_date (2025-01-01 here): 458 days */
	CHECK_STR(span("2023-10", "present"), "1 year 4 months");
	CHECK_STR(span("2024-12-31", "present"), "1 month");
	/* an end before its start: RenderCV refuses the file, no span */
	CHECK_STR(span("2021-05", "2021-04"), "(none)");
	CHECK_STR(span("2026-01", "present"), "(none)");
}

/* Today as the C library has it in UTC (vitae computes it without the
 * library, which would read /etc/localtime). */
static void test_today(void)
{
	time_t now = time(NULL);
	struct tm tm;
	struct date t = date_today();
	CHECK(gmtime_r(&now, &tm) != NULL);
	CHECK_INT(t.year, tm.tm_year + 1900);
	CHECK_INT(t.month, tm.tm_mon + 1);
	CHECK_INT(t.day, tm.tm_mday);
}

static void test_years(void)
{
	CHECK_STR(span("2015", "2020"), "5 years");
	CHECK_STR(span("2019", "2020"), "1 year");
	CHECK_STR(span("2020", "2020"), "1 year");        /* fewer than 2: "1 year" */
	/* one year alone is enough: years only, the month is not used */
	CHECK_STR(span("2018", "2020-11"), "2 years");
	CHECK_STR(span("2018-12", "2020"), "2 years");
	CHECK_STR(span("2018", "present"), "7 years");
	CHECK_STR(span("2021", "2020"), "(none)");
}

static void test_words(void)
{
	struct locale l = *locale_find("spanish");
	l.time_span = "HOW_MANY_YEARS YEARS HOW_MANY_MONTHS MONTHS";
	CHECK_STR(span_in("2020-06", "2023-09", &l), "3 años 4 meses");
	CHECK_STR(span_in("2020-01", "2021-01", &l), "1 año 1 mes");
	CHECK_STR(span_in("2015", "2020", &l), "5 años");
	/* the template decides what is shown: years alone */
	locale_init(&l);
	l.time_span = "HOW_MANY_YEARS YEARS";
	CHECK_STR(span_in("2020-06", "2023-09", &l), "3 years");
	l.time_span = "(HOW_MANY_MONTHS MONTHS)";
	CHECK_STR(span_in("2020-06", "2020-09", &l), "(4 months)");
}

#define HEAD "cv:\n  name: A\n  sections:\n"
#define JOB(title) "    " title ":\n      - company: X\n        position: Y\n" \
	"        start_date: 2023-10\n"
#define NOW "settings:\n  current_date: 2025-01-01\n"

/* The span of the first entry of the first section, "(none)" if none. */
static const char *shown(const char *yaml)
{
	static char buf[2048];
	struct diag d;
	struct resume *r = load(yaml, &d);
	snprintf(buf, sizeof buf, "%s", !r ? msg(&d, 0) :
	         r->sections[0].entries[0].time_span ? r->sections[0].entries[0].time_span :
	         "(none)");
	resume_free(r);
	diag_free(&d);
	return buf;
}

static void test_where(void)
{
	/* the classic theme, the default, in `experience` only */
	CHECK_STR(shown(HEAD JOB("experience") NOW), "1 year 4 months");
	CHECK_STR(shown(HEAD JOB("experience") "design:\n  theme: classic\n" NOW),
	          "1 year 4 months");
	CHECK_STR(shown(HEAD JOB("industry_experience") NOW), "(none)");
	CHECK_STR(shown(HEAD JOB("Experience") NOW), "1 year 4 months");
	/* RenderCV's other themes show none */
	CHECK_STR(shown(HEAD JOB("experience") "design:\n  theme: sb2nov\n" NOW), "(none)");
	/* the file's list, by RenderCV's snake case of the title */
	CHECK_STR(shown(HEAD JOB("work_history") "design:\n  theme: moderncv\n  sections:\n"
	                "    show_time_spans_in: [Work History]\n" NOW), "1 year 4 months");
	CHECK_STR(shown(HEAD JOB("experience") "design:\n  sections:\n"
	                "    show_time_spans_in: []\n" NOW), "(none)");
	/* in the locale's words and the design's template */
	CHECK_STR(shown(HEAD JOB("experience") "locale:\n  language: german\n" NOW),
	          "1 Jahr 4 Monate");
	CHECK_STR(shown(HEAD JOB("experience") "design:\n  templates:\n"
	                "    time_span: HOW_MANY_MONTHS MONTHS\n" NOW), "4 months");
	/* a `date` wins over the range; an end alone is a single date */
	CHECK_STR(shown(HEAD "    experience:\n      - company: X\n        position: Y\n"
	                "        date: Summer 2020\n"
	                "        start_date: 2020-06\n" NOW), "(none)");
	CHECK_STR(shown(HEAD "    experience:\n      - company: X\n        position: Y\n"
	                "        end_date: 2020-06\n" NOW), "(none)");
	/* RenderCV 1.x: design.show_timespan_in by title as shown, by
	 * default none */
	CHECK_STR(shown(HEAD JOB("experience") "locale_catalog:\n  present: now\n" NOW), "(none)");
	CHECK_STR(shown(HEAD JOB("experience") "design:\n  show_timespan_in: [Experience]\n" NOW),
	          "1 year 4 months");
	CHECK_STR(shown(HEAD JOB("experience") "design:\n  show_timespan_in: [experience]\n" NOW),
	          "(none)");
	/* current_date is a whole date or `today` */
	CHECK_STR(shown(HEAD JOB("experience") "settings:\n  current_date: 2025-01\n"),
	          "9:17: error: `current_date` must be a date YYYY-MM-DD or `today`, not `2025-01`");
	CHECK_STR(shown(HEAD JOB("experience") "settings:\n  current_date: present\n"),
	          "9:17: error: `current_date` must be a date YYYY-MM-DD or `today`, not `present`");
	/* today: some span, whatever the day (the golden tests fix the date) */
	CHECK(strcmp(shown(HEAD JOB("experience") "settings:\n  current_date: today\n"),
	             "(none)") != 0);
}

int main(void)
{
	load_limits_default(&lim);
	test_months();
	test_years();
	test_today();
	test_words();
	test_where();
	T_DONE();
}
