/*
 * libyaml events -> node tree (node.h). One pass over the events: children
 * wait, as values, on a single stack (kids) until their collection ends,
 * then move into the arena in one piece, so no collection is ever
 * reallocated and a node is stored once, inside its parent's array.
 */
#include "node.h"

#include <limits.h>
#include <stdint.h>
#include <string.h>
#include <yaml.h>

#include "utf8.h"
#include "yaml_hint.h"

#define YAML_TAG "tag:yaml.org,2002:"

struct frame {
	struct node node;           /* the collection; its children follow */
	size_t first;               /* index in kids of its first child */
	const char *anchor;         /* registered when the node ends */
};

struct anchor {
	const char *name;           /* NULL: empty slot */
	struct node node;           /* a copy: its bytes and children are shared */
};

/* Keys repeat ("title", "date", ... once per entry): one copy each. */
struct key {
	const char *s;              /* NULL: empty slot */
	size_t len;
	const char *text;           /* cook()ed, in the résumé's arena */
};
#define KEYS_MAX 65536              /* distinct keys kept; more are copied */
#define KEY_LEN_MAX 40

struct builder {
	struct node_tree *t;
	struct arena *text;         /* where values' text goes */
	struct diag *d;
	const struct load_limits *lim;
	const char *buf;
	size_t len;
	struct frame *frames;
	size_t nframes, frames_cap;
	struct node *kids;
	size_t nkids, kids_cap;
	struct anchor *anchors;     /* open addressing, size a power of two */
	size_t nanchors, anchors_cap;
	uint32_t *dup;              /* scratch table for duplicate keys */
	size_t dup_cap;
	struct key *keys;           /* open addressing, size a power of two */
	size_t nkeys, keys_cap;
	size_t nnodes;
	unsigned ndocs;
	bool fatal;                 /* stop reading events */
	bool errors;                /* an error was reported */
};

static unsigned clamp_uint(size_t v)
{
	return v >= UINT_MAX ? UINT_MAX : (unsigned)v;
}

static struct pos mark_pos(yaml_mark_t m)
{
	return (struct pos){ clamp_uint(m.line + 1), clamp_uint(m.column + 1) };
}

static uint64_t hash_bytes(const char *s, size_t len)
{
	uint64_t h = 14695981039346656037u;     /* FNV-1a */
	for (size_t i = 0; i < len; i++) {
		h ^= (unsigned char)s[i];
		h *= 1099511628211u;
	}
	return h;
}

/* An error after which no more events are read. */
#define FAIL(b, pos, ...) do { \
	diag_add((b)->d, DIAG_ERROR, (pos), __VA_ARGS__); \
	(b)->fatal = (b)->errors = true; \
} while (0)

/* ---- anchors ------------------------------------------------------------ */

static struct anchor *anchor_slot(struct anchor *v, size_t cap, const char *name)
{
	size_t i = hash_bytes(name, strlen(name)) & (cap - 1);
	while (v[i].name && strcmp(v[i].name, name) != 0)
		i = (i + 1) & (cap - 1);
	return &v[i];
}

static void anchor_set(struct builder *b, const char *name, const struct node *n)
{
	if ((b->nanchors + 1) * 2 > b->anchors_cap) {
		size_t cap = b->anchors_cap ? b->anchors_cap * 2 : 64;
		struct anchor *v = xmalloc(cap * sizeof *v);
		memset(v, 0, cap * sizeof *v);
		for (size_t i = 0; i < b->anchors_cap; i++)
			if (b->anchors[i].name)
				*anchor_slot(v, cap, b->anchors[i].name) = b->anchors[i];
		free(b->anchors);
		b->anchors = v;
		b->anchors_cap = cap;
	}
	struct anchor *a = anchor_slot(b->anchors, b->anchors_cap, name);
	if (!a->name)
		b->nanchors++;
	/* YAML lets a later anchor of the same name replace an earlier one. */
	*a = (struct anchor){ .name = name, .node = *n };
}

static const struct node *anchor_get(struct builder *b, const char *name)
{
	if (!b->anchors_cap)
		return NULL;
	struct anchor *a = anchor_slot(b->anchors, b->anchors_cap, name);
	return a->name ? &a->node : NULL;
}

/* ---- nodes -------------------------------------------------------------- */

/* Tags the core schema resolves to something we can read as text. */
static void check_tag(struct builder *b, struct node *n, const char *tag)
{
	static const char *const ok[] = {
		"!", YAML_TAG "str", YAML_TAG "int", YAML_TAG "float",
		YAML_TAG "bool", YAML_TAG "null", YAML_TAG "timestamp",
		YAML_TAG "seq", YAML_TAG "map",
	};
	for (size_t i = 0; i < sizeof ok / sizeof ok[0]; i++)
		if (strcmp(tag, ok[i]) == 0)
			return;
	/* A warning, not an error: no tag changes what vitae does (nothing
	 * is ever constructed from a tag), and files written by other tools
	 * sometimes carry one; but the reader should know it was ignored. */
	const char *bang = strncmp(tag, YAML_TAG, strlen(YAML_TAG)) == 0 ? "!!" : "";
	if (*bang)
		tag += strlen(YAML_TAG);
	diag_add(b->d, DIAG_WARNING, n->pos, "tag `%s%s` ignored%s", bang, tag,
	         n->type == NODE_SCALAR ? ": the value is read as text" : "");
}

/* Counts a node against the budget and starts *n. False when over. */
static bool new_node(struct builder *b, struct node *n, enum node_type type,
                     yaml_mark_t m, const yaml_char_t *tag)
{
	if (++b->nnodes > b->lim->max_nodes || b->nnodes > UINT32_MAX) {
		FAIL(b, mark_pos(m), "more than %zu YAML nodes", b->lim->max_nodes);
		return false;
	}
	*n = (struct node){ .type = (unsigned char)type, .pos = mark_pos(m) };
	if (tag)
		check_tag(b, n, (const char *)tag);
	return true;
}

static void add_child(struct builder *b, const struct node *n)
{
	if (!b->nframes) {
		struct node *root = arena_alloc_align(&b->t->arena, sizeof *root,
		                                      _Alignof(struct node));
		*root = *n;
		b->t->root = root;
		return;
	}
	struct frame *f = &b->frames[b->nframes - 1];
	if (f->node.type == NODE_MAPPING && (b->nkids - f->first) % 2 == 0 &&
	    n->type != NODE_SCALAR) {
		FAIL(b, n->pos, "a mapping key must be a string, not %s",
		     node_type_name(n));
		return;
	}
	grow_array(&b->kids, &b->kids_cap, b->nkids + 1, sizeof *b->kids);
	b->kids[b->nkids++] = *n;
}

static bool same_key(const struct node *a, const struct node *b)
{
	return a->n == b->n &&
	       memcmp(a->u.s, b->u.s, a->n) == 0;
}

/* A key written twice: reported (an error for --check), and the earlier
 * pair marked to go, so the last value wins as in JSON parsers. */
static void report_dup(struct builder *b, struct node_pair *v, size_t at, size_t earlier)
{
	const struct node *key = &v[at].key, *first = &v[earlier].key;
	diag_add(b->d, DIAG_ERROR, key->pos, "duplicate key `%s` (first at %u:%u)",
	         key->u.s, first->pos.line, first->pos.col);
	v[earlier].key.flags |= NODE_DROPPED;
}

/* Removes the pairs report_dup() marked, keeping the order of the rest.
 * Returns the new count. */
static uint32_t drop_dups(struct node_pair *v, size_t n)
{
	size_t out = 0;
	for (size_t i = 0; i < n; i++)
		if (!(v[i].key.flags & NODE_DROPPED))
			v[out++] = v[i];
	return (uint32_t)out;
}

/* Linear in the number of keys: a hash table for all but tiny mappings.
 * Each key is compared with the latest earlier one still kept. Returns
 * the number of pairs left. */
static uint32_t check_dups(struct builder *b, struct node_pair *v, size_t n)
{
	bool any = false;
	if (n <= 8) {
		for (size_t i = 1; i < n; i++)
			for (size_t j = i; j-- > 0;)
				if (!(v[j].key.flags & NODE_DROPPED) &&
				    same_key(&v[i].key, &v[j].key)) {
					report_dup(b, v, i, j);
					any = true;
					break;
				}
		return any ? drop_dups(v, n) : (uint32_t)n;
	}
	size_t cap = 16;
	while (cap < n * 2)
		cap *= 2;
	if (cap > b->dup_cap) {
		free(b->dup);
		b->dup = xmalloc(cap * sizeof *b->dup);
		b->dup_cap = cap;
	}
	memset(b->dup, 0, cap * sizeof *b->dup);
	for (size_t i = 0; i < n; i++) {
		const struct node *k = &v[i].key;
		size_t h = hash_bytes(k->u.s, k->n) & (cap - 1);
		for (;; h = (h + 1) & (cap - 1)) {
			uint32_t j = b->dup[h];
			if (!j) {
				b->dup[h] = (uint32_t)i + 1;
				break;
			}
			if (same_key(k, &v[j - 1].key)) {
				report_dup(b, v, i, j - 1);
				b->dup[h] = (uint32_t)i + 1;
				any = true;
				break;
			}
		}
	}
	return any ? drop_dups(v, n) : (uint32_t)n;
}

static void start_collection(struct builder *b, enum node_type type, yaml_mark_t m,
                             const yaml_char_t *anchor, const yaml_char_t *tag)
{
	if (b->nframes >= b->lim->max_depth) {
		FAIL(b, mark_pos(m), "nesting deeper than %u levels (--max-depth)",
		     b->lim->max_depth);
		return;
	}
	struct node n;
	if (!new_node(b, &n, type, m, tag))
		return;
	grow_array(&b->frames, &b->frames_cap, b->nframes + 1, sizeof *b->frames);
	b->frames[b->nframes++] = (struct frame){
		.node = n,
		.first = b->nkids,
		.anchor = anchor ? arena_strdup(&b->t->arena, (const char *)anchor) : NULL,
	};
}

static void end_collection(struct builder *b)
{
	struct frame f = b->frames[--b->nframes];
	struct node *n = &f.node;
	size_t count = b->nkids - f.first;
	/* kids is NULL before the first child ("[]" as the first node):
	 * not even NULL + 0 may be computed. */
	const struct node *kids = count ? b->kids + f.first : NULL;
	/* The children, in one piece; a mapping's are key, value, key, ...
	 * which is what an array of struct node_pair is. libyaml gives every
	 * key a value (an empty scalar at worst). */
	struct node *v = arena_alloc_align(&b->t->arena, count * sizeof *v,
	                                   _Alignof(struct node));
	if (count)
		memcpy(v, kids, count * sizeof *v);
	if (n->type == NODE_SEQUENCE) {
		n->n = (uint32_t)count;
		n->u.items = v;
	} else {
		_Static_assert(sizeof(struct node_pair) == 2 * sizeof(struct node),
		               "a pair is two nodes");
		n->u.pairs = (struct node_pair *)(void *)v;
		n->n = check_dups(b, n->u.pairs, count / 2);
	}
	b->nkids = f.first;
	if (f.anchor)
		anchor_set(b, f.anchor, n);
	add_child(b, n);
}

static const char *cook(struct arena *a, const char *raw, size_t len)
{
	/* Printable ASCII is what text_sanitize() leaves unchanged; most
	 * values are just that, so skip its two passes. */
	size_t i = utf8_ascii_run(raw, len);
	char *s = i == len ? arena_strndup(a, raw, len) : text_sanitize(a, raw, len);
	while (*s == ' ' || *s == '\n')
		s++;
	len = strlen(s);
	while (len && (s[len - 1] == ' ' || s[len - 1] == '\n'))
		len--;
	s[len] = '\0';
	return len ? s : NULL;
}

static struct key *key_slot(struct key *v, size_t cap, const char *s, size_t len)
{
	size_t i = hash_bytes(s, len) & (cap - 1);
	while (v[i].s && (v[i].len != len || memcmp(v[i].s, s, len) != 0))
		i = (i + 1) & (cap - 1);
	return &v[i];
}

/* The raw bytes of a key and its text, shared with every equal key
 * before it. */
static struct key key_copy(struct builder *b, const char *s, size_t len)
{
	if (len > KEY_LEN_MAX || b->nkeys >= KEYS_MAX)
		return (struct key){ arena_strndup(&b->t->arena, s, len), len,
		                     cook(b->text, s, len) };
	if ((b->nkeys + 1) * 2 > b->keys_cap) {
		size_t cap = b->keys_cap ? b->keys_cap * 2 : 64;
		struct key *v = xmalloc(cap * sizeof *v);
		memset(v, 0, cap * sizeof *v);
		for (size_t i = 0; i < b->keys_cap; i++)
			if (b->keys[i].s)
				*key_slot(v, cap, b->keys[i].s, b->keys[i].len) = b->keys[i];
		free(b->keys);
		b->keys = v;
		b->keys_cap = cap;
	}
	struct key *k = key_slot(b->keys, b->keys_cap, s, len);
	if (!k->s) {
		*k = (struct key){ arena_strndup(&b->t->arena, s, len), len,
		                   cook(b->text, s, len) };
		b->nkeys++;
	}
	return *k;
}

static bool is_null(const yaml_event_t *ev)
{
	static const char *const nulls[] = { "", "~", "null", "Null", "NULL" };
	const char *tag = (const char *)ev->data.scalar.tag;
	if (tag)
		return strcmp(tag, YAML_TAG "null") == 0;
	if (ev->data.scalar.style != YAML_PLAIN_SCALAR_STYLE)
		return false;
	for (size_t i = 0; i < sizeof nulls / sizeof nulls[0]; i++)
		if (ev->data.scalar.length == strlen(nulls[i]) &&
		    memcmp(ev->data.scalar.value, nulls[i], ev->data.scalar.length) == 0)
			return true;
	return false;
}

static void on_scalar(struct builder *b, const yaml_event_t *ev)
{
	struct node node, *n = &node;
	if (!new_node(b, n, NODE_SCALAR, ev->start_mark, ev->data.scalar.tag))
		return;
	const char *value = (const char *)ev->data.scalar.value;
	size_t len = ev->data.scalar.length;
	const struct frame *f = b->nframes ? &b->frames[b->nframes - 1] : NULL;
	bool key = f && f->node.type == NODE_MAPPING && (b->nkids - f->first) % 2 == 0;
	switch (ev->data.scalar.style) {
	case YAML_SINGLE_QUOTED_SCALAR_STYLE: n->style = STYLE_SINGLE; break;
	case YAML_DOUBLE_QUOTED_SCALAR_STYLE: n->style = STYLE_DOUBLE; break;
	case YAML_LITERAL_SCALAR_STYLE: n->style = STYLE_LITERAL; break;
	case YAML_FOLDED_SCALAR_STYLE: n->style = STYLE_FOLDED; break;
	default: n->style = STYLE_PLAIN; break;
	}
	if (is_null(ev))
		n->flags |= NODE_NULL;
	if (ev->end_mark.line > ev->start_mark.line)
		n->flags |= NODE_MULTILINE;
	/* Keys are compared, and an anchored value may be used as a key:
	 * those keep their bytes. Other values only ever become text. */
	if (key) {
		struct key k = key_copy(b, value, len);
		n->flags |= NODE_RAW;
		n->u.s = k.s;
		n->n = (uint32_t)len;
		n->text = n->flags & NODE_NULL ? NULL : k.text;
	} else if (ev->data.scalar.anchor) {
		n->flags |= NODE_RAW;
		n->u.s = arena_strndup(&b->t->arena, value, len);
		n->n = (uint32_t)len;
		n->text = n->flags & NODE_NULL ? NULL : cook(b->text, value, len);
	} else {
		n->text = n->flags & NODE_NULL ? NULL : cook(b->text, value, len);
		n->u.s = n->text ? n->text : "";
		n->n = (uint32_t)strlen(n->u.s);
	}
	if (ev->data.scalar.anchor)
		anchor_set(b, arena_strdup(&b->t->arena, (const char *)ev->data.scalar.anchor), n);
	add_child(b, n);
}

static void on_event(struct builder *b, const yaml_event_t *ev)
{
	switch (ev->type) {
	case YAML_DOCUMENT_START_EVENT:
		if (b->ndocs++)
			FAIL(b, mark_pos(ev->start_mark),
			     "a second YAML document starts here; a résumé is one document");
		break;
	case YAML_STREAM_END_EVENT:
		if (!b->ndocs) {
			struct pos start = { 1, 1 };
			FAIL(b, start, "empty document");
		}
		b->fatal = true;
		break;
	case YAML_ALIAS_EVENT: {
		const char *name = (const char *)ev->data.alias.anchor;
		const struct node *target = anchor_get(b, name);
		struct node n;
		if (!target) {
			FAIL(b, mark_pos(ev->start_mark), "undefined alias `*%s` (no `&%s` above it): text that "
			     "starts with `*` needs quotes", name, name);
		} else if (new_node(b, &n, target->type, ev->start_mark, NULL)) {
			/* A shallow copy that knows where it was used. */
			unsigned char keep = target->flags & (NODE_NULL | NODE_RAW);
			n = (struct node){
				.type = target->type,
				.style = target->style,
				.flags = keep,
				.pos = n.pos,
				.n = target->n,
				.u = target->u,
				.text = target->text,
			};
			add_child(b, &n);
		}
		break;
	}
	case YAML_SCALAR_EVENT:
		on_scalar(b, ev);
		break;
	case YAML_SEQUENCE_START_EVENT:
		start_collection(b, NODE_SEQUENCE, ev->start_mark,
		                 ev->data.sequence_start.anchor, ev->data.sequence_start.tag);
		break;
	case YAML_MAPPING_START_EVENT:
		start_collection(b, NODE_MAPPING, ev->start_mark,
		                 ev->data.mapping_start.anchor, ev->data.mapping_start.tag);
		break;
	case YAML_SEQUENCE_END_EVENT:
	case YAML_MAPPING_END_EVENT:
		end_collection(b);
		break;
	default:
		break;
	}
}

/* libyaml reports reader errors (bad UTF-8, control characters) by byte
 * offset only; count lines and characters as its marks would. */
static struct pos offset_pos(const char *buf, size_t len, size_t off)
{
	struct pos p = { 1, 1 };
	size_t i = 0;
	if (len >= 3 && memcmp(buf, "\xEF\xBB\xBF", 3) == 0)
		i = 3;
	if (off > len)
		off = len;
	for (; i < off; i++) {
		unsigned char c = (unsigned char)buf[i];
		if (c == '\n' || (c == '\r' && (i + 1 >= len || buf[i + 1] != '\n'))) {
			p.line = p.line < UINT_MAX ? p.line + 1 : p.line;
			p.col = 1;
		} else if ((c & 0xC0) != 0x80 && c != '\r') {
			p.col = p.col < UINT_MAX ? p.col + 1 : p.col;
		}
	}
	return p;
}

static void report_yaml_error(struct builder *b, const yaml_parser_t *p)
{
	if (p->error == YAML_MEMORY_ERROR)
		die_oom();
	const char *problem = p->problem ? p->problem : "YAML error";
	struct pos pos;
	if (p->error == YAML_READER_ERROR && p->encoding == YAML_UTF8_ENCODING &&
	    (strstr(problem, "UTF-8") || strstr(problem, "Unicode character"))) {
		/* libyaml points at the byte that broke the sequence; whoever
		 * fixes the file wants the one that started it. */
		size_t off = p->problem_offset < b->len ? p->problem_offset : b->len;
		if (strstr(problem, "trailing")) {
			while (off > 0 && ((unsigned char)b->buf[off - 1] & 0xC0) == 0x80)
				off--;
			if (off > 0 && (unsigned char)b->buf[off - 1] >= 0xC0)
				off--;
		}
		pos = offset_pos(b->buf, b->len, off);
		if (off < b->len)
			diag_add(b->d, DIAG_ERROR, pos, "invalid UTF-8: byte 0x%02X",
			         (unsigned char)b->buf[off]);
		else
			diag_add(b->d, DIAG_ERROR, pos, "invalid UTF-8: %s", problem);
	} else if (p->error == YAML_READER_ERROR) {
		pos = offset_pos(b->buf, b->len, p->problem_offset);
		if (p->problem_value == -1)
			diag_add(b->d, DIAG_ERROR, pos, "%s", problem);
		else
			diag_add(b->d, DIAG_ERROR, pos, "%s (U+%04X)", problem,
			         (unsigned)p->problem_value);
	} else {
		pos = mark_pos(p->problem_mark);
		struct pos cpos = mark_pos(p->context_mark);
		char hint[YAML_HINT_MAX];
		struct pos hpos;
		if (yaml_hint(b->buf, b->len, problem, pos, cpos, &hpos, hint))
			diag_add(b->d, DIAG_ERROR, hpos, "%s", hint);
		else if (p->context && (cpos.line != pos.line || cpos.col != pos.col))
			diag_add(b->d, DIAG_ERROR, pos, "%s (%s at %u:%u)", problem,
			         p->context, cpos.line, cpos.col);
		else if (p->context)
			diag_add(b->d, DIAG_ERROR, pos, "%s (%s)", problem, p->context);
		else
			diag_add(b->d, DIAG_ERROR, pos, "%s", problem);
	}
	b->fatal = b->errors = true;
}

bool node_parse(const char *buf, size_t len, const struct load_limits *lim,
                struct diag *d, struct arena *text, struct node_tree *t)
{
	*t = (struct node_tree){ .arena = ARENA_INIT };
	struct builder b = {
		.t = t, .text = text, .d = d, .lim = lim, .buf = buf, .len = len,
	};
	/* Lengths and counts are 32-bit in a node (node.h). */
	if (len > UINT32_MAX) {
		diag_add(d, DIAG_ERROR, (struct pos){ 0, 0 }, "file is larger than 4 GiB");
		return false;
	}
	yaml_parser_t p;
	if (!yaml_parser_initialize(&p))
		die_oom();
	yaml_parser_set_input_string(&p, (const unsigned char *)buf, len);
	while (!b.fatal) {
		yaml_event_t ev;
		if (!yaml_parser_parse(&p, &ev)) {
			report_yaml_error(&b, &p);
			break;
		}
		on_event(&b, &ev);
		yaml_event_delete(&ev);
	}
	yaml_parser_delete(&p);
	free(b.frames);
	free(b.kids);
	free(b.anchors);
	free(b.dup);
	free(b.keys);
	if (b.errors)
		t->root = NULL;
	return !b.errors && t->root;
}

void node_tree_free(struct node_tree *t)
{
	if (!t)
		return;
	arena_free(&t->arena);
	t->root = NULL;
}

struct node *node_get(const struct node *map, const char *key)
{
	if (!map || map->type != NODE_MAPPING)
		return NULL;
	for (size_t i = 0; i < map->n; i++)
		if (node_is(&map->u.pairs[i].key, key))
			return &map->u.pairs[i].value;
	return NULL;
}

const char *node_type_name(const struct node *n)
{
	switch (n->type) {
	case NODE_SEQUENCE: return "a list";
	case NODE_MAPPING: return "a mapping";
	default: return "a string";
	}
}
