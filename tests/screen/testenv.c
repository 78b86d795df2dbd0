#include "testenv.h"

#include <stdlib.h>
#include <string.h>

extern char **environ;

/* Drops NAME from env[0..*n), then appends op if it sets it. */
static void apply(char **env, size_t *n, const char *op)
{
	const char *eq = strchr(op, '=');
	size_t klen = eq ? (size_t)(eq - op) : strlen(op);
	size_t j = 0;
	for (size_t i = 0; i < *n; i++)
		if (!(strncmp(env[i], op, klen) == 0 && env[i][klen] == '='))
			env[j++] = env[i];
	*n = j;
	if (eq)
		env[(*n)++] = (char *)op;
	env[*n] = NULL;
}

char **testenv_build(const char *const defaults[], size_t ndefaults,
                     const char *const extra[])
{
	size_t n = 0, next = 0;
	while (environ[n])
		n++;
	while (extra && extra[next])
		next++;
	char **env = calloc(n + ndefaults + next + 1, sizeof *env);
	if (!env)
		return NULL;
	memcpy(env, environ, n * sizeof *env);
	for (size_t i = 0; i < ndefaults; i++)
		apply(env, &n, defaults[i]);
	for (size_t i = 0; i < next; i++)
		apply(env, &n, extra[i]);
	return env;
}
