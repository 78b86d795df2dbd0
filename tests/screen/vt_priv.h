#pragma once
/*
 * Inside the harness: struct vt, shared by vt.c (the child, the pty,
 * input and waiting), vt_modes.c (DEC private modes from the raw bytes)
 * and vt_screen.c (reading libvterm's screen). Tests use vt.h only.
 */
#include <stdbool.h>
#include <stddef.h>
#include <sys/types.h>
#include <vterm.h>
#include "vt.h"

enum pstate { P_GROUND, P_ESC, P_ESC_INTER, P_CSI, P_OSC, P_OSC_ESC, P_STR, P_STR_ESC };

struct mode {
	int mode;
	int state;      /* 1 set, 0 reset */
	int sets;
};

struct vt {
	int master;
	pid_t pid;
	bool exited, eof;
	int status;
	int rows, cols;
	VTerm *term;
	VTermScreen *screen;
	bool altscreen, cursor_visible;

	char *log;
	size_t len, cap, total;

	enum pstate ps;
	char csi[128];
	size_t csilen;
	bool csi_inter, csi_overflow;
	struct mode modes[64];
	int nmodes;
	int keypad;

	char *rowbuf, *scrbuf;
	size_t rowcap, scrcap;
};

/* vt_modes.c: follows the mode changes in bytes the child wrote. */
void vt_modes_feed(struct vt *vt, const char *buf, size_t n);
