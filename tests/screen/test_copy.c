/*
 * Copying: y and a click on an address or link send it with OSC 52, the
 * exact bytes checked, and the message says it was sent, never that it
 * was copied (the terminal gives no answer). M gives the mouse to the
 * terminal and back, seen in the mouse modes the terminal is left in.
 *
 * usage: test_copy VITAE LINKS_YAML
 */
#include "screen.h"

static const char *links_yaml;

#define SENT_EMAIL "Sent the e-mail address to the terminal (OSC 52)"
#define SENT_LINK "Sent the link to the terminal (OSC 52)"
#define OSC(b64) "\033]52;c;" b64 "\033\\"
#define OSC_EMAIL OSC("cGlhQGV4YW1wbGUub3Jn")                   /* pia@example.org */
#define OSC_SITE OSC("aHR0cHM6Ly9waWEuZXhhbXBsZS5vcmcv")        /* https://pia.example.org/ */
#define OSC_GITHUB OSC("aHR0cHM6Ly9naXRodWIuY29tL3BpYS1waXBlcg==") /* https://github.com/pia-piper */
/* https://example.org/projects/a-rather-long-path/to/the/pipe-fitter */
#define OSC_PROJECT OSC("aHR0cHM6Ly9leGFtcGxlLm9yZy9wcm9qZWN0cy9hLXJhdGhlci1sb25nLXBhdGgvdG8vdGhlL3BpcGUtZml0dGVy")
#define OSC_DOI OSC("aHR0cHM6Ly9kb2kub3JnLzEwLjEwMDAvcGlwZXMuMjAxOQ==") /* https://doi.org/10.1000/pipes.2019 */

static void press(struct vt *v, const char *keys)
{
	vt_send(v, keys);
	vt_settle(v, 40, WAIT_MS);
}

static struct vt *open_links(int rows, int cols, const char *extra)
{
	const char *args[] = { extra ? extra : links_yaml, extra ? links_yaml : NULL, NULL };
	return vitae_open(rows, cols, args, NULL);
}

/* Clears the message, so that the next one is seen arriving. */
static void clear_message(struct vt *v)
{
	vt_send_key(v, VT_KEY_ESC);
	vt_wait_for(v, status_has, "? help", WAIT_MS);
	vt_settle(v, 60, WAIT_MS);
}

/* Clicks at the middle of text on screen; the OSC 52 bytes osc must
 * follow, with the message, and never be drawn. */
static void click_sends(struct vt *v, const char *text, int dx, const char *osc,
                        const char *msg)
{
	int row, col;
	SCHECK(v, vt_find(v, text, &row, &col));
	clear_message(v);
	size_t before = vt_bytes(v);
	SCHECK(v, vt_click(v, row, col + dx));
	STATUS_HAS(v, msg);
	SCHECK(v, vt_log_has(v, before, osc, strlen(osc)));
	SCHECK(v, !vt_has(v, "52;c;"));
	SCHECK(v, !vt_has(v, "Copied"));
}

static void key_y(void)
{
	struct vt *v = open_links(24, 80, NULL);
	if (!v)
		return;
	/* On the first pane's heading, y sends the header's address. */
	size_t before = vt_bytes(v);
	press(v, "y");
	STATUS_HAS(v, SENT_EMAIL);
	SCHECK(v, vt_log_has(v, before, OSC_EMAIL, strlen(OSC_EMAIL)));
	SCHECK(v, !vt_has(v, "Copied"));
	/* On an entry with a url, its link; on a publication with only a
	 * DOI, the DOI's address. */
	press(v, "J");
	SCHECK(v, vt_has(v, "Pipe fitter"));
	before = vt_bytes(v);
	press(v, "y");
	STATUS_HAS(v, SENT_LINK);
	SCHECK(v, vt_log_has(v, before, OSC_PROJECT, strlen(OSC_PROJECT)));
	press(v, "3");
	PANE_IS(v, "Publications");
	before = vt_bytes(v);
	press(v, "y");
	STATUS_HAS(v, SENT_LINK);
	SCHECK(v, vt_log_has(v, before, OSC_DOI, strlen(OSC_DOI)));
	quit_with(v, "q");
	vt_close(v);
}

static void clicks(void)
{
	struct vt *v = open_links(24, 80, NULL);
	if (!v)
		return;
	/* The header's address, website and profile, each its own. */
	click_sends(v, "pia@example.org", 4, OSC_EMAIL, SENT_EMAIL);
	click_sends(v, "pia.example.org ", 2, OSC_SITE, SENT_LINK);
	click_sends(v, "GitHub: pia-piper", 10, OSC_GITHUB, SENT_LINK);
	/* A link in an entry, as written (the https:// shown there too). */
	click_sends(v, "https://example.org/projects", 5, OSC_PROJECT, SENT_LINK);
	/* A click beside a link copies nothing: on the name, on plain text. */
	int row, col;
	SCHECK(v, vt_find(v, "Pia Piper", &row, &col));
	size_t before = vt_bytes(v);
	clear_message(v);
	vt_click(v, row, col + 2);
	vt_settle(v, 100, WAIT_MS);
	SCHECK(v, !vt_log_has(v, before, "\033]52;", 5));
	SCHECK(v, vt_find(v, "Fits pipes", &row, &col));
	vt_click(v, row, col + 2);
	vt_settle(v, 100, WAIT_MS);
	SCHECK(v, !vt_log_has(v, before, "\033]52;", 5));
	quit_with(v, "q");
	vt_close(v);

	/* At 40 columns the project's link wraps: its second line copies
	 * the whole address. */
	v = open_links(24, 40, NULL);
	if (!v)
		return;
	press(v, "2");
	PANE_IS(v, "Projects");
	int first = vt_find_row(v, "https://example.org/", 0);
	SCHECK(v, first > 0);
	const char *next = first > 0 ? vt_row(v, first + 1) : "";
	SCHECK(v, strstr(next, "pipe-fitter") != NULL);
	if (first > 0)
		click_sends(v, "pipe-fitter", 3, OSC_PROJECT, "Sent the link");
	quit_with(v, "q");
	vt_close(v);
}

/* M turns mouse reports off and on: the terminal's modes say so. */
static void mouse_toggle(void)
{
	struct vt *v = open_links(24, 80, NULL);
	if (!v)
		return;
	SCHECK(v, vt_mode(v, 1000) == 1 && vt_mode(v, 1006) == 1);
	press(v, "M");
	STATUS_HAS(v, "Mouse off");
	SCHECK(v, vt_mode(v, 1000) == 0 && vt_mode(v, 1006) == 0);
	/* After the message, the status line still says so. */
	clear_message(v);
	SCHECK(v, status_has(v, "mouse off  ? help"));
	/* A terminal now sends no click: it selects text instead. */
	int row, col;
	SCHECK(v, vt_find(v, "pia@example.org", &row, &col));
	SCHECK(v, !vt_click(v, row, col + 2));
	press(v, "M");
	STATUS_HAS(v, "Mouse on");
	SCHECK(v, vt_mode(v, 1000) == 1 && vt_mode(v, 1006) == 1);
	SCHECK(v, !status_has(v, "mouse off"));
	click_sends(v, "pia@example.org", 4, OSC_EMAIL, SENT_EMAIL);
	/* Off again and quit: the terminal is left with the mouse off. */
	press(v, "M");
	quit_with(v, "q");
	SCHECK(v, vt_mode(v, 1000) == 0);
	vt_close(v);

	/* --no-mouse starts with it off; M turns it on. */
	v = open_links(24, 80, "--no-mouse");
	if (!v)
		return;
	SCHECK(v, vt_mode(v, 1000) != 1);
	SCHECK(v, status_has(v, "mouse off  ? help"));
	press(v, "M");
	STATUS_HAS(v, "Mouse on");
	SCHECK(v, vt_mode(v, 1000) == 1);
	quit_with(v, "q");
	vt_close(v);
}

int main(int argc, char **argv)
{
	SCREEN_MAIN_START(argc, argv);
	if (argc < 3) {
		fprintf(stderr, "usage: %s VITAE LINKS_YAML\n", argv[0]);
		return 2;
	}
	links_yaml = argv[2];
	key_y();
	clicks();
	mouse_toggle();
	T_DONE();
}
