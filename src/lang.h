#pragma once
/*
 * The words RenderCV writes around a résumé's own text, in each language
 * it ships (`locale: language:`), and how it writes a date. The table is
 * generated from RenderCV's schema (tools/gen-locales.py) into
 * lang_table.c; its strings are static. A résumé keeps its own copy of
 * one entry (struct resume, model.h) with any per-field overrides from
 * the file, whose strings its arena owns.
 */
#include <stddef.h>

struct locale {
	const char *language;           /* "english", "norwegian_bokmål" */
	const char *month_names[12];    /* "January" .. */
	const char *month_abbreviations[12];    /* "Jan" .. "Sept" .. */
	const char *present;            /* an open end: "present" */
	const char *year, *years, *month, *months;
	const char *degree_with_area;   /* "DEGREE in AREA" */
	const char *technologies;       /* vitae's own label */
	/* RenderCV's design.templates: how one date and a range are written.
	 * Not in the table (the same for every language): set by locale_init. */
	const char *single_date;        /* "MONTH_ABBREVIATION YEAR" */
	const char *date_range;         /* "START_DATE – END_DATE" */
	const char *time_span;          /* "HOW_MANY_YEARS YEARS HOW_MANY_MONTHS MONTHS" */
};

extern const struct locale locale_table[];
extern const size_t locale_count;

/* English with RenderCV's default templates. */
void locale_init(struct locale *l);
/* l, or English when l was never set (a zeroed résumé built by hand). */
const struct locale *locale_or_default(const struct locale *l);
/* The table's entry for a language name as RenderCV spells it, or NULL. */
const struct locale *locale_find(const char *language);

/*
 * A RenderCV template with its placeholders replaced: every NAME in
 * names[i] becomes values[i] (the longest name wins where several match,
 * as YEAR_IN_TWO_DIGITS over YEAR), and the result is trimmed. Writes at
 * most size bytes, NUL included; returns out.
 */
char *locale_fill(const char *tmpl, const char *const *names,
                  const char *const *values, size_t n, char *out, size_t size);

/* One piece of a degree-with-area phrase. */
enum phrase_part { PHRASE_TEXT, PHRASE_DEGREE, PHRASE_AREA };
/* Calls fn for each piece of phrase in order: the literal text between
 * the placeholders, and DEGREE and AREA where they stand. */
void locale_phrase(const char *phrase,
                   void (*fn)(void *ctx, enum phrase_part part, const char *s, size_t n),
                   void *ctx);
