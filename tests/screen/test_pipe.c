/*
 * `printf ... | vitae -` in a terminal: the résumé comes down the pipe,
 * the keys from the terminal (the pty is the controlling terminal and
 * standard output), as with less. --dump and the kiosk still print.
 *
 * usage: test_pipe VITAE LINKS_YAML
 */
#include "screen.h"

static char *yaml;
static size_t yaml_len;

static bool read_file(const char *path)
{
	FILE *f = fopen(path, "rb");
	if (!f)
		return false;
	static char buf[1 << 16];
	yaml_len = fread(buf, 1, sizeof buf - 1, f);
	bool ok = !ferror(f) && feof(f);
	fclose(f);
	yaml = buf;
	return ok;
}

/* vitae args... with the résumé on a pipe as its standard input. */
static struct vt *piped(const char *const args[], bool viewer)
{
	char *argv[8] = { (char *)vitae_bin };
	int n = 1;
	for (int i = 0; args[i] && n < 7; i++)
		argv[n++] = (char *)args[i];
	argv[n] = NULL;
	struct vt *v = vt_start_input(argv, 24, 80, NULL, yaml, yaml_len);
	t_checks++;
	if (!v) {
		t_failures++;
		return NULL;
	}
	if (viewer && !vt_wait_for(v, ready, NULL, WAIT_MS)) {
		t_failures++;
		fprintf(stderr, "vitae -: no viewer\n");
		vt_dump(v, stderr);
	}
	vt_settle(v, 30, 500);
	return v;
}

static void pager(void)
{
	const char *args[] = { "-", NULL };
	struct vt *v = piped(args, true);
	if (!v)
		return;
	/* The piped résumé, not the bundled one, in the viewer. */
	SCHECK(v, vt_altscreen(v));
	SCHECK(v, strstr(vt_row(v, 0), "Pia Piper") != NULL);
	SCHECK(v, vt_has(v, "pia@example.org"));
	SCHECK(v, status_has(v, "? help"));
	SCHECK(v, vt_mode(v, 1000) == 1);
	/* Keys come from the terminal: j scrolls a line, 3 goes to a pane. */
	int bar = bar_row(v);
	SCHECK(v, bar > 0);
	char second[512];
	snprintf(second, sizeof second, "%s", content_text(v, bar + 2));
	vt_send(v, "j");
	vt_settle(v, 40, WAIT_MS);
	/* What was the second line of the content is now the first. */
	SCHECK(v, second[0] && strcmp(content_text(v, bar + 1), second) == 0);
	vt_send(v, "3");
	PANE_IS(v, "Publications");
	SCREEN_HAS(v, "On the flow of text through pipes");
	/* q quits, the terminal restored. */
	quit_with(v, "q");
	vt_close(v);

	/* Ctrl-C too, from the terminal (its signal key). */
	v = piped(args, true);
	if (!v)
		return;
	quit_with(v, "\003");
	vt_close(v);
}

/* Printing stays printing: the text on the terminal, no viewer. */
static void prints(const char *const args[])
{
	struct vt *v = piped(args, false);
	if (!v)
		return;
	int st = -1;
	SCHECK(v, vt_wait_exit(v, EXIT_MS, &st));
	SCHECK(v, WIFEXITED(st) && WEXITSTATUS(st) == 0);
	SCHECK(v, vt_mode_sets(v, 1049) == 0 && vt_mode(v, 1000) != 1);
	/* The text scrolled past: it is in what was written. */
	SCHECK(v, vt_log_has(v, 0, "Pia Piper", 9));
	SCHECK(v, vt_log_has(v, 0, "pia@example.org", 15));
	SCHECK(v, vt_has(v, "Twelfth note"));
	vt_close(v);
}

int main(int argc, char **argv)
{
	SCREEN_MAIN_START(argc, argv);
	if (argc < 3 || !read_file(argv[2])) {
		fprintf(stderr, "usage: %s VITAE LINKS_YAML\n", argv[0]);
		return 2;
	}
	pager();
	const char *dump[] = { "--dump", "-", NULL };
	prints(dump);
	const char *md[] = { "--format", "markdown", "-", NULL };
	prints(md);
	/* The kiosk never takes keys from anywhere but its standard input:
	 * with the résumé there, it prints. */
	const char *kiosk[] = { "--kiosk", "-", NULL };
	prints(kiosk);
	T_DONE();
}
