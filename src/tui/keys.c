#include "keys.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include "problems.h"
#include "utf8.h"

static unsigned quit_now(struct view *v, int key)
{
	return RD_QUIT;
}

enum action_id {
	A_NEXT_PANE, A_PREV_PANE, A_PANE_N,
	A_DOWN, A_UP, A_PAGE_DOWN, A_PAGE_UP, A_HALF_DOWN, A_HALF_UP,
	A_TOP, A_BOTTOM,
	A_NEXT_ENTRY, A_PREV_ENTRY,
	A_FOLD_TOGGLE, A_FOLD_OPEN, A_FOLD_CLOSE, A_OPEN_ALL, A_FOLD_ALL,
	A_SEARCH, A_NEXT_MATCH, A_PREV_MATCH, A_NO_HIGHLIGHT, A_FILTER,
	A_COPY, A_MOUSE, A_PROBLEMS, A_HELP, A_CANCEL, A_REDRAW, A_QUIT, A_QUIT_NOW,
	A_COUNT_
};

const char *const group_names[G_COUNT_] = {
	[G_PANES] = "Panes",
	[G_SCROLL] = "Scrolling",
	[G_ENTRIES] = "Entries",
	[G_FOLDS] = "Folding",
	[G_SEARCH] = "Search and filter",
	[G_OTHER] = "Other",
};

const struct action actions[A_COUNT_] = {
	[A_NEXT_PANE] = { .name = "next-pane", .essential = true, .group = G_PANES,
		.help = "Next pane", .fn = view_next_pane,
		.keys = { { '\t' }, { 'l' }, { K_RIGHT } } },
	[A_PREV_PANE] = { .name = "prev-pane", .group = G_PANES,
		.help = "Previous pane", .fn = view_prev_pane,
		.keys = { { K_BTAB }, { 'h' }, { K_LEFT } } },
	[A_PANE_N] = { .name = "pane", .essential = true, .group = G_PANES,
		.help = "Go to pane N (1 is All); 10 up: both digits quickly",
		.mouse = "click its name", .fn = view_pane_key, .number = true,
		.keys = { { '1' }, { '2' }, { '3' }, { '4' }, { '5' }, { '6' },
		          { '7' }, { '8' }, { '9' }, { '0' } } },
	[A_DOWN] = { .name = "down", .essential = true, .group = G_SCROLL,
		.help = "Down one line", .mouse = "wheel", .fn = view_line_down, .in_help = true,
		.keys = { { 'j' }, { K_DOWN }, { K_CTRL('E') }, { K_CTRL('N') } } },
	[A_UP] = { .name = "up", .group = G_SCROLL,
		.help = "Up one line", .mouse = "wheel", .fn = view_line_up, .in_help = true,
		.keys = { { 'k' }, { K_UP }, { K_CTRL('Y') }, { K_CTRL('P') } } },
	[A_PAGE_DOWN] = { .name = "page-down", .essential = true, .group = G_SCROLL,
		.help = "Down a page", .fn = view_page_down, .in_help = true,
		.keys = { { ' ' }, { 'f' }, { K_PGDN }, { K_CTRL('F') } } },
	[A_PAGE_UP] = { .name = "page-up", .group = G_SCROLL,
		.help = "Up a page", .fn = view_page_up, .in_help = true,
		.keys = { { 'b' }, { K_PGUP }, { K_CTRL('B') } } },
	[A_HALF_DOWN] = { .name = "half-down", .group = G_SCROLL,
		.help = "Down half a page", .fn = view_half_down, .in_help = true,
		.keys = { { 'd' }, { K_CTRL('D') } } },
	[A_HALF_UP] = { .name = "half-up", .group = G_SCROLL,
		.help = "Up half a page", .fn = view_half_up, .in_help = true,
		.keys = { { 'u' }, { K_CTRL('U') } } },
	[A_TOP] = { .name = "top", .group = G_SCROLL,
		.help = "Top", .fn = view_home, .in_help = true,
		.keys = { { 'g' }, { K_HOME }, { '<' } } },
	[A_BOTTOM] = { .name = "bottom", .group = G_SCROLL,
		.help = "Bottom", .fn = view_end, .in_help = true,
		.keys = { { 'G' }, { K_END }, { '>' } } },
	[A_NEXT_ENTRY] = { .name = "next-entry", .group = G_ENTRIES,
		.help = "Mark the next entry", .mouse = "click it",
		.fn = view_next_entry,
		.keys = { { 'J' }, { ']' } } },
	[A_PREV_ENTRY] = { .name = "prev-entry", .group = G_ENTRIES,
		.help = "Mark the previous entry", .fn = view_prev_entry,
		.keys = { { 'K' }, { '[' } } },
	[A_FOLD_TOGGLE] = { .name = "fold-toggle", .essential = true, .group = G_FOLDS,
		.help = "Fold or unfold the marked entry or section",
		.mouse = "click its title", .fn = view_fold_toggle,
		.keys = { { 'z', 'a' }, { '\r' }, { '\n' }, { K_ENTER } } },
	[A_FOLD_OPEN] = { .name = "fold-open", .group = G_FOLDS,
		.help = "Unfold it", .fn = view_fold_open,
		.keys = { { 'z', 'o' } } },
	[A_FOLD_CLOSE] = { .name = "fold-close", .group = G_FOLDS,
		.help = "Fold it (again: fold its section, in All)",
		.fn = view_fold_close,
		.keys = { { 'z', 'c' } } },
	[A_OPEN_ALL] = { .name = "open-all", .group = G_FOLDS,
		.help = "Unfold everything", .fn = view_open_all,
		.keys = { { 'z', 'R' } } },
	[A_FOLD_ALL] = { .name = "fold-all", .group = G_FOLDS,
		.help = "Fold everything", .fn = view_fold_all,
		.keys = { { 'z', 'M' } } },
	[A_SEARCH] = { .name = "search", .essential = true, .group = G_SEARCH,
		.help = "Search everything (lower case: any case)",
		.fn = view_search_prompt,
		.keys = { { '/' } } },
	[A_NEXT_MATCH] = { .name = "next-match", .essential = true, .group = G_SEARCH,
		.help = "Next match, in any pane", .fn = view_next_match,
		.keys = { { 'n' } } },
	[A_PREV_MATCH] = { .name = "prev-match", .essential = true, .group = G_SEARCH,
		.help = "Previous match", .fn = view_prev_match,
		.keys = { { 'N' } } },
	[A_NO_HIGHLIGHT] = { .name = "no-highlight", .group = G_SEARCH,
		.help = "Clear the highlight (n shows it again)",
		.fn = view_no_highlight,
		.keys = { { K_ESC, 'u' } } },
	[A_FILTER] = { .name = "filter", .essential = true, .group = G_SEARCH,
		.help = "Show only entries matching (empty: all)",
		.fn = view_filter_prompt,
		.keys = { { '&' } } },
	[A_COPY] = { .name = "copy", .essential = true, .group = G_OTHER,
		.help = "Send the link or e-mail address to the terminal's "
		        "clipboard (OSC 52; terminals may refuse it)",
		.mouse = "click a link or address", .fn = view_copy,
		.keys = { { 'y' } } },
	[A_MOUSE] = { .name = "mouse", .group = G_OTHER,
		.help = "Mouse off (a drag selects text) or on (Shift-drag "
		        "selects text)", .fn = view_mouse, .in_help = true,
		.keys = { { 'M' } } },
	[A_PROBLEMS] = { .name = "problems", .group = G_OTHER,
		.help = "List the file's problems, with their positions",
		.fn = view_problems, .in_help = true,
		.keys = { { '!' } } },
	[A_HELP] = { .name = "help", .group = G_OTHER,
		.help = "This help", .fn = view_help, .in_help = true,
		.keys = { { '?' }, { K_F1 } } },
	[A_CANCEL] = { .name = "cancel", .group = G_OTHER,
		.help = "Close the help or list, clear the message", .fn = view_cancel, .in_help = true,
		.keys = { { K_ESC } } },
	[A_REDRAW] = { .name = "redraw", .group = G_OTHER,
		.help = "Redraw the screen and clear the highlight", .fn = view_redraw,
		.in_help = true,
		.keys = { { K_CTRL('L') } } },
	[A_QUIT] = { .name = "quit", .essential = true, .group = G_OTHER,
		.help = "Close the help or list, or quit", .fn = view_quit, .in_help = true,
		.keys = { { 'q' } } },
	[A_QUIT_NOW] = { .name = "quit-now", .group = G_OTHER,
		.help = "Quit", .fn = quit_now, .in_help = true,
		.keys = { { K_CTRL('C') }, { 'Q' }, { K_F(10) } } },
};
const size_t nactions = A_COUNT_;

/* The help writes the digits as one range, 1 to 9: 0 only ends a
 * number. */
static bool pane_digit(int k1, int k2)
{
	return k2 == 0 && k1 >= '0' && k1 <= '9';
}

const struct action *keys_lookup(int k1, int k2)
{
	for (size_t a = 0; a < nactions; a++)
		for (size_t i = 0; i < KEYS_MAX && actions[a].keys[i][0]; i++)
			if (actions[a].keys[i][0] == k1 && actions[a].keys[i][1] == k2)
				return &actions[a];
	return NULL;
}

static bool is_prefix(int key)
{
	for (size_t a = 0; a < nactions; a++)
		for (size_t i = 0; i < KEYS_MAX && actions[a].keys[i][0]; i++)
			if (actions[a].keys[i][0] == key && actions[a].keys[i][1])
				return true;
	return false;
}

const char *keys_key_name(int key, bool ascii, char *buf, size_t cap)
{
	static const char *const special[][2] = {
		[K_UP - K_UP] = { "↑", "Up" },
		[K_DOWN - K_UP] = { "↓", "Down" },
		[K_LEFT - K_UP] = { "←", "Left" },
		[K_RIGHT - K_UP] = { "→", "Right" },
		[K_PGUP - K_UP] = { "PgUp", "PgUp" },
		[K_PGDN - K_UP] = { "PgDn", "PgDn" },
		[K_HOME - K_UP] = { "Home", "Home" },
		[K_END - K_UP] = { "End", "End" },
		[K_BTAB - K_UP] = { "Shift-Tab", "Shift-Tab" },
		[K_F1 - K_UP] = { "F1", "F1" },
		[K_ENTER - K_UP] = { "Enter", "Enter" },
		[K_BACKSPACE - K_UP] = { "Backspace", "Backspace" },
		[K_DELETE - K_UP] = { "Delete", "Delete" },
		[K_INSERT - K_UP] = { "Insert", "Insert" },
		[K_NUL - K_UP] = { "Ctrl-Space", "Ctrl-Space" },
	};
	const char *s = NULL;
	if (key >= K_UP && key < K_LAST_)
		s = special[key - K_UP][ascii];

	else if (key == '\t')
		s = "Tab";
	else if (key == '\r' || key == '\n')
		s = "Enter";
	else if (key == K_ESC)
		s = "Esc";
	else if (key == ' ')
		s = "Space";
	else if (key == K_DEL)
		s = "Backspace";
	if (s)
		snprintf(buf, cap, "%s", s);
	else if (key >= K_F(2) && key <= K_F(K_F_MAX))
		snprintf(buf, cap, "F%d", key - K_F(0));
	else if (key > 0 && key < 0x20)
		snprintf(buf, cap, "Ctrl-%c", key + '@');
	else if (key < 0 || key > 0x10FFFF || utf8_classify((uint32_t)key) != UTF8_KEEP)
		/* A control, or a character the file text's classifier would
		 * drop or replace (a tag, a bidi override): by its number. */
		snprintf(buf, cap, "U+%04X", (unsigned)key);
	else {
		char enc[5] = { 0 };
		enc[utf8_encode((uint32_t)key, enc)] = '\0';
		snprintf(buf, cap, "%s", enc);
	}
	return buf;
}

/* "z: a toggle, o open, ..." so that a half-typed sequence says what
 * can follow. */
static void prefix_hint(struct view *v, int prefix)
{
	char hint[VIEW_MSG_MAX] = "", name[32];
	size_t n = 0;
	for (size_t a = 0; a < nactions; a++)
		for (size_t i = 0; i < KEYS_MAX && actions[a].keys[i][0]; i++) {
			if (actions[a].keys[i][0] != prefix || !actions[a].keys[i][1])
				continue;
			keys_key_name(actions[a].keys[i][1], v->ascii, name, sizeof name);
			int w = snprintf(hint + n, sizeof hint - n, "%s%s %s",
			                 n ? ", " : "", name, actions[a].name);
			if (w > 0 && (size_t)w < sizeof hint - n)
				n += (size_t)w;
		}
	keys_key_name(prefix, v->ascii, name, sizeof name);
	view_message(v, false, "%s- %s", name, hint);
}

static long long now_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/*
 * A digit: alone, it goes to its pane at once, for visitors; typed
 * within KEYS_NUMBER_MS of the digit before, it makes one number with
 * it, when there is a pane of that number (with nine panes or fewer,
 * digits never join). A digit that cannot join starts a number anew.
 */
static unsigned number_key(struct keys_state *ks, struct view *v,
                           const struct action *a, int key)
{
	unsigned d = (unsigned)(key - '0');
	long long t = now_ms();
	bool join = ks->number && t - ks->number_ms <= KEYS_NUMBER_MS &&
	            (ks->number * 10 + d) <= v->npanes;
	ks->number = join ? ks->number * 10 + d : d;
	ks->number_ms = t;
	if (join)
		return view_set_pane(v, ks->number - 1);
	return a->fn(v, key);
}

static unsigned unknown(struct view *v, const char *name, const char *name2)
{
	view_message(v, true, "Unknown key: %s%s%s", name, name2,
	             name2[0] || v->help.open ? "" : " (? for help)");
	return RD_STATUS;
}

/* An action for a key, where it may act. */
static unsigned act(struct keys_state *ks, struct view *v, const struct action *a,
                    int key)
{
	unsigned rd = 0;
	if (v->help.open && !a->in_help)
		rd |= view_cancel(v, key);
	if (!a->number)
		ks->number = 0;
	return rd | (a->number ? number_key(ks, v, a, key) : a->fn(v, key));
}

unsigned keys_dispatch(struct keys_state *ks, struct view *v, int key)
{
	if (v->prompt.kind)
		return view_prompt_key(v, key);
	unsigned rd = 0;
	if (v->msg[0]) {
		v->msg[0] = '\0';
		rd |= RD_STATUS;
	}
	char name[32], name2[32];
	if (ks->pending) {
		int prefix = ks->pending;
		ks->pending = 0;
		const struct action *a = keys_lookup(prefix, key);
		if (a)
			return rd | act(ks, v, a, key);
		if (key == K_ESC && !keys_lookup(prefix, 0))
			return rd | RD_STATUS;  /* Esc drops a half-typed z */
		if (!keys_lookup(prefix, 0))
			return rd | unknown(v, keys_key_name(prefix, v->ascii, name, sizeof name),
			                    keys_key_name(key, v->ascii, name2, sizeof name2));
		/* After a prefix that acted alone, the key acts alone too. */
	}
	/* A key that does not act in the help closes it and acts, as the
	 * reader meant: the help is in the way, not a mode to leave first. */
	const struct action *a = keys_lookup(key, 0);
	if (a && is_prefix(key))
		ks->pending = key;
	if (a)
		return rd | act(ks, v, a, key);
	ks->number = 0;
	if (is_prefix(key)) {
		ks->pending = key;
		prefix_hint(v, key);
		return rd | RD_STATUS;
	}
	return rd | unknown(v, keys_key_name(key, v->ascii, name, sizeof name), "");
}

/* Readable names for the keys curses knows by terminfo names: Shift-,
 * Alt- and Ctrl- with the arrows and the editing keys. */
static const struct {
	const char *cap, *name;
} key_bases[] = {
	{ .cap = "LFT", .name = "Left" }, { .cap = "RIT", .name = "Right" },
	{ .cap = "UP", .name = "Up" }, { .cap = "DN", .name = "Down" },
	{ .cap = "HOM", .name = "Home" }, { .cap = "END", .name = "End" },
	{ .cap = "PRV", .name = "PgUp" }, { .cap = "NXT", .name = "PgDn" },
	{ .cap = "DC", .name = "Delete" }, { .cap = "IC", .name = "Insert" },
	/* curses' own names for the shifted ones */
	{ .cap = "KEY_SLEFT", .name = "Shift-Left" }, { .cap = "KEY_SRIGHT", .name = "Shift-Right" },
	{ .cap = "KEY_SR", .name = "Shift-Up" }, { .cap = "KEY_SF", .name = "Shift-Down" },
	{ .cap = "KEY_SHOME", .name = "Shift-Home" }, { .cap = "KEY_SEND", .name = "Shift-End" },
	{ .cap = "KEY_SDC", .name = "Shift-Delete" }, { .cap = "KEY_SIC", .name = "Shift-Insert" },
	{ .cap = "KEY_SPREVIOUS", .name = "Shift-PgUp" }, { .cap = "KEY_SNEXT", .name = "Shift-PgDn" },
	{ .cap = "KEY_B2", .name = "Keypad-5" },
};

/* xterm's modifier numbers, as in "kLFT5": 2 is Shift, 3 Alt, 5 Ctrl. */
static const char *const key_mods[] = {
	[2] = "Shift-", [3] = "Alt-", [4] = "Shift-Alt-", [5] = "Ctrl-",
	[6] = "Ctrl-Shift-", [7] = "Ctrl-Alt-", [8] = "Ctrl-Shift-Alt-",
};

unsigned keys_unknown(struct keys_state *ks, struct view *v, const char *cap)
{
	char name[48] = "";
	if (v->prompt.kind)
		return 0;
	ks->pending = 0;
	ks->number = 0;
	for (size_t i = 0; !name[0] && i < sizeof key_bases / sizeof *key_bases; i++) {
		const char *b = key_bases[i].cap;
		size_t n = strlen(b);
		if (!strcmp(cap, b))
			snprintf(name, sizeof name, "%s", key_bases[i].name);
		else if (cap[0] == 'k' && !strncmp(cap + 1, b, n) && cap[n + 1] >= '2' &&
		         cap[n + 1] <= '8' && !cap[n + 2])
			snprintf(name, sizeof name, "%s%s", key_mods[cap[n + 1] - '0'],
			         key_bases[i].name);
	}
	/* Else curses' name without its "KEY_", and only its letters,
	 * digits and brackets: it comes from the terminfo entry. */
	if (!name[0]) {
		size_t n = 0;
		if (!strncmp(cap, "KEY_", 4))
			cap += 4;
		for (; *cap && n + 1 < sizeof name; cap++)
			if ((*cap >= 'A' && *cap <= 'Z') || (*cap >= 'a' && *cap <= 'z') ||
			    (*cap >= '0' && *cap <= '9') || *cap == '(' || *cap == ')')
				name[n++] = *cap;
		name[n] = '\0';
	}
	if (v->prompt.kind)
		return 0;
	return unknown(v, name[0] ? name : "?", "");
}

/* --- the help screen -------------------------------------------------- */

static void add_line(struct help *h, size_t *cap, const char *keys, const char *text)
{
	grow_array(&h->lines, cap, h->n + 1, sizeof *h->lines);
	h->lines[h->n++] = (struct help_line){ .keys = keys, .text = text };
}

/* "j, ↓, Ctrl-E": the action's keys as the table has them, each name
 * once (Return and keypad Enter are both "Enter"). */
static const char *keys_text(struct help *h, const struct action *a, bool ascii)
{
	char out[128] = "", one[64], k1[32], k2[32];
	size_t n = 0;
	for (size_t i = 0; i < KEYS_MAX && a->keys[i][0]; i++) {
		if (pane_digit(a->keys[i][0], a->keys[i][1])) {
			if (a->keys[i][0] != '1')
				continue;
			snprintf(one, sizeof one, ascii ? "1-9" : "1–9");
		} else {
			keys_key_name(a->keys[i][0], ascii, k1, sizeof k1);
			if (a->keys[i][1])
				keys_key_name(a->keys[i][1], ascii, k2, sizeof k2);
			/* "za", but "Esc u" */
			snprintf(one, sizeof one, "%s%s%s", k1,
			         a->keys[i][1] && strlen(k1) > 1 ? " " : "",
			         a->keys[i][1] ? k2 : "");
		}
		bool dup = false;
		for (const char *p = out; (p = strstr(p, one)); p++) {
			size_t l = strlen(one);
			if ((p == out || p[-1] == ' ') && (p[l] == ',' || p[l] == '\0'))
				dup = true;
		}
		int w = dup ? 0 : snprintf(out + n, sizeof out - n, "%s%s", n ? ", " : "", one);
		if (w > 0 && (size_t)w < sizeof out - n)
			n += (size_t)w;
	}
	return arena_strdup(&h->arena, out);
}

/* The help: first the essential keys, as many as fit a first screen of
 * 80x24, then every key by group. */
void help_build(struct help *h, bool ascii)
{
	*h = (struct help){ .arena = ARENA_INIT };
	size_t cap = 0;
	add_line(h, &cap, NULL, "Essentials (all keys below)");
	for (size_t a = 0; a < nactions; a++) {
		if (!actions[a].essential)
			continue;
		const char *keys = keys_text(h, &actions[a], ascii);
		int w = (int)str_width(keys, strlen(keys));
		if (w > h->keys_width)
			h->keys_width = w;
		add_line(h, &cap, keys, actions[a].help);
	}
	for (int g = 0; g < G_COUNT_; g++) {
		add_line(h, &cap, "", "");
		add_line(h, &cap, NULL, group_names[g]);
		for (size_t a = 0; a < nactions; a++) {
			if (actions[a].group != (enum action_group)g)
				continue;
			const char *keys = keys_text(h, &actions[a], ascii);
			const char *text = actions[a].mouse
				? arena_printf(&h->arena, "%s; mouse: %s",
				               actions[a].help, actions[a].mouse)
				: actions[a].help;
			int w = (int)str_width(keys, strlen(keys));
			if (w > h->keys_width)
				h->keys_width = w;
			add_line(h, &cap, keys, text);
		}
	}
}

/*
 * The first piece of s[0..len) that fits in room columns, broken at the
 * last space that lets it fit, or inside a word wider than room. Returns
 * its length; *next is where the next piece starts, past the spaces.
 */
static size_t piece(const char *s, size_t len, int room, size_t *next)
{
	size_t i = 0, brk = 0;
	int w = 0;
	while (i < len) {
		uint32_t c;
		size_t k = utf8_decode(s + i, len - i, &c);
		int cw = cp_width(c);
		if (c == ' ')
			brk = i;
		if (w + cw > room && c != ' ') {
			size_t end = brk ? brk : i ? i : k;
			*next = end;
			while (*next < len && s[*next] == ' ')
				(*next)++;
			return end;
		}
		w += cw;
		i += k;
	}
	*next = len;
	return len;
}

/* The widest run of s without a space: what a column cannot go below. */
static int widest_word(const char *s)
{
	int best = 0;
	while (*s) {
		size_t n = strcspn(s, " ");
		int w = (int)str_width(s, n);
		best = w > best ? w : best;
		s += n + (s[n] == ' ');
	}
	return best;
}

static void add_row(struct help *h, size_t line, const char *keys, size_t klen,
                    const char *text, size_t tlen)
{
	grow_array(&h->rows, &h->caprows, h->nrows + 1, sizeof *h->rows);
	h->rows[h->nrows++] = (struct help_row){ .keys = keys, .klen = klen,
		.text = text, .tlen = tlen, .line = line };
}

/* The text keeps at least this many columns, or half the box. */
#define HELP_TEXT_MIN 20

size_t help_layout(struct help *h, int cols)
{
	int textw = 0, headw = 0, word = 1;
	for (size_t i = 0; i < h->n; i++) {
		const struct help_line *l = &h->lines[i];
		int w = (int)str_width(l->text, strlen(l->text));
		if (!l->keys)
			headw = w > headw ? w : headw;
		else
			textw = w > textw ? w : textw;
		if (l->keys && widest_word(l->keys) > word)
			word = widest_word(l->keys);
	}
	int natural = h->keys_width + HELP_GAP + textw;
	natural = headw > natural ? headw : natural;
	int inner = cols - 4 < natural ? cols - 4 : natural;
	if (inner < HELP_TEXT_MIN)
		inner = HELP_TEXT_MIN;
	int tmin = inner / 2 > HELP_TEXT_MIN ? inner / 2 : HELP_TEXT_MIN;
	int kw = h->keys_width;
	if (kw > inner - HELP_GAP - tmin)
		kw = inner - HELP_GAP - tmin > word ? inner - HELP_GAP - tmin : word;
	int room = inner - kw - HELP_GAP;
	if (room < 1)
		room = 1;
	h->box_w = inner + 4;
	h->key_w = kw;
	h->nrows = 0;
	for (size_t i = 0; i < h->n; i++) {
		const struct help_line *l = &h->lines[i];
		const char *t = l->text, *k = l->keys;
		size_t tl = strlen(t), kl = k ? strlen(k) : 0;
		do {
			size_t tn, kn = 0, tnext, knext = kl;
			tn = piece(t, tl, k ? room : inner, &tnext);
			if (k)
				kn = piece(k, kl, kw, &knext);
			add_row(h, i, k, kn, t, tn);
			t += tnext;
			tl -= tnext;
			if (k) {
				k += knext;
				kl -= knext;
			}
		} while (tl || kl);
	}
	return h->nrows;
}

void help_free(struct help *h)
{
	if (!h)
		return;
	arena_free(&h->arena);
	free(h->rows);
	free(h->lines);
	*h = (struct help){ .arena = ARENA_INIT };
}
