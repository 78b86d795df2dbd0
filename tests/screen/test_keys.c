/*
 * The keys a less or vim user reaches for: panes past 9 by two digits,
 * editing and history at the search and filter prompts, Esc u clearing
 * the highlight, F10 quitting, and unbound keys reported by name.
 *
 * usage: test_keys VITAE ARJUN_RAO_YAML MANY_PANES_YAML
 */
#include <time.h>
#include "screen.h"

static const char *arjun, *many;

static void press(struct vt *v, const char *keys)
{
	vt_send(v, keys);
	vt_settle(v, 40, WAIT_MS);
}

static void key(struct vt *v, enum vt_key k)
{
	vt_send_key(v, k);
	vt_settle(v, 40, WAIT_MS);
}

static void sleep_ms(long ms)
{
	struct timespec ts = { .tv_sec = ms / 1000, .tv_nsec = (ms % 1000) * 1000000L };
	while (nanosleep(&ts, &ts) != 0)
		;
}

/* The status line starts with text, and the cursor is on it at col. */
static bool prompt_is(struct vt *v, const char *text, int col)
{
	int rows, cols, r, c;
	vt_size(v, &rows, &cols);
	vt_cursor(v, &r, &c);
	const char *s = status_row(v);
	size_t n = strlen(text);
	bool ok = strncmp(s, text, n) == 0 && (s[n] == '\0' || s[n] == ' ') &&
	          r == rows - 1 && c == col && vt_cursor_visible(v);
	if (!ok)
		fprintf(stderr, "prompt: want \"%s\" cursor %d, have \"%s\" cursor %d,%d\n",
		        text, col, s, r, c);
	return ok;
}

#define PROMPT_IS(v, text, col) SCHECK((v), prompt_is((v), (text), (col)))

/* Highlighted cells in the content (between the bar and the status). */
static int marked_cells(struct vt *v)
{
	int rows, cols, n = 0;
	vt_size(v, &rows, &cols);
	for (int r = bar_row(v) + 1; r > 0 && r < rows - 1; r++)
		for (int c = 0; c < cols; c++)
			n += vt_cell_marked(v, r, c);
	return n;
}

static struct vt *open_file(const char *file, int rows, int cols)
{
	const char *args[] = { file, NULL };
	return vitae_open(rows, cols, args, NULL);
}

static void panes_past_nine(void)
{
	struct vt *v = open_file(many, 24, 80);
	if (!v)
		return;
	/* Both digits in one write: the number does not hang on timing. */
	press(v, "10");
	PANE_IS(v, "Service");
	SCREEN_HAS(v, "Entry of pane 10, word India.");
	press(v, "11");
	PANE_IS(v, "Languages");
	SCREEN_HAS(v, "Entry of pane 11, word Juliett.");
	press(v, "12");
	PANE_IS(v, "Interests");
	/* There is no pane 13: the 3 acts alone. */
	press(v, "13");
	PANE_IS(v, "Experience");
	/* One digit still goes at once, as it does for a visitor. */
	press(v, "5");
	PANE_IS(v, "Projects");
	/* Another key between the digits: no number. */
	press(v, "1j0");
	STATUS_HAS(v, "No pane 0: there are 12");
	PANE_IS(v, "All");
	/* A pause: the number ends. The pause starts once 1 is on the
	 * screen, so a slow machine only makes it longer. */
	press(v, "4");
	PANE_IS(v, "Education");
	press(v, "1");
	PANE_IS(v, "All");
	sleep_ms(1500);
	press(v, "1");
	PANE_IS(v, "All");
	SCHECK(v, !status_has(v, "Languages"));
	/* The help says how. */
	press(v, "?");
	SCREEN_HAS(v, "10 up: both digits quickly");
	press(v, "q");
	quit_with(v, "q");
	vt_close(v);
}

static void prompt_editing(void)
{
	struct vt *v = open_file(arjun, 24, 80);
	if (!v)
		return;
	press(v, "/pytorch");
	PROMPT_IS(v, "/pytorch", 8);
	key(v, VT_KEY_LEFT);
	key(v, VT_KEY_LEFT);
	key(v, VT_KEY_LEFT);
	PROMPT_IS(v, "/pytorch", 5);
	/* Typed in the middle, where the cursor is. */
	press(v, "X");
	PROMPT_IS(v, "/pytoXrch", 6);
	STATUS_HAS(v, "no match");
	key(v, VT_KEY_HOME);
	PROMPT_IS(v, "/pytoXrch", 1);
	vt_send_ctrl(v, 'e');
	vt_settle(v, 40, WAIT_MS);
	PROMPT_IS(v, "/pytoXrch", 9);
	vt_send_ctrl(v, 'a');
	vt_settle(v, 40, WAIT_MS);
	PROMPT_IS(v, "/pytoXrch", 1);
	key(v, VT_KEY_RIGHT);
	press(v, "\033[3~");            /* Delete: the y under the cursor */
	PROMPT_IS(v, "/ptoXrch", 2);
	key(v, VT_KEY_END);
	key(v, VT_KEY_LEFT);
	key(v, VT_KEY_LEFT);
	key(v, VT_KEY_LEFT);
	key(v, VT_KEY_BACKSPACE);       /* the X */
	PROMPT_IS(v, "/ptorch", 4);
	key(v, VT_KEY_LEFT);
	key(v, VT_KEY_LEFT);
	press(v, "y");
	PROMPT_IS(v, "/pytorch", 3);
	STATUS_HAS(v, "4 matches");
	/* Ctrl-W: the word before the cursor; Ctrl-U: all before it. */
	key(v, VT_KEY_END);
	press(v, " data science");
	PROMPT_IS(v, "/pytorch data science", 21);
	vt_send_ctrl(v, 'w');
	vt_settle(v, 40, WAIT_MS);
	PROMPT_IS(v, "/pytorch data ", 14);
	key(v, VT_KEY_LEFT);
	key(v, VT_KEY_LEFT);
	key(v, VT_KEY_LEFT);
	key(v, VT_KEY_LEFT);
	key(v, VT_KEY_LEFT);
	vt_send_ctrl(v, 'u');
	vt_settle(v, 40, WAIT_MS);
	PROMPT_IS(v, "/data ", 1);
	vt_send_ctrl(v, 'k');
	vt_settle(v, 40, WAIT_MS);
	PROMPT_IS(v, "/", 1);
	/* The cursor counts columns: 日 and 本 take two each. */
	press(v, "日本x");
	PROMPT_IS(v, "/日本x", 6);
	key(v, VT_KEY_LEFT);
	PROMPT_IS(v, "/日本x", 5);
	key(v, VT_KEY_LEFT);
	PROMPT_IS(v, "/日本x", 3);
	key(v, VT_KEY_BACKSPACE);
	PROMPT_IS(v, "/本x", 1);
	key(v, VT_KEY_ESC);
	STATUS_HAS(v, "? help");
	SCHECK(v, !vt_cursor_visible(v));
	quit_with(v, "q");
	vt_close(v);
}

static void history(void)
{
	struct vt *v = open_file(arjun, 24, 80);
	if (!v)
		return;
	press(v, "/python\r");
	STATUS_HAS(v, "match 1/");
	press(v, "/pytorch\r");
	STATUS_HAS(v, "match 1/4");
	press(v, "/pytorch\r");         /* a repeat is kept once */
	press(v, "&research\r");
	STATUS_HAS(v, "[filter: research]");
	/* Search history: newest first, then back to what was typed. */
	press(v, "/ab");
	key(v, VT_KEY_UP);
	PROMPT_IS(v, "/pytorch", 8);
	key(v, VT_KEY_UP);
	PROMPT_IS(v, "/python", 7);
	key(v, VT_KEY_UP);              /* the oldest: stays */
	PROMPT_IS(v, "/python", 7);
	key(v, VT_KEY_DOWN);
	PROMPT_IS(v, "/pytorch", 8);
	key(v, VT_KEY_DOWN);
	PROMPT_IS(v, "/ab", 3);
	key(v, VT_KEY_UP);
	key(v, VT_KEY_UP);
	/* A recalled pattern can be edited and searched for. */
	key(v, VT_KEY_HOME);
	press(v, "\033[3~");            /* Delete */
	vt_send(v, "\r");
	STATUS_HAS(v, "match 1/");
	/* Filter history is its own: research only. */
	press(v, "&");
	key(v, VT_KEY_UP);
	PROMPT_IS(v, "&research", 9);
	key(v, VT_KEY_UP);
	PROMPT_IS(v, "&research", 9);
	vt_send_ctrl(v, 'u');
	vt_settle(v, 40, WAIT_MS);
	press(v, "\r");                 /* empty: the filter off */
	STATUS_HAS(v, "Filter off");
	/* ... and the search's still has the edited one on top. */
	press(v, "/");
	key(v, VT_KEY_UP);
	PROMPT_IS(v, "/ython", 6);
	key(v, VT_KEY_ESC);
	quit_with(v, "q");
	vt_close(v);
}

static void clear_highlight(void)
{
	struct vt *v = open_file(arjun, 24, 80);
	if (!v)
		return;
	press(v, "3");
	PANE_IS(v, "Industry Experience");
	press(v, "\033u");
	STATUS_HAS(v, "No search to clear");
	press(v, "/python\r");
	STATUS_HAS(v, "match 1/4");
	SCHECK(v, marked_cells(v) >= 6);
	/* Esc u in one write (Alt-u in a terminal that sends Esc for it). */
	press(v, "\033u");
	STATUS_HAS(v, "Highlight off");
	SCHECK(v, marked_cells(v) == 0);
	/* n brings it back and goes on. */
	press(v, "n");
	STATUS_HAS(v, "match 2/4");
	SCHECK(v, marked_cells(v) >= 6);
	/* Esc, then u on its own, as typed in less. */
	key(v, VT_KEY_ESC);
	press(v, "u");
	STATUS_HAS(v, "Highlight off");
	SCHECK(v, marked_cells(v) == 0);
	press(v, "N");
	STATUS_HAS(v, "match 1/4");
	SCHECK(v, marked_cells(v) >= 6);
	/* Ctrl-L clears it too, as in Neovim. */
	vt_send_ctrl(v, 'l');
	vt_settle(v, 40, WAIT_MS);
	SCHECK(v, marked_cells(v) == 0);
	/* Esc alone still acts at once; the key after it is itself. */
	press(v, "x");
	STATUS_HAS(v, "Unknown key: x");
	key(v, VT_KEY_ESC);
	SCHECK(v, !status_has(v, "Unknown"));
	press(v, "2");
	PANE_IS(v, "Summary");
	quit_with(v, "q");
	vt_close(v);
}

static void unknown_and_f10(void)
{
	struct vt *v = open_file(arjun, 24, 80);
	if (!v)
		return;
	press(v, "\033[15~");           /* F5 */
	STATUS_HAS(v, "Unknown key: F5 (? for help)");
	vt_send_ctrl(v, 'g');
	vt_settle(v, 40, WAIT_MS);
	STATUS_HAS(v, "Unknown key: Ctrl-G");
	press(v, "\033[1;5D");          /* Ctrl-Left */
	STATUS_HAS(v, "Unknown key: Ctrl-Left");
	press(v, "\033[2~");
	STATUS_HAS(v, "Unknown key: Insert");
	press(v, "\033[24~");           /* F12 */
	STATUS_HAS(v, "Unknown key: F12");
	/* In the help too, where "? for help" would be beside the point;
	 * the help stays open. */
	press(v, "?");
	SCREEN_HAS(v, "vitae keys");
	press(v, "\033[15~");
	STATUS_HAS(v, "Unknown key: F5");
	SCHECK(v, !status_has(v, "for help"));
	SCREEN_HAS(v, "vitae keys");
	press(v, "q");
	SCHECK(v, !vt_has(v, "vitae keys"));
	/* No control byte of a key reaches the screen as itself. */
	size_t from = vt_bytes(v);
	vt_send_ctrl(v, 'g');
	vt_settle(v, 40, WAIT_MS);
	SCHECK(v, !vt_log_has(v, from, "\007", 1));
	quit_with(v, "\033[21~");       /* F10 */
	vt_close(v);
}

int main(int argc, char **argv)
{
	SCREEN_MAIN_START(argc, argv);
	if (argc < 4) {
		fprintf(stderr, "usage: %s VITAE ARJUN_RAO_YAML MANY_PANES_YAML\n", argv[0]);
		return 2;
	}
	arjun = argv[2];
	many = argv[3];
	panes_past_nine();
	prompt_editing();
	history();
	clear_highlight();
	unknown_and_f10();
	T_DONE();
}
