#pragma once
/*
 * Hostile strings, written as YAML double-quoted escapes, and a résumé
 * that puts one in every field a résumé shows: shared by the text output
 * test (test_strings.c) and the viewer test (test_display.c).
 *
 * Each payload has the text that must still be visible once vitae has
 * replaced its controls with U+FFFD and dropped its invisible
 * characters: proof that the payload was defused, not merely deleted.
 */
#include <stdio.h>

#define REPL "\xEF\xBF\xBD"     /* U+FFFD, what a control becomes */

struct payload {
	const char *name;
	const char *yaml;       /* inside "...": YAML escapes */
	const char *shown;      /* visible in the text output (UTF-8) */
};

static const struct payload payloads[] = {
	{ "osc-title", "\\e]0;pwned\\a", REPL "]0;pwned" REPL },
	{ "osc-title-st", "\\e]2;pwned\\e\\\\", REPL "]2;pwned" REPL "\\" },
	{ "osc52-clipboard", "\\e]52;c;cm0gLXJmIH4=\\a", REPL "]52;c;cm0gLXJmIH4=" REPL },
	{ "osc8-link", "\\e]8;;http://evil.example/\\e\\\\click\\e]8;;\\e\\\\",
	  REPL "]8;;http://evil.example/" REPL "\\click" },
	{ "csi-clear", "\\e[2J\\e[H\\e[3J", REPL "[2J" REPL "[H" REPL "[3J" },
	{ "csi-sgr", "\\e[31;1;5mred\\e[0m", REPL "[31;1;5mred" REPL "[0m" },
	{ "csi-cursor", "\\e[10A\\e[999C\\e7\\e8", REPL "[10A" REPL "[999C" },
	{ "dcs-xtgettcap", "\\eP+q544e\\e\\\\", REPL "P+q544e" REPL "\\" },
	{ "dcs-decrqss", "\\eP$qm\\e\\\\", REPL "P$qm" REPL },
	{ "query-da", "\\e[c\\e[>c\\e[=c", REPL "[c" REPL "[>c" },
	{ "query-dsr", "\\e[6n\\e[5n\\e[?6n", REPL "[6n" REPL "[5n" },
	{ "query-window", "\\e[21t\\e[18t\\e[14t", REPL "[21t" REPL "[18t" },
	{ "reset", "\\ec\\e[!p", REPL "c" REPL "[!p" },
	{ "apc-pm-sos", "\\e_apc\\e\\\\\\e^pm\\e\\\\\\eXsos\\e\\\\", REPL "_apc" REPL },
	{ "charset", "\\e(0lqqk\\e(B\\x0e\\x0f", REPL "(0lqqk" REPL "(B" },
	{ "c1-csi", "\\x9b2J\\u009b6n", REPL "2J" REPL "6n" },
	{ "c1-nel", "next\\Nline\\x85", "next" REPL "line" REPL },
	{ "c1-osc-dcs", "\\u009d0;t\\u009c\\u0090q\\u009c", REPL "0;t" REPL REPL "q" REPL },
	{ "backspace", "visible\\b\\b\\b\\b\\b\\b\\bhidden", "visible" REPL },
	/* a line break, as in YAML: a space on one-line fields */
	{ "carriage-return", "safe\\rEVIL", "Nsafe EVIL" },
	{ "nul", "nul\\0here", "nul" REPL "here" },
	{ "bell", "ding\\a\\a", "ding" REPL REPL },
	{ "vt-ff-del", "a\\vb\\fc\\x7fd", "a" REPL "b" REPL "c" REPL "d" },
	{ "bidi", "\\u202Eevil\\u202C \\u2066iso\\u2069 \\u200Frtl\\u061C \\u202Bemb",
	  "evil iso rtl emb" },
	{ "zero-width", "zero\\u200Bwidth\\u200D\\u2060\\uFEFF\\u200C\\u034F!", "zerowidth!" },
	{ "tags", "tag\\U000E0041\\U000E0062\\U000E007F!", "tag!" },
	{ "line-separators", "para\\u2028graph\\u2029end", "para" },
	{ "combining", "e\\u0301\\u0302\\u0303\\u0304\\u0305\\u0306\\u0307\\u0308 mark", " mark" },
	{ "hangul-fillers", "a\\u3164b\\u115Fc\\uFFA0d", "abcd" },
};

#define NPAYLOADS (sizeof payloads / sizeof *payloads)

/*
 * A RenderCV résumé with the payload p (YAML escapes) in every field it
 * shows, and in an unknown key. combining > 0 adds that many combining
 * marks after an "e" in the name and a highlight.
 */
static inline void write_rendercv(FILE *f, const char *p, int combining)
{
	fprintf(f, "cv:\n  name: \"N%s", p);
	for (int i = 0; i < combining; i++)
		fputs("\\u0301", f);
	fprintf(f, "\"\n  headline: \"H%s\"\n  location: \"L%s\"\n", p, p);
	fprintf(f, "  email: [\"e%s@example.org\"]\n  phone: \"+1%s\"\n", p, p);
	fprintf(f, "  website: \"https://example.org/%s\"\n", p);
	fprintf(f, "  social_networks:\n    - network: GitHub\n      username: \"u%s\"\n", p);
	fprintf(f, "  custom_connections:\n    - placeholder: \"c%s\"\n"
	        "      url: \"https://example.org/c%s\"\n", p, p);
	fprintf(f, "  \"k%s\": unknown\n", p);
	fprintf(f, "  sections:\n    \"S%s\":\n      - \"text %s\"\n", p, p);
	fprintf(f, "    experience:\n      - company: \"C%s\"\n        position: \"P%s\"\n"
	        "        date: \"D%s\"\n        location: \"L%s\"\n        summary: \"S%s\"\n"
	        "        highlights: [\"h%s\", \"e", p, p, p, p, p, p);
	for (int i = 0; i < combining; i++)
		fputs("\\u0301", f);
	fprintf(f, "\"]\n        technologies: [\"t%s\"]\n", p);
	fprintf(f, "    publications:\n      - title: \"T%s\"\n        authors: [\"a%s\", \"*%s\"]\n"
	        "        doi: \"10.1/%s\"\n        url: \"https://example.org/%s\"\n"
	        "        journal: \"J%s\"\n        date: 2020\n", p, p, p, p, p, p);
	fprintf(f, "    skills:\n      - label: \"l%s\"\n        details: \"d%s\"\n", p, p);
	fprintf(f, "    \"%s\":\n      - bullet: \"b%s\"\n", p, p);
	fprintf(f, "    numbered:\n      - number: \"n%s\"\n", p);
}

/* The same for JSON Resume (libyaml reads the YAML escapes in JSON too). */
static inline void write_jsonresume(FILE *f, const char *p)
{
	fprintf(f, "{\"basics\": {\"name\": \"N%s\", \"label\": \"H%s\", \"email\": \"e%s@x.org\",\n"
	        " \"phone\": \"%s\", \"url\": \"https://x.org/%s\", \"summary\": \"S%s\",\n"
	        " \"location\": {\"city\": \"C%s\", \"region\": \"R%s\"},\n"
	        " \"profiles\": [{\"network\": \"N%s\", \"username\": \"u%s\", \"url\": \"https://x.org/%s\"}]},\n",
	        p, p, p, p, p, p, p, p, p, p, p);
	fprintf(f, " \"work\": [{\"name\": \"W%s\", \"position\": \"P%s\", \"startDate\": \"2020\",\n"
	        "   \"summary\": \"S%s\", \"highlights\": [\"h%s\"], \"description\": \"D%s\"}],\n",
	        p, p, p, p, p);
	fprintf(f, " \"education\": [{\"institution\": \"I%s\", \"area\": \"A%s\", \"studyType\": \"T%s\",\n"
	        "   \"courses\": [\"c%s\"], \"score\": \"s%s\"}],\n", p, p, p, p, p);
	fprintf(f, " \"skills\": [{\"name\": \"K%s\", \"keywords\": [\"k%s\"], \"level\": \"L%s\"}],\n",
	        p, p, p);
	fprintf(f, " \"projects\": [{\"name\": \"J%s\", \"roles\": [\"r%s\"], \"entity\": \"E%s\"}],\n",
	        p, p, p);
	fprintf(f, " \"x%s\": 1}\n", p);
}
