/*
 * The DEC private modes (ESC[?Nh / ESC[?Nl) and keypad mode (ESC = / ESC >)
 * the child set and reset, followed by a small parser over the raw bytes:
 * libvterm keeps most of these to itself, and the test wants to know what
 * the program asked for, not only what libvterm made of it.
 */
#include <stdlib.h>
#include <string.h>
#include "vt_priv.h"

/* Modes a program must leave reset when it ends (25 is checked apart). */
static const int restore_modes[] = {
	1, 9, 47, 1000, 1001, 1002, 1003, 1004, 1005, 1006, 1015, 1047, 1049,
	2004,
};

static struct mode *mode_slot(struct vt *vt, int m, bool add)
{
	for (int i = 0; i < vt->nmodes; i++)
		if (vt->modes[i].mode == m)
			return &vt->modes[i];
	if (!add || vt->nmodes == (int)(sizeof vt->modes / sizeof vt->modes[0]))
		return NULL;
	vt->modes[vt->nmodes] = (struct mode){ .mode = m, .state = -1, .sets = 0 };
	return &vt->modes[vt->nmodes++];
}

static void csi_done(struct vt *vt, char final)
{
	if (vt->csi_overflow || vt->csi_inter || vt->csilen == 0 || vt->csi[0] != '?')
		return;
	if (final != 'h' && final != 'l')
		return;
	vt->csi[vt->csilen] = '\0';
	char *p = vt->csi + 1;
	while (*p) {
		char *end;
		long m = strtol(p, &end, 10);
		if (end != p) {
			struct mode *s = mode_slot(vt, (int)m, true);
			if (s) {
				s->state = final == 'h';
				s->sets += final == 'h';
			}
		}
		p = end;
		while (*p && *p != ';')
			p++;
		if (*p == ';')
			p++;
	}
}

static void parse_byte(struct vt *vt, unsigned char c)
{
	if (c == 0x18 || c == 0x1a) {   /* CAN, SUB abort any sequence */
		vt->ps = P_GROUND;
		return;
	}
	switch (vt->ps) {
	case P_GROUND:
		if (c == 0x1b)
			vt->ps = P_ESC;
		break;
	case P_ESC:
		vt->ps = P_GROUND;
		if (c == '[') {
			vt->ps = P_CSI;
			vt->csilen = 0;
			vt->csi_inter = vt->csi_overflow = false;
		} else if (c == ']') {
			vt->ps = P_OSC;
		} else if (c == 'P' || c == 'X' || c == '^' || c == '_') {
			vt->ps = P_STR;
		} else if (c == '=') {
			vt->keypad = 1;
		} else if (c == '>') {
			vt->keypad = 0;
		} else if (c >= 0x20 && c <= 0x2f) {
			vt->ps = P_ESC_INTER;
		} else if (c == 0x1b) {
			vt->ps = P_ESC;
		}
		break;
	case P_ESC_INTER:
		if (c >= 0x20 && c <= 0x2f)
			break;
		vt->ps = c == 0x1b ? P_ESC : P_GROUND;
		break;
	case P_CSI:
		if (c == 0x1b) {
			vt->ps = P_ESC;
		} else if (c >= 0x30 && c <= 0x3f) {
			if (vt->csilen + 1 < sizeof vt->csi)
				vt->csi[vt->csilen++] = (char)c;
			else
				vt->csi_overflow = true;
		} else if (c >= 0x20 && c <= 0x2f) {
			vt->csi_inter = true;
		} else if (c >= 0x40 && c <= 0x7e) {
			csi_done(vt, (char)c);
			vt->ps = P_GROUND;
		}
		break;
	case P_OSC:
		if (c == 0x07)
			vt->ps = P_GROUND;
		else if (c == 0x1b)
			vt->ps = P_OSC_ESC;
		break;
	case P_OSC_ESC:
		vt->ps = c == '\\' ? P_GROUND : P_OSC;
		break;
	case P_STR:
		if (c == 0x1b)
			vt->ps = P_STR_ESC;
		break;
	case P_STR_ESC:
		vt->ps = c == '\\' ? P_GROUND : P_STR;
		break;
	}
}

void vt_modes_feed(struct vt *vt, const char *buf, size_t n)
{
	for (size_t i = 0; i < n; i++)
		parse_byte(vt, (unsigned char)buf[i]);
}

int vt_mode(const struct vt *vt, int decmode)
{
	for (int i = 0; i < vt->nmodes; i++)
		if (vt->modes[i].mode == decmode)
			return vt->modes[i].state;
	return -1;
}

int vt_mode_sets(const struct vt *vt, int decmode)
{
	for (int i = 0; i < vt->nmodes; i++)
		if (vt->modes[i].mode == decmode)
			return vt->modes[i].sets;
	return 0;
}

int vt_keypad(const struct vt *vt)
{
	return vt->keypad;
}

bool vt_altscreen(const struct vt *vt)
{
	return vt->altscreen;
}

bool vt_cursor_visible(const struct vt *vt)
{
	return vt->cursor_visible;
}

bool vt_restored(struct vt *vt, FILE *why)
{
	bool ok = true;
	for (size_t i = 0; i < sizeof restore_modes / sizeof restore_modes[0]; i++) {
		if (vt_mode(vt, restore_modes[i]) == 1) {
			ok = false;
			if (why)
				fprintf(why, "vt: mode ?%d left set\n", restore_modes[i]);
		}
	}
	if (vt->altscreen) {
		ok = false;
		if (why)
			fprintf(why, "vt: still on the alternate screen\n");
	}
	if (!vt->cursor_visible || vt_mode(vt, 25) == 0) {
		ok = false;
		if (why)
			fprintf(why, "vt: cursor left hidden\n");
	}
	if (vt->keypad == 1) {
		ok = false;
		if (why)
			fprintf(why, "vt: keypad left in application mode (ESC =)\n");
	}
	return ok;
}
