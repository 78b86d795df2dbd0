#include "date.h"

#include "hint.h"

#include <stdio.h>
#include <string.h>
#include <time.h>

/* Locale-free: "present" in any case, ASCII only. */
static bool is_present(const char *s)
{
	static const char word[] = "present";
	for (size_t i = 0; i < sizeof word - 1; i++) {
		char c = s[i];
		if (c >= 'A' && c <= 'Z')
			c = (char)(c - 'A' + 'a');
		if (c != word[i])
			return false;
	}
	return s[sizeof word - 1] == '\0';
}

static size_t count_digits(const char *s)
{
	size_t n = 0;
	while (s[n] >= '0' && s[n] <= '9')
		n++;
	return n;
}

static int number(const char *s, size_t n)
{
	int v = 0;
	for (size_t i = 0; i < n; i++)
		v = v * 10 + (s[i] - '0');
	return v;
}

static int days_in_month(int y, int m)
{
	static const int days[13] = { 0, 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
	bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
	return m == 2 && leap ? 29 : days[m];
}

enum date_status date_parse(const char *s, struct date *out)
{
	*out = (struct date){ 0 };
	if (is_present(s)) {
		out->present = true;
		return DATE_OK;
	}
	size_t ny = count_digits(s);
	if (ny < 4)
		return DATE_NOT_A_DATE;
	const char *p = s + ny;
	int month = 0, day = 0;
	if (p[0] == '-') {
		if (count_digits(p + 1) != 2)
			return DATE_NOT_A_DATE;
		month = number(p + 1, 2);
		p += 3;
		if (p[0] == '-') {
			if (count_digits(p + 1) != 2)
				return DATE_NOT_A_DATE;
			day = number(p + 1, 2);
			p += 3;
		}
	}
	if (*p)
		return DATE_NOT_A_DATE;
	/* Five-digit years have the form of a date but are not one. */
	if (ny > 4)
		return DATE_IMPOSSIBLE;
	int year = number(s, 4);
	if (year < 1 || (p - s > 4 && (month < 1 || month > 12)) ||
	    (p - s > 7 && (day < 1 || day > days_in_month(year, month))))
		return DATE_IMPOSSIBLE;
	*out = (struct date){ .year = year, .month = month, .day = day };
	return DATE_OK;
}

static int cmp_int(int a, int b)
{
	return (a > b) - (a < b);
}

int date_cmp(const struct date *a, const struct date *b)
{
	if (a->present || b->present)
		return cmp_int(a->present, b->present);
	int c = cmp_int(a->year, b->year);
	if (!c && a->month && b->month)
		c = cmp_int(a->month, b->month);
	if (!c && a->day && b->day)
		c = cmp_int(a->day, b->day);
	return c;
}

/* v (0..9999) in decimal, at least width digits; by hand rather than
 * snprintf, since a big résumé formats a lot of dates. */
static char *num(char *out, int v, int width)
{
	char digits[4];
	int n = 0;
	do {
		digits[n++] = (char)('0' + v % 10);
		v /= 10;
	} while (v && n < 4);
	while (n < width)
		digits[n++] = '0';
	char *p = out;
	while (n)
		*p++ = digits[--n];
	*p = '\0';
	return out;
}

const char *date_str(const struct date *d, const struct locale *l, char buf[DATE_BUF])
{
	if (d->present)
		return locale_fill(l->present, NULL, NULL, 0, buf, DATE_BUF);
	char year[5], yy[3], mon[3], mm[3], day[3], dd[3];
	int y = d->year > 0 && d->year <= 9999 ? d->year : 0;
	num(year, y, 1);
	if (d->month < 1 || d->month > 12)
		return strcpy(buf, year);
	/* RenderCV reads YYYY-MM as the first of the month. */
	int dy = d->day >= 1 && d->day <= 31 ? d->day : 1;
	static const char *const names[] = {
		"MONTH_NAME", "MONTH_ABBREVIATION", "MONTH", "MONTH_IN_TWO_DIGITS",
		"DAY", "DAY_IN_TWO_DIGITS", "YEAR", "YEAR_IN_TWO_DIGITS",
	};
	const char *values[] = {
		l->month_names[d->month - 1], l->month_abbreviations[d->month - 1],
		num(mon, d->month, 1), num(mm, d->month, 2), num(day, dy, 1), num(dd, dy, 2),
		year, num(yy, y % 100, 2),
	};
	return locale_fill(l->single_date, names, values, sizeof names / sizeof names[0],
	                   buf, DATE_BUF);
}

/* Days since 1970-01-01 in the proleptic Gregorian calendar (H. Hinnant's
 * days_from_civil), for the difference of two dates. */
static long days_from_civil(int y, int m, int d)
{
	y -= m <= 2;
	long era = (y >= 0 ? y : y - 399) / 400;
	long yoe = y - era * 400;
	long doy = (153L * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

static long day_number(const struct date *d)
{
	return days_from_civil(d->year, d->month ? d->month : 1, d->day ? d->day : 1);
}

struct date date_today(void)
{
	time_t now = time(NULL);
	long days = now == (time_t)-1 ? 0 : (long)(now / 86400);
	/* H. Hinnant's civil_from_days */
	days += 719468;
	long era = (days >= 0 ? days : days - 146096) / 146097;
	long doe = days - era * 146097;
	long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	long mp = (5 * doy + 2) / 153;
	int d = (int)(doy - (153 * mp + 2) / 5 + 1);
	int m = (int)(mp < 10 ? mp + 3 : mp - 9);
	return (struct date){ .year = (int)(yoe + era * 400 + (m <= 2)), .month = m, .day = d };
}

const char *date_span(const struct date *start, const struct date *end,
                      const struct date *today, const struct locale *l,
                      char buf[DATE_BUF])
{
	const struct date *s = start->present ? today : start;
	const struct date *e = end->present ? today : end;
	long years, months = 0;
	if (day_number(e) < day_number(s))
		return NULL;
	if ((!start->present && !start->month) || (!end->present && !end->month)) {
		years = e->year - s->year;
		if (years < 2)
			years = 1;
	} else {
		long days = day_number(e) - day_number(s);
		years = days / 365;
		months = days % 365 / 30 + 1;
		years += months / 12;
		months %= 12;
	}
	char ny[24] = "", nm[24] = "";
	if (years)
		snprintf(ny, sizeof ny, "%ld", years);
	if (months)
		snprintf(nm, sizeof nm, "%ld", months);
	static const char *const names[] = {
		"HOW_MANY_YEARS", "YEARS", "HOW_MANY_MONTHS", "MONTHS",
	};
	const char *values[] = {
		ny, !years ? "" : years == 1 ? l->year : l->years,
		nm, !months ? "" : months == 1 ? l->month : l->months,
	};
	return locale_fill(l->time_span, names, values, 4, buf, DATE_BUF);
}

static const char *range(struct arena *a, const struct locale *l,
                         const char *start, const char *end)
{
	static const char *const names[] = { "START_DATE", "END_DATE" };
	const char *values[] = { start, end };
	char buf[3 * DATE_BUF];
	return arena_strdup(a, locale_fill(l->date_range, names, values, 2, buf, sizeof buf));
}

/* Parses an exact date key; reports what is wrong with it. */
static bool exact(struct diag *d, const struct locale *l, const struct date_input *in,
                  bool end, const char *free_key, struct date *out)
{
	switch (date_parse(in->text, out)) {
	case DATE_OK:
		if (out->present && !end) {
			diag_add(d, DIAG_ERROR, in->pos, "`%s` cannot be `present`", in->key);
			return false;
		}
		return true;
	case DATE_IMPOSSIBLE:
		diag_add(d, DIAG_ERROR, in->pos, "impossible date `%s` in `%s`",
		         in->text, in->key);
		return false;
	default: {
		char fix[160];
		hint_date(in->text, l, free_key, fix, sizeof fix);
		diag_add(d, DIAG_ERROR, in->pos,
		         "`%s` must be YYYY, YYYY-MM or YYYY-MM-DD%s, not `%s`%s%s",
		         in->key, end ? " or present" : "", in->text, *fix ? ": " : "", fix);
		return false;
	}
	}
}

const char *date_display(struct arena *a, struct diag *d, const struct locale *l,
                         const struct date_input *date,
                         const struct date_input *start,
                         const struct date_input *end)
{
	struct date s, e, one;
	char b1[DATE_BUF], b2[DATE_BUF];
	const char *free_key = date ? date->key : NULL;
	/* Checked even when a free-text date makes them unused: RenderCV
	 * checks them too, and a typo should not hide. */
	bool has_s = start && start->text && exact(d, l, start, false, free_key, &s);
	bool has_e = end && end->text && exact(d, l, end, true, free_key, &e);

	if (date && date->text) {
		switch (date_parse(date->text, &one)) {
		case DATE_OK:
			return arena_strdup(a, date_str(&one, l, b1));
		case DATE_IMPOSSIBLE:
			diag_add(d, DIAG_ERROR, date->pos, "impossible date `%s` in `%s`",
			         date->text, date->key);
			return date->text;      /* shown as written */
		default:
			return date->text;
		}
	}
	if (has_s && has_e && date_cmp(&e, &s) < 0)
		diag_add(d, DIAG_WARNING, end->pos, "`%s` (%s) is before `%s` (%s)",
		         end->key, date_str(&e, l, b2), start->key, date_str(&s, l, b1));
	/* A date that is not understood (reported above) is shown as written. */
	const char *ds = has_s ? date_str(&s, l, b1) : start ? start->text : NULL;
	const char *de = has_e ? date_str(&e, l, b2) : end ? end->text : NULL;
	if (ds && de) {
		/* 2016-08-24 to 2016-08-24 is one month on a résumé */
		if (strcmp(ds, de) == 0)
			return arena_strdup(a, ds);
		return range(a, l, ds, de);
	}
	if (ds) {
		e = (struct date){ .present = true };
		return range(a, l, ds, date_str(&e, l, b2));
	}
	if (de)
		return arena_strdup(a, de);
	return NULL;
}
