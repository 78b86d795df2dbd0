/*
 * The model back into either format, through the loaders' tables: a slot
 * that reads a key into a field says where that field is written. Only
 * what no slot describes is decided here: the dates, the summary, and
 * what a type cannot hold.
 */
#include "convert.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "date.h"
#include "markup.h"

/* ---- formats the schemas check ------------------------------------------ */

static bool is_alpha(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

static bool is_digit(char c)
{
	return c >= '0' && c <= '9';
}

static bool is_hex(char c)
{
	return is_digit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}

bool convert_is_uri(const char *s)
{
	const char *p = s;

	if (!s || !is_alpha(*p))
		return false;
	while (is_alpha(*p) || is_digit(*p) || *p == '+' || *p == '-' || *p == '.')
		p++;
	if (*p++ != ':')
		return false;
	bool fragment = false;
	for (const char *q = p; *q; q++) {
		if (*q == '%') {
			if (!is_hex(q[1]) || !is_hex(q[2]))
				return false;
			q += 2;
		} else if (*q == '#') {
			if (fragment)
				return false;
			fragment = true;
		} else if (!is_alpha(*q) && !is_digit(*q) && !strchr("-._~:/?@!$&'()*+,;=", *q)) {
			return false;       /* a blank, a bracket, non-ASCII, ... */
		}
	}
	if (strncmp(p, "//", 2))
		return true;
	/* the authority: [userinfo@]host[:port], the port only digits */
	const char *a = p + 2, *end = a + strcspn(a, "/?#");
	const char *host = a;
	for (const char *q = a; q < end; q++)
		if (*q == '@')
			host = q + 1;
	const char *colon = memchr(host, ':', (size_t)(end - host));
	for (const char *q = colon ? colon + 1 : end; q < end; q++)
		if (!is_digit(*q))
			return false;
	return true;
}

bool convert_is_email(const char *s)
{
	const char *at = s ? strchr(s, '@') : NULL;

	if (!at || at == s || !at[1] || strchr(at + 1, '@'))
		return false;
	for (const unsigned char *q = (const unsigned char *)s; *q; q++)
		if (*q <= ' ' || *q == 0x7f)
			return false;
	return true;
}

/* ---- keys that must differ ----------------------------------------------- */

const char *convert_key_unique(struct convert_keys *k, const char *key)
{
	size_t len = strlen(key);
	char *mine = xmalloc(len + 24);

	memcpy(mine, key, len + 1);
	for (unsigned long n = 2;; n++) {
		bool taken = false;
		for (size_t i = 0; i < k->n && !taken; i++)
			taken = !strcmp(k->v[i], mine);
		if (!taken)
			break;
		snprintf(mine + len, 24, " %lu", n);
	}
	grow_array(&k->v, &k->cap, k->n + 1, sizeof *k->v);
	k->v[k->n++] = mine;
	return mine;
}

void convert_keys_free(struct convert_keys *k)
{
	for (size_t i = 0; i < k->n; i++)
		free(k->v[i]);
	free(k->v);
	*k = (struct convert_keys){ 0 };
}

/* ---- dates -------------------------------------------------------------- */

/* JSON Resume's iso8601: YYYY, YYYY-MM or YYYY-MM-DD, the year 1000-2999. */
static bool iso(const char *s)
{
	struct date d;
	return s && date_parse(s, &d) == DATE_OK && !d.present &&
	       d.year >= 1000 && d.year <= 2999;
}

static bool is_present(const char *s)
{
	struct date d;
	return s && date_parse(s, &d) == DATE_OK && d.present;
}

struct date_keys {
	const char *date, *start, *end;  /* NULL: spec has none */
};

static struct date_keys date_keys(const struct entry_spec *spec)
{
	struct date_keys k = { 0 };
	for (size_t i = 0; i < spec->nslots; i++) {
		const struct slot *sl = &spec->slots[i];
		if (sl->kind == SLOT_DATE && !k.date && strcmp(sl->key, "dates"))
			k.date = sl->key;
		else if (sl->kind == SLOT_START && !k.start)
			k.start = sl->key;
		else if (sl->kind == SLOT_END && !k.end)
			k.end = sl->key;
	}
	return k;
}

/*
 * JSON Resume has exact dates only, and no "present" (an entry without an
 * end is ongoing); anything else, a free-text date above all, goes to
 * vitae's `dates` as vitae shows it.
 */
static void dates_json(struct emit *em, const struct entry_spec *spec, const struct entry *e)
{
	struct date_keys k = date_keys(spec);
	bool range = k.start && k.end;

	if (e->date) {
		if (iso(e->date) && k.date) {
			emit_pair(em, k.date, e->date);
		} else if (iso(e->date) && range) {
			emit_pair(em, k.start, e->date);
			emit_pair(em, k.end, e->date);
		} else {
			emit_pair(em, "dates", e->dates);
		}
		return;
	}
	bool s_ok = !e->start_date || iso(e->start_date);
	bool e_ok = !e->end_date || iso(e->end_date) ||
	            (is_present(e->end_date) && e->start_date);
	if (range && s_ok && e_ok) {
		emit_pair(em, k.start, e->start_date);
		if (!is_present(e->end_date))
			emit_pair(em, k.end, e->end_date);
	} else if (!range && k.date && !e->start_date && iso(e->end_date)) {
		emit_pair(em, k.date, e->end_date);
	} else {
		emit_pair(em, "dates", e->dates);
	}
}

/* RenderCV takes the dates as they were written, but "present" is
 * lower-case there. */
static void dates_rendercv(struct emit *em, const struct entry_spec *spec,
                           const struct entry *e)
{
	struct date_keys k = date_keys(spec);

	if (e->date || (!k.start && (e->start_date || e->end_date))) {
		const char *d = e->date ? e->date : !e->start_date ? e->end_date : e->dates;
		emit_pair(em, k.date ? k.date : "date", d);
		return;
	}
	if (!k.start)
		return;
	/* start_date and end_date must be exact dates (end_date may be
	 * present), the end not before the start. vitae shows others as
	 * written (with an error or a warning); RenderCV refuses them: the
	 * dates as vitae shows them, in the free-text date. */
	struct date s, en;
	bool s_ok = !e->start_date || date_parse(e->start_date, &s) == DATE_OK;
	bool e_ok = !e->end_date || date_parse(e->end_date, &en) == DATE_OK;
	if (!s_ok || !e_ok || (e->start_date && s.present) ||
	    (e->start_date && e->end_date && date_cmp(&en, &s) < 0)) {
		emit_pair(em, k.date ? k.date : "date", e->dates);
		return;
	}
	emit_pair(em, k.start, e->start_date);
	emit_pair(em, k.end, is_present(e->end_date) ? "present" : e->end_date);
}

/* ---- highlights ----------------------------------------------------------- */

/* RenderCV reads " - " inside a highlight as a nested item, JSON Resume
 * only "- " at the start of a line (markup.h): a RenderCV highlight goes
 * to JSON Resume with its nested items on lines of their own. */
struct hl_buf {
	char *s;
	size_t n, cap;
};

static void hl_add(struct hl_buf *b, const char *s, size_t n)
{
	grow_array(&b->s, &b->cap, b->n + n + 1, 1);
	memcpy(b->s + b->n, s, n);
	b->n += n;
	b->s[b->n] = '\0';
}

static void hl_piece(void *ctx, const struct hl_piece *pc)
{
	struct hl_buf *b = ctx;
	if (b->n)
		hl_add(b, pc->level && !pc->cont ? "\n- " : "\n", pc->level && !pc->cont ? 3 : 1);
	hl_add(b, pc->s, pc->len);
}

static void highlights_json(struct emit *em, const char *key, const struct strlist *l)
{
	emit_key(em, key);
	emit_seq(em);
	for (size_t i = 0; i < l->n; i++) {
		struct hl_buf b = { 0 };
		if (!has(l->v[i]))
			continue;
		highlight_split(l->v[i], true, hl_piece, &b);
		emit_str(em, b.s ? b.s : l->v[i]);
		free(b.s);
	}
	emit_end(em);
}

/* ---- entries -------------------------------------------------------------- */

/* A key made from a field's label: "Score" -> "score", "Start Up" ->
 * "start_up". A key the target format already uses somewhere gets "x_"
 * before it, so that it cannot change the entry's type or meaning. */
static char *field_key(const char *label, enum convert_to to)
{
	size_t n = strlen(label);
	char *k = xmalloc(n + 3);
	char *p = k;
	memcpy(p, "x_", 2);
	p += 2;
	for (size_t i = 0; i < n; i++) {
		char c = label[i];
		*p++ = c >= 'A' && c <= 'Z' ? (char)(c - 'A' + 'a') : c == ' ' ? '_' : c;
	}
	*p = '\0';
	for (int kind = ENTRY_TEXT + 1; to == TO_RENDERCV && kind < ENTRY_KIND_COUNT; kind++) {
		const struct entry_spec *sp = rendercv_spec((enum entry_kind)kind);
		for (size_t i = 0; i < sp->nslots; i++)
			if (!strcmp(sp->slots[i].key, k + 2))
				return k;
	}
	size_t njr;
	const struct jr_section *jr = jsonresume_sections(&njr);
	for (size_t j = 0; to == TO_JSONRESUME && j < njr; j++)
		for (size_t i = 0; i < jr[j].spec.nslots; i++)
			if (!strcmp(jr[j].spec.slots[i].key, k + 2))
				return k;
	memmove(k, k + 2, strlen(k + 2) + 1);
	return k;
}

/* Whether a slot after slot i of spec reads the same field as text. */
static bool later_key(const struct entry_spec *spec, size_t i)
{
	for (size_t j = i + 1; j < spec->nslots; j++)
		if (spec->slots[j].kind == SLOT_STR && spec->slots[j].off == spec->slots[i].off)
			return true;
	return false;
}

#define MAX_WRITTEN 32

void convert_entry(struct emit *em, const struct entry_spec *spec,
                   const struct entry *e, enum convert_to to,
                   const struct resume *r, const char *name)
{
	size_t written[MAX_WRITTEN], nwritten = 0;
	bool *used = calloc(e->nfields ? e->nfields : 1, 1);
	bool from_rendercv = r->format == FORMAT_RENDERCV;

	if (!used)
		die_oom();
	for (size_t i = 0; i < spec->nslots; i++) {
		const struct slot *sl = &spec->slots[i];
		bool done = false;
		const void *at = (const char *)e + sl->off;

		for (size_t j = 0; j < nwritten; j++)
			done |= written[j] == sl->off;
		switch (sl->kind) {
		case SLOT_STR:
		case SLOT_JOIN: {
			const char *v = *(const char *const *)at;
			if (sl->off == offsetof(struct entry, title) && name)
				v = name;
			if (done || !has(v))
				break;
			/* The schemas check `url` as a URI (JSON Resume's
			 * everywhere, RenderCV's in publications): one that is
			 * not goes to the next key that reads it (`website`). */
			if (!strcmp(sl->key, "url") && !convert_is_uri(v) && later_key(spec, i))
				break;
			if (sl->kind == SLOT_STR)
				emit_pair(em, sl->key, v);
			else
				emit_split(em, sl->key, v);
			written[nwritten++] = sl->off;
			break;
		}
		case SLOT_LIST: {
			const struct strlist *l = at;
			if (done || !l->n)
				break;
			if (to == TO_JSONRESUME && from_rendercv &&
			    sl->off == offsetof(struct entry, highlights))
				highlights_json(em, sl->key, l);
			else
				emit_list(em, sl->key, l);
			written[nwritten++] = sl->off;
			break;
		}
		case SLOT_FIELD:
		case SLOT_FIELD_LIST:
			for (size_t f = 0; f < e->nfields; f++) {
				if (used[f] || !has(e->fields[f].label) ||
				    strcmp(e->fields[f].label, sl->label))
					continue;
				used[f] = true;
				if (sl->kind == SLOT_FIELD)
					emit_pair(em, sl->key, e->fields[f].value);
				else
					emit_split(em, sl->key, e->fields[f].value);
				break;
			}
			break;
		default:
			break;
		}
		if (nwritten == MAX_WRITTEN)
			abort();        /* more slots than struct entry has fields */
	}
	if (e->dates) {
		if (to == TO_JSONRESUME)
			dates_json(em, spec, e);
		else
			dates_rendercv(em, spec, e);
	}
	/* What the type has no key for (a subtitle in a section of normal
	 * entries, say), under the name JSON Resume gives it elsewhere. */
	static const struct { size_t off; const char *key; } rest[] = {
		{ .off = offsetof(struct entry, subtitle), .key = "subtitle" },
		{ .off = offsetof(struct entry, degree), .key = "studyType" },
		{ .off = offsetof(struct entry, venue), .key = "publisher" },
	};
	for (size_t i = 0; i < sizeof rest / sizeof rest[0]; i++) {
		bool done = false;
		for (size_t j = 0; j < nwritten; j++)
			done |= written[j] == rest[i].off;
		if (!done)
			emit_pair(em, rest[i].key, *(const char *const *)((const char *)e + rest[i].off));
	}
	for (size_t f = 0; f < e->nfields; f++) {
		if (used[f] || !has(e->fields[f].label))
			continue;
		char *k = field_key(e->fields[f].label, to);
		emit_pair(em, k, e->fields[f].value);
		free(k);
	}
	free(used);
}

/* ---- RenderCV sections ---------------------------------------------------- */

enum entry_kind convert_rendercv_kind(const struct section *s)
{
	enum entry_kind k = s->kind;
	bool all_sub = true, need_sub = k == ENTRY_EXPERIENCE || k == ENTRY_EDUCATION ||
	                                k == ENTRY_ONELINE;

	for (size_t i = 0; i < s->nentries; i++) {
		const struct entry *e = &s->entries[i];
		all_sub &= has(e->subtitle);
		if (k != ENTRY_TEXT && !has(e->title))
			return ENTRY_NORMAL;
	}
	if (k == ENTRY_NORMAL && all_sub && s->nentries)
		return ENTRY_EXPERIENCE;
	if (need_sub && !all_sub)
		return ENTRY_NORMAL;
	return k;
}

void convert_rendercv_entries(struct emit *em, const struct resume *r,
                              const struct section *s)
{
	enum entry_kind k = convert_rendercv_kind(s);

	emit_seq(em);
	for (size_t i = 0; i < s->nentries; i++) {
		const struct entry *e = &s->entries[i];
		if (k == ENTRY_TEXT) {
			if (has(e->title))
				emit_str(em, e->title);
			continue;
		}
		/* A normal entry needs a name: the first text the entry has. */
		const char *name = NULL;
		if (!has(e->title))
			name = has(e->subtitle) ? e->subtitle : has(e->venue) ? e->venue :
			       has(e->dates) ? e->dates : has(s->title) ? s->title : "?";
		emit_map(em);
		convert_entry(em, rendercv_spec(k), e, TO_RENDERCV, r, name);
		if (k == ENTRY_PUBLICATION && !e->authors.n) {
			/* required by RenderCV; an empty list is allowed */
			emit_key(em, "authors");
			emit_seq(em);
			emit_end(em);
		}
		emit_end(em);
	}
	emit_end(em);
}

/* ---- JSON Resume sections ------------------------------------------------- */

const struct jr_section *convert_jsonresume_place(const struct section *s, bool *summary)
{
	size_t n;
	const struct jr_section *jr = jsonresume_sections(&n);
	static const struct {
		enum entry_kind kind;
		const char *key;
	} by_kind[] = {
		{ .kind = ENTRY_EXPERIENCE, .key = "work" },
		{ .kind = ENTRY_EDUCATION, .key = "education" },
		{ .kind = ENTRY_PUBLICATION, .key = "publications" },
		{ .kind = ENTRY_NORMAL, .key = "projects" },
		{ .kind = ENTRY_ONELINE, .key = "skills" },
	};

	*summary = false;
	if (s->kind == ENTRY_TEXT) {
		*summary = (s->key && !strcasecmp(s->key, "summary")) ||
		           (s->title && !strcasecmp(s->title, "summary"));
		return NULL;
	}
	for (size_t i = 0; i < n; i++)
		if (jr[i].spec.kind == s->kind &&
		    ((s->key && (!strcasecmp(s->key, jr[i].key) || !strcasecmp(s->key, jr[i].title))) ||
		     (s->title && (!strcasecmp(s->title, jr[i].key) || !strcasecmp(s->title, jr[i].title)))))
			return &jr[i];
	for (size_t i = 0; i < sizeof by_kind / sizeof by_kind[0]; i++)
		if (by_kind[i].kind == s->kind)
			for (size_t j = 0; j < n; j++)
				if (!strcmp(jr[j].key, by_kind[i].key))
					return &jr[j];
	return NULL;
}
