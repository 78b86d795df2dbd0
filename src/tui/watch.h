#pragma once
/*
 * --watch: the résumé file read again when it changes on disk. inotify
 * watches the file's directory, not the file, so that editors that write
 * a new file and rename it over the old one (vim, sed -i) are seen like
 * those that write in place (nano): the loop waits on watch.fd with the
 * terminal, and calls watch_event() when it is readable. No polling.
 *
 * A reload builds a new view over the new résumé and carries the
 * reader's place over (watch.c: pane by title, the current entry by
 * its position in its section and its row on screen, folds, search,
 * filter). A save that does not load keeps the last good résumé with a
 * note "FILE:LINE:COL: ..."; a deleted file keeps the last version and
 * is read again when it comes back. Owned by the viewer (src/tui/).
 *
 * Every reload also lists the new version's problems for `!`
 * (problems.h), and says how many there are.
 *
 * Memory: the watch owns the résumés it loaded and the problems of the
 * last one (they live until the next reload or watch_close); the first
 * ones are the caller's.
 */
#include <stdbool.h>

#include "keys.h"
#include "load.h"
#include "view.h"

struct watch {
	int fd;                     /* inotify; -1 when not watching */
	char *dir, *base;           /* the file's directory and name */
	const char *path;           /* borrowed from the caller */
	const struct load_limits *lim;
	struct resume *r;           /* shown now, if loaded here */
	struct diag diag;           /* its problems, if loaded here */
	bool have_diag;
	struct help *problems;      /* the `!` list to rebuild: the caller's */
	bool gone;                  /* the file was deleted */
};

/* Starts watching path. 0, or -1 with errno set (no inotify: the caller
 * must not pretend to watch). */
int watch_open(struct watch *w, const char *path, const struct load_limits *lim);
/* Reads what happened to the directory; reloads into v if the file
 * changed, and then rebuilds w->problems (the `!` list, problems.h) from
 * the new version's. Returns what to redraw (enum redraw). */
unsigned watch_event(struct watch *w, struct view *v);
/* Carries the reader's place from old to nv (a view of another version
 * of the same résumé, sized like old). */
void watch_carry(const struct view *old, struct view *nv);
void watch_close(struct watch *w);

/* In watch_event()'s result: the view is new (the draw state must be
 * made again for its panes). Above every enum redraw bit. */
#define WATCH_RELOADED (1u << 30)
