#pragma once
/*
 * OSC 52: asks the terminal to put text on the clipboard. It works over
 * ssh because the terminal, not the remote host, does the copying.
 * Owned by the viewer (src/tui/).
 */
#include <stddef.h>

/* Standard base64 (RFC 4648, with padding) of in[0..n) into out, which
 * needs 4 * ((n + 2) / 3) + 1 bytes; returns the length written. */
size_t base64_encode(const char *in, size_t n, char *out);

/* ESC ] 52 ; c ; BASE64 ESC \ for text, into out[cap]. Returns its length,
 * or 0 when it does not fit. */
size_t osc52_format(char *out, size_t cap, const char *text);
