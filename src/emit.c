/*
 * JSON by hand (it is small: indentation, commas, string escapes) and
 * YAML through libyaml's emitter, which knows YAML's quoting rules better
 * than any copy of them would.
 */
#include "emit.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <yaml.h>

#include "arena.h"

#define EMIT_MAX_DEPTH 32      /* the converters nest 6 deep at most */

struct emit {
	FILE *out;
	enum emit_syntax syntax;
	bool failed;
	int depth;
	bool first[EMIT_MAX_DEPTH];     /* nothing written at this depth yet */
	bool is_map[EMIT_MAX_DEPTH];    /* the collection at this depth */
	bool after_key;                 /* JSON: the next value follows "key": */
	yaml_emitter_t y;
};

/* ---- JSON ------------------------------------------------------------- */

static void jput(struct emit *e, const char *s, size_t n)
{
	if (!e->failed && fwrite(s, 1, n, e->out) != n)
		e->failed = true;
}

static void jputs(struct emit *e, const char *s)
{
	jput(e, s, strlen(s));
}

static void jnewline(struct emit *e)
{
	jputs(e, "\n");
	for (int i = 0; i < e->depth; i++)
		jputs(e, "  ");
}

/* Before a value or a key: the comma and the line it goes on. */
static void jbefore(struct emit *e)
{
	if (e->after_key) {
		e->after_key = false;
		return;
	}
	if (e->depth > 0) {
		if (!e->first[e->depth])
			jputs(e, ",");
		e->first[e->depth] = false;
		jnewline(e);
	}
}

/*
 * A JSON string. '"', '\\' and every control character are escaped;
 * U+2028 and U+2029 too, which JavaScript (where these files are read)
 * once took for line ends. Everything else, non-BMP characters included,
 * is valid UTF-8 from the loader and goes out as it is.
 */
static void jstring(struct emit *e, const char *s)
{
	const unsigned char *p = (const unsigned char *)s;
	char buf[8];
	size_t run = 0;

	jputs(e, "\"");
	for (size_t i = 0;; i++) {
		unsigned char c = p[i];
		const char *esc = NULL;

		if (!c)
			break;
		if (c == '"')
			esc = "\\\"";
		else if (c == '\\')
			esc = "\\\\";
		else if (c == '\n')
			esc = "\\n";
		else if (c == '\t')
			esc = "\\t";
		else if (c == '\r')
			esc = "\\r";
		else if (c < 0x20 || c == 0x7F) {
			snprintf(buf, sizeof buf, "\\u%04X", c);
			esc = buf;
		} else if (c == 0xE2 && p[i + 1] == 0x80 && (p[i + 2] == 0xA8 || p[i + 2] == 0xA9)) {
			esc = p[i + 2] == 0xA8 ? "\\u2028" : "\\u2029";
			jput(e, s + run, i - run);
			jputs(e, esc);
			i += 2;
			run = i + 1;
			continue;
		}
		if (esc) {
			jput(e, s + run, i - run);
			jputs(e, esc);
			run = i + 1;
		}
	}
	jput(e, s + run, strlen(s + run));
	jputs(e, "\"");
}

/* ---- YAML ------------------------------------------------------------- */

static int ywrite(void *data, unsigned char *buf, size_t n)
{
	return fwrite(buf, 1, n, data) == n;
}

static void yemit(struct emit *e, yaml_event_t *ev, int ok)
{
	if (!ok)
		die_oom();              /* libyaml's initialisers fail only so */
	if (e->failed) {
		yaml_event_delete(ev);
		return;
	}
	if (!yaml_emitter_emit(&e->y, ev)) {
		if (e->y.error == YAML_MEMORY_ERROR)
			die_oom();
		e->failed = true;
	}
}

/* A key is written plain when it is a plain word: every other scalar,
 * keys with spaces or symbols included, is double-quoted, so that no
 * value can turn into a number, a boolean, null or a date. */
static bool plain_key(const char *s)
{
	if (!*s)
		return false;
	for (const char *p = s; *p; p++)
		if (!((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || *p == '_' ||
		      (p > s && *p >= '0' && *p <= '9')))
			return false;
	/* YAML 1.1 readers take these words for booleans or null */
	static const char *const words[] = { "y", "n", "yes", "no", "on", "off",
		"true", "false", "null" };
	for (size_t i = 0; i < sizeof words / sizeof words[0]; i++)
		if (!strcasecmp(s, words[i]))
			return false;
	return true;
}

static void yscalar(struct emit *e, const char *s, bool key)
{
	yaml_event_t ev;
	yaml_scalar_style_t style = key && plain_key(s) ? YAML_PLAIN_SCALAR_STYLE
	                                                : YAML_DOUBLE_QUOTED_SCALAR_STYLE;
	yemit(e, &ev, yaml_scalar_event_initialize(&ev, NULL, NULL,
	      (yaml_char_t *)s, (int)strlen(s), style == YAML_PLAIN_SCALAR_STYLE,
	      style != YAML_PLAIN_SCALAR_STYLE, style));
}

/* ---- both ------------------------------------------------------------- */

struct emit *emit_open(FILE *out, enum emit_syntax syntax)
{
	struct emit *e = xmalloc(sizeof *e);
	*e = (struct emit){ .out = out, .syntax = syntax };
	e->first[0] = true;
	if (syntax == EMIT_YAML) {
		yaml_event_t ev;
		if (!yaml_emitter_initialize(&e->y))
			die_oom();
		yaml_emitter_set_output(&e->y, ywrite, out);
		yaml_emitter_set_unicode(&e->y, 1);
		yaml_emitter_set_width(&e->y, -1);      /* no folded lines */
		yaml_emitter_set_indent(&e->y, 2);
		yemit(e, &ev, yaml_stream_start_event_initialize(&ev, YAML_UTF8_ENCODING));
		yemit(e, &ev, yaml_document_start_event_initialize(&ev, NULL, NULL, NULL, 1));
	}
	return e;
}

int emit_close(struct emit *e)
{
	int rc;

	if (e->syntax == EMIT_YAML) {
		yaml_event_t ev;
		yemit(e, &ev, yaml_document_end_event_initialize(&ev, 1));
		yemit(e, &ev, yaml_stream_end_event_initialize(&ev));
		yaml_emitter_flush(&e->y);
		yaml_emitter_delete(&e->y);
	} else {
		jputs(e, "\n");
	}
	rc = e->failed || fflush(e->out) == EOF || ferror(e->out) ? -1 : 0;
	if (rc && !errno)
		errno = EIO;
	free(e);
	return rc;
}

static void open_collection(struct emit *e, bool map)
{
	if (e->syntax == EMIT_YAML) {
		yaml_event_t ev;
		if (map)
			yemit(e, &ev, yaml_mapping_start_event_initialize(&ev, NULL, NULL, 1,
			      YAML_BLOCK_MAPPING_STYLE));
		else
			yemit(e, &ev, yaml_sequence_start_event_initialize(&ev, NULL, NULL, 1,
			      YAML_BLOCK_SEQUENCE_STYLE));
	} else {
		jbefore(e);
		jputs(e, map ? "{" : "[");
	}
	if (e->depth + 1 >= EMIT_MAX_DEPTH)
		abort();                /* a converter bug, not input */
	e->first[++e->depth] = true;
	e->is_map[e->depth] = map;
}

void emit_map(struct emit *e)
{
	open_collection(e, true);
}

void emit_seq(struct emit *e)
{
	open_collection(e, false);
}

void emit_end(struct emit *e)
{
	if (e->depth <= 0)
		abort();                /* a converter bug */
	bool map = e->is_map[e->depth];
	bool empty = e->first[e->depth];
	e->depth--;
	if (e->syntax == EMIT_YAML) {
		yaml_event_t ev;
		if (map)
			yemit(e, &ev, yaml_mapping_end_event_initialize(&ev));
		else
			yemit(e, &ev, yaml_sequence_end_event_initialize(&ev));
		return;
	}
	if (!empty)
		jnewline(e);
	jputs(e, map ? "}" : "]");
}

void emit_key(struct emit *e, const char *key)
{
	if (e->syntax == EMIT_YAML) {
		yscalar(e, key, true);
		return;
	}
	jbefore(e);
	jstring(e, key);
	jputs(e, ": ");
	e->after_key = true;
}

void emit_str(struct emit *e, const char *s)
{
	if (e->syntax == EMIT_YAML) {
		yscalar(e, s, false);
		return;
	}
	jbefore(e);
	jstring(e, s);
}

void emit_null(struct emit *e)
{
	if (e->syntax == EMIT_YAML) {
		yaml_event_t ev;
		yemit(e, &ev, yaml_scalar_event_initialize(&ev, NULL, NULL,
		      (yaml_char_t *)"null", 4, 1, 0, YAML_PLAIN_SCALAR_STYLE));
		return;
	}
	jbefore(e);
	jputs(e, "null");
}

void emit_pair(struct emit *e, const char *key, const char *s)
{
	if (!s || !*s)
		return;
	emit_key(e, key);
	emit_str(e, s);
}

void emit_list(struct emit *e, const char *key, const struct strlist *l)
{
	size_t n = 0;

	for (size_t i = 0; i < l->n; i++)
		n += l->v[i] && *l->v[i];
	if (!n)
		return;
	emit_key(e, key);
	emit_seq(e);
	for (size_t i = 0; i < l->n; i++)
		if (l->v[i] && *l->v[i])
			emit_str(e, l->v[i]);
	emit_end(e);
}

void emit_split(struct emit *e, const char *key, const char *s)
{
	if (!s || !*s)
		return;
	emit_key(e, key);
	emit_seq(e);
	while (*s) {
		const char *sep = strstr(s, ", ");
		size_t n = sep ? (size_t)(sep - s) : strlen(s);
		char *item = xstrndup(s, n);
		if (n)
			emit_str(e, item);
		free(item);
		s += n;
		if (sep)
			s += 2;
	}
	emit_end(e);
}
