/*
 * --watch: the file edited in place, replaced by a rename, broken, fixed,
 * deleted and restored under a running viewer. After each step the
 * screen shows the new text (or keeps the last good one with a note),
 * and the pane, the current entry, the fold and the search survive.
 * Also: --watch with - or --kiosk is a usage error.
 *
 * usage: test_watch VITAE
 */
#include <fcntl.h>
#include <stdio.h>
#include <sys/stat.h>

#include "screen.h"

static char dir[64], path[128], tmp[160];

/* A résumé whose Alpha entry says `word`. */
static void write_cv(const char *file, const char *word, bool in_place)
{
	char text[2048];
	snprintf(text, sizeof text,
	         "cv:\n"
	         "  name: Watch Test\n"
	         "  sections:\n"
	         "    experience:\n"
	         "      - {company: Alpha, position: First, start_date: 2020-01,\n"
	         "         summary: Alpha says %s.}\n"
	         "      - {company: Beta, position: Second, start_date: 2019-01,\n"
	         "         summary: Beta body text.}\n"
	         "      - {company: Gamma, position: Third, start_date: 2018-01,\n"
	         "         summary: Gamma body text.}\n"
	         "    education:\n"
	         "      - {institution: School, area: Things, start_date: 2010}\n",
	         word);
	/* In place: the same inode, truncated and written, as nano does. */
	int fd = open(file, O_WRONLY | O_CREAT | O_TRUNC, 0644);
	CHECK(fd >= 0);
	if (fd < 0)
		return;
	CHECK(write(fd, text, strlen(text)) == (ssize_t)strlen(text));
	close(fd);
	(void)in_place;
}

static void replace_by_rename(const char *word)
{
	write_cv(tmp, word, false);
	CHECK(rename(tmp, path) == 0);
}

static void press(struct vt *v, const char *keys)
{
	vt_send(v, keys);
	vt_settle(v, 40, WAIT_MS);
}

/* The reader's place: the Experience pane, Beta current and folded, the
 * search for "body" still there ('n' steps through its matches). */
static void place_kept(struct vt *v, int line)
{
	int row, col;
	PANE_IS(v, "Experience");
	t_checks++;
	if (!vt_find(v, "▸ Beta", &row, &col)) {
		t_failures++;
		fprintf(stderr, "%s:%d: Beta is not folded\n", __FILE__, line);
		vt_dump(v, stderr);
		return;
	}
	SCHECK(v, row_marked(v, row));
	SCHECK(v, !vt_has(v, "Beta body text"));
	SCHECK(v, vt_has(v, "Gamma body text"));
}

static void step(struct vt *v, const char *what, const char *status, const char *shown,
                 int line)
{
	fprintf(stderr, "-- %s\n", what);
	STATUS_HAS(v, status);
	if (shown)
		SCREEN_HAS(v, shown);
	place_kept(v, line);
	if (getenv("WATCH_DEBUG"))
		vt_dump(v, stderr);
}

static int usage_status(const char *args)
{
	char cmd[512];
	snprintf(cmd, sizeof cmd, "'%s' %s </dev/null >/dev/null 2>&1", vitae_bin, args);
	int st = system(cmd);
	return WIFEXITED(st) ? WEXITSTATUS(st) : -1;
}

int main(int argc, char **argv)
{
	SCREEN_MAIN_START(argc, argv);
	snprintf(dir, sizeof dir, "/tmp/vitae-watch-XXXXXX");
	if (!mkdtemp(dir)) {
		perror("mkdtemp");
		return 1;
	}
	snprintf(path, sizeof path, "%s/cv.yaml", dir);
	snprintf(tmp, sizeof tmp, "%s/.cv.yaml.new", dir);
	write_cv(path, "one", true);

	char quoted[160];
	snprintf(quoted, sizeof quoted, "--watch '%s' --kiosk", path);
	CHECK_INT(usage_status("--watch -"), 2);
	CHECK_INT(usage_status(quoted), 2);
	CHECK_INT(usage_status("--watch"), 2);

	const char *args[] = { "--watch", path, NULL };
	struct vt *v = vitae_open(30, 100, args, NULL);
	if (v) {
		/* The place to keep: pane 2, search "body" (which lands on
		 * Beta's text, the first of two), then Beta folded. */
		press(v, "2");
		press(v, "/body\r");
		STATUS_HAS(v, "match 1/2");
		press(v, "zc");
		place_kept(v, __LINE__);

		write_cv(path, "two", true);
		step(v, "in place", "Reloaded cv.yaml", "Alpha says two.", __LINE__);

		replace_by_rename("three");
		step(v, "rename", "Reloaded cv.yaml", "Alpha says three.", __LINE__);

		int fd = open(path, O_WRONLY | O_TRUNC);
		CHECK(fd >= 0 && write(fd, "cv:\n  name: [broken\n", 20) == 20);
		close(fd);
		step(v, "broken", "cv.yaml:2:9:", "Alpha says three.", __LINE__);
		STATUS_HAS(v, "Kept the last good version");

		write_cv(path, "four", true);
		step(v, "fixed", "Reloaded cv.yaml", "Alpha says four.", __LINE__);

		CHECK(unlink(path) == 0);
		step(v, "deleted", "cv.yaml was deleted", "Alpha says four.", __LINE__);

		replace_by_rename("five");
		step(v, "restored", "Reloaded cv.yaml", "Alpha says five.", __LINE__);

		/* A save with a problem: counted on the status line, and the
		 * `!` list is the new version's. */
		fd = open(path, O_WRONLY | O_APPEND);
		CHECK(fd >= 0 && write(fd, "extra_key: hello\n", 17) == 17);
		close(fd);
		step(v, "a problem", "Reloaded cv.yaml: 1 problem: press ! to list",
		     "Alpha says five.", __LINE__);
		press(v, "!");
		SCREEN_HAS(v, "unknown key `extra_key` in the top level");
		press(v, "q");
		SCHECK(v, !vt_has(v, "unknown key `extra_key`"));

		/* Real editors: sed -i (a temporary file renamed over), and
		 * vim with its defaults (the old file renamed to a backup, a
		 * new one written), when vim is installed. */
		char cmd[512];
		snprintf(cmd, sizeof cmd, "sed -i 's/five/six/' '%s'", path);
		CHECK(system(cmd) == 0);
		step(v, "sed -i", "Reloaded cv.yaml", "Alpha says six.", __LINE__);
		if (access("/usr/bin/vim", X_OK) == 0) {
			snprintf(cmd, sizeof cmd, "cd '%s' && /usr/bin/vim -u NONE -i NONE -N -es "
			         "-c '%%s/six/seven/' -c 'set writebackup backupcopy=auto' -c wq "
			         "cv.yaml </dev/null >/dev/null 2>&1", dir);
			CHECK(system(cmd) == 0);
			step(v, "vim", "Reloaded cv.yaml", "Alpha says seven.", __LINE__);
		} else {
			fprintf(stderr, "-- vim: not installed, step left out\n");
		}
		/* The search survived every reload: n finds its matches
		 * (without one it would say "No previous search"). */
		press(v, "n");
		STATUS_HAS(v, "/2");

		quit_with(v, "q");
		vt_close(v);
	}
	unlink(path);
	unlink(tmp);
	snprintf(tmp, sizeof tmp, "%s/cv.yaml~", dir);
	unlink(tmp);
	rmdir(dir);
	T_DONE();
}
