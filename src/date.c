#include "date.h"

#include <string.h>

#define EN_DASH " \xE2\x80\x93 "

static const char *const months[13] = {
	[1] = "Jan", [2] = "Feb", [3] = "Mar", [4] = "Apr", [5] = "May", [6] = "Jun",
	[7] = "Jul", [8] = "Aug", [9] = "Sep", [10] = "Oct", [11] = "Nov", [12] = "Dec",
};

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

/* By hand rather than snprintf: a big résumé formats a lot of dates. */
const char *date_str(const struct date *d, char buf[DATE_BUF])
{
	char *p = buf;
	if (d->present) {
		strcpy(buf, "Present");
		return buf;
	}
	if (d->month >= 1 && d->month <= 12) {
		memcpy(p, months[d->month], 3);
		p[3] = ' ';
		p += 4;
	}
	int y = d->year > 0 && d->year <= 9999 ? d->year : 0;
	char digits[4];
	int n = 0;
	do {
		digits[n++] = (char)('0' + y % 10);
		y /= 10;
	} while (y);
	while (n)
		*p++ = digits[--n];
	*p = '\0';
	return buf;
}

static char *join3(struct arena *a, const char *x, const char *y, const char *z)
{
	size_t lx = strlen(x), ly = strlen(y), lz = strlen(z);
	char *out = arena_stralloc(a, lx + ly + lz + 1);
	memcpy(out, x, lx);
	memcpy(out + lx, y, ly);
	memcpy(out + lx + ly, z, lz + 1);
	return out;
}

/* Parses an exact date key; reports what is wrong with it. */
static bool exact(struct diag *d, const struct date_input *in, bool end, struct date *out)
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
	default:
		diag_add(d, DIAG_ERROR, in->pos,
		         "`%s` must be YYYY, YYYY-MM or YYYY-MM-DD%s, not `%s`",
		         in->key, end ? " or present" : "", in->text);
		return false;
	}
}

const char *date_display(struct arena *a, struct diag *d,
                         const struct date_input *date,
                         const struct date_input *start,
                         const struct date_input *end)
{
	struct date s, e, one;
	char b1[DATE_BUF], b2[DATE_BUF];
	/* Checked even when a free-text date makes them unused: RenderCV
	 * checks them too, and a typo should not hide. */
	bool has_s = start && start->text && exact(d, start, false, &s);
	bool has_e = end && end->text && exact(d, end, true, &e);

	if (date && date->text) {
		switch (date_parse(date->text, &one)) {
		case DATE_OK:
			return arena_strdup(a, date_str(&one, b1));
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
		         end->key, date_str(&e, b2), start->key, date_str(&s, b1));
	/* A date that is not understood (reported above) is shown as written. */
	const char *ds = has_s ? date_str(&s, b1) : start ? start->text : NULL;
	const char *de = has_e ? date_str(&e, b2) : end ? end->text : NULL;
	if (ds && de) {
		/* 2016-08-24 to 2016-08-24 is one month on a résumé */
		if (strcmp(ds, de) == 0)
			return arena_strdup(a, ds);
		return join3(a, ds, EN_DASH, de);
	}
	if (ds)
		return join3(a, ds, EN_DASH, "Present");
	if (de)
		return arena_strdup(a, de);
	return NULL;
}
