/*
 * A tiny ncurses program for the harness's own test: it shows the name of
 * every key and mouse event ncurses decodes, one per line, so test_vt can
 * prove that vt_send_key() and the mouse helpers send what ncurses expects
 * under TERM=xterm-256color. "q" quits through endwin().
 */
#include <curses.h>
#include <locale.h>
#include <stdio.h>

static void show(int *y, const char *s)
{
	if (*y >= LINES - 1) {
		*y = 1;
		erase();
	}
	mvaddstr((*y)++, 0, s);
	mvprintw(0, 0, "events %d", *y - 1);
	clrtoeol();
}

int main(void)
{
	setlocale(LC_ALL, "");
	initscr();
	cbreak();
	noecho();
	keypad(stdscr, TRUE);
	curs_set(0);
	set_escdelay(50);
	mousemask(ALL_MOUSE_EVENTS | REPORT_MOUSE_POSITION, NULL);
	mouseinterval(0);
	int y = 1;
	mvprintw(0, 0, "ready %dx%d", COLS, LINES);
	for (;;) {
		int c = getch();
		char buf[128];
		if (c == 'q')
			break;
		if (c == KEY_MOUSE) {
			MEVENT ev;
			if (getmouse(&ev) != OK)
				continue;
			snprintf(buf, sizeof buf, "MOUSE %d %d%s%s%s%s", ev.y, ev.x,
			         ev.bstate & (BUTTON1_PRESSED | BUTTON1_CLICKED) ? " B1" : "",
			         ev.bstate & BUTTON1_RELEASED ? " R1" : "",
			         ev.bstate & BUTTON4_PRESSED ? " B4P" : "",
			         ev.bstate & BUTTON5_PRESSED ? " B5P" : "");
		} else if (c == KEY_RESIZE) {
			snprintf(buf, sizeof buf, "RESIZE %dx%d", COLS, LINES);
		} else {
			const char *k = keyname(c);
			snprintf(buf, sizeof buf, "KEY %s", k ? k : "?");
		}
		show(&y, buf);
		refresh();
	}
	endwin();
	return 0;
}
