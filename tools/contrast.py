#!/usr/bin/env python3
"""Check that the viewer's colours read on common terminals' default themes.

usage: contrast.py [DRAW_C]

Reads the colour pairs the viewer uses from their one table, pairs[] in
src/tui/draw.c, and computes the WCAG 2 contrast ratio of each pair in each
palette below, on each palette's dark and light theme. A pair is a
foreground and a background: a palette index 0-7, or -1 for the theme's own
foreground or background. The terminal's own colours (text without a pair)
are checked too. Exits 1 when any ratio is below 4.5:1, or when the table
cannot be read, 0 otherwise.

Why so few colours: a foreground drawn on the terminal's own background
reads at 4.5:1 on black only with a relative luminance of at least 0.175,
and on white only with at most 0.183. No colour of these palettes falls in
that sliver, so text stays in the terminal's colours and colour is used only
where the viewer sets both the foreground and the background.

It also checks that no pair is drawn bold: xterm and the Linux console show
bold text in colours 0-7 in the bright colour (black becomes grey), which
this table does not describe.
"""

import re
import sys

# The 16 colours of each terminal, index 0 to 15, and the default foreground
# and background of its dark and light themes.
PALETTES = {
    # xterm as installed: its built-in colour resources (color0 to color15:
    # black, red3, green3, yellow3, blue2, magenta3, cyan3, gray90, gray50,
    # red, green, yellow, a light blue, magenta, cyan, white). Its default
    # window is black on white; "xterm -rv" gives white on black.
    "xterm": {
        "colors": [
            "000000", "cd0000", "00cd00", "cdcd00", "0000ee", "cd00cd", "00cdcd", "e5e5e5",
            "7f7f7f", "ff0000", "00ff00", "ffff00", "5c5cff", "ff00ff", "00ffff", "ffffff",
        ],
        "themes": {"dark": ("ffffff", "000000"), "light": ("000000", "ffffff")},
    },
    # GNOME Terminal (VTE): the palette its profiles start with since it
    # dropped Tango, named "GNOME" in its preferences, with its built-in
    # "GNOME dark" and "GNOME light" schemes for text and background.
    "vte": {
        "colors": [
            "171421", "c01c28", "26a269", "a2734c", "12488b", "a347ba", "2aa1b3", "d0cfcc",
            "5e5c64", "f66151", "33d17a", "e9ad0c", "2a7bde", "c061cb", "33c7de", "ffffff",
        ],
        "themes": {"dark": ("d0cfcc", "171421"), "light": ("171421", "ffffff")},
    },
    # The Linux console: the kernel's built-in colour map (the VGA colours,
    # what "setvtrgb vga" restores), grey on black. It has no light theme
    # of its own; "setterm --inversescreen on" gives black on grey.
    "linux": {
        "colors": [
            "000000", "aa0000", "00aa00", "aa5500", "0000aa", "aa00aa", "00aaaa", "aaaaaa",
            "555555", "ff5555", "55ff55", "ffff55", "5555ff", "ff55ff", "55ffff", "ffffff",
        ],
        "themes": {"dark": ("aaaaaa", "000000"), "light": ("000000", "aaaaaa")},
    },
}

CURSES_COLORS = {
    "COLOR_BLACK": 0, "COLOR_RED": 1, "COLOR_GREEN": 2, "COLOR_YELLOW": 3,
    "COLOR_BLUE": 4, "COLOR_MAGENTA": 5, "COLOR_CYAN": 6, "COLOR_WHITE": 7, "-1": -1,
}

MINIMUM = 4.5


def luminance(hex6):
    """WCAG 2 relative luminance of an sRGB colour "rrggbb"."""
    def channel(v):
        c = v / 255
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4
    r, g, b = (int(hex6[i:i + 2], 16) for i in (0, 2, 4))
    return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b)


def ratio(a, b):
    la, lb = sorted((luminance(a), luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


def read_pairs(source):
    """The enum pair names and pairs[] of draw.c: {name: (fg, bg)}."""
    enum = re.search(r"enum pair\s*\{(.*?)\};", source, re.S)
    table = re.search(r"\}\s*pairs\[P_COUNT_\]\s*=\s*\{(.*?)\n\};", source, re.S)
    if not enum or not table:
        raise ValueError("no enum pair or pairs[] table")
    names = [n for n in re.findall(r"\b(P_\w+)", re.sub(r"/\*.*?\*/", "", enum.group(1), flags=re.S))
             if n not in ("P_NONE", "P_COUNT_")]
    pairs = {}
    for name, fg, bg in re.findall(
            r"\[(P_\w+)\]\s*=\s*\{\s*\.fg\s*=\s*(\w+|-1)\s*,\s*\.bg\s*=\s*(\w+|-1)\s*\}",
            table.group(1)):
        if fg not in CURSES_COLORS or bg not in CURSES_COLORS:
            raise ValueError(f"{name}: unknown colour {fg} or {bg}")
        pairs[name] = (CURSES_COLORS[fg], CURSES_COLORS[bg])
    missing = [n for n in names if n not in pairs]
    if missing:
        raise ValueError("pairs[] lacks " + ", ".join(missing))
    return pairs


def bold_pairs(source):
    """Pairs that draw.c asks for with A_BOLD among the colour attributes."""
    return sorted({name for name, attrs in
                   re.findall(r"pick\(d,\s*(P_\w+),\s*([^,]+),", source)
                   if name != "P_NONE" and "A_BOLD" in attrs})


def self_test():
    assert abs(ratio("000000", "ffffff") - 21) < 1e-9
    assert abs(ratio("777777", "777777") - 1) < 1e-9
    # What the docstring says: no colour of a palette reads on both its
    # dark and its light background, so none may colour text on its own.
    for name, p in PALETTES.items():
        for i, c in enumerate(p["colors"]):
            assert min(ratio(c, bg) for _, bg in p["themes"].values()) < MINIMUM, (name, i)


def main(argv):
    path = argv[1] if len(argv) > 1 else "src/tui/draw.c"
    self_test()
    try:
        with open(path, encoding="utf-8") as f:
            source = f.read()
        pairs = read_pairs(source)
    except (OSError, ValueError) as e:
        print(f"contrast.py: {path}: {e}", file=sys.stderr)
        return 1
    checks = [("terminal's own", (-1, -1))] + sorted(pairs.items())
    low = 0
    for pal, p in PALETTES.items():
        for theme, (tfg, tbg) in p["themes"].items():
            for name, (fg, bg) in checks:
                f = tfg if fg < 0 else p["colors"][fg]
                b = tbg if bg < 0 else p["colors"][bg]
                r = ratio(f, b)
                bad = r < MINIMUM
                low += bad
                print(f"{pal:6} {theme:5} {name:15} #{f} on #{b}  {r:5.2f}:1"
                      + ("  below 4.5:1" if bad else ""))
    bold = bold_pairs(source)
    for name in bold:
        print(f"{name} is drawn bold: terminals may show it in the bright colour",
              file=sys.stderr)
    if low:
        print(f"contrast.py: {low} pair{'s' * (low != 1)} below {MINIMUM}:1", file=sys.stderr)
    return 1 if low or bold else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
