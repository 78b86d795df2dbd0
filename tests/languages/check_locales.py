#!/usr/bin/env python3
"""check_locales.py VITAE SCHEMA: every language RenderCV ships comes out
of vitae with RenderCV's words.

The expected words are read from RenderCV's JSON schema (its *Locale
definitions), not from vitae's generated table (src/lang_table.c): the
test reads the source of truth itself, so a table that was generated
wrongly, edited by hand or left stale fails here. For each language it
writes a résumé with one entry per month and an education entry, runs
`vitae --check` (no message) and `vitae --dump`, and looks for each month's
abbreviation (and, with design.templates.single_date: MONTH_NAME YEAR, its
full name), the word for "present" and the degree-with-area phrase.
"""
import json
import os
import subprocess
import sys
import tempfile

DASH = "\u2013"


def locales(schema):
    defs = schema["$defs"]
    for name, d in sorted(defs.items()):
        props = d.get("properties", {})
        if not name.endswith("Locale") or "language" not in props:
            continue
        ref = props["phrases"]["$ref"].rsplit("/", 1)[1]
        yield {
            "language": props["language"]["default"],
            "abbr": props["month_abbreviations"]["default"],
            "names": props["month_names"]["default"],
            "present": props["present"]["default"],
            "phrase": defs[ref]["properties"]["degree_with_area"]["default"],
        }


def resume(loc, full_names):
    q = lambda s: json.dumps(s, ensure_ascii=False)
    lines = ["cv:", "  name: Test Person", "  sections:", "    work:"]
    for m in range(1, 13):
        lines += [f"      - company: C{m}", "        position: P",
                  f"        start_date: 2001-{m:02d}"]
    lines += ["    school:", "      - institution: U", "        area: AREAX",
              "        degree: DEGX", "        start_date: 1999",
              "        end_date: 2000",
              "locale:", f"  language: {q(loc['language'])}"]
    if full_names:
        lines += ["design:", "  theme: classic", "  templates:",
                  "    single_date: MONTH_NAME YEAR"]
    return "\n".join(lines) + "\n"


def run(vitae, path, *args):
    return subprocess.run([vitae, *args, path], capture_output=True,
                          text=True, encoding="utf-8")


def main():
    vitae, schema_path = sys.argv[1], sys.argv[2]
    with open(schema_path, encoding="utf-8") as f:
        all_locales = list(locales(json.load(f)))
    failures = 0
    if len(all_locales) != 22:
        print(f"expected RenderCV's 22 languages, found {len(all_locales)}")
        failures += 1
    with tempfile.TemporaryDirectory() as tmp:
        path = os.path.join(tmp, "r.yaml")
        for loc in all_locales:
            for full in (False, True):
                with open(path, "w", encoding="utf-8") as f:
                    f.write(resume(loc, full))
                chk = run(vitae, path, "--check")
                if chk.returncode != 0 or chk.stderr:
                    print(f"{loc['language']}: --check exit {chk.returncode}: {chk.stderr}")
                    failures += 1
                out = run(vitae, path, "--dump", "--width", "1000").stdout
                months = loc["names"] if full else loc["abbr"]
                for m, word in enumerate(months, 1):
                    want = f"{word} 2001 {DASH} {loc['present']}"
                    if want not in out:
                        print(f"{loc['language']}: month {m}: no {want!r}")
                        failures += 1
                phrase = loc["phrase"].replace("DEGREE", "DEGX").replace("AREA", "AREAX")
                if phrase not in out:
                    print(f"{loc['language']}: no {phrase!r}")
                    failures += 1
    print(f"{len(all_locales)} languages, {failures} failures")
    return 1 if failures else 0


sys.exit(main())
