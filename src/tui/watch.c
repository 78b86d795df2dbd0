/*
 * --watch (watch.h). Events for the directory come in batches; what
 * matters is the file's state once a batch is read: written and closed
 * or renamed into place means read it again, removed (and not back)
 * means keep the last version and say so.
 */
#include "watch.h"

#include <errno.h>
#include <limits.h>
#include <poll.h>
#include <stdlib.h>
#include <string.h>
#include <sys/inotify.h>
#include <sys/stat.h>
#include <unistd.h>

#include "diag.h"
#include "problems.h"

/* After a removal, how long to wait for the file to come back before
 * saying it is gone: vim renames the old file away, then writes the new
 * one, and a reader should not see "deleted" flash by on every save. */
#define WATCH_GRACE_MS 150

int watch_open(struct watch *w, const char *path, const struct load_limits *lim)
{
	const char *slash = strrchr(path, '/');

	*w = (struct watch){ .fd = -1, .path = path, .lim = lim };
	if (slash) {
		size_t n = slash == path ? 1 : (size_t)(slash - path);
		w->dir = xstrndup(path, n);
		w->base = strdup(slash + 1);
	} else {
		w->dir = strdup(".");
		w->base = strdup(path);
	}
	if (!w->dir || !w->base)
		die_oom();
	w->fd = inotify_init1(IN_NONBLOCK | IN_CLOEXEC);
	if (w->fd < 0)
		return -1;
	if (inotify_add_watch(w->fd, w->dir, IN_CLOSE_WRITE | IN_MOVED_TO | IN_CREATE |
	                      IN_DELETE | IN_MOVED_FROM | IN_ONLYDIR) < 0) {
		int e = errno;
		close(w->fd);
		w->fd = -1;
		errno = e;
		return -1;
	}
	return 0;
}

void watch_close(struct watch *w)
{
	if (w->fd >= 0)
		close(w->fd);
	free(w->dir);
	free(w->base);
	resume_free(w->r);
	if (w->have_diag)
		diag_free(&w->diag);
	*w = (struct watch){ .fd = -1 };
}

/* Reads the events waiting; sets *changed and *removed for our file. */
static void drain(struct watch *w, bool *changed, bool *removed)
{
	char buf[4096] __attribute__((aligned(__alignof__(struct inotify_event))));

	for (;;) {
		ssize_t n = read(w->fd, buf, sizeof buf);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			return;
		for (char *p = buf; p < buf + n;) {
			const struct inotify_event *ev = (const void *)p;
			p += sizeof *ev + ev->len;
			if (!ev->len || strcmp(ev->name, w->base))
				continue;
			if (ev->mask & (IN_CLOSE_WRITE | IN_MOVED_TO))
				*changed = true;
			if (ev->mask & (IN_DELETE | IN_MOVED_FROM))
				*removed = true;
			if (ev->mask & IN_CREATE)
				*removed = false;       /* back; its close will say more */
		}
	}
}

/* The section of nv with s's title, or -1. */
static int same_section(const struct view *old, int s, const struct view *nv)
{
	if (s < 0 || (size_t)s >= old->r->nsections)
		return -1;
	const struct section *a = &old->r->sections[s];
	for (size_t i = 0; i < nv->r->nsections; i++) {
		const struct section *b = &nv->r->sections[i];
		if ((a->title && b->title && !strcmp(a->title, b->title)) ||
		    (!a->title && a->key && b->key && !strcmp(a->key, b->key)))
			return (int)i;
	}
	return -1;
}

void watch_carry(const struct view *old, struct view *nv)
{
	/* Folds, by section title and position in the section. */
	for (size_t s = 0; s < old->r->nsections; s++) {
		int t = same_section(old, (int)s, nv);
		if (t < 0)
			continue;
		nv->sec_fold[t] = old->sec_fold[s];
		size_t n = old->r->sections[s].nentries, m = nv->r->sections[t].nentries;
		for (size_t e = 0; e < n && e < m; e++)
			nv->ent_fold[nv->ent_base[t] + e] = old->ent_fold[old->ent_base[s] + e];
	}
	view_drop_single_folds(nv);     /* an entry edited down to one line */
	nv->gen++;
	if (old->filter[0])
		view_set_filter(nv, old->filter);
	if (old->pattern[0]) {
		memcpy(nv->pattern, old->pattern, sizeof nv->pattern);
		nv->icase = old->icase;
		nv->nohl = old->nohl;
		nv->mstale = true;
		nv->mcur = -1;
	}
	nv->help = old->help;
	nv->prompt = old->prompt;

	/* The pane, by title; the current entry, by its place in its
	 * section, kept on the same row of the screen. */
	const char *name = view_pane_name(old, old->cur);
	for (size_t i = 0; i < nv->npanes; i++)
		if (!strcmp(view_pane_name(nv, i), name)) {
			view_set_pane(nv, i);
			break;
		}
	const struct pane *op = &old->panes[old->cur];
	struct pane *np = view_pane(nv);
	long oi = op->cur_sec >= 0 ? pane_find_item(op, op->cur_sec, op->cur_ent) : -1;
	int sec = same_section(old, op->cur_sec, nv);
	if (oi < 0 || sec < 0) {
		np->top = pane_clamp_top(nv, np, op->top);
		return;
	}
	long row = op->items[oi].line - op->top;
	int ent = op->cur_ent;
	if (ent >= 0 && (size_t)ent >= nv->r->sections[sec].nentries)
		ent = nv->r->sections[sec].nentries ? (int)nv->r->sections[sec].nentries - 1 : -1;
	long ni = pane_find_item(np, sec, ent);
	if (ni < 0) {
		np->top = pane_clamp_top(nv, np, op->top);
		return;
	}
	np->cur_sec = sec;
	np->cur_ent = ent;
	np->top = pane_clamp_top(nv, np, np->items[ni].line - row);
}

static unsigned reload(struct watch *w, struct view *v)
{
	struct help *problems = w->problems;
	struct diag d;
	int io = 0;

	diag_init(&d, w->path);
	struct resume *r = load_file(w->path, w->lim, &d, &io);
	if (!r) {
		const struct diag_msg *m = NULL;
		for (size_t i = 0; i < d.n && !m; i++)
			if (d.v[i].level == DIAG_ERROR)
				m = &d.v[i];
		if (m && m->pos.line)
			view_message(v, true, "Kept the last good version: %s:%u:%u: %s",
			             w->base, m->pos.line, m->pos.col, m->text);
		else
			view_message(v, true, "Kept the last good version: %s: %s", w->base,
			             m ? m->text : "cannot be read");
		diag_free(&d);
		return RD_STATUS;
	}
	struct view nv;
	view_init(&nv, r, v->ascii);
	view_resize(&nv, v->geo.cols, v->geo.rows);
	watch_carry(v, &nv);
	view_free(v);
	*v = nv;
	resume_free(w->r);
	w->r = r;
	w->gone = false;
	/* The list borrows the messages: made anew before the old ones go. */
	if (problems) {
		struct help ph;
		problems_build(&ph, &d);
		help_free(problems);
		*problems = ph;
		view_help_sizes(v, v->help.nhelp,
		                (long)help_layout(problems, v->geo.col_w));
	}
	if (w->have_diag)
		diag_free(&w->diag);
	w->diag = d;
	w->have_diag = true;
	size_t n = d.nerrors + d.nwarnings;
	if (n)
		view_message(v, false, "Reloaded %s: %zu problem%s: press ! to list", w->base,
		             n, n == 1 ? "" : "s");
	else
		view_message(v, false, "Reloaded %s", w->base);
	return RD_ALL | WATCH_RELOADED;
}

unsigned watch_event(struct watch *w, struct view *v)
{
	bool changed = false, removed = false;
	struct stat st;

	drain(w, &changed, &removed);
	if (removed && !changed) {
		struct pollfd p = { .fd = w->fd, .events = POLLIN };
		if (poll(&p, 1, WATCH_GRACE_MS) > 0)
			drain(w, &changed, &removed);
	}
	if (!changed && !removed)
		return 0;
	if (stat(w->path, &st) != 0) {
		if (w->gone)
			return 0;
		w->gone = true;
		view_message(v, true, "%s was deleted: showing the last version", w->base);
		return RD_STATUS;
	}
	if (!changed && !w->gone)
		return 0;       /* removed and back, not written yet */
	if (!S_ISREG(st.st_mode))
		return 0;
	return reload(w, v);
}
