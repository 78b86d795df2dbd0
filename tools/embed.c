/*
 * embed INPUT OUTPUT SYMBOL: writes a C file defining
 *   const char SYMBOL[];      the bytes of INPUT, NUL-terminated
 *   const size_t SYMBOL_len;  their number, without the NUL
 * Used at build time only, to compile the bundled résumé into vitae.
 */
#include <stdio.h>
#include <stdlib.h>

int main(int argc, char **argv)
{
	if (argc != 4) {
		fprintf(stderr, "usage: embed INPUT OUTPUT SYMBOL\n");
		return 2;
	}
	FILE *in = fopen(argv[1], "rb");
	if (!in) {
		perror(argv[1]);
		return 1;
	}
	FILE *out = fopen(argv[2], "w");
	if (!out) {
		perror(argv[2]);
		return 1;
	}
	fprintf(out, "/* Generated from %s by tools/embed.c. */\n"
	        "#include <stddef.h>\n"
	        "extern const char %s[];\nextern const size_t %s_len;\n"
	        "const char %s[] =\n\"", argv[1], argv[3], argv[3], argv[3]);
	/* A string literal with octal escapes for anything but plain ASCII
	 * keeps the bytes exact whatever the signedness of char. */
	size_t n = 0;
	int c;
	while ((c = getc(in)) != EOF) {
		if (c >= ' ' && c <= '~' && c != '"' && c != '\\' && c != '?')
			putc(c, out);
		else
			fprintf(out, "\\%03o", (unsigned)c);
		if (c == '\n')
			fputs("\"\n\"", out);
		n++;
	}
	fprintf(out, "\";\nconst size_t %s_len = %zu;\n", argv[3], n);
	int bad = ferror(in) || ferror(out);
	fclose(in);
	if (fclose(out) != 0 || bad) {
		fprintf(stderr, "embed: write failed\n");
		return 1;
	}
	return 0;
}
