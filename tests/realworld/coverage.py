#!/usr/bin/python3
"""String coverage of one résumé: every string its author wrote must reach
`vitae --dump --width 1000 FILE`.

usage: coverage.py VITAE FILE

Fails (exit 1) when vitae exits non-zero, prints nothing, or leaves out any
expected string; prints the coverage and every missing string. Before
checking FILE it checks itself (self_check) so that it can fail at all.

What is expected, and why (the exceptions are deliberately few):
- Values, never keys: a RenderCV section title is a key, and vitae titles it
  its own way.
- Only what is résumé text: RenderCV's top-level `design`, `locale`,
  `locale_catalog`, `settings` and `rendercv_settings` style the PDF;
  JSON Resume's `meta` and `$schema` describe the file. `photo`, `image` and
  `picture` are paths to pictures a terminal does not show, and RenderCV's
  `fontawesome_icon` names an icon.
- Strings and numbers as written; null, booleans and empty strings carry no
  text.
- A duplicated key keeps its last value, as JSON parsers do; earlier values
  are not expected.
- URLs (a scheme followed by "//", or "mailto:") are not expected: vitae
  shows addresses shortened ("example.com") or as link targets.
- A valid ISO date (YYYY-MM or YYYY-MM-DD) is expected by its year only:
  vitae shows "Sep 2023". A date that is not valid ISO (2023-9-28,
  2024-09-31) is expected as written. "present" is matched in any case;
  in a RenderCV file with a `locale` (or 1.x `locale_catalog`) it is the
  date keyword, which vitae writes in the résumé's language, and is not
  expected.
- A phone written "tel:+1-..." is expected without "tel:".
- Matching ignores all whitespace (wrapping, indentation, bullets' spacing)
  and Unicode normalisation form; format characters and controls (Unicode
  categories Cc and Cf), which vitae drops or replaces, are removed from the
  expectation.
- Markup is expected as vitae renders it: **bold**, *italic* and
  [text](url) leave their text, backslash escapes their character. A
  "[text](url)", a "**bold**" or a tag of the HTML subset found in the dump
  as written counts as missing: markup must be rendered, not printed. RenderCV
  turns " - " inside a highlight and lines starting "- " into nested
  bullets, so the pieces between are expected one by one.
- JSON Resume text may hold HTML (ELEMENTS below; "Vec<T>" is text): br,
  p, ul, ol and li separate pieces
  expected one by one, and so does a (a link's text is followed by its
  address in the dump, as for Markdown), every other tag is removed, <script> and <style>
  lose their contents, and entities are decoded as literal text (a "&#42;"
  is a star, never markup). Text with a tag is HTML, whose text is literal:
  its Markdown is not stripped; text without one keeps its Markdown. Controls and format characters they decode to
  separate pieces.
"""
import html
import html.entities
import json
import re
import subprocess
import sys
import unicodedata

import yaml

RENDERCV_SETTINGS = {"design", "locale", "locale_catalog", "settings", "rendercv_settings"}
JSONRESUME_META = {"meta", "$schema"}
PICTURES = {"photo", "image", "picture", "fontawesome_icon"}
RENDERCV_CV_SETTINGS = {"sort_entries"}   # 2.x ordering option inside cv
URL = re.compile(r"^\s*(?:[A-Za-z][A-Za-z0-9+.-]*://\S*|mailto:\S*)\s*$")
ISO_DATE = re.compile(r"^(\d{4})-(\d{2})(?:-(\d{2}))?$")
SPLIT_TAGS = {"br", "p", "ul", "ol", "li", "a"}
# The HTML elements vitae reads as tags (vitae(5)); "Vec<T>" is text.
ELEMENTS = ("b strong i em a br p ul ol li script style abbr address article aside big "
            "blockquote body caption center cite code col colgroup dd del details dfn div "
            "dl dt figcaption figure font footer h1 h2 h3 h4 h5 h6 head header hr html img "
            "ins kbd label main mark nav pre q s samp section small span strike sub summary "
            "sup table tbody td tfoot th thead time title tr tt u var wbr").split()
NAME = "(?:" + "|".join(ELEMENTS) + ")"
TAG = re.compile(r"<(/?)(" + NAME + r")(?=[\s/>])[^>]*>|<!--.*?-->", re.S | re.I)
HAS_TAG = re.compile(r"<(?:/?" + NAME + r"(?=[\s/>])|!--).*>", re.S | re.I)
DROP_CONTENT = re.compile(r"<(script|style)(?=[\s/>])[^>]*>.*?(?:</\1[^>]*>|$)", re.S | re.I)


# ---- what the author wrote -------------------------------------------------

class Value:
    """A scalar the author wrote, with the key path that leads to it."""

    def __init__(self, path, text, kind):
        self.path, self.text, self.kind = path, text, kind


def json_values(data):
    def hook(pairs):
        d = {}
        for k, v in pairs:
            d[k] = v        # the last one wins, as in every JSON parser
        return d
    doc = json.loads(data, object_pairs_hook=hook)
    out = []

    def walk(v, path):
        if isinstance(v, dict):
            for k, x in v.items():
                walk(x, path + [str(k)])
        elif isinstance(v, list):
            for x in v:
                walk(x, path + ["[]"])
        elif isinstance(v, bool) or v is None:
            return
        elif isinstance(v, (int, float)):
            out.append(Value(path, json.dumps(v), "number"))
        else:
            out.append(Value(path, v, "string"))
    walk(doc, [])
    return set(doc) if isinstance(doc, dict) else set(), out


def yaml_values(data):
    root = yaml.compose(data, Loader=yaml.SafeLoader)
    out = []
    seen = set()

    def walk(n, path):
        if id(n) in seen:       # an alias: its text was expected once
            return
        seen.add(id(n))
        if isinstance(n, yaml.MappingNode):
            last = {}
            for k, v in n.value:
                last[k.value if isinstance(k, yaml.ScalarNode) else id(k)] = (k, v)
            for key, (k, v) in last.items():
                walk(v, path + [str(key)])
        elif isinstance(n, yaml.SequenceNode):
            for x in n.value:
                walk(x, path + ["[]"])
        else:
            tag = n.tag.rsplit(":", 1)[-1]
            if n.style is None and tag in ("null", "bool"):
                return
            kind = "string" if n.style is not None or tag in ("str", "timestamp") else "number"
            out.append(Value(path, n.value, kind))
    if root is not None:
        walk(root, [])
    top = {k.value for k, _ in root.value if isinstance(k, yaml.ScalarNode)} \
        if isinstance(root, yaml.MappingNode) else set()
    return top, out


def is_rendercv(top):
    return "cv" in top


def wanted(v, rendercv):
    top = v.path[0] if v.path else ""
    if rendercv and (top != "cv" or v.path[1:2] and v.path[1] in RENDERCV_CV_SETTINGS):
        return False
    if not rendercv and top in JSONRESUME_META:
        return False
    if v.path and v.path[-1] in PICTURES:
        return False
    return v.text.strip() != ""


# ---- how vitae renders it --------------------------------------------------

def strip_markdown(s):
    """A link's text is its own piece: the dump follows it with the address."""
    s = re.sub(r"\[([^\]]*)\]\(([^)\s]*)\)", "\n\\1\n", s)
    s = re.sub(r"\\([\\`*_{}\[\]()#+\-.!|~<>])", "\x00\\1", s)
    s = re.sub(r"\*{1,3}(?=\S)(.+?)(?<=\S)\*{1,3}", r"\1", s)
    return s.replace("\x00", "")


def strip_html(s):
    """Tags vitae turns into line breaks, and links, split the text; every
    other tag vanishes. Entities stay encoded: what they decode to is literal text,
    never markup, so they are decoded after strip_markdown."""
    s = DROP_CONTENT.sub("", s)

    def tag(m):
        name = (m.group(2) or "").lower()
        return "\n" if name in SPLIT_TAGS else ""
    return TAG.sub(tag, s)


ENTITY = re.compile(r"&(?:#[xX]([0-9A-Fa-f]+)|#([0-9]+)|([A-Za-z][A-Za-z0-9]*));")


def decode_entities(s):
    """Numeric references as their code point (U+FFFD when there is none;
    no HTML5 remapping of 128-159: those are C1 controls), named ones from
    HTML5's table; an unknown name stays as written."""
    def one(m):
        if m.group(3):
            return html.entities.html5.get(m.group(3) + ";", m.group(0))
        n = int(m.group(1), 16) if m.group(1) else int(m.group(2))
        if n == 0 or n > 0x10FFFF or 0xD800 <= n <= 0xDFFF:
            return "\ufffd"
        return chr(n)
    return ENTITY.sub(one, s)


def pieces(v, rendercv):
    """The texts that must appear in the dump for one value."""
    s = v.text
    if v.kind == "number":
        return [s]
    if URL.match(s):
        return None
    m = ISO_DATE.match(s.strip())
    if m and valid_date(m):
        return [m.group(1)]
    if s.strip().lower().startswith("tel:"):
        s = s.strip()[4:]
    markdown = True
    if not rendercv and HAS_TAG.search(s):
        s = strip_html(s)
        markdown = False        # HTML's text is literal
    parts = []
    for line in s.split("\n"):
        line = re.sub(r"^\s*- ", "", line)
        parts.extend(line.split(" - ") if rendercv else [line])
    out = []
    for part in parts:
        text = strip_markdown(part) if markdown else part
        if not rendercv:
            text = decode_entities(text)
        # vitae drops format characters and replaces controls: either
        # way, the text on each side must be there.
        text = "".join("\n" if unicodedata.category(ch) in ("Cc", "Cf") else ch
                       for ch in text)
        out.extend(p for p in text.split("\n") if p.strip())
    return out


def valid_date(m):
    import datetime
    y, mo, d = int(m.group(1)), int(m.group(2)), int(m.group(3) or 1)
    try:
        datetime.date(y, mo, d)
    except ValueError:
        return False
    return True


def squash(s):
    return "".join(unicodedata.normalize("NFC", s).split())


LOCALIZED = False      # a RenderCV file with its own language: see above


def found(piece, out):
    p = squash(piece)
    if p.lower() == "present":
        return LOCALIZED or "present" in out.lower()
    return p in out


MD_RAW = re.compile(r"\[[^\]]+\]\([^)\s]+\)|\*\*(?=\S)[^*]+(?<=\S)\*\*")
HTML_RAW = re.compile(r"</?(?:b|strong|i|em|a|br|p|ul|ol|li)\b[^>]*>", re.I)


def raw_markup(v, rendercv):
    """Markup as written ("[text](url)", "**bold**", a tag of the HTML
    subset), which the dump must show rendered, never as written."""
    if v.kind == "number" or URL.match(v.text):
        return []
    if not rendercv and HAS_TAG.search(v.text):
        return HTML_RAW.findall(v.text)
    return [m for m in MD_RAW.findall(v.text) if "\\" not in m]


def check(values, rendercv, output):
    """Returns (expected, excepted, missing) for the values over output;
    a piece of markup shown as written counts as missing too."""
    out = squash(output)
    expected = excepted = 0
    missing = []
    for v in values:
        ps = pieces(v, rendercv)
        if ps is None:
            excepted += 1
            continue
        for p in ps:
            expected += 1
            if not found(p, out):
                missing.append((v, p))
        for r in raw_markup(v, rendercv):
            expected += 1
            if squash(r) in out:
                missing.append((v, "shown as written: " + r))
    return expected, excepted, missing


# ---- the test can fail -----------------------------------------------------

def self_check(values, rendercv, output):
    """The matcher's rules on known cases, then on this file's real output
    with one found string taken out: it must be reported missing."""
    cases = [
        (strip_markdown("**Led** a *team* of [five](https://x.org)!"), "Led a team of \nfive\n!"),
        (strip_markdown(r"5 \* 3"), "5 * 3"),
        (strip_html("<p>A &amp; B<br>C</p><ul><li><strong>D</strong>E</li></ul>"),
         "\nA &amp; B\nC\n\n\nDE\n\n"),
        (strip_html("x<script>alert(1)</script>y<style>p{}"), "xy"),
        (pieces(Value(["s"], "&#42;&#42;a&#42;&#42; **b** &#27;[1m", "string"), False),
         ["**a** b ", "[1m"]),
        (pieces(Value(["s"], "<b>**b**</b> [x](y)", "string"), False), ["**b** [x](y)"]),
    ]
    for got, want in cases:
        if got != want:
            sys.exit(f"self-check: {got!r} != {want!r}")
    if pieces(Value(["d"], "2024-09-31", "string"), False) != ["2024-09-31"]:
        sys.exit("self-check: an impossible date must be expected as written")
    if pieces(Value(["d"], "2024-09-30", "string"), False) != ["2024"]:
        sys.exit("self-check: a valid ISO date is expected by its year")
    _, _, missing = check([Value(["x"], "qz-not-in-any-résumé", "string")], rendercv, output)
    if len(missing) != 1:
        sys.exit("self-check: a string absent from the output was not reported")
    _, _, missing = check([Value(["x"], "**qz**", "string")], True, "**qz**")
    if len(missing) != 1:
        sys.exit("self-check: markup shown as written was not reported")
    for v in values:
        ps = pieces(v, rendercv)
        if ps and len(squash(ps[0])) >= 4 and found(ps[0], squash(output)):
            cut = squash(output).replace(squash(ps[0]), "")
            _, _, missing = check([v], rendercv, cut)
            if not any(p == ps[0] for _, p in missing):
                sys.exit(f"self-check: {ps[0]!r}, removed from the output, was not reported")
            break


def main():
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    vitae, path = sys.argv[1], sys.argv[2]
    with open(path, encoding="utf-8") as f:
        data = f.read()
    top, values = json_values(data) if path.endswith(".json") else yaml_values(data)
    rendercv = is_rendercv(top)
    global LOCALIZED
    LOCALIZED = rendercv and any(k in top for k in ("locale", "locale_catalog"))
    values = [v for v in values if wanted(v, rendercv)]

    r = subprocess.run([vitae, "--dump", "--width", "1000", path],
                       capture_output=True, text=True)
    if r.stderr:
        sys.stderr.write(r.stderr)
    if r.returncode != 0:
        print(f"{path}: vitae exited {r.returncode}")
        return 1
    if not r.stdout.strip():
        print(f"{path}: vitae showed nothing")
        return 1

    self_check(values, rendercv, r.stdout)
    expected, excepted, missing = check(values, rendercv, r.stdout)
    shown = expected - len(missing)
    pct = 100.0 * shown / expected if expected else 100.0
    print(f"{path}: {shown}/{expected} strings shown ({pct:.1f}%), "
          f"{excepted} URLs excepted")
    for v, p in missing:
        print(f"  missing at {'.'.join(v.path)}: {p!r}")
    return 1 if missing else 0


if __name__ == "__main__":
    sys.exit(main())
