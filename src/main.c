/*
 * vitae: a terminal résumé viewer. This file reads the command line,
 * loads the résumé and hands it to one of the outputs: --check, the text
 * or Markdown printers, or the interactive viewer.
 */
#include <errno.h>
#include <getopt.h>
#include <limits.h>
#include <locale.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/time.h>
#include <unistd.h>

#include "diag.h"
#include "kiosk.h"
#include "layout.h"
#include "load.h"
#include "print.h"
#include "tui/tui.h"
#include "utf8.h"

extern const char bundled_resume[];
extern const size_t bundled_resume_len;

#define EXIT_INVALID 1
#define EXIT_USAGE 2

struct options {
	const char *file;       /* NULL: the bundled résumé */
	char **more;            /* --check: the files after the first */
	int nmore;
	bool dump, check;
	bool watch;             /* --watch: read FILE again when it changes */
	bool kiosk;             /* --kiosk, or started as a login shell */
	bool selftest;          /* --kiosk-selftest */
	bool no_seccomp;        /* --no-seccomp: serve where no filter exists */
	const char *request;    /* kiosk: what the visitor asked for */
	struct kiosk_limits klimits;
	struct tui_options tui;
	enum out_format format;
	int width;              /* 0: from the terminal, else 80 */
	struct load_limits limits;
};

enum {
	OPT_CHECK = 0x100,
	OPT_MAX_SIZE,
	OPT_MAX_DEPTH,
	OPT_ASCII,
	OPT_NO_COLOR,
	OPT_NO_MOUSE,
	OPT_SECTION,
	OPT_SEARCH,
	OPT_KIOSK,
	OPT_IDLE_TIMEOUT,
	OPT_MAX_TIME,
	OPT_MAX_MEMORY,
	OPT_WATCH,
	OPT_MAX_CPU,
	OPT_KIOSK_SELFTEST,
	OPT_NO_SECCOMP,
};

static const struct option long_options[] = {
	{ .name = "dump", .has_arg = no_argument, .val = 'd' },
	{ .name = "format", .has_arg = required_argument, .val = 'f' },
	{ .name = "width", .has_arg = required_argument, .val = 'w' },
	{ .name = "check", .has_arg = no_argument, .val = OPT_CHECK },
	{ .name = "max-size", .has_arg = required_argument, .val = OPT_MAX_SIZE },
	{ .name = "max-depth", .has_arg = required_argument, .val = OPT_MAX_DEPTH },
	{ .name = "ascii", .has_arg = no_argument, .val = OPT_ASCII },
	{ .name = "no-color", .has_arg = no_argument, .val = OPT_NO_COLOR },
	{ .name = "no-mouse", .has_arg = no_argument, .val = OPT_NO_MOUSE },
	{ .name = "section", .has_arg = required_argument, .val = OPT_SECTION },
	{ .name = "search", .has_arg = required_argument, .val = OPT_SEARCH },
	{ .name = "kiosk", .has_arg = no_argument, .val = OPT_KIOSK },
	{ .name = "watch", .has_arg = no_argument, .val = OPT_WATCH },
	{ .name = "idle-timeout", .has_arg = required_argument, .val = OPT_IDLE_TIMEOUT },
	{ .name = "max-time", .has_arg = required_argument, .val = OPT_MAX_TIME },
	{ .name = "max-memory", .has_arg = required_argument, .val = OPT_MAX_MEMORY },
	{ .name = "max-cpu", .has_arg = required_argument, .val = OPT_MAX_CPU },
	{ .name = "kiosk-selftest", .has_arg = no_argument, .val = OPT_KIOSK_SELFTEST },
	{ .name = "no-seccomp", .has_arg = no_argument, .val = OPT_NO_SECCOMP },
	{ .name = "help", .has_arg = no_argument, .val = 'h' },
	{ .name = "version", .has_arg = no_argument, .val = 'V' },
	{ 0 },
};

static const char usage_text[] =
	"usage: vitae [options] [FILE]\n"
	"       vitae --check [FILE...]\n"
	"Show a résumé (RenderCV YAML or JSON Resume) in the terminal.\n"
	"Without FILE, shows the bundled résumé; FILE - reads standard input\n"
	"(then, as in less, the viewer takes its keys from the terminal).\n"
	"\n"
	"  -d, --dump            print the résumé and exit\n"
	"  -f, --format FORMAT   text, markdown, json (JSON Resume), yaml (RenderCV)\n"
	"                        or man (a manual page); implies --dump\n"
	"  -w, --width N         wrap text at N columns (20-1000)\n"
	"      --check           validate only, each FILE given; report problems\n"
	"                        as FILE:LINE:COLUMN, in line order\n"
	"      --max-size SIZE   refuse larger files (default 4M, kiosk 1M; K, M, G)\n"
	"      --max-depth N     refuse deeper nesting (default 64)\n"
	"      --ascii           use ASCII characters only\n"
	"      --no-color        draw without colours (also when NO_COLOR is set)\n"
	"      --no-mouse        leave the mouse to the terminal\n"
	"      --section NAME    open the viewer on the pane NAME\n"
	"      --search PATTERN  open the viewer searching for PATTERN\n"
	"      --watch           read FILE again whenever it changes on disk\n"
	"      --kiosk           serve visitors over ssh (ForceCommand); see vitae(1)\n"
	"      --idle-timeout T  end the viewer after T without a key (kiosk: 10m)\n"
	"      --max-time T      end the viewer after T in all (kiosk: 60m)\n"
	"      --max-memory SIZE kiosk address-space limit (default 64M)\n"
	"      --max-cpu T       kiosk CPU time limit (default 5m)\n"
	"      --kiosk-selftest  set up the kiosk's protections, check each, exit\n"
	"      --no-seccomp      kiosk on an architecture without a filter; see vitae(1)\n"
	"  -h, --help            show this help and exit\n"
	"  -V, --version         show the version and exit\n"
	"\n"
	"Exit status: 0 shown (problems are warnings on stderr), 1 not a résumé,\n"
	"or --check found an error, 2 usage or I/O error.\n"
	"See vitae(1) and vitae(5).\n";

static _Noreturn void usage_error(const char *fmt, ...)
	__attribute__((format(printf, 1, 2)));

static _Noreturn void usage_error(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	fputs("vitae: ", stderr);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputs("\nTry 'vitae --help' for more information.\n", stderr);
	exit(EXIT_USAGE);
}

/* A whole number in [lo, hi], or a usage error naming the option. */
static long parse_number(const char *opt, const char *s, long lo, long hi)
{
	char *end;
	errno = 0;
	long v = strtol(s, &end, 10);
	if (errno || end == s || *end || v < lo || v > hi)
		usage_error("%s takes a number from %ld to %ld, not '%s'", opt, lo, hi, s);
	return v;
}

/* "32M", "512K", "1G" or plain bytes, for the option opt. */
static size_t parse_size(const char *opt, const char *s)
{
	char *end;
	errno = 0;
	unsigned long long v = strtoull(s, &end, 10);
	unsigned long long mult = 1;
	if (*end == 'K' || *end == 'k')
		mult = 1ULL << 10, end++;
	else if (*end == 'M' || *end == 'm')
		mult = 1ULL << 20, end++;
	else if (*end == 'G' || *end == 'g')
		mult = 1ULL << 30, end++;
	if (errno || end == s || *end || s[0] == '-' || v == 0 ||
	    v > (unsigned long long)SIZE_MAX / mult || v * mult > (1ULL << 40))
		usage_error("%s takes a size such as 512K or 32M, not '%s'", opt, s);
	return (size_t)(v * mult);
}

static unsigned long parse_duration(const char *opt, const char *s)
{
	unsigned long secs;
	if (!kiosk_parse_duration(s, &secs))
		usage_error("%s takes a time such as 90s, 10m or 1h (0: none), not '%s'",
		            opt, s);
	return secs;
}

static void default_options(struct options *o)
{
	*o = (struct options){
		.format = OUT_TEXT,
		.klimits = { .max_mem = KIOSK_DEFAULT_MEM, .cpu_seconds = KIOSK_DEFAULT_CPU },
	};
	load_limits_default(&o->limits);
}

/* The kiosk's defaults for the limits the command line did not give (the
 * account's shell: none given). */
static void kiosk_defaults(struct options *o, bool idle_given, bool max_given,
                           bool size_given)
{
	if (!size_given)
		o->limits.max_bytes = KIOSK_DEFAULT_MAX_SIZE;
	if (!idle_given)
		o->tui.idle_timeout = 10 * 60UL;
	if (!max_given)
		o->tui.max_time = 60 * 60UL;
}

static void parse_options(int argc, char **argv, struct options *o)
{
	default_options(o);
	bool idle_given = false, max_given = false, size_given = false;
	int c;
	while ((c = getopt_long(argc, argv, "df:w:hV", long_options, NULL)) != -1) {
		switch (c) {
		case 'd':
			o->dump = true;
			break;
		case 'f':
			if (strcmp(optarg, "text") == 0)
				o->format = OUT_TEXT;
			else if (strcmp(optarg, "markdown") == 0 || strcmp(optarg, "md") == 0)
				o->format = OUT_MARKDOWN;
			else if (strcmp(optarg, "json") == 0)
				o->format = OUT_JSON;
			else if (strcmp(optarg, "yaml") == 0)
				o->format = OUT_YAML;
			else if (strcmp(optarg, "man") == 0)
				o->format = OUT_MAN;
			else
				usage_error("unknown format '%s' (text, markdown, json, yaml or man)",
				            optarg);
			o->dump = true;
			break;
		case 'w':
			o->width = (int)parse_number("--width", optarg,
			                             LAYOUT_MIN_WIDTH, LAYOUT_MAX_WIDTH);
			break;
		case OPT_CHECK:
			o->check = true;
			break;
		case OPT_MAX_SIZE:
			o->limits.max_bytes = parse_size("--max-size", optarg);
			size_given = true;
			break;
		case OPT_MAX_DEPTH:
			o->limits.max_depth = (unsigned)parse_number("--max-depth", optarg, 1, 10000);
			break;
		case OPT_ASCII:
			o->tui.ascii = true;
			break;
		case OPT_NO_COLOR:
			o->tui.no_color = true;
			break;
		case OPT_NO_MOUSE:
			o->tui.no_mouse = true;
			break;
		case OPT_SECTION:
			o->tui.section = optarg;
			break;
		case OPT_SEARCH:
			o->tui.search = optarg;
			break;
		case OPT_KIOSK:
			o->kiosk = true;
			break;
		case OPT_WATCH:
			o->watch = true;
			break;
		case OPT_IDLE_TIMEOUT:
			o->tui.idle_timeout = parse_duration("--idle-timeout", optarg);
			idle_given = true;
			break;
		case OPT_MAX_TIME:
			o->tui.max_time = parse_duration("--max-time", optarg);
			max_given = true;
			break;
		case OPT_MAX_MEMORY:
			o->klimits.max_mem = parse_size("--max-memory", optarg);
			break;
		case OPT_MAX_CPU:
			o->klimits.cpu_seconds = parse_duration("--max-cpu", optarg);
			if (o->klimits.cpu_seconds == 0)
				usage_error("--max-cpu takes a time of at least 1s");
			break;
		case OPT_KIOSK_SELFTEST:
			o->selftest = true;
			break;
		case OPT_NO_SECCOMP:
			o->no_seccomp = true;
			break;
		case 'h':
			fputs(usage_text, stdout);
			exit(fflush(stdout) == 0 ? 0 : EXIT_USAGE);
		case 'V':
			puts("vitae " VITAE_VERSION);
			exit(fflush(stdout) == 0 ? 0 : EXIT_USAGE);
		default:
			fputs("Try 'vitae --help' for more information.\n", stderr);
			exit(EXIT_USAGE);
		}
	}
	if (optind < argc)
		o->file = argv[optind++];
	if (optind < argc && !o->check)
		usage_error("one file at a time (several only with --check): "
		            "unexpected '%s'", argv[optind]);
	o->more = argv + optind;
	o->nmore = argc - optind;
	if (o->watch) {
		/* The viewer follows a file the author edits: nothing else. */
		if (o->kiosk)
			usage_error("--watch and --kiosk do not go together");
		if (!o->file || strcmp(o->file, "-") == 0)
			usage_error("--watch needs a FILE to watch (not standard input)");
		if (o->dump || o->check)
			usage_error("--watch is for the viewer, not --dump, --format or --check");
		o->tui.watch = o->file;
		o->tui.limits = &o->limits;
	}
	if (o->kiosk || o->selftest)
		kiosk_defaults(o, idle_given, max_given, size_given);
}

/* A protection that cannot be set up: one line, exit 2, nothing served. */
static _Noreturn void refuse(const char *what)
{
	kiosk_refuse_message(what, errno);
	exit(KIOSK_EXIT_REFUSED);
}

/*
 * Kiosk start-up, before the résumé is read: the visitor's request is
 * taken, then the environment and the limits are locked down. Only the
 * request comes from the visitor, and only as a word from a fixed list.
 * Every protection is in place when this returns, or vitae has exited.
 */
static void kiosk_start(struct options *o, const char *login_request, bool login)
{
	o->kiosk = true;
	o->tui.kiosk = true;
	if (!login) {
		const char *req = getenv("SSH_ORIGINAL_COMMAND");
		login_request = req;
	}
	switch (kiosk_request(login_request)) {
	case REQ_DEFAULT:
		break;
	case REQ_TEXT:
		o->dump = true;
		o->format = OUT_TEXT;
		break;
	case REQ_MARKDOWN:
		o->dump = true;
		o->format = OUT_MARKDOWN;
		break;
	case REQ_UNKNOWN: {
		char note[160];
		kiosk_unknown_note(note, sizeof note, login_request);
		fprintf(stderr, "%s\n", note);
		o->dump = true;
		o->format = OUT_TEXT;
		break;
	}
	}
	o->check = false;
	const char *what;
	/* Without a filter for this architecture, only the administrator's
	 * explicit --no-seccomp lets the kiosk serve (never as a login
	 * shell, which takes no options). */
	if (kiosk_filter() == KIOSK_FILTER_NONE && !o->no_seccomp) {
		errno = ENOSYS;
		refuse("seccomp (no filter for this architecture; see --no-seccomp)");
	}
	if (kiosk_scrub_env(&what) != 0 || kiosk_limits(&o->klimits, &what) != 0)
		refuse(what);
}

/* Raises the sandbox for printing, or refuses. Standard output gets its
 * buffer first: stdio would otherwise ask the kernel about the file at
 * the first write, a call the sandbox has no need to allow. */
static void kiosk_sandbox_or_refuse(void)
{
	static char outbuf[BUFSIZ];
	setvbuf(stdout, outbuf, _IOFBF, sizeof outbuf);
	const char *what;
	if (kiosk_sandbox(&what) != 0)
		refuse(what);
}

/* --kiosk-selftest: exactly the visitor's set-up, then a look from
 * inside (kiosk.h). */
static int selftest(struct options *o)
{
	o->dump = false;
	kiosk_start(o, NULL, true);
	kiosk_sandbox_or_refuse();
	int rc = kiosk_selftest(stdout, &o->klimits);
	if (fflush(stdout) == 0)
		return rc;
	/* A regular file cannot be written (RLIMIT_FSIZE 0). */
	fprintf(stderr, "vitae: writing output: %s\n", strerror(errno));
	return EXIT_USAGE;
}

/* The width of the terminal on standard output, or 80 when it is not one. */
static int output_width(void)
{
	struct winsize ws;
	if (isatty(STDOUT_FILENO) && ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) == 0 &&
	    ws.ws_col >= LAYOUT_MIN_WIDTH)
		return ws.ws_col > LAYOUT_MAX_WIDTH ? LAYOUT_MAX_WIDTH : ws.ws_col;
	return PRINT_DEFAULT_WIDTH;
}

static const char *plural(size_t n, const char *one, const char *many)
{
	return n == 1 ? one : many;
}

/*
 * --check of one file (NULL: the bundled résumé): its messages in line
 * order on standard error, then one summary line on standard output.
 * An empty résumé is an error here, though the viewer shows its header.
 */
static int check_file(const char *file, const struct options *o)
{
	struct diag d;
	diag_init(&d, file ? file : "(bundled)");
	int io_error = 0;
	struct resume *r = file
		? load_file(file, &o->limits, &d, &io_error)
		: load_buffer(bundled_resume, bundled_resume_len, &o->limits, &d);
	/* No sections of its own, even if unknown keys are shown as some. */
	if (r && (!r->nsections || r->empty_note))
		diag_add(&d, DIAG_ERROR, r->empty_pos, "%s",
		         r->empty_note ? r->empty_note : "no sections");
	diag_print(&d, stderr);
	char *name = diag_file_name(&d);
	if (d.nerrors)
		printf("%s: invalid: %zu %s, %zu %s\n", name, d.nerrors,
		       plural(d.nerrors, "error", "errors"), d.nwarnings,
		       plural(d.nwarnings, "warning", "warnings"));
	else
		printf("%s: %zu %s, %zu %s, %zu %s\n", name, r->nsections,
		       plural(r->nsections, "section", "sections"),
		       resume_count_entries(r),
		       plural(resume_count_entries(r), "entry", "entries"), d.nwarnings,
		       plural(d.nwarnings, "warning", "warnings"));
	free(name);
	int status = io_error ? EXIT_USAGE : d.nerrors ? EXIT_INVALID : 0;
	resume_free(r);
	diag_free(&d);
	return status;
}

int main(int argc, char **argv)
{
	struct options o;
	const char *login_request;
	bool login = kiosk_login_shell(argc, argv, &login_request);
	bool account = !login && kiosk_is_account_shell();
	/* The account's own self-test: "vitae --kiosk-selftest", exactly,
	 * run as the account (runuser -u ACCOUNT -- vitae ...). It sets
	 * everything up as for a visitor and shows nothing of the résumé. */
	if (account && argc == 2 && strcmp(argv[1], "--kiosk-selftest") == 0)
		account = false;
	if (login || account) {
		/* sshd started us as the account's shell, or su, a console
		 * login or anything else runs us as the shell of the user we
		 * run as: no option or file can come from what was typed. */
		default_options(&o);
		kiosk_defaults(&o, false, false, false);
		kiosk_start(&o, login_request, true);
	} else {
		parse_options(argc, argv, &o);
		if (o.selftest)
			return selftest(&o);
		if (o.kiosk)
			kiosk_start(&o, NULL, false);
	}
	/* The character set (and the system's messages, for strerror):
	 * vitae formats numbers, dates and sorting itself, so the other
	 * categories would only cost a file read each at start-up. */
	setlocale(LC_CTYPE, "");
	setlocale(LC_MESSAGES, "");

	if (o.check) {
		/* The worst status of all the files. */
		int worst = check_file(o.file, &o);
		for (int i = 0; i < o.nmore; i++) {
			int st = check_file(o.more[i], &o);
			if (st == EXIT_USAGE || (st && !worst))
				worst = st;
		}
		if (fflush(stdout) != 0) {
			fprintf(stderr, "vitae: writing output: %s\n", strerror(errno));
			worst = EXIT_USAGE;
		}
		utf8_cleanup();
		return worst;
	}

	struct diag d;
	diag_init(&d, o.file ? o.file : "(bundled)");
	/* Checking is strict; viewing and printing show what they can. */
	o.limits.lenient = !o.check;
	int io_error = 0;
	struct resume *r = o.file
		? load_file(o.file, &o.limits, &d, &io_error)
		: load_buffer(bundled_resume, bundled_resume_len, &o.limits, &d);

	int status = 0;
	if (!r) {
		diag_print(&d, stderr);
		status = io_error ? EXIT_USAGE : EXIT_INVALID;
		goto out;
	}
	/* A file shown despite its problems says so: on stderr, and in the
	 * viewer (`!`), which alone tells a terminal that is also stderr.
	 * A kiosk's visitors are not the ones to fix the file. */
	bool viewer = !o.dump && isatty(STDIN_FILENO) && isatty(STDOUT_FILENO);
	/* `cat cv.yaml | vitae -` in a terminal: the viewer, its keys from
	 * the terminal, as less does. Not in the kiosk, whose standard
	 * input is the visitor; not without `-`, which alone reads it. */
	if (!o.dump && !o.kiosk && !viewer && o.file && strcmp(o.file, "-") == 0 &&
	    isatty(STDOUT_FILENO))
		viewer = o.tui.tty_keys = true;
	if (!o.kiosk && (!viewer || !isatty(STDERR_FILENO)))
		diag_print(&d, stderr);
	if (viewer) {
		status = tui_run(r, o.kiosk ? NULL : &d, &o.tui);
		if (status >= 0)
			goto out;
		status = 0;     /* no usable terminal: print the text instead */
		if (!o.kiosk && isatty(STDERR_FILENO))
			diag_print(&d, stderr);
	}
	/* The viewer raises the sandbox itself once the terminal is set up;
	 * for printing, nothing more needs opening from here. A reader that
	 * stops reading meets --max-time: SIGALRM's default action ends
	 * vitae, which has no terminal modes to restore here. */
	if (o.kiosk) {
		kiosk_sandbox_or_refuse();
		if (o.tui.max_time) {
			struct itimerval it = { .it_value = { .tv_sec = (time_t)o.tui.max_time } };
			setitimer(ITIMER_REAL, &it, NULL);
		}
	}

	int width = o.width ? o.width : output_width();
	int rc;
	switch (o.format) {
	case OUT_MARKDOWN: rc = print_markdown(stdout, r); break;
	case OUT_JSON: rc = print_json(stdout, r); break;
	case OUT_YAML: rc = print_yaml(stdout, r); break;
	case OUT_MAN: rc = print_man(stdout, r); break;
	default: rc = print_text(stdout, r, width, o.tui.ascii); break;
	}
	if (rc != 0 || fflush(stdout) != 0) {
		/* A reader that quit early (less, head) is not an error. */
		if (errno != EPIPE)
			fprintf(stderr, "vitae: writing output: %s\n", strerror(errno));
		status = errno == EPIPE ? 0 : EXIT_USAGE;
	}

out:
	resume_free(r);
	diag_free(&d);
	utf8_cleanup();         /* leak checkers see a clean exit */
	return status;
}
