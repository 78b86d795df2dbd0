/*
 * The pty harness behind vt.h: a child on the slave side of a pty, libvterm
 * as the terminal on the master side; input, waiting and the end of the
 * child. Reading the screen is in vt_screen.c, modes in vt_modes.c.
 */
/* posix_openpt() and friends are XSI; pipe2() and F_SETPIPE_SZ are
 * Linux's. */
#define _GNU_SOURCE
#ifndef _XOPEN_SOURCE
#define _XOPEN_SOURCE 700
#endif
#include "vt_priv.h"
#include "testenv.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <termios.h>
#include <time.h>
#include <unistd.h>
#include <vterm.h>


/* The log keeps this much; the byte counter keeps counting past it. */
#define LOG_MAX (64u << 20)

static long long now_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static void sleep_ms(int ms)
{
	struct timespec ts = { .tv_sec = ms / 1000, .tv_nsec = (long)(ms % 1000) * 1000000 };
	nanosleep(&ts, NULL);
}

/* --- libvterm glue ------------------------------------------------------- */

static int on_termprop(VTermProp prop, VTermValue *val, void *user)
{
	struct vt *vt = user;
	if (prop == VTERM_PROP_ALTSCREEN)
		vt->altscreen = val->boolean;
	else if (prop == VTERM_PROP_CURSORVISIBLE)
		vt->cursor_visible = val->boolean;
	return 1;
}

/* Answers to the child's queries (cursor position, device attributes). */
static void on_output(const char *s, size_t len, void *user)
{
	struct vt *vt = user;
	if (!vt->eof)
		(void)!write(vt->master, s, len);
}

static const VTermScreenCallbacks screen_cbs = {
	.settermprop = on_termprop,
};

/* --- the child ----------------------------------------------------------- */

/* What vt.h promises the child: a known terminal and locale. */
static const char *const env_defaults[] = {
	"TERM=xterm-256color", "LANG=C.UTF-8", "LC_ALL", "LC_CTYPE",
	"LINES", "COLUMNS", "NO_COLOR",
};

/* in_fd >= 0: standard input is that (a pipe), the pty stays the
 * controlling terminal and standard output and error. */
static void child(int slave, int in_fd, char *const argv[], char **env)
{
	static const int sigs[] = { SIGINT, SIGQUIT, SIGTERM, SIGHUP, SIGPIPE,
	                            SIGCHLD, SIGWINCH, SIGALRM, SIGTSTP };
	sigset_t none;
	sigemptyset(&none);
	sigprocmask(SIG_SETMASK, &none, NULL);
	for (size_t i = 0; i < sizeof sigs / sizeof sigs[0]; i++)
		signal(sigs[i], SIG_DFL);
	if (setsid() < 0 || ioctl(slave, TIOCSCTTY, 0) < 0)
		_exit(126);
	if (dup2(in_fd >= 0 ? in_fd : slave, 0) < 0 || dup2(slave, 1) < 0 ||
	    dup2(slave, 2) < 0)
		_exit(126);
	if (slave > 2)
		close(slave);
	execve(argv[0], argv, env);
	dprintf(2, "vt: cannot run %s: %s\r\n", argv[0], strerror(errno));
	_exit(127);
}

/* input: what the child reads on a pipe as its standard input, or NULL
 * for the pty. */
static struct vt *start(char *const argv[], int rows, int cols,
                        const char *const env[], const char *input, size_t n)
{
	int in[2] = { -1, -1 };
	struct vt *vt = calloc(1, sizeof *vt);
	char **cenv = testenv_build(env_defaults,
	                             sizeof env_defaults / sizeof *env_defaults, env);
	if (!vt || !cenv)
		goto fail;
	vt->master = posix_openpt(O_RDWR | O_NOCTTY);
	if (vt->master < 0 || grantpt(vt->master) < 0 || unlockpt(vt->master) < 0) {
		perror("vt: pty");
		goto fail;
	}
	const char *name = ptsname(vt->master);
	int slave = name ? open(name, O_RDWR | O_NOCTTY) : -1;
	if (slave < 0) {
		perror("vt: slave");
		goto fail;
	}
	struct winsize ws = { .ws_row = (unsigned short)rows, .ws_col = (unsigned short)cols };
	ioctl(vt->master, TIOCSWINSZ, &ws);
	/* The whole input fits the pipe, so writing it never waits on the
	 * child. */
	if (input && (pipe2(in, O_CLOEXEC) < 0 ||
	              fcntl(in[1], F_SETPIPE_SZ, n > 4096 ? (int)n : 4096) < (int)n)) {
		perror("vt: input pipe");
		close(slave);
		goto fail;
	}

	vt->rows = rows;
	vt->cols = cols;
	vt->keypad = -1;
	vt->cursor_visible = true;
	vt->term = vterm_new(rows, cols);
	vterm_set_utf8(vt->term, 1);
	vterm_output_set_callback(vt->term, on_output, vt);
	vt->screen = vterm_obtain_screen(vt->term);
	vterm_screen_enable_altscreen(vt->screen, 1);
	vterm_screen_set_callbacks(vt->screen, &screen_cbs, vt);
	vterm_screen_reset(vt->screen, 1);

	fflush(NULL);
	vt->pid = fork();
	if (vt->pid < 0) {
		perror("vt: fork");
		close(slave);
		goto fail;
	}
	if (vt->pid == 0) {
		close(vt->master);
		child(slave, in[0], argv, cenv);
	}
	close(slave);
	free(cenv);
	if (input) {
		close(in[0]);
		bool whole = write(in[1], input, n) == (ssize_t)n;
		close(in[1]);
		if (!whole) {
			perror("vt: input pipe");
			vt_close(vt);
			return NULL;
		}
	}
	fcntl(vt->master, F_SETFL, fcntl(vt->master, F_GETFL) | O_NONBLOCK);
	fcntl(vt->master, F_SETFD, FD_CLOEXEC);
	return vt;
fail:
	free(cenv);
	for (int i = 0; i < 2; i++)
		if (in[i] >= 0)
			close(in[i]);
	if (vt) {
		vt->pid = 0;
		vt->exited = true;
		vt_close(vt);
	}
	return NULL;
}

struct vt *vt_start(char *const argv[], int rows, int cols,
                    const char *const env[])
{
	return start(argv, rows, cols, env, NULL, 0);
}

struct vt *vt_start_input(char *const argv[], int rows, int cols,
                          const char *const env[], const char *input, size_t n)
{
	return start(argv, rows, cols, env, input, n);
}

void vt_close(struct vt *vt)
{
	if (!vt)
		return;
	if (vt->pid > 0 && !vt->exited) {
		/* The child leads its own session: its group holds any helpers. */
		kill(-vt->pid, SIGKILL);
		kill(vt->pid, SIGKILL);
		waitpid(vt->pid, &vt->status, 0);
	}
	if (vt->master > 0)
		close(vt->master);
	if (vt->term)
		vterm_free(vt->term);
	free(vt->log);
	free(vt->rowbuf);
	free(vt->scrbuf);
	free(vt);
}

/* --- pumping ------------------------------------------------------------- */

static void reap(struct vt *vt)
{
	if (!vt->exited && vt->pid > 0 && waitpid(vt->pid, &vt->status, WNOHANG) == vt->pid)
		vt->exited = true;
}

static void take(struct vt *vt, const char *buf, size_t n)
{
	vt->total += n;
	if (vt->len < LOG_MAX) {
		size_t keep = n < LOG_MAX - vt->len ? n : LOG_MAX - vt->len;
		if (vt->len + keep + 1 > vt->cap) {
			size_t cap = vt->cap ? vt->cap : 65536;
			while (cap < vt->len + keep + 1)
				cap *= 2;
			char *p = realloc(vt->log, cap);
			if (p) {
				vt->log = p;
				vt->cap = cap;
			} else {
				keep = 0;
			}
		}
		memcpy(vt->log + vt->len, buf, keep);
		vt->len += keep;
		if (vt->log)
			vt->log[vt->len] = '\0';
	}
	vt_modes_feed(vt, buf, n);
	vterm_input_write(vt->term, buf, n);
}

/* Reads what is there within timeout_ms: >0 bytes, 0 nothing, -1 pty closed. */
static int pump(struct vt *vt, int timeout_ms)
{
	if (vt->eof) {
		reap(vt);
		if (timeout_ms > 0)
			sleep_ms(timeout_ms < 5 ? timeout_ms : 5);
		return -1;
	}
	struct pollfd pfd = { .fd = vt->master, .events = POLLIN };
	int r = poll(&pfd, 1, timeout_ms < 0 ? 0 : timeout_ms);
	if (r < 0)
		return errno == EINTR ? 0 : -1;
	if (r == 0)
		return 0;
	char buf[65536];
	int got = 0;
	for (;;) {
		ssize_t n = read(vt->master, buf, sizeof buf);
		if (n > 0) {
			take(vt, buf, (size_t)n);
			got += (int)n;
			continue;
		}
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK))
			break;
		vt->eof = true;     /* EIO: every slave fd closed */
		reap(vt);
		break;
	}
	return got ? got : vt->eof ? -1 : 0;
}

bool vt_settle(struct vt *vt, int quiet_ms, int max_ms)
{
	long long start = now_ms(), last = start;
	for (;;) {
		long long t = now_ms();
		long long left = quiet_ms - (t - last);
		long long hard = max_ms - (t - start);
		if (left <= 0)
			return true;
		if (hard <= 0)
			return false;
		int r = pump(vt, (int)(left < hard ? left : hard));
		if (r > 0)
			last = now_ms();
		else if (r < 0)
			return true;
	}
}

bool vt_type(struct vt *vt, const char *bytes, int max_ms)
{
	long long start = now_ms();
	size_t before = vt->total;
	if (!vt_send(vt, bytes))
		return false;
	while (vt->total == before) {
		long long left = max_ms - (now_ms() - start);
		if (left <= 0 || pump(vt, (int)left) < 0)
			break;
	}
	bool answered = vt->total != before;
	long long left = max_ms - (now_ms() - start);
	vt_settle(vt, 30, left > 30 ? (int)left : 30);
	return answered;
}

bool vt_wait_for(struct vt *vt, bool (*pred)(struct vt *, const void *),
                 const void *arg, int timeout_ms)
{
	long long start = now_ms();
	for (;;) {
		if (pred(vt, arg))
			return true;
		long long left = timeout_ms - (now_ms() - start);
		if (left <= 0)
			return false;
		if (pump(vt, (int)left) < 0 && vt->exited)
			return pred(vt, arg);
	}
}

static bool has_text(struct vt *vt, const void *text)
{
	return vt_has(vt, text);
}

static bool lacks_text(struct vt *vt, const void *text)
{
	return !vt_has(vt, text);
}

bool vt_wait_text(struct vt *vt, const char *text, int timeout_ms)
{
	return vt_wait_for(vt, has_text, text, timeout_ms);
}

bool vt_wait_gone(struct vt *vt, const char *text, int timeout_ms)
{
	return vt_wait_for(vt, lacks_text, text, timeout_ms);
}

/* --- input --------------------------------------------------------------- */

bool vt_send_n(struct vt *vt, const char *bytes, size_t n)
{
	long long start = now_ms();
	while (n > 0) {
		if (vt->eof)
			return false;
		ssize_t w = write(vt->master, bytes, n);
		if (w > 0) {
			bytes += w;
			n -= (size_t)w;
			continue;
		}
		if (w < 0 && errno != EAGAIN && errno != EINTR)
			return false;
		/* The child is not reading: keep draining its output meanwhile. */
		if (now_ms() - start > 5000)
			return false;
		pump(vt, 5);
	}
	return true;
}

bool vt_send(struct vt *vt, const char *bytes)
{
	return vt_send_n(vt, bytes, strlen(bytes));
}

bool vt_send_ctrl(struct vt *vt, char c)
{
	char b = (char)((c >= 'a' && c <= 'z' ? c - 'a' + 'A' : c) & 0x1f);
	return vt_send_n(vt, &b, 1);
}

bool vt_send_key(struct vt *vt, enum vt_key key)
{
	bool app = vt_mode(vt, 1) == 1;
	static const char *const normal[] = {
		[VT_KEY_UP] = "\033[A", [VT_KEY_DOWN] = "\033[B",
		[VT_KEY_RIGHT] = "\033[C", [VT_KEY_LEFT] = "\033[D",
		[VT_KEY_HOME] = "\033[H", [VT_KEY_END] = "\033[F",
		[VT_KEY_PGUP] = "\033[5~", [VT_KEY_PGDN] = "\033[6~",
		[VT_KEY_F1] = "\033OP", [VT_KEY_TAB] = "\t", [VT_KEY_BTAB] = "\033[Z",
		[VT_KEY_ENTER] = "\r", [VT_KEY_ESC] = "\033", [VT_KEY_BACKSPACE] = "\177",
	};
	static const char *const application[] = {
		[VT_KEY_UP] = "\033OA", [VT_KEY_DOWN] = "\033OB",
		[VT_KEY_RIGHT] = "\033OC", [VT_KEY_LEFT] = "\033OD",
		[VT_KEY_HOME] = "\033OH", [VT_KEY_END] = "\033OF",
	};
	const char *s = NULL;
	if (app && (size_t)key < sizeof application / sizeof application[0])
		s = application[key];
	if (!s && (size_t)key < sizeof normal / sizeof normal[0])
		s = normal[key];
	return s && vt_send(vt, s);
}

static enum vt_mouse_enc mouse_enc(const struct vt *vt)
{
	if (vt_mode(vt, 1000) != 1 && vt_mode(vt, 1002) != 1 && vt_mode(vt, 1003) != 1)
		return VT_MOUSE_AUTO;       /* reporting is off */
	return vt_mode(vt, 1006) == 1 ? VT_MOUSE_SGR : VT_MOUSE_X10;
}

/* One report into buf (at least 32 bytes); its length, 0 if unencodable. */
static size_t mouse_bytes(char *buf, enum vt_mouse_enc enc, int button,
                          bool press, int row, int col)
{
	if (enc == VT_MOUSE_SGR)
		return (size_t)snprintf(buf, 32, "\033[<%d;%d;%d%c", button, col + 1,
		                        row + 1, press ? 'M' : 'm');
	if (enc != VT_MOUSE_X10 || col + 1 + 32 > 255 || row + 1 + 32 > 255)
		return 0;
	buf[0] = '\033';
	buf[1] = '[';
	buf[2] = 'M';
	buf[3] = (char)(32 + (press ? button : 3));
	buf[4] = (char)(32 + col + 1);
	buf[5] = (char)(32 + row + 1);
	return 6;
}

bool vt_send_mouse(struct vt *vt, enum vt_mouse_enc enc, int button,
                   bool press, int row, int col)
{
	char buf[32];
	size_t n = mouse_bytes(buf, enc == VT_MOUSE_AUTO ? mouse_enc(vt) : enc,
	                       button, press, row, col);
	return n > 0 && vt_send_n(vt, buf, n);
}

/* Press and release in one write, as a terminal sends a quick click. */
bool vt_click(struct vt *vt, int row, int col)
{
	char buf[64];
	enum vt_mouse_enc enc = mouse_enc(vt);
	size_t n = mouse_bytes(buf, enc, 0, true, row, col);
	size_t m = n ? mouse_bytes(buf + n, enc, 0, false, row, col) : 0;
	return m > 0 && vt_send_n(vt, buf, n + m);
}

bool vt_wheel(struct vt *vt, int button, int row, int col)
{
	enum vt_mouse_enc enc = mouse_enc(vt);
	return enc != VT_MOUSE_AUTO && vt_send_mouse(vt, enc, button, true, row, col);
}

bool vt_resize(struct vt *vt, int rows, int cols)
{
	struct winsize ws = { .ws_row = (unsigned short)rows, .ws_col = (unsigned short)cols };
	vt_settle(vt, 10, 200);     /* what was drawn at the old size lands there */
	vterm_set_size(vt->term, rows, cols);
	vt->rows = rows;
	vt->cols = cols;
	return ioctl(vt->master, TIOCSWINSZ, &ws) == 0;
}

/* --- the end ------------------------------------------------------------- */

bool vt_wait_exit(struct vt *vt, int timeout_ms, int *status)
{
	long long start = now_ms();
	for (;;) {
		reap(vt);
		if (vt->exited) {
			/* Drain what it wrote before it went: up to the end of
			 * the pty (EIO, every slave closed), not up to a quiet
			 * moment, since the kernel hands the last bytes to the
			 * master asynchronously and a loaded machine may pause
			 * longer than any short wait. A slave still held open
			 * (a grandchild) bounds this at two seconds. */
			long long drained = now_ms();
			while (!vt->eof && now_ms() - drained < 2000)
				pump(vt, 50);
			break;
		}
		long long left = timeout_ms - (now_ms() - start);
		if (left <= 0)
			return false;
		pump(vt, left < 20 ? (int)left : 20);
	}
	if (status)
		*status = vt->status;
	return true;
}

bool vt_exited(struct vt *vt)
{
	reap(vt);
	return vt->exited;
}

bool vt_kill(struct vt *vt, int sig)
{
	reap(vt);
	return !vt->exited && vt->pid > 0 && kill(vt->pid, sig) == 0;
}

const char *vt_log(const struct vt *vt, size_t *len)
{
	if (len)
		*len = vt->len;
	return vt->log ? vt->log : "";
}

size_t vt_bytes(const struct vt *vt)
{
	return vt->total;
}

bool vt_log_has(const struct vt *vt, size_t from, const char *bytes, size_t n)
{
	if (!vt->log || from >= vt->len || n == 0)
		return false;
	for (const char *p = vt->log + from; p + n <= vt->log + vt->len; p++) {
		p = memchr(p, bytes[0], (size_t)(vt->log + vt->len - p));
		if (!p || p + n > vt->log + vt->len)
			return false;
		if (memcmp(p, bytes, n) == 0)
			return true;
	}
	return false;
}
