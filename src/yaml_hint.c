#include "yaml_hint.h"

#include <stdio.h>
#include <string.h>

/* One line of the input, without its line break. */
struct line {
	const char *s;
	size_t n;
	size_t indent;          /* leading spaces */
	bool tab;               /* a tab among the leading blanks */
	size_t tab_col;         /* its column, 1-based */
};

/* The input, read from the first line a hint may look at: every lookup
 * walks at most LOOK_BACK lines, however long the file. */
#define LOOK_BACK 64
struct text {
	const char *buf;
	size_t len;
	unsigned base;              /* the line that starts at off */
	size_t off;
};

static void text_init(struct text *t, const char *buf, size_t len, unsigned line)
{
	*t = (struct text){ .buf = buf, .len = len, .base = 1 };
	unsigned want = line > LOOK_BACK ? line - LOOK_BACK : 1;
	while (t->base < want) {
		const char *nl = memchr(buf + t->off, '\n', len - t->off);
		if (!nl)
			break;
		t->off = (size_t)(nl - buf) + 1;
		t->base++;
	}
}

static bool get_line(const struct text *t, unsigned no, struct line *l)
{
	const char *buf = t->buf;
	size_t len = t->len;
	*l = (struct line){ 0 };
	if (no < t->base)
		return false;
	size_t i = t->off;
	for (unsigned k = t->base; k < no; k++) {
		const char *nl = memchr(buf + i, '\n', len - i);
		if (!nl)
			return false;
		i = (size_t)(nl - buf) + 1;
	}
	if (i > len)
		return false;
	const char *nl = memchr(buf + i, '\n', len - i);
	l->s = buf + i;
	l->n = nl ? (size_t)(nl - l->s) : len - i;
	if (l->n && l->s[l->n - 1] == '\r')
		l->n--;
	for (size_t j = 0; j < l->n && (l->s[j] == ' ' || l->s[j] == '\t'); j++) {
		if (l->s[j] == '\t' && !l->tab) {
			l->tab = true;
			l->tab_col = j + 1;
		}
		if (!l->tab)
			l->indent++;
	}
	return true;
}

static bool blank(const struct line *l)
{
	size_t j = 0;
	while (j < l->n && (l->s[j] == ' ' || l->s[j] == '\t'))
		j++;
	return j == l->n || l->s[j] == '#';
}

static bool key_char(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
	       c == '_' || c == '-';
}

/* A line "  key: value" or "  - key: value": the key and the value. */
struct kv {
	const char *key;
	size_t key_n;
	size_t key_col;         /* 1-based */
	const char *colon;      /* the ':' after the key */
	const char *val;        /* first byte after ": " and blanks; NULL if none */
	size_t val_n;           /* up to the end of the line, blanks trimmed */
	size_t val_col;
};

static bool split_kv(const struct line *l, struct kv *kv)
{
	*kv = (struct kv){ 0 };
	size_t j = l->indent;
	if (j + 1 < l->n && l->s[j] == '-' && l->s[j + 1] == ' ') {
		j += 2;
		while (j < l->n && l->s[j] == ' ')
			j++;
	}
	size_t k = j;
	while (k < l->n && key_char(l->s[k]))
		k++;
	if (k == j || k >= l->n || l->s[k] != ':')
		return false;
	kv->key = l->s + j;
	kv->key_n = k - j;
	kv->key_col = j + 1;
	kv->colon = l->s + k;
	size_t v = k + 1;
	while (v < l->n && l->s[v] == ' ')
		v++;
	size_t e = l->n;
	while (e > v && (l->s[e - 1] == ' ' || l->s[e - 1] == '\t'))
		e--;
	if (v < e) {
		kv->val = l->s + v;
		kv->val_n = e - v;
		kv->val_col = v + 1;
	}
	return true;
}

/* The value quoted for YAML: double quotes unless it holds one. */
static void quoted(char *out, size_t size, const char *v, size_t n)
{
	bool dq = memchr(v, '"', n) != NULL;
	int w = n > 80 ? 80 : (int)n;
	snprintf(out, size, "%c%.*s%s%c", dq ? '\'' : '"', w, v, (size_t)w < n ? "…" : "",
	         dq ? '\'' : '"');
}

static bool quote_hint(const struct kv *kv, unsigned line, const char *why,
                       struct pos *at, char *out)
{
	char q[120];
	quoted(q, sizeof q, kv->val, kv->val_n);
	*at = (struct pos){ line, (unsigned)kv->val_col };
	snprintf(out, YAML_HINT_MAX, "the value of `%.*s` %s: put it in quotes, "
	         "%.*s: %s", (int)kv->key_n, kv->key, why, (int)kv->key_n, kv->key, q);
	return true;
}

/* A value whose first character YAML reads as syntax. */
static bool reserved_start(const struct kv *kv)
{
	if (!kv->val)
		return false;
	char c = kv->val[0], last = kv->val[kv->val_n - 1];
	switch (c) {
	case '@': case '`': case '%': case '*': case '&': case '!':
		return true;
	case '[':
		return last != ']';
	case '{':
		return last != '}';
	case '|': case '>':
		/* `summary: |` starts a block; `> 5 years` is text. */
		for (size_t i = 1; i < kv->val_n; i++)
			if (!strchr("-+0123456789 ", kv->val[i]))
				return kv->val[i] != '#';
		return false;
	default:
		return false;
	}
}

bool yaml_hint(const char *buf, size_t len, const char *problem, struct pos pos,
               struct pos context, struct pos *at, char out[YAML_HINT_MAX])
{
	struct line l, prev;
	struct kv kv;
	struct text t;
	text_init(&t, buf, len, pos.line);
	/* The lines the error may come from: up to three above it. */
	unsigned first = pos.line > 3 ? pos.line - 3 : 1;
	if (context.line && context.line < first)
		first = context.line;

	/* A tab in the indentation: libyaml stops at the tab itself. (A tab
	 * elsewhere, as between JSON's tokens, is fine.) */
	if ((strstr(problem, "cannot start any token") || strstr(problem, "tab")) &&
	    get_line(&t, pos.line, &l) && l.tab && !blank(&l)) {
		*at = (struct pos){ pos.line, (unsigned)l.tab_col };
		snprintf(out, YAML_HINT_MAX, "a tab indents this line: YAML indents with "
		         "spaces only; replace the tab with spaces");
		return true;
	}
	if (!get_line(&t, pos.line, &l))
		return false;

	/* A value starting with a character YAML reserves. */
	for (unsigned n = pos.line; n >= first && n; n--)
		if (get_line(&t, n, &prev) && split_kv(&prev, &kv) && reserved_start(&kv) &&
		    (n < pos.line || pos.col >= kv.val_col)) {
			char why[64];
			if (kv.val[0] == '`')
				snprintf(why, sizeof why, "starts with a backquote, which YAML "
				         "reserves");
			else
				snprintf(why, sizeof why, "starts with `%c`, which YAML reads as "
				         "syntax", kv.val[0]);
			return quote_hint(&kv, n, why, at, out);
		}

	if (strstr(problem, "mapping values are not allowed")) {
		/* `summary: Note: something` */
		if (split_kv(&l, &kv) && kv.val && pos.col > kv.val_col &&
		    kv.colon - l.s + 1 < (long)pos.col)
			return quote_hint(&kv, pos.line, "contains `: `", at, out);
		/* `name:Jane` on a line above, read as text up to here. */
		for (unsigned n = pos.line - 1; n >= first && n; n--) {
			if (!get_line(&t, n, &prev) || blank(&prev))
				continue;
			size_t j = prev.indent;
			if (j + 1 < prev.n && prev.s[j] == '-' && prev.s[j + 1] == ' ')
				j += 2;
			size_t k = j;
			while (k < prev.n && key_char(prev.s[k]))
				k++;
			if (k > j && k + 1 < prev.n && prev.s[k] == ':' && prev.s[k + 1] != ' ') {
				int w = (int)(prev.n - j) > 60 ? 60 : (int)(prev.n - j);
				*at = (struct pos){ n, (unsigned)k + 2 };
				snprintf(out, YAML_HINT_MAX, "no space after the colon in `%.*s`: "
				         "write `%.*s: %.*s`", w, prev.s + j, (int)(k - j), prev.s + j,
				         w - (int)(k - j) - 1, prev.s + k + 1);
				return true;
			}
			break;
		}
	}

	/* A line indented more, or less, than the lines it belongs with. */
	for (unsigned n = pos.line - 1; n && !blank(&l); n--) {
		if (!get_line(&t, n, &prev))
			break;
		if (blank(&prev))
			continue;
		/* Above is `key: value` (maybe `- key: value`): nothing can be
		 * nested under it, and its key is where this one should start. */
		if (split_kv(&prev, &kv) && kv.val && l.indent > kv.key_col - 1) {
			size_t extra = l.indent - (kv.key_col - 1);
			*at = (struct pos){ pos.line, (unsigned)l.indent + 1 };
			snprintf(out, YAML_HINT_MAX, "this line is indented more than `%.*s` above "
			         "it: remove %zu space%s to line it up, or end the line above "
			         "after the colon to nest under it", (int)kv.key_n, kv.key,
			         extra, extra == 1 ? "" : "s");
			return true;
		}
		if (l.indent < prev.indent && strstr(problem, "did not find expected")) {
			*at = (struct pos){ pos.line, (unsigned)l.indent + 1 };
			snprintf(out, YAML_HINT_MAX, "the indentation of this line matches no "
			         "line above it: indent it as the keys it belongs with");
			return true;
		}
		break;
	}
	return false;
}
