/*
 * Hostile strings in the viewer, checked on the raw bytes written to the
 * pseudo-terminal, not only on the screen libvterm shows: the only escape
 * sequences in them are those curses chose (adv_term_safe), none of the
 * file's payloads follows an ESC, and no C1 control or invisible
 * character gets through. On the screen, the payloads show defused
 * (U+FFFD for each control) and the layout holds: the status line stays
 * on the last row whatever wide characters, emoji or combining marks
 * stand at the right margin.
 */
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include "adv.h"
#include "payloads.h"
#include "../screen/screen.h"

/* As src/tui/view.h: below this the viewer shows a notice. */
#define VIEW_MIN_COLS 40

/* Bytes that must never follow an ESC in the output: each is the body of
 * a payload that, unlike OSC or DCS, adv_term_safe cannot tell from
 * what curses sends. */
static const char *const bodies[] = {
	"[2J\x1b[H\x1b[3J", "[10A", "[999C", "[31;1;5m", "[6n", "[5n", "[?6n", "[c", "[>c",
	"[=c", "[21t", "[18t", "c", "[!p", "(0lqqk",
};

/* All payloads, one after the other: one value holding every attack. */
static char *all_payloads(void)
{
	size_t n = 1;
	for (size_t i = 0; i < NPAYLOADS; i++)
		n += strlen(payloads[i].yaml) + 1;
	char *s = malloc(n);
	s[0] = '\0';
	for (size_t i = 0; i < NPAYLOADS; i++) {
		strcat(s, payloads[i].yaml);
		strcat(s, " ");
	}
	return s;
}

static const char *hostile_file(void)
{
	const char *name;
	FILE *f = adv_create("hostile.yaml", &name);
	char *p = all_payloads();
	write_rendercv(f, p, 0);
	free(p);
	fclose(f);
	return name;
}

/* The raw log holds only curses' sequences and none of the bodies. */
static void check_log(struct vt *v, bool osc52)
{
	size_t len;
	const char *log = vt_log(v, &len);
	CHECK(len > 0);
	CHECK_TERM_SAFE(log, len, osc52 ? ADV_TERM_OSC52 : 0);
	for (size_t i = 0; i < sizeof bodies / sizeof *bodies; i++) {
		char seq[64];
		snprintf(seq, sizeof seq, "\x1b%s", bodies[i]);
		t_checks++;
		if (vt_log_has(v, 0, seq, strlen(seq))) {
			t_failures++;
			fprintf(stderr, "the log holds ESC%s from the file\n", bodies[i]);
		}
	}
	/* curses clears with ESC[H ESC[2J: any other ESC[2J came from the file */
	for (const char *p = log; (p = memchr(p, 0x1b, (size_t)(log + len - p)));) {
		if (log + len - p >= 4 && memcmp(p, "\x1b[2J", 4) == 0) {
			t_checks++;
			if (p - log < 3 || memcmp(p - 3, "\x1b[H", 3) != 0) {
				t_failures++;
				fprintf(stderr, "ESC[2J at %td not after ESC[H\n", p - log);
			}
		}
		p++;
	}
}

/* The layout holds: the status line, drawn in reverse across the whole
 * width, is on the last row (a character wider than vitae thought would
 * have pushed text over the margin and scrolled it away), or the screen
 * says it is too small. */
static bool layout_holds(struct vt *v, const void *unused)
{
	(void)unused;
	int rows, cols;
	vt_size(v, &rows, &cols);

	/* not column 0: libvterm 0.1.4 puts there what follows a character
	 * in the last column, a repeat (REP) one time too many or the
	 * combining marks of that character, where xterm does neither */
	return (vt_cell_marked(v, rows - 1, 1) && vt_cell_marked(v, rows - 1, cols - 1) &&
	        !vt_cell_marked(v, rows - 2, cols - 1)) || vt_has(v, "Terminal too small") ||
	       vt_has(v, "too small");
}

#define LAYOUT_HOLDS(v) SCHECK((v), vt_wait_for((v), layout_holds, NULL, WAIT_MS))

/* Peak memory of the children reaped so far, in MiB. */
static long children_mib(void)
{
	struct rusage ru;
	getrusage(RUSAGE_CHILDREN, &ru);
	return ru.ru_maxrss / 1024;
}

#define CHECK_CHILD_MEM(mib) do { \
	long m_ = children_mib(), b_ = adv_mib(mib); \
	t_checks++; \
	if (m_ > b_) { \
		t_failures++; \
		fprintf(stderr, "%s:%d: vitae peaked at %ld MiB, bound %ld\n", \
		        __FILE__, __LINE__, m_, b_); \
	} \
} while (0)

/* Every pane, scrolled, unfolded, searched, filtered, with the help. */
static void walk(struct vt *v)
{
	static const char *const keys[] = {
		"\t", "\t", "\t", "\t", "\t", "\t", "\t", "\t", "1", "zR", "G", "g", " ", " ",
		"J", "J", "za", "zM", "/pwned\r", "n", "N", "/\r", "&EVIL\r", "&\r", "?", "q",
		"l", "h", "\x0c",
	};
	for (size_t i = 0; i < sizeof keys / sizeof *keys; i++) {
		vt_send(v, keys[i]);
		vt_settle(v, 20, 1000);
		LAYOUT_HOLDS(v);
	}
}

static void hostile_viewer(void)
{
	const char *file = hostile_file();
	static const int sizes[][2] = { { 40, 100 }, { 24, 80 }, { 10, 40 }, { 5, 20 } };
	for (size_t i = 0; i < sizeof sizes / sizeof *sizes; i++) {
		struct vt *v = vitae_open_file(file, sizes[i][0], sizes[i][1], NULL, NULL);
		if (!v)
			return;
		if (sizes[i][1] >= 80) {
			/* defused: the text of the payloads is there, after U+FFFD */
			SCREEN_HAS(v, REPL "]0;pwned" REPL);
			SCHECK(v, strncmp(vt_row(v, 0), "N" REPL "]0;pwned", strlen("N" REPL "]0;pwned")) == 0 ||
			          strncmp(vt_row(v, 0), " N" REPL "]0;pwned", strlen(" N" REPL "]0;pwned")) == 0);
		}
		if (sizes[i][1] >= VIEW_MIN_COLS)
			walk(v);
		else            /* q quits the notice: only resizing helps */
			SCREEN_HAS(v, "Terminal too small");
		quit_with(v, "q");
		check_log(v, false);
		vt_close(v);
	}
	CHECK_CHILD_MEM(64);
}

/* In ASCII (LANG=C, or --ascii): not one byte outside ASCII. */
static void hostile_ascii(void)
{
	const char *file = hostile_file();
	static const char *const lang_c[] = { "LANG=C", NULL };
	static const char *const ascii[] = { "--ascii", NULL };
	for (int k = 0; k < 2; k++) {
		struct vt *v = vitae_open_file(file, 24, 80, k ? ascii : NULL, k ? NULL : lang_c);
		if (!v)
			return;
		walk(v);
		quit_with(v, "q");
		check_log(v, false);
		size_t len;
		const char *log = vt_log(v, &len);
		for (size_t i = 0; i < len; i++)
			if ((unsigned char)log[i] >= 0x80) {
				CHECK(!"a byte outside ASCII in the viewer");
				fprintf(stderr, "byte 0x%02X at %zu\n", (unsigned char)log[i], i);
				break;
			}
		vt_close(v);
	}
}

/* Typed and pasted input is text too: in the search prompt, in a
 * bracketed paste, and the patterns given on the command line. (An ESC
 * typed at a prompt cancels it, and what follows is taken as keys: so no
 * q or Q here, and a `y` may copy, through OSC 52.) */
static void hostile_input(void)
{
	const char *file = hostile_file();
	struct vt *v = vitae_open_file(file, 24, 80, NULL, NULL);
	if (!v)
		return;
	static const char *const typed[] = {
		"/ab\xC2\x9B" "31m\xE2\x80\xAE" "cd\r",
		"/x\x1b]0;typed\x07y\r",
		"&\x1b[200~\x1b]52;c;aGk=\x07\xC2\x85pasted\x1b[201~\r",
		"/\xFF\xFE\xC0\xAF\r",
		"/\x01\x02\x7f\x08\x15zz\r",
	};
	for (size_t i = 0; i < sizeof typed / sizeof *typed; i++) {
		vt_send(v, typed[i]);
		vt_settle(v, 30, 1000);
		vt_send(v, "\x1b");
		vt_settle(v, 60, 1000);
		t_checks++;
		if (vt_exited(v)) {
			t_failures++;
			fprintf(stderr, "vitae ended after typed input %zu\n", i);
			break;
		}
		LAYOUT_HOLDS(v);
	}
	quit_with(v, "q");
	check_log(v, true);
	vt_close(v);

	static const char *const args[] = {
		"--search", "\x1b]0;arg\x07", "--section", "\xC2\x9B" "2J\xE2\x80\xAE", NULL,
	};
	v = vitae_open_file(file, 24, 80, args, NULL);
	if (!v)
		return;
	LAYOUT_HOLDS(v);
	quit_with(v, "q");
	check_log(v, false);
	vt_close(v);
}

/* `y` copies a link through OSC 52: the one OSC allowed, base64 only. */
static void hostile_copy(void)
{
	adv_write_str("copy.yaml", "cv:\n  name: Copy\n  sections:\n    x:\n"
	              "      - title: \"T\\e]0;t\\a\"\n        authors: [A]\n"
	              "        url: \"https://example.org/\\e]0;t\\a\\x9b\"\n");
	struct vt *v = vitae_open_file("copy.yaml", 24, 80, NULL, NULL);
	if (!v)
		return;
	vt_send(v, "2");
	vt_settle(v, 30, 1000);
	size_t before = vt_bytes(v);
	vt_send(v, "y");
	vt_settle(v, 60, 1000);
	SCHECK(v, vt_log_has(v, before, "\x1b]52;c;", 7));
	quit_with(v, "q");
	check_log(v, true);
	vt_close(v);
}

/* Wide characters, emoji and combining marks at the right margin, and a
 * name of 5,000 combining marks. */
static void wide_viewer(void)
{
	static const char *const wide[] = {
		"\xE6\xBC\xA2\xE5\xAD\x97", "\xF0\x9F\x98\x80", "\xF0\x9F\x91\xA9\\u200D\xF0\x9F\x92\xBB",
		"\xF0\x9F\x87\xAB\xF0\x9F\x87\xB7", "e\\u0301\\u0302", "\xEF\xBC\xA1",
	};
	const char *name;
	FILE *f = adv_create("wide.yaml", &name);
	fputs("cv:\n  name: \"", f);
	for (int k = 0; k < 60; k++)
		fputs(wide[k % 6], f);
	fputs("\"\n  sections:\n", f);
	for (int s = 0; s < 3; s++) {
		fprintf(f, "    \"%d", s);
		for (int k = 0; k < 20; k++)
			fputs(wide[(k + s) % 6], f);
		fputs("\":\n", f);
		for (int k = 0; k < 84; k++) {
			fputs("      - company: \"", f);
			for (int j = 0; j < k; j++)
				fputc('x', f);
			for (int j = 0; j < 8; j++)
				fputs(wide[(k + j + s) % 6], f);
			fprintf(f, "\"\n        position: P\n        date: \"%s\"\n", wide[k % 6]);
		}
	}
	fclose(f);
	static const int widths[] = { 80, 81, 40, 41 };
	for (size_t i = 0; i < sizeof widths / sizeof *widths; i++) {
		struct vt *v = vitae_open_file(name, 24, widths[i], NULL, NULL);
		if (!v)
			return;
		LAYOUT_HOLDS(v);
		walk(v);
		quit_with(v, "q");
		check_log(v, false);
		vt_close(v);
	}

	f = adv_create("marks.yaml", &name);
	write_rendercv(f, "x", 5000);
	fclose(f);
	struct vt *v = vitae_open_file(name, 24, 80, NULL, NULL);
	if (!v)
		return;
	LAYOUT_HOLDS(v);
	walk(v);
	quit_with(v, "q");
	check_log(v, false);
	vt_close(v);
	CHECK_CHILD_MEM(64);
}

/* A section heading that wraps is one item: marked on all its rows, and
 * one J leaves it. */
static void long_heading(void)
{
	adv_write_str("heading.yaml", "cv:\n  name: Heads\n  sections:\n"
	              "    A heading long enough to wrap over three rows at forty columns wide:\n"
	              "      - bullet: First\n      - bullet: Second\n");
	struct vt *v = vitae_open_file("heading.yaml", 16, 40, NULL, NULL);
	if (!v)
		return;
	int first = vt_find_row(v, "A heading", bar_row(v) + 1), rule = vt_find_row(v, "\xE2\x94\x80\xE2\x94\x80", 0);
	SCHECK(v, first > 0 && rule > first + 1);
	for (int row = first; row >= 0 && row <= rule; row++)
		SCHECK(v, row_marked(v, row));
	vt_send(v, "J");
	vt_settle(v, 30, 1000);
	int e = vt_find_row(v, "First", 0);
	SCHECK(v, e > rule && row_marked(v, e) && !row_marked(v, first));
	quit_with(v, "q");
	vt_close(v);
}

/* A big résumé in the viewer: 200,000 entries, a 1 MiB word (5.4 MB,
 * past the default --max-size). */
static void big_viewer(void)
{
	const char *name;
	FILE *f = adv_create("big.yaml", &name);
	fputs("cv:\n  name: Big\n  sections:\n    s:\n", f);
	for (int i = 0; i < 200000; i++)
		fprintf(f, "      - bullet: b%d\n", i);
	fputs("    w:\n      - bullet: ", f);
	for (int i = 0; i < (1 << 20); i++)
		fputc('w', f);
	fputs("\n", f);
	fclose(f);
	struct vt *v = vt_start((char *[]){ (char *)adv_vitae, "--max-size", "8M", (char *)name,
	                                    NULL }, 24, 80, NULL);
	if (!v)
		return;
	SCHECK(v, vt_wait_for(v, layout_holds, NULL, (int)(adv_secs(10) * 1000)));
	static const char *const keys[] = { "G", "g", "/b199999\r", "n", "3", "G", "zM", "zR", "\t" };
	for (size_t i = 0; i < sizeof keys / sizeof *keys; i++) {
		vt_send(v, keys[i]);
		SCHECK(v, vt_settle(v, 50, (int)(adv_secs(10) * 1000)));
		LAYOUT_HOLDS(v);
	}
	int st;
	vt_send(v, "q");
	SCHECK(v, vt_wait_exit(v, (int)(adv_secs(10) * 1000), &st));
	CHECK(vt_restored(v, stderr));
	check_log(v, false);
	vt_close(v);
	CHECK_CHILD_MEM(512);
}

static const struct adv_case cases[] = {
	{ "hostile-viewer", hostile_viewer },
	{ "hostile-ascii", hostile_ascii },
	{ "hostile-input", hostile_input },
	{ "hostile-copy", hostile_copy },
	{ "wide-viewer", wide_viewer },
	{ "long-heading", long_heading },
	{ "big-viewer", big_viewer },
};

/* The vitae of screen.h is ours; a stuck case dies before meson's timeout. */
ADV_MAIN_WITH(cases, (vitae_bin = adv_vitae, screen_watchdog(100)))
