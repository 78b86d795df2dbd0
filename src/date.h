#pragma once
/*
 * Résumé dates: YYYY, YYYY-MM, YYYY-MM-DD and "present" in, display forms
 * out as RenderCV writes them in the résumé's language (lang.h): by
 * default "Mar 2024", "Sept 2023", "2023", "Mar 2024 – present" (U+2013
 * with spaces). The day is checked but shown only when the file's
 * design.templates.single_date asks for it.
 */
#include <stdbool.h>
#include "arena.h"
#include "diag.h"
#include "lang.h"

struct date {
	int year;               /* 1..9999; 0 for "present" */
	int month;              /* 1..12, 0 when not given */
	int day;                /* 1..31, 0 when not given */
	bool present;
};

enum date_status {
	DATE_OK,
	DATE_NOT_A_DATE,        /* not YYYY[-MM[-DD]] nor "present" */
	DATE_IMPOSSIBLE,        /* the right form, but no such day */
};

/* Parses s; "present" is any case, surrounding blanks are not allowed. */
enum date_status date_parse(const char *s, struct date *out);

/* <0, 0, >0 at the precision both have ("2020" equals "2020-05");
 * present is later than any date. */
int date_cmp(const struct date *a, const struct date *b);

#define DATE_BUF 128
/* "Mar 2024", "2023" or "present" (in l's words and template) in buf;
 * returns buf. A year alone is its digits, as in RenderCV. */
const char *date_str(const struct date *d, const struct locale *l, char buf[DATE_BUF]);

/*
 * RenderCV's time span from start to end ("3 years 4 months", "1 year",
 * "5 months") in l's words and time_span template, in buf; returns buf,
 * or NULL when end is before start (RenderCV refuses such a file). A
 * present end is today (settings.current_date). The rule is RenderCV
 * 2.x's:
 *  - when either date is a year alone: years = end year - start year,
 *    written "1 year" when fewer than 2, and no months;
 *  - otherwise (YYYY-MM is the first of the month): d = the days from
 *    start to end, years = d / 365, months = d % 365 / 30 + 1, and 12
 *    months carry into a year; a part that is 0 is left out, 1 takes
 *    the singular word.
 */
const char *date_span(const struct date *start, const struct date *end,
                      const struct date *today, const struct locale *l,
                      char buf[DATE_BUF]);

/* Today's date in UTC, computed from time() alone: the local time zone
 * is a file (/etc/localtime) vitae was not given, and differs by a day
 * only around midnight. */
struct date date_today(void);

/* One date key of an entry as written (sanitised), text NULL if absent. */
struct date_input {
	const char *key;        /* "start_date", "startDate": for messages */
	const char *text;
	struct pos pos;
};

/*
 * The display form of an entry's dates, allocated in a, or NULL when no
 * date is given, in l's words. A free-text date wins and is shown as
 * written unless it is an exact date, which is formatted. A start alone
 * runs to present; an
 * end alone is a single date. Bad or impossible dates are errors in d,
 * and shown as written; an end before its start is a warning.
 */
const char *date_display(struct arena *a, struct diag *d, const struct locale *l,
                         const struct date_input *date,
                         const struct date_input *start,
                         const struct date_input *end);
