#pragma once
/*
 * YAML syntax errors told as their fix, for an author who does not know
 * YAML. libyaml says where it noticed the problem, which is often a line
 * after the one to change (`name:Jane` is reported at the next key), and
 * in its own terms ("mapping values are not allowed in this context").
 * yaml_hint() reads the lines around the error and recognises the usual
 * mistakes: a tab in the indentation, a missing space after `:`, a value
 * that needs quotes (`: ` inside it, or a first character YAML reserves:
 * @ ` % * & ! | > { [), and a line indented more than its neighbour.
 * Pure: reads buf only.
 */
#include <stdbool.h>
#include <stddef.h>
#include "model.h"

#define YAML_HINT_MAX 400

/* On a recognised mistake, writes the message (NUL-terminated, at most
 * YAML_HINT_MAX bytes) to out and where to act to *at, and returns true.
 * problem is libyaml's message, pos and context where it put it. */
bool yaml_hint(const char *buf, size_t len, const char *problem, struct pos pos,
               struct pos context, struct pos *at, char out[YAML_HINT_MAX]);
