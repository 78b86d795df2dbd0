#include "lang.h"

#include <string.h>

void locale_init(struct locale *l)
{
	*l = locale_table[0];
	l->single_date = "MONTH_ABBREVIATION YEAR";
	l->date_range = "START_DATE \xE2\x80\x93 END_DATE";
	l->time_span = "HOW_MANY_YEARS YEARS HOW_MANY_MONTHS MONTHS";
}

const struct locale *locale_or_default(const struct locale *l)
{
	return l && l->language ? l : &locale_table[0];
}

const struct locale *locale_find(const char *language)
{
	for (size_t i = 0; i < locale_count; i++)
		if (strcmp(locale_table[i].language, language) == 0)
			return &locale_table[i];
	return NULL;
}

static int is_blank(char c)
{
	return c == ' ' || c == '\t' || c == '\n';
}

char *locale_fill(const char *tmpl, const char *const *names,
                  const char *const *values, size_t n, char *out, size_t size)
{
	size_t o = 0;
	int cut = 0;
	if (!size)
		return out;
	for (const char *p = tmpl; *p && !cut;) {
		size_t best = n, blen = 0;
		/* Placeholders are upper case: most bytes need no comparison. */
		for (size_t i = 0; i < n && *p >= 'A' && *p <= 'Z'; i++) {
			size_t len = strlen(names[i]);
			if (len > blen && strncmp(p, names[i], len) == 0) {
				best = i;
				blen = len;
			}
		}
		const char *s = best < n ? values[best] : p;
		size_t len = best < n ? strlen(s) : 1;
		if (o + len >= size) {
			len = size - 1 - o;
			cut = 1;
		}
		memcpy(out + o, s, len);
		o += len;
		p += best < n ? blen : 1;
	}
	/* A cut may have split a character: drop its first bytes too. */
	if (cut)
		while (o && ((unsigned char)out[o - 1] & 0x80)) {
			unsigned char c = (unsigned char)out[--o];
			if (c & 0x40)
				break;
		}
	while (o && is_blank(out[o - 1]))
		o--;
	out[o] = '\0';
	size_t lead = 0;
	while (is_blank(out[lead]))
		lead++;
	if (lead)
		memmove(out, out + lead, o - lead + 1);
	return out;
}

void locale_phrase(const char *phrase,
                   void (*fn)(void *ctx, enum phrase_part part, const char *s, size_t n),
                   void *ctx)
{
	static const char deg[] = "DEGREE", area[] = "AREA";
	const char *text = phrase;
	for (const char *p = phrase; *p;) {
		enum phrase_part part = PHRASE_TEXT;
		size_t len = 0;
		if (strncmp(p, deg, sizeof deg - 1) == 0)
			part = PHRASE_DEGREE, len = sizeof deg - 1;
		else if (strncmp(p, area, sizeof area - 1) == 0)
			part = PHRASE_AREA, len = sizeof area - 1;
		if (part == PHRASE_TEXT) {
			p++;
			continue;
		}
		if (p > text)
			fn(ctx, PHRASE_TEXT, text, (size_t)(p - text));
		fn(ctx, part, p, len);
		p += len;
		text = p;
	}
	if (*text)
		fn(ctx, PHRASE_TEXT, text, strlen(text));
}
