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
	bool kiosk;             /* --kiosk, or started as a login shell */
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
	{ .name = "idle-timeout", .has_arg = required_argument, .val = OPT_IDLE_TIMEOUT },
	{ .name = "max-time", .has_arg = required_argument, .val = OPT_MAX_TIME },
	{ .name = "max-memory", .has_arg = required_argument, .val = OPT_MAX_MEMORY },
	{ .name = "help", .has_arg = no_argument, .val = 'h' },
	{ .name = "version", .has_arg = no_argument, .val = 'V' },
	{ 0 },
};

static const char usage_text[] =
	"usage: vitae [options] [FILE]\n"
	"       vitae --check [FILE...]\n"
	"Show a résumé (RenderCV YAML or JSON Resume) in the terminal.\n"
	"Without FILE, shows the bundled résumé; FILE - reads standard input.\n"
	"\n"
	"  -d, --dump            print the résumé and exit\n"
	"  -f, --format FORMAT   text or markdown (implies --dump)\n"
	"  -w, --width N         wrap text at N columns (20-1000)\n"
	"      --check           validate only, each FILE given; report problems\n"
	"                        as FILE:LINE:COLUMN, in line order\n"
	"      --max-size SIZE   refuse larger files (default 32M; K, M, G suffixes)\n"
	"      --max-depth N     refuse deeper nesting (default 64)\n"
	"      --ascii           use ASCII characters only\n"
	"      --no-color        draw without colours (also when NO_COLOR is set)\n"
	"      --no-mouse        leave the mouse to the terminal\n"
	"      --section NAME    open the viewer on the pane NAME\n"
	"      --search PATTERN  open the viewer searching for PATTERN\n"
	"      --kiosk           serve visitors over ssh (ForceCommand); see vitae(1)\n"
	"      --idle-timeout T  end the viewer after T without a key (kiosk: 10m)\n"
	"      --max-time T      end the viewer after T in all (kiosk: 60m)\n"
	"      --max-memory SIZE kiosk address-space limit (default 512M)\n"
	"  -h, --help            show this help and exit\n"
	"  -V, --version         show the version and exit\n"
	"\n"
	"Exit status: 0 success, 1 invalid résumé, 2 usage or I/O error.\n"
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

/* Kiosk defaults for the limits not given on the command line. */
#define KIOSK_IDLE_TIMEOUT (10 * 60UL)
#define KIOSK_MAX_TIME (60 * 60UL)

static void parse_options(int argc, char **argv, struct options *o)
{
	default_options(o);
	bool idle_given = false, max_given = false;
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
			else
				usage_error("unknown format '%s' (text or markdown)", optarg);
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
	if (o->kiosk) {
		if (!idle_given)
			o->tui.idle_timeout = KIOSK_IDLE_TIMEOUT;
		if (!max_given)
			o->tui.max_time = KIOSK_MAX_TIME;
	}
}

/*
 * Kiosk start-up, before the résumé is read: the visitor's request is
 * taken, then the environment and the limits are locked down. Only the
 * request comes from the visitor, and only as a word from a fixed list.
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
	kiosk_scrub_env();
	kiosk_limits(&o->klimits);
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
	if (r && !r->nsections)
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
	if (kiosk_login_shell(argc, argv, &login_request)) {
		/* sshd started us as the account's shell: no option or file
		 * can come from what the client typed. */
		default_options(&o);
		o.tui.idle_timeout = KIOSK_IDLE_TIMEOUT;
		o.tui.max_time = KIOSK_MAX_TIME;
		kiosk_start(&o, login_request, true);
	} else {
		parse_options(argc, argv, &o);
		if (o.kiosk)
			kiosk_start(&o, NULL, false);
	}
	setlocale(LC_ALL, "");

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
	if (!o.dump && isatty(STDIN_FILENO) && isatty(STDOUT_FILENO)) {
		status = tui_run(r, &o.tui);
		if (status >= 0)
			goto out;
		status = 0;     /* no usable terminal: print the text instead */
	}
	/* The viewer raises the sandbox itself once the terminal is set up;
	 * for printing, nothing more needs opening from here. */
	if (o.kiosk)
		kiosk_sandbox();

	int width = o.width ? o.width : output_width();
	int rc = o.format == OUT_MARKDOWN ? print_markdown(stdout, r)
	                                  : print_text(stdout, r, width, o.tui.ascii);
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
