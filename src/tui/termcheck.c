#include "termcheck.h"

#include <curses.h>
#include <stdlib.h>
#include <string.h>
#include <term.h>
#include <unistd.h>

bool termcheck_name_ok(const char *term)
{
	size_t n = term ? strlen(term) : 0;
	if (n == 0 || n > TERMCHECK_NAME_MAX || term[0] == '.' || term[0] == '-')
		return false;
	for (size_t i = 0; i < n; i++) {
		char c = term[i];
		if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
		      (c >= '0' && c <= '9') || c == '.' || c == '_' || c == '+' ||
		      c == '-'))
			return false;
	}
	return true;
}

bool termcheck_usable(void)
{
	const char *term = getenv("TERM");
	if (!termcheck_name_ok(term) || strcmp(term, "dumb") == 0)
		return false;
	int err = 0;
	/* With err given, setupterm reports failure instead of printing. */
	if (setupterm(term, STDOUT_FILENO, &err) != OK)
		return false;
	const char *cup = tigetstr("cup");
	bool ok = cup && cup != (char *)-1;
	del_curterm(cur_term);
	return ok;
}
