#include "osc52.h"

#include <string.h>

size_t base64_encode(const char *in, size_t n, char *out)
{
	static const char digits[] =
		"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
	const unsigned char *u = (const unsigned char *)in;
	size_t o = 0;
	for (size_t i = 0; i < n; i += 3) {
		unsigned long v = (unsigned long)u[i] << 16;
		if (i + 1 < n)
			v |= (unsigned long)u[i + 1] << 8;
		if (i + 2 < n)
			v |= u[i + 2];
		out[o++] = digits[v >> 18 & 63];
		out[o++] = digits[v >> 12 & 63];
		out[o++] = i + 1 < n ? digits[v >> 6 & 63] : '=';
		out[o++] = i + 2 < n ? digits[v & 63] : '=';
	}
	out[o] = '\0';
	return o;
}

size_t osc52_format(char *out, size_t cap, const char *text)
{
	static const char head[] = "\033]52;c;", tail[] = "\033\\";
	size_t n = strlen(text);
	size_t need = sizeof head - 1 + 4 * ((n + 2) / 3) + sizeof tail;
	if (need > cap)
		return 0;
	memcpy(out, head, sizeof head - 1);
	size_t len = sizeof head - 1;
	len += base64_encode(text, n, out + len);
	memcpy(out + len, tail, sizeof tail);
	return len + sizeof tail - 1;
}
