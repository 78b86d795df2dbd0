/*
 * A file with problems in the viewer: the status line says how many, `!`
 * lists them with their positions in an overlay that scrolls and closes
 * like the help, and the résumé is shown all the same.
 *
 * usage: test_problems VITAE FIXTURE BAD-FILE WARNINGS-FILE
 *   (FIXTURE: tests/fixtures/arjun-rao.yaml, a file without problems)
 */
#include "screen.h"

int main(int argc, char **argv)
{
	SCREEN_MAIN_START(argc, argv);
	if (argc < 5) {
		fprintf(stderr, "usage: %s VITAE FIXTURE BAD-FILE WARNINGS-FILE\n", argv[0]);
		return 2;
	}
	/* tests/bad/forgiven.yaml: three errors for --check, one warning */
	struct vt *v = vitae_open(24, 80, (const char *[]){ argv[3], NULL }, NULL);
	if (v) {
		STATUS_HAS(v, "4 problems: press ! to list");
		SCREEN_HAS(v, "Acme");          /* shown despite them */
		TYPE(v, "!");
		SCREEN_HAS(v, "problems in the file");
		SCREEN_HAS(v, "8:21");
		SCREEN_HAS(v, "`start_date` must be YYYY, YYYY-MM or YYYY-MM-DD, not `2023-9-28`");
		SCREEN_HAS(v, "10:9");
		SCREEN_HAS(v, "entry matches no entry type");
		SCREEN_HAS(v, "16:9");
		SCREEN_HAS(v, "read as `authors`");
		/* ! again, q and Esc close it; q does not quit from it */
		TYPE(v, "!");
		SCREEN_LACKS(v, "problems in the file");
		SCREEN_HAS(v, "Engineer");
		TYPE(v, "!");
		SCREEN_HAS(v, "problems in the file");
		TYPE(v, "q");
		SCREEN_LACKS(v, "problems in the file");
		SCHECK(v, !vt_exited(v));
		TYPE(v, "!");
		SCREEN_HAS(v, "problems in the file");
		vt_send(v, "\033");
		SCREEN_LACKS(v, "problems in the file");
		/* ? from the list shows the keys, where ! is listed */
		TYPE(v, "!");
		SCREEN_HAS(v, "problems in the file");
		TYPE(v, "?");
		SCREEN_HAS(v, "vitae keys");
		TYPE(v, "G");           /* the key is under Other, at the end */
		SCREEN_HAS(v, "List the file's problems, with their positions");
		TYPE(v, "q");
		SCREEN_LACKS(v, "vitae keys");
		quit_with(v, "q");
		vt_close(v);
	}

	/* tests/bad/warnings.yaml: seven warnings, more than a short screen
	 * holds: the list scrolls */
	v = vitae_open(10, 100, (const char *[]){ argv[4], NULL }, NULL);
	if (v) {
		STATUS_HAS(v, "7 problems");
		TYPE(v, "!");
		SCREEN_HAS(v, "3:3");
		SCREEN_HAS(v, "unknown key `nickname` in `cv`");
		SCREEN_LACKS(v, "unknown key `theme` in the top level");
		TYPE(v, "G");
		SCREEN_HAS(v, "18:1");
		SCREEN_HAS(v, "unknown key `theme` in the top level");
		SCREEN_LACKS(v, "unknown key `nickname` in `cv`");
		TYPE(v, "g");
		SCREEN_HAS(v, "unknown key `nickname` in `cv`");
		TYPE(v, "!");
		SCREEN_LACKS(v, "problems in the file");
		quit_with(v, "q");
		vt_close(v);
	}

	/* a file without problems: no note, and ! says so */
	v = fixture_open(24, 80, NULL, NULL);
	if (v) {
		SCHECK(v, !status_has(v, "problems"));
		TYPE(v, "!");
		STATUS_HAS(v, "No problems in this file");
		quit_with(v, "q");
		vt_close(v);
	}
	T_DONE();
}
