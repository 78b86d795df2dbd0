/*
 * lazydiff: runs two builds of vitae side by side in pseudo-terminals,
 * types the same keys into both and compares their screens (text and
 * highlighted cells) after each key. The position on the status line
 * ("37%") may differ: the viewer estimates it while a long pane is only
 * partly laid out. Used to check that laying panes out lazily shows
 * exactly what laying them out in full showed.
 *
 *     lazydiff REFERENCE_VITAE VITAE FILE
 *
 * Exits 1 at the first difference, printing both screens.
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "../screen/vt.h"

/* A screen as text with a mark after each highlighted cell and the
 * attributes wherever they change, the status position masked. */
static char *snapshot(struct vt *v)
{
	int rows, cols;
	vt_size(v, &rows, &cols);
	size_t cap = (size_t)rows * (size_t)cols * 96 + 1, n = 0;
	char *out = malloc(cap);
	char prev[64] = "";
	for (int r = 0; r < rows; r++) {
		for (int c = 0; c < cols; c++) {
			struct vt_cell cell;
			if (!vt_cell(v, r, c, &cell) || !cell.width)
				continue;
			char at[64];
			snprintf(at, sizeof at, "\x02%d%d%d%d%d:%d:%d\x03", cell.bold, cell.italic,
			         cell.reverse, cell.underline, cell.strike, cell.fg, cell.bg);
			if (strcmp(at, prev) != 0) {
				n += (size_t)snprintf(out + n, cap - n, "%s", at);
				memcpy(prev, at, sizeof at);
			}
			const char *t = cell.text[0] ? cell.text : " ";
			n += (size_t)snprintf(out + n, cap - n, "%s%s", t,
			                      vt_cell_marked(v, r, c) ? "\x01" : "");
		}
		out[n++] = '\n';
	}
	out[n] = '\0';
	/* The last row: digits before '%' become '#'. */
	char *last = out + n - 1;
	while (last > out && last[-1] != '\n')
		last--;
	for (char *p = last; *p && *p != '\n'; p++) {
		if (*p == '%') {
			char *q = p;
			while (q > last && (isdigit((unsigned char)q[-1]) || q[-1] == '\x01'))
				if (*--q != '\x01')
					*q = '#';
		}
	}
	return out;
}

/* Until the screen stops changing: a key may take a while (the first
 * search lays the résumé out) before anything is written. On a loaded
 * machine a pause can outlast the 300 ms, and a difference then shows
 * a screen caught half-way: run it again before believing it. */
static void settle(struct vt *v)
{
	vt_settle(v, 60, 20000);
	for (int i = 0; i < 100; i++) {
		char *a = snapshot(v);
		vt_settle(v, 300, 20000);
		char *b = snapshot(v);
		int same = strcmp(a, b) == 0;
		free(a);
		free(b);
		if (same)
			return;
	}
}

struct key {
	const char *bytes;
	int times;
	int rows, cols;         /* a resize instead, when set */
};

static const struct key keys[] = {
	{ "j", 30 }, { "\033[6~", 5 }, { "G", 1 }, { "k", 5 }, { "g", 1 },
	{ "J", 40 }, { "K", 3 }, { "za", 1 }, { "j", 5 }, { "zM", 1 },
	{ "J", 10 }, { "zR", 1 }, { "2", 1 }, { "\033[6~", 3 }, { "G", 1 },
	{ "1", 1 }, { "/quokkalith\r", 1 }, { "n", 1 }, { "N", 1 }, { "g", 1 },
	{ "/learning\r", 1 }, { "n", 5 }, { "N", 3 }, { "G", 1 },
	{ "&quokkalith\r", 1 }, { "G", 1 }, { "g", 1 }, { "&\r", 1 },
	{ "\t", 3 }, { .rows = 50, .cols = 200 }, { "G", 1 }, { "g", 1 },
	{ "j", 10 }, { "zM", 1 }, { "G", 1 }, { "zR", 1 }, { "/Tessellate\r", 1 },
	{ "n", 3 }, { "6", 1 }, { "G", 1 }, { "K", 5 }, { "g", 1 }, { "J", 5 },
	{ "1", 1 }, { "J", 70 }, { "za", 1 }, { "J", 3 }, { "zc", 1 }, { "zc", 1 },
	{ "J", 2 }, { "/Ada\r", 1 }, { "n", 2 }, { .rows = 24, .cols = 80 },
	{ "\033[6~", 40 }, { "zM", 1 }, { "\033[6~", 4 }, { "K", 2 }, { "zR", 1 },
	{ "G", 1 }, { "k", 3 },
};

int main(int argc, char **argv)
{
	if (argc != 4) {
		fprintf(stderr, "usage: lazydiff REFERENCE_VITAE VITAE FILE\n");
		return 2;
	}
	struct vt *v[2];
	for (int i = 0; i < 2; i++) {
		char *args[] = { argv[1 + i], argv[3], NULL };
		v[i] = vt_start(args, 24, 80, NULL);
		if (!v[i] || !vt_wait_text(v[i], "? help", 30000))
			return 2;
		settle(v[i]);
	}
	int steps = 0;
	for (size_t k = 0; k < sizeof keys / sizeof *keys; k++) {
		for (int t = 0; t < (keys[k].bytes ? keys[k].times : 1); t++) {
			for (int i = 0; i < 2; i++) {
				if (keys[k].bytes)
					vt_send(v[i], keys[k].bytes);
				else
					vt_resize(v[i], keys[k].rows, keys[k].cols);
				settle(v[i]);
			}
			steps++;
			char *a = snapshot(v[0]), *b = snapshot(v[1]);
			if (strcmp(a, b) != 0) {
				fprintf(stderr, "lazydiff: screens differ after step %d (key %zu \"%s\")\n",
				        steps, k, keys[k].bytes ? keys[k].bytes : "resize");
				vt_dump(v[0], stderr);
				vt_dump(v[1], stderr);
				/* The first row that differs, with \1 after marked cells. */
				const char *x = a, *y = b;
				while (*x && *x == *y) {
					if (*x == '\n')
						a = (char *)x + 1, b = (char *)y + 1;
					x++, y++;
				}
				fprintf(stderr, "first difference:\n<%.*s\n>%.*s\n",
				        (int)strcspn(a, "\n"), a, (int)strcspn(b, "\n"), b);
				return 1;
			}
			free(a);
			free(b);
		}
	}
	for (int i = 0; i < 2; i++) {
		vt_send(v[i], "q");
		int st;
		vt_wait_exit(v[i], 5000, &st);
		vt_close(v[i]);
	}
	printf("lazydiff: %d steps, screens identical\n", steps);
	return 0;
}
