/*
 * The floor for loading a résumé: libyaml's event parser over the whole
 * file, every event thrown away. Any program that reads the file with
 * libyaml does at least this much work. The file is read into memory
 * first, as vitae does (load_file), and parsed from the buffer.
 *
 *     yamlbase FILE      prints the number of events on stdout
 */
#include <stdio.h>
#include <stdlib.h>
#include <yaml.h>

int main(int argc, char **argv)
{
	if (argc != 2) {
		fputs("usage: yamlbase FILE\n", stderr);
		return 2;
	}
	FILE *f = fopen(argv[1], "rb");
	if (!f) {
		perror(argv[1]);
		return 2;
	}
	size_t cap = 1 << 16, len = 0, n;
	unsigned char *buf = malloc(cap);
	while (buf && (n = fread(buf + len, 1, cap - len, f)) > 0) {
		len += n;
		if (len == cap)
			buf = realloc(buf, cap *= 2);
	}
	fclose(f);
	if (!buf) {
		fputs("yamlbase: out of memory\n", stderr);
		return 2;
	}

	yaml_parser_t p;
	yaml_event_t ev;
	unsigned long events = 0;
	int done = 0;
	yaml_parser_initialize(&p);
	yaml_parser_set_input_string(&p, buf, len);
	while (!done) {
		if (!yaml_parser_parse(&p, &ev)) {
			fprintf(stderr, "%s:%zu:%zu: %s\n", argv[1], p.problem_mark.line + 1,
			        p.problem_mark.column + 1, p.problem ? p.problem : "error");
			return 1;
		}
		done = ev.type == YAML_STREAM_END_EVENT;
		yaml_event_delete(&ev);
		events++;
	}
	yaml_parser_delete(&p);
	free(buf);
	printf("%lu events\n", events);
	return 0;
}
