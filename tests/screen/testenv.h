#pragma once
/*
 * The environment a test gives the program it starts: its own, with
 * operations applied in order. Shared by the pty harness (vt.c) and the
 * adversarial runner (tests/adversarial/adv.c).
 */
#include <stddef.h>

/*
 * Our environment, then each of defaults[0..ndefaults) and then each of
 * extra (NULL-terminated, may be NULL): "NAME=value" sets, a bare "NAME"
 * unsets. Returns a NULL-terminated array the caller frees (the strings
 * are borrowed from environ and the operations), or NULL if out of memory.
 */
char **testenv_build(const char *const defaults[], size_t ndefaults,
                     const char *const extra[]);
