/*
 * Big inputs through the real binary: a 64 MiB scalar, a 1 MiB word,
 * 200,000 entries and 200,000 unknown keys. Each is refused at the size
 * limit or handled in time and memory that grow at most linearly, with
 * text output that stays within its width and safe for a terminal. The
 * files are generated into the temporary directory at test time.
 */
#include <stdlib.h>
#include <string.h>
#include "adv.h"

static struct adv_result r;

/* --dump at width w: exit 0, safe bytes, no line wider than w. */
static void check_dump(const char *name, const char *width, const char *max_size,
                       double secs, long mib, const char *shown)
{
	const char *args[8] = { "--dump", "--width", width, name, NULL };
	if (max_size) {
		args[3] = "--max-size";
		args[4] = max_size;
		args[5] = name;
	}
	run_vitae(&r, args, NULL, secs, mib);
	CHECK_EXIT(&r, 0);
	CHECK_SAFE("--dump", r.out, r.nout);
	int w = atoi(width), got = adv_max_width(r.out, r.nout);
	t_checks++;
	if (got > w) {
		t_failures++;
		fprintf(stderr, "%s at width %d: a line %d columns wide\n", name, w, got);
	}
	if (shown)
		CHECK_HAS(r.out, shown);
	adv_result_free(&r);
}

/* A 64 MiB scalar. Refused by the default --max-size (4M) after reading
 * just past it, from a file or a pipe; read, wrapped and printed when the
 * limit allows it, in memory a small multiple of the input. */
static void scalar_64m(void)
{
	const char *name;
	FILE *f = adv_create("big.yaml", &name);
	fputs("cv:\n  name: Big\n  headline: ", f);
	static char chunk[1 << 16];
	memset(chunk, 'w', sizeof chunk);
	for (int i = 0; i < 1024; i++)
		fwrite(chunk, 1, sizeof chunk, f);
	fputs("\n  sections: {s: [x]}\n", f);
	fclose(f);

	run_vitae(&r, (const char *[]){ "--check", name, NULL }, NULL, 10, 96);
	CHECK_EXIT(&r, 1);
	CHECK_FIRST(&r, "big.yaml: error: file is larger than 4194304 bytes (--max-size)");
	adv_result_free(&r);
	run_vitae(&r, (const char *[]){ "--check", "-", NULL }, name, 10, 96);
	CHECK_EXIT(&r, 1);
	CHECK_FIRST(&r, "-: error: file is larger than 4194304 bytes (--max-size)");
	adv_result_free(&r);

	run_vitae(&r, (const char *[]){ "--check", "--max-size", "100M", name, NULL }, NULL, 20, 512);
	CHECK_EXIT(&r, 0);
	CHECK_HAS(r.out, "big.yaml: 1 section, 1 entry, 0 warnings");
	adv_result_free(&r);
	check_dump(name, "80", "100M", 30, 768, "wwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwww\n");
	if (adv_slow())
		return;
	run_vitae(&r, (const char *[]){ "--format", "markdown", "--max-size", "100M", name, NULL },
	          NULL, 30, 768);
	CHECK_EXIT(&r, 0);
	CHECK(r.out_total > (size_t)64 << 20);
	adv_result_free(&r);
}

/* A word of 1 MiB with no break: ASCII, wide characters, and emoji. */
static void word_1m(void)
{
	static const struct {
		const char *name, *unit;
	} words[] = {
		{ "ascii.yaml", "w" },
		{ "cjk.yaml", "\xE6\xBC\xA2" },                 /* 漢, 2 columns */
		{ "emoji.yaml", "\xF0\x9F\x98\x80" },           /* 😀, 2 columns */
		{ "mixed.yaml", "a\xE6\xBC\xA2" },              /* odd columns */
	};
	for (size_t i = 0; i < sizeof words / sizeof *words; i++) {
		const char *name;
		FILE *f = adv_create(words[i].name, &name);
		fputs("cv:\n  name: Word\n  sections:\n    x:\n      - bullet: ", f);
		for (size_t n = 0; n < ((size_t)1 << 20); n += strlen(words[i].unit))
			fputs(words[i].unit, f);
		fputs("\n    y:\n      - company: ", f);
		for (size_t n = 0; n < ((size_t)1 << 20); n += strlen(words[i].unit))
			fputs(words[i].unit, f);
		fputs("\n        position: P\n        start_date: 2020\n", f);
		fclose(f);
		check_dump(name, "80", NULL, 10, 128, NULL);
		check_dump(name, "20", NULL, 10, 128, NULL);
		check_dump(name, "21", NULL, 10, 128, NULL);
	}
}

/* 200,000 entries in one section (4.4 MB), and the same in JSON Resume
 * (11 MB): past the default --max-size, so with a larger one. */
static void entries_200k(void)
{
	const char *name;
	FILE *f = adv_create("many.yaml", &name);
	fputs("cv:\n  name: Many\n  sections:\n    s:\n", f);
	for (int i = 0; i < 200000; i++)
		fprintf(f, "      - bullet: b%d\n", i);
	fclose(f);
	run_vitae(&r, (const char *[]){ "--check", "--max-size", "16M", name, NULL }, NULL, 10, 256);
	CHECK_EXIT(&r, 0);
	CHECK_HAS(r.out, "many.yaml: 1 section, 200000 entries, 0 warnings");
	adv_result_free(&r);
	check_dump(name, "80", "16M", 10, 256, "\n\xE2\x80\xA2 b199999\n");
	run_vitae(&r, (const char *[]){ "--format", "markdown", "--max-size", "16M", name, NULL },
	          NULL, 10, 256);
	CHECK_EXIT(&r, 0);
	CHECK_SAFE("markdown", r.out, r.nout);
	CHECK_HAS(r.out, "b199999");
	adv_result_free(&r);

	f = adv_create("many.json", &name);
	fputs("{\"basics\": {\"name\": \"Many\"}, \"work\": [", f);
	for (int i = 0; i < 200000; i++)
		fprintf(f, "%s{\"name\": \"c%d\", \"position\": \"p\", \"startDate\": \"2020\"}",
		        i ? ", " : "", i);
	fputs("]}\n", f);
	fclose(f);
	check_dump(name, "80", "16M", 10, 384, "c199999");
}

/* 200,000 unknown keys: every one counted, 100 shown. */
static void keys_200k(void)
{
	const char *name;
	FILE *f = adv_create("unknown.yaml", &name);
	fputs("cv:\n  name: A\n", f);
	for (int i = 0; i < 200000; i++)
		fprintf(f, "  u%d: 1\n", i);
	fputs("  sections: {s: [x]}\n", f);
	fclose(f);
	run_vitae(&r, (const char *[]){ "--check", name, NULL }, NULL, 10, 128);
	CHECK_EXIT(&r, 0);
	CHECK_FIRST(&r, "unknown.yaml:3:3: warning: unknown key `u0` in `cv`");
	CHECK_LINE(&r, "unknown.yaml:102:3: warning: unknown key `u99` in `cv`");
	CHECK_LINE(&r, "unknown.yaml: 199900 more messages not shown");
	/* each one shown: a section of its own */
	CHECK_HAS(r.out, "unknown.yaml: 200001 sections, 200001 entries, 200000 warnings");
	size_t lines = 0;
	for (size_t i = 0; i < r.nerr; i++)
		lines += r.err[i] == '\n';
	CHECK_INT(lines, 101);
	adv_result_free(&r);
}

static const struct adv_case cases[] = {
	{ "scalar-64m", scalar_64m },
	{ "word-1m", word_1m },
	{ "entries-200k", entries_200k },
	{ "keys-200k", keys_200k },
};

ADV_MAIN(cases)
