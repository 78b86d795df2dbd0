/*
 * The loop: read a key, act on the view, draw once. Terminal setup and
 * the one way out that restores the terminal live here too.
 */
#include "tui.h"
#include "problems.h"

#include <curses.h>
#include <errno.h>
#include <langinfo.h>
#include <locale.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <stdio.h>
#include <poll.h>
#include <sys/ioctl.h>
#include <sys/select.h>
#include <sys/time.h>
#include <fcntl.h>
#include <time.h>
#include <unistd.h>
#include "draw.h"
#include "kiosk.h"
#include "keys.h"
#include "osc52.h"
#include "termcheck.h"
#include "view.h"
#include "watch.h"

/*
 * Output with a deadline. curses writes with write(2) and retries on EINTR
 * and on EAGAIN (a busy loop), so neither non-blocking output nor a signal
 * alone gets it out of a write to a terminal nobody reads. Instead, while
 * curses writes (output_begin .. output_end), the caught signals are let
 * through and a watchdog (ITIMER_REAL, SIGALRM) runs to the nearer of the
 * session's limits; a signal that ends the viewer, arriving then, cuts
 * the watchdog to OUTPUT_GRACE_MS. If the watchdog fires before the
 * output is done, the handler puts a dead pipe (its reading end closed,
 * SIGPIPE ignored) in place of standard output and error with dup2():
 * curses' retry fails with EPIPE, which it does not retry, the loop sees
 * the limit or the signal, and the viewer ends by its one exit path. The
 * terminal cannot be restored then: nothing reaches it anyway.
 */
#define OUTPUT_GRACE_MS 2000L

/* Set by the signal handlers, read by the loop; nothing else. */
static volatile sig_atomic_t got_signal, got_winch, in_output;
static int dead_fd = -1;        /* the dead pipe's writing end */

static void set_watchdog(long ms)
{
	struct itimerval it = {
		.it_value = { .tv_sec = ms / 1000, .tv_usec = (ms % 1000) * 1000 },
	};
	setitimer(ITIMER_REAL, &it, NULL);
}

static void abandon_output(void)
{
	if (dead_fd < 0)
		_exit(128 + SIGALRM);   /* no pipe to swap in: end here */
	dup2(dead_fd, STDOUT_FILENO);
	dup2(dead_fd, STDERR_FILENO);
}

static void on_signal(int sig)
{
	int saved = errno;
	if (sig == SIGWINCH) {
		got_winch = 1;
	} else if (sig == SIGALRM) {
		if (in_output)
			abandon_output();
	} else {
		got_signal = sig;
		if (in_output)
			set_watchdog(OUTPUT_GRACE_MS);
	}
	errno = saved;
}

/* SIGWINCH is ours rather than curses': curses only installs its own
 * handler when it finds the default one, and with ours the loop can wait
 * for a key or a signal without a race (pselect below). SIGXCPU is the
 * kiosk's CPU limit, SIGALRM the output watchdog. */
static const int caught[] = {
	SIGINT, SIGTERM, SIGHUP, SIGQUIT, SIGXCPU, SIGWINCH, SIGALRM,
};
#define NCAUGHT (sizeof caught / sizeof *caught)

/* No SA_RESTART: a signal interrupts the blocking read, so the loop sees
 * it at once. A signal ignored when we started (nohup) stays ignored, but
 * for the watchdog's and the CPU limit's, which are ours. */
static void catch_signals(struct sigaction old[NCAUGHT])
{
	struct sigaction sa = { .sa_handler = on_signal };
	sigemptyset(&sa.sa_mask);
	for (size_t i = 0; i < NCAUGHT; i++) {
		sigaction(caught[i], &sa, &old[i]);
		if (old[i].sa_handler == SIG_IGN && caught[i] != SIGALRM && caught[i] != SIGXCPU)
			sigaction(caught[i], &old[i], NULL);
	}
}

static sigset_t output_mask, loop_mask;  /* signals let through / blocked */

/* ms < 0: no limit but the grace a signal sets. */
static void output_begin(long ms)
{
	in_output = 1;
	if (ms >= 0)
		set_watchdog(ms > 0 ? ms : 1);
	sigprocmask(SIG_SETMASK, &output_mask, NULL);
}

static void output_end(void)
{
	/* In this order, a late SIGALRM finds in_output 0 and does nothing. */
	in_output = 0;
	set_watchdog(0);
	sigprocmask(SIG_SETMASK, &loop_mask, NULL);
}

static void restore_signals(const struct sigaction old[NCAUGHT])
{
	for (size_t i = 0; i < NCAUGHT; i++)
		sigaction(caught[i], &old[i], NULL);
}

/* The size from the terminal itself: LINES and COLUMNS in the
 * environment may be stale, and a broken pty may report nonsense. */
static void fit_terminal(int *cols, int *rows)
{
	struct winsize ws;
	int r = LINES, c = COLS;
	if (ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) == 0 && ws.ws_row && ws.ws_col) {
		r = ws.ws_row;
		c = ws.ws_col;
	}
	r = view_clamp_size(r);
	c = view_clamp_size(c);
	if (r != LINES || c != COLS)
		resizeterm(r, c);
	*cols = c;
	*rows = r;
}

static const struct {
	int curses, key;
} key_map[] = {
	{ .curses = KEY_UP, .key = K_UP },
	{ .curses = KEY_DOWN, .key = K_DOWN },
	{ .curses = KEY_LEFT, .key = K_LEFT },
	{ .curses = KEY_RIGHT, .key = K_RIGHT },
	{ .curses = KEY_PPAGE, .key = K_PGUP },
	{ .curses = KEY_NPAGE, .key = K_PGDN },
	{ .curses = KEY_HOME, .key = K_HOME },
	{ .curses = KEY_END, .key = K_END },
	{ .curses = KEY_BTAB, .key = K_BTAB },
	{ .curses = KEY_F(1), .key = K_F1 },
	{ .curses = KEY_ENTER, .key = K_ENTER },
	{ .curses = KEY_BACKSPACE, .key = K_BACKSPACE },
	{ .curses = KEY_DC, .key = K_DELETE },
	{ .curses = KEY_IC, .key = K_INSERT },
};

/* 0: a key keys.h has no code for. */
static int translate(int curses_key)
{
	for (size_t i = 0; i < sizeof key_map / sizeof *key_map; i++)
		if (key_map[i].curses == curses_key)
			return key_map[i].key;
	if (curses_key > KEY_F(1) && curses_key <= KEY_F(K_F_MAX))
		return K_F(curses_key - KEY_F(0));
	return 0;
}

static unsigned mouse_event(struct draw *d, struct view *v, const MEVENT *me)
{
	const struct geometry *g = &v->geo;
	if (me->bstate & BUTTON4_PRESSED)
		return view_scroll(v, -3);
#ifdef BUTTON5_PRESSED
	if (me->bstate & BUTTON5_PRESSED)
		return view_scroll(v, 3);
#endif
	if (!(me->bstate & (BUTTON1_PRESSED | BUTTON1_CLICKED)))
		return 0;
	if (v->help.open)
		return view_help(v, 0);
	if (me->y < g->bar_row)
		return view_click_header(v, me->y, me->x);
	if (me->y == g->bar_row) {
		long i = draw_bar_click(d, v, me->x);
		return i >= 0 ? view_set_pane(v, (size_t)i) : i == -2 ? RD_BAR : 0;
	}
	if (me->y >= g->content_row && me->y < g->content_row + g->content_rows)
		return view_click_content(v, me->y - g->content_row, me->x);
	return 0;
}

/* Like a key, a click or a turn of the wheel clears the message; a
 * button's release, which terminals also report, does nothing. */
static unsigned mouse(struct draw *d, struct view *v)
{
	MEVENT me;
	if (getmouse(&me) != OK || v->prompt.kind || v->geo.too_small)
		return 0;
	char msg[sizeof v->msg];
	memcpy(msg, v->msg, sizeof msg);
	v->msg[0] = '\0';
	unsigned rd = mouse_event(d, v, &me);
	if (!rd) {
		memcpy(v->msg, msg, sizeof msg);
		return 0;
	}
	return rd | (msg[0] ? RD_STATUS : 0);
}

/* Mouse reports on or off; curses sends the terminal's mode with its
 * next output. */
static void set_mouse(bool on)
{
	mousemask(on ? BUTTON1_PRESSED | BUTTON1_CLICKED | BUTTON4_PRESSED
#ifdef BUTTON5_PRESSED
	          | BUTTON5_PRESSED
#endif
	          : 0, NULL);
}

/* The clipboard escape goes to the terminal after curses has flushed its
 * own output, so the two never interleave. */
static void copy_to_terminal(const char *text)
{
	char buf[2048];
	size_t n = osc52_format(buf, sizeof buf, text);
	for (size_t off = 0; off < n;) {
		ssize_t w = write(STDOUT_FILENO, buf + off, n - off);
		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0)
			break;
		off += (size_t)w;
	}
}

/* Keyless reads in a row with bytes still waiting: ncurses consumes a
 * byte each time (an invalid UTF-8 byte gives no key), so this only
 * bounds the loop should that ever stop being true. */
#define MAX_KEYLESS_READS 100000
/* Keys read ahead of drawing, at most: at the prompt, or after a digit. */
#define MAX_TYPEAHEAD VIEW_PAT_MAX

/*
 * After a wait said the terminal was readable and no key came: whether
 * it has gone. A hung-up terminal reports POLLHUP (a pty whose other side
 * closed) or stays readable with nothing to read (end of file); a byte
 * that is not a key (invalid UTF-8, pasted Latin-1) is neither.
 */
static bool terminal_gone(void)
{
	struct pollfd p = { .fd = STDIN_FILENO, .events = POLLIN };
	if (poll(&p, 1, 0) < 0)
		return errno != EINTR;
	if (p.revents & (POLLHUP | POLLERR | POLLNVAL))
		return true;
	int waiting = 0;
	return (p.revents & POLLIN) && ioctl(STDIN_FILENO, FIONREAD, &waiting) == 0 &&
	       waiting == 0;
}

enum ending { END_QUIT, END_SIGNAL, END_HANGUP, END_IDLE, END_MAX_TIME, END_REFUSED };

/*
 * Before curses allocates anything: the terminal's size, clamped by the
 * one rule (view_clamp_size), is written back to the pty when the rule
 * changed it, and curses is told to take the size from the pty and never
 * from LINES and COLUMNS. Returns false if an oversized pty cannot be
 * clamped (then there is no viewer); *orig gets the size it had.
 */
static bool clamp_pty(struct winsize *orig, bool *changed)
{
	*changed = false;
	use_env(FALSE);
	use_tioctl(TRUE);
	struct winsize ws;
	if (ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) != 0)
		return true;            /* curses takes terminfo's 80x24 */
	*orig = ws;
	/* 0 is "unknown": curses then takes terminfo's size. */
	if (ws.ws_row)
		ws.ws_row = (unsigned short)view_clamp_size(ws.ws_row);
	if (ws.ws_col)
		ws.ws_col = (unsigned short)view_clamp_size(ws.ws_col);
	if (ws.ws_row == orig->ws_row && ws.ws_col == orig->ws_col)
		return true;
	*changed = true;
	return ioctl(STDOUT_FILENO, TIOCSWINSZ, &ws) == 0;
}

/* Outside the kiosk the terminal is the user's own: the size it had comes
 * back, unless it was resized meanwhile. */
static void unclamp_pty(const struct winsize *orig, bool changed)
{
	struct winsize ws;
	if (changed && ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) == 0 &&
	    ws.ws_row == view_clamp_size(orig->ws_row) &&
	    ws.ws_col == view_clamp_size(orig->ws_col))
		ioctl(STDOUT_FILENO, TIOCSWINSZ, orig);
}

static double now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

/*
 * Waits until the terminal is readable, a signal arrives (the caught ones
 * are blocked everywhere else, so none slips in between the loop's check
 * and the wait) or ms pass (ms < 0: no limit), or the watched file's
 * directory has news (watch_fd >= 0: --watch). Returns WAIT_KEY when the
 * terminal is readable, WAIT_FILE for the watch, 0 otherwise.
 */
enum { WAIT_KEY = 1, WAIT_FILE = 2 };

static int wait_key(long ms, const sigset_t *waitmask, int watch_fd)
{
	fd_set fds;
	FD_ZERO(&fds);
	FD_SET(STDIN_FILENO, &fds);
	if (watch_fd >= 0)
		FD_SET(watch_fd, &fds);
	int nfds = (watch_fd > STDIN_FILENO ? watch_fd : STDIN_FILENO) + 1;
	struct timespec ts = { .tv_sec = ms / 1000, .tv_nsec = (ms % 1000) * 1000000L };
	int n = pselect(nfds, &fds, NULL, NULL, ms < 0 ? NULL : &ts, waitmask);
	if (n <= 0)
		return 0;
	return (FD_ISSET(STDIN_FILENO, &fds) ? WAIT_KEY : 0) |
	       (watch_fd >= 0 && FD_ISSET(watch_fd, &fds) ? WAIT_FILE : 0);
}

/* Milliseconds to the nearer of the two limits, 0 when one is reached
 * (*which says which), -1 when there is none. */
static long to_deadline(const struct tui_options *o, double start, double last_key,
                        enum ending *which)
{
	if (!o->max_time && !o->idle_timeout)
		return -1;
	double t = now(), left = 0;
	bool have = false;
	if (o->max_time) {
		left = start + (double)o->max_time - t;
		*which = END_MAX_TIME;
		have = true;
	}
	if (o->idle_timeout) {
		double idle = last_key + (double)o->idle_timeout - t;
		if (!have || idle < left) {
			left = idle;
			*which = END_IDLE;
		}
	}
	if (left <= 0)
		return 0;
	return (long)(left * 1000) + 1;
}

/* The help and the problems list wrapped for the width: after a resize. */
static void fit_help(struct view *v, struct help *h, struct help *problems)
{
	view_help_sizes(v, (long)help_layout(h, v->geo.col_w),
	                (long)help_layout(problems, v->geo.col_w));
}

static enum ending run(struct view *v, struct draw *d, const struct tui_options *o,
                       struct watch *w, struct help *h)
{
	struct keys_state ks = { 0 };
	unsigned rd = RD_ALL;
	long keyless = 0, ahead = 0;
	bool readable = false;
	double start = now(), last_key = start;
	for (;;) {
		/* Ctrl-C reaches us as SIGINT (cbreak mode). At a prompt it
		 * cancels the prompt, as in less; elsewhere it quits. */
		if (got_signal == SIGINT && v->prompt.kind != PROMPT_NONE) {
			got_signal = 0;
			rd |= view_prompt_key(v, K_CTRL('C'));
		}
		if (got_signal)
			return END_SIGNAL;
		if (got_winch) {
			got_winch = 0;
			int cols, rows;
			fit_terminal(&cols, &rows);
			rd |= view_resize(v, cols, rows);
			fit_help(v, h, w->problems);
		}
		if (rd & RD_QUIT)
			return END_QUIT;
		/* At the prompt, keys already typed (a paste) are read
		 * before drawing: a pasted pattern is searched for once, not
		 * once for each of its characters. After a digit, likewise:
		 * "10" typed ahead is one number however long the frame after
		 * "1" would take. The limits are checked at the latest
		 * MAX_TYPEAHEAD keys later. */
		if (rd && (v->prompt.kind != PROMPT_NONE || ks.number) && ahead < MAX_TYPEAHEAD &&
		    wait_key(0, &output_mask, -1) & WAIT_KEY) {
			ahead++;
		} else if (rd) {
			ahead = 0;
			enum ending which = END_QUIT;
			long ms = to_deadline(o, start, last_key, &which);
			if (ms == 0)
				return which;
			if (rd & RD_CLEAR)
				clearok(curscr, TRUE);
			view_prepare(v);
			draw(d, v, rd);
			if (rd & RD_MOUSE)
				set_mouse(!v->no_mouse);
			output_begin(ms);
			refresh();
			if (rd & RD_COPY)
				copy_to_terminal(v->copy);
			output_end();
			rd = 0;
			continue;       /* a signal or limit met while writing */
		}
		/* Keys curses already holds come first (get_wch does not
		 * block: nodelay); then wait for the terminal, a signal or a
		 * time limit. */
		wint_t ch;
		int r = get_wch(&ch);
		if (r == ERR) {
			if (readable && (terminal_gone() || ++keyless >= MAX_KEYLESS_READS))
				return END_HANGUP;
			enum ending which = END_QUIT;
			long ms = to_deadline(o, start, last_key, &which);
			if (ms == 0)
				return which;
			int got = wait_key(ms, &output_mask, w->fd);
			readable = got & WAIT_KEY;
			if (got & WAIT_FILE) {
				const struct help *problems = d->problems;
				unsigned x = watch_event(w, v);
				if (x & WATCH_RELOADED) {       /* new panes */
					draw_free(d);
					draw_init(d, v, d->color, d->help);
					d->problems = problems;
				}
				rd |= x & ~WATCH_RELOADED;
			}
			continue;
		}
		readable = false;
		keyless = 0;
		if (r == KEY_CODE_YES && ch == KEY_RESIZE) {
			/* Only if curses caught SIGWINCH after all. */
			int cols, rows;
			fit_terminal(&cols, &rows);
			rd |= view_resize(v, cols, rows);
			fit_help(v, h, w->problems);
			continue;
		}
		last_key = now();
		if (r == KEY_CODE_YES && ch == KEY_MOUSE) {
			ks = (struct keys_state){ 0 };  /* a click ends Esc, z or a number */
			rd |= mouse(d, v);
		} else if (v->geo.too_small) {
			/* Only quitting makes sense on the notice. */
			if (ch == 'q' || ch == 'Q' || ch == K_CTRL('C'))
				rd |= RD_QUIT;
		} else {
			int key = r == KEY_CODE_YES ? translate((int)ch) : ch ? (int)ch : K_NUL;
			if (key) {
				rd |= keys_dispatch(&ks, v, key);
			} else {
				const char *name = keyname((int)ch);
				rd |= keys_unknown(&ks, v, name ? name : "");
			}
		}
	}
}

/* "10m", "90s", "2h": how a limit is said back to the visitor. */
static void say_duration(char *buf, size_t size, unsigned long s)
{
	if (s % 3600 == 0)
		snprintf(buf, size, "%luh", s / 3600);
	else if (s % 60 == 0)
		snprintf(buf, size, "%lum", s / 60);
	else
		snprintf(buf, size, "%lus", s);
}

/* Why the viewer ended, said on stderr once the terminal is restored. */
struct ended {
	enum ending end;
	const struct tui_options *o;
	const char *refused;    /* END_REFUSED: the protection that failed */
	int refused_err;
};

static void say_ending(const struct ended *e)
{
	const struct tui_options *o = e->o;
	char dur[32];
	switch (e->end) {
	case END_IDLE:
		say_duration(dur, sizeof dur, o->idle_timeout);
		fprintf(stderr, "vitae: idle for %s, closing\n", dur);
		break;
	case END_MAX_TIME:
		say_duration(dur, sizeof dur, o->max_time);
		fprintf(stderr, "vitae: the session reached its limit of %s, closing\n", dur);
		break;
	case END_SIGNAL:
		if (got_signal == SIGXCPU)
			fputs("vitae: the session reached its CPU limit, closing\n", stderr);
		break;
	case END_REFUSED:
		kiosk_refuse_message(e->refused, e->refused_err);
		break;
	case END_QUIT:
	case END_HANGUP:
		break;
	}
}

static void die_restore(void)
{
	/* Out of memory: the terminal restored, within the same deadline. */
	output_begin(OUTPUT_GRACE_MS);
	endwin();
	output_end();
}

/* What the viewer changes in the process and the terminal, to be put
 * back by term_teardown() whatever ends the viewer. */
struct term {
	struct sigaction old[NCAUGHT], old_tstp, old_pipe;
	bool tstp;              /* SIGTSTP ignored (kiosk) */
	bool kiosk;             /* the pty's size is not given back */
	sigset_t waitmask;      /* the mask before ours: the loop waits in it */
	struct winsize orig_size;       /* the pty's size before the clamp */
	bool clamped;           /* ... which the clamp changed */
	SCREEN *scr;            /* NULL: curses never took the terminal */
};

/* The one way out. Why the viewer ended (NULL: it never ran) is said on
 * stderr once the terminal is restored; restoring has a deadline like
 * every write. */
static void term_teardown(struct term *t, const struct ended *e)
{
	if (t->scr) {
		output_begin(OUTPUT_GRACE_MS);
		endwin();
		if (e)
			say_ending(e);
		output_end();
		set_die_hook(NULL);
		delscreen(t->scr);
		t->scr = NULL;
		if (!t->kiosk)
			unclamp_pty(&t->orig_size, t->clamped);
	}
	/* Unblocked while our handlers are still in place, a signal that
	 * came in after the loop (a hang-up's SIGHUP) is only noted; only
	 * then do the old handlers come back. */
	sigprocmask(SIG_SETMASK, &t->waitmask, NULL);
	if (t->tstp)
		sigaction(SIGTSTP, &t->old_tstp, NULL);
	restore_signals(t->old);
	sigaction(SIGPIPE, &t->old_pipe, NULL);
	if (dead_fd >= 0)
		close(dead_fd);
	dead_fd = -1;
}

/* Signals, the output's dead pipe, then curses on the clamped pty. False
 * when curses cannot use the terminal; then everything is already put
 * back. */
static bool term_setup(struct term *t, const struct tui_options *o)
{
	*t = (struct term){ .kiosk = o->kiosk };
	got_signal = got_winch = in_output = 0;
	catch_signals(t->old);
	/* The caught signals only get through while the loop waits or
	 * curses writes (output_begin). */
	sigset_t block;
	sigemptyset(&block);
	for (size_t i = 0; i < NCAUGHT; i++)
		sigaddset(&block, caught[i]);
	sigprocmask(SIG_BLOCK, &block, &t->waitmask);
	output_mask = t->waitmask;
	sigprocmask(SIG_BLOCK, NULL, &loop_mask);
	/* The dead pipe the watchdog swaps in: made now, before the
	 * sandbox, and EPIPE rather than SIGPIPE when written to. */
	int pfd[2];
	if (pipe(pfd) == 0) {
		close(pfd[0]);
		fcntl(pfd[1], F_SETFD, FD_CLOEXEC);
		dead_fd = pfd[1];
	}
	struct sigaction ign_pipe = { .sa_handler = SIG_IGN };
	sigemptyset(&ign_pipe.sa_mask);
	sigaction(SIGPIPE, &ign_pipe, &t->old_pipe);
	/* A visitor cannot suspend the kiosk (nothing would resume it);
	 * ignored before newterm, curses leaves SIGTSTP alone. */
	if (o->kiosk) {
		struct sigaction ign = { .sa_handler = SIG_IGN };
		sigemptyset(&ign.sa_mask);
		sigaction(SIGTSTP, &ign, &t->old_tstp);
		t->tstp = true;
	}
	/* With TERM=linux, ncurses would load libgpm and connect to its
	 * socket for the mouse: a file we were not given. Empty, this
	 * turns GPM off (ncurses(3X)); the terminal's own mouse reports
	 * still work. */
	setenv("NCURSES_GPM_TERMS", "", 1);
	if (clamp_pty(&t->orig_size, &t->clamped))
		t->scr = newterm(NULL, stdout, stdin);
	if (!t->scr) {
		term_teardown(t, NULL);
		return false;
	}
	/* Running out of memory aborts; the terminal is restored first. */
	set_die_hook(die_restore);
	cbreak();
	noecho();
	nonl();
	keypad(stdscr, TRUE);
	nodelay(stdscr, TRUE);  /* the loop waits, in pselect */
	meta(stdscr, TRUE);
	intrflush(stdscr, FALSE);
	idlok(stdscr, TRUE);    /* scroll with insert/delete line: few bytes */
	curs_set(0);
	set_escdelay(25);
	mouseinterval(0);       /* a press is a click: no waiting */
	if (!o->no_mouse)
		set_mouse(true);
	return true;
}

/*
 * `vitae -` from a pipe: standard input held the résumé and is spent.
 * The controlling terminal takes its place, so that curses and the loop
 * read keys from it as from any terminal on standard input; the modes
 * curses sets are the terminal's, and endwin() restores them on the one
 * way out. The kiosk never comes here: its only terminal is the visitor
 * on standard input, and the sandbox allows no open().
 */
static int keys_from_tty(const struct tui_options *o)
{
	int err = EPERM;
	if (!o->kiosk) {
		int fd = open("/dev/tty", O_RDWR | O_NOCTTY | O_CLOEXEC);
		err = fd < 0 ? errno : !isatty(fd) ? ENOTTY
		      : dup2(fd, STDIN_FILENO) < 0 ? errno : 0;
		if (fd > STDIN_FILENO)
			close(fd);
	}
	if (err)
		fprintf(stderr, "vitae: no terminal to read keys from (/dev/tty: %s); "
		        "--dump prints the résumé\n", strerror(err));
	return err ? -1 : 0;
}

int tui_run(const struct resume *r, const struct diag *diag, const struct tui_options *o)
{
	if ((!o->tty_keys && !isatty(STDIN_FILENO)) || !isatty(STDOUT_FILENO))
		return -1;
	setlocale(LC_CTYPE, "");
	if (!termcheck_usable())
		return -1;
	if (o->tty_keys && keys_from_tty(o) != 0)
		return 2;
	const char *nc = getenv("NO_COLOR");
	bool color = !o->no_color && !(nc && *nc);
	bool ascii = o->ascii || strcmp(nl_langinfo(CODESET), "UTF-8") != 0;

	/* --watch: set up before the terminal, so that a watch that cannot
	 * be had is an error, not a viewer that never reloads. */
	struct watch w = { .fd = -1 };
	if (o->watch && watch_open(&w, o->watch, o->limits) != 0) {
		fprintf(stderr, "vitae: cannot watch %s: %s\n", o->watch, strerror(errno));
		watch_close(&w);
		return 2;
	}
	struct term t;
	if (!term_setup(&t, o)) {
		watch_close(&w);
		return -1;
	}

	struct view v;
	struct help h, problems;
	struct draw d;
	view_init(&v, r, ascii);
	v.no_mouse = o->no_mouse;
	help_build(&h, ascii);
	problems_build(&problems, diag);
	draw_init(&d, &v, color, &h);
	d.problems = &problems;
	w.problems = &problems;
	if (diag && diag->n) {
		size_t n = diag->nerrors + diag->nwarnings;
		view_message(&v, false, "%zu problem%s: press ! to list", n, n == 1 ? "" : "s");
	}
	int cols, rows;
	fit_terminal(&cols, &rows);
	view_resize(&v, cols, rows);
	fit_help(&v, &h, &problems);
	view_pane(&v);
	if (o->section) {
		long i = view_find_pane(&v, o->section);
		char name[VIEW_PAT_MAX];
		view_clean_text(name, sizeof name, o->section);
		char panes[VIEW_MSG_MAX];
		view_pane_list(&v, panes, sizeof panes);
		if (i < 0)
			view_message(&v, true, "No pane matches \"%s\"; panes: %s", name, panes);
		else
			view_set_pane(&v, (size_t)i);
	}
	if (o->search)
		view_search(&v, o->search);

	/* Everything that needs a file (terminfo) is open, nothing of the
	 * résumé is drawn yet: from here on the kernel allows only the calls
	 * the viewer makes (kiosk.h), or the kiosk does not serve. */
	struct ended ended = { .o = o, .end = END_REFUSED };
	if (!o->kiosk || kiosk_sandbox(&ended.refused) == 0)
		ended.end = run(&v, &d, o, &w, &h);
	else
		ended.refused_err = errno;
	enum ending end = ended.end;
	term_teardown(&t, &ended);

	int status = 0;
	switch (end) {
	case END_QUIT:
	case END_IDLE:
	case END_MAX_TIME:
		break;
	case END_SIGNAL:
		status = got_signal == SIGINT ? 0 : 128 + got_signal;
		break;
	case END_HANGUP:
		status = 128 + SIGHUP;
		break;
	case END_REFUSED:
		status = KIOSK_EXIT_REFUSED;
		break;
	}
	draw_free(&d);
	help_free(&h);
	help_free(&problems);
	view_free(&v);
	watch_close(&w);
	return status;
}
