#pragma once
/*
 * The résumé model: plain structs, filled by the loaders, read by layout
 * and the printers. Every string and array is owned by resume->arena and
 * dies with resume_free(). Strings are NUL-terminated UTF-8 that has
 * already been sanitised by text_sanitize(): no C0/C1 controls other than
 * '\n', no DEL, no bidi or zero-width format characters, no invalid UTF-8.
 * Inline markup (**bold**, *italic*, [text](url)) is kept as written;
 * markup.h turns it into styled spans at layout time.
 *
 * A NULL string means "absent"; loaders never store empty strings.
 */
#include <stdbool.h>
#include <stddef.h>
#include "arena.h"
#include "lang.h"

struct pos {
	unsigned line, col;     /* 1-based, as libyaml mark + 1; 0 = unknown */
};

enum resume_format {
	FORMAT_RENDERCV,
	FORMAT_JSONRESUME,
};

enum entry_kind {
	ENTRY_TEXT,             /* a plain string */
	ENTRY_EXPERIENCE,       /* company, position */
	ENTRY_EDUCATION,        /* institution, area, degree */
	ENTRY_PUBLICATION,      /* title, authors, doi, journal */
	ENTRY_NORMAL,           /* name */
	ENTRY_ONELINE,          /* label: details */
	ENTRY_BULLET,           /* bullet */
	ENTRY_NUMBERED,         /* number: 1., 2., ... */
	ENTRY_REVERSED,         /* reversed_number: N., N-1., ... */
	ENTRY_KIND_COUNT,
};

struct strlist {
	const char **v;
	size_t n;
};

/* An extra labelled value shown under an entry: "Score: 4.0". */
struct field {
	const char *label;
	const char *value;
};

struct entry {
	enum entry_kind kind;
	struct pos pos;             /* where the entry starts in the file */
	const char *title;          /* company, institution, publication title,
	                               name, label, or the whole text of a
	                               text/bullet/numbered entry */
	const char *subtitle;       /* position, area, details (one-line) */
	const char *degree;         /* education: "PhD", "M.S." */
	const char *location;
	const char *dates;          /* display form: "Mar 2024 – present";
	                               NULL also when the dates were invalid */
	/* The date keys as written (sanitised), for the converters: a
	 * free-text or exact `date`, and the exact start and end ("present"
	 * in any case). Meaningful only when dates is not NULL. */
	const char *date, *start_date, *end_date;
	/* RenderCV's time span, "3 years 4 months", shown under the dates
	 * in the sections design.sections.show_time_spans_in names; NULL
	 * elsewhere (load_locale.h). */
	const char *time_span;
	const char *summary;        /* may contain '\n' between paragraphs */
	struct strlist highlights;
	struct strlist technologies;
	struct strlist authors;     /* publications; owner marked with ** or * */
	const char *venue;          /* publication journal / publisher */
	const char *url;            /* https://doi.org/DOI when doi is given */
	const char *doi;
	struct field *fields;       /* extras: score, courses, level, ... */
	size_t nfields;
};

struct section {
	const char *title;          /* "Select Publications" */
	const char *key;            /* as written: "select_publications" */
	enum entry_kind kind;       /* the section's type (first recognised) */
	struct pos pos;
	struct entry *entries;
	size_t nentries;
};

struct profile {
	const char *network;        /* "GitHub" */
	const char *username;       /* "arjun-rao" */
	const char *url;            /* derived from RenderCV's prefixes, or given */
};

struct header {
	const char *name;
	const char *headline;       /* RenderCV headline, JSON Resume label */
	const char *location;
	const char *phone;
	const char *photo;
	struct strlist emails;
	struct strlist websites;
	struct profile *profiles;
	size_t nprofiles;
};

struct resume {
	struct arena arena;         /* owns everything below */
	enum resume_format format;
	struct header header;
	struct section *sections;
	size_t nsections;
	/* The words and date forms the file asked for (`locale:`, `design:`);
	 * English by default. Its strings are static or in arena. */
	struct locale locale;
	/* Why there are no sections ("no `sections` under `cv`"), set by
	 * the loader when nsections is 0: the outputs show it after the
	 * header, and --check makes it an error at empty_pos. */
	const char *empty_note;
	struct pos empty_pos;
};

/* A zeroed résumé allocated inside its own arena: create one with this
 * (never on the stack or with malloc), since resume_free() frees the arena
 * that holds the struct too. */
struct resume *resume_new(void);
/* Frees the résumé and everything it owns. NULL is fine. */
void resume_free(struct resume *r);

/* "experience", "education", ...: for messages and Markdown. */
const char *entry_kind_name(enum entry_kind k);

/* Total number of entries, for statistics and tests. */
size_t resume_count_entries(const struct resume *r);

/* A string that is there and not empty: what every output asks of a
 * field before it writes the field. */
static inline bool has(const char *s)
{
	return s && *s;
}
