#!/usr/bin/python3
"""Check RenderCV résumé files against RenderCV's own JSON schema.

usage: validate.py [--schema SCHEMA.json] FILE...

Every FILE is loaded the way RenderCV reads YAML and validated against the
schema (rendercv-schema.json next to this script unless --schema is given).
Each problem is printed as FILE:LINE:COLUMN: error: at PATH: message.

Before the files, the script checks itself. It validates documents it builds
in code: one valid and several invalid, each of which must be rejected. A
validator that accepts everything therefore fails this test.

Exit status: 0 all valid, 1 a file is invalid or the self-check failed,
2 usage or I/O error. Needs Debian's python3-yaml and python3-jsonschema
(4.10), so run it with /usr/bin/python3.
"""
import datetime
import json
import os
import re
import sys

import jsonschema
import yaml


class RenderCVLoader(yaml.SafeLoader):
    """PyYAML's SafeLoader, but with plain scalars typed as RenderCV sees them.

    PyYAML follows YAML 1.1. It would turn `2020-09-24` into a datetime.date,
    which matches none of the schema's date types (string or integer), and
    `yes`/`no`/`on`/`off` into booleans. RenderCV reads YAML 1.2 with
    ruamel.yaml, and its dates are text. So this loader knows only the YAML
    1.2 core schema: null, true/false, integers, floats, and everything else
    as a string. `2024-03` and `2024-03-05` stay strings, and `2023` is an
    integer, as in JSON. Both match the schema's ExactDate/ArbitraryDate.
    Duplicate keys are an error, as they are for ruamel.yaml, so they cannot
    silently drop a section.
    """

    yaml_implicit_resolvers = {}

    def construct_mapping(self, node, deep=False):
        if isinstance(node, yaml.MappingNode):
            self.flatten_mapping(node)
            seen = {}
            for key_node, _ in node.value:
                key = self.construct_object(key_node, deep=True)
                try:
                    first = seen.setdefault(key, key_node)
                except TypeError:
                    continue  # unhashable; the base class reports it
                if first is not key_node:
                    raise yaml.constructor.ConstructorError(
                        "while constructing a mapping", node.start_mark,
                        f"duplicate key {key!r} (first at line "
                        f"{first.start_mark.line + 1})", key_node.start_mark)
        return super().construct_mapping(node, deep=deep)

    def construct_core_int(self, node):
        text = self.construct_scalar(node)
        if text.startswith("0o"):
            return int(text[2:], 8)
        if text.startswith("0x"):
            return int(text[2:], 16)
        return int(text, 10)  # YAML 1.2: "010" is ten, not eight


for tag, pattern, first in [
    ("null", r"~|null|Null|NULL|", "~nN"),
    ("bool", r"true|True|TRUE|false|False|FALSE", "tTfF"),
    ("int", r"[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+", "-+0123456789"),
    ("float", r"[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?"
              r"|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN)", "-+.0123456789"),
    ("merge", r"<<", "<"),
]:
    RenderCVLoader.add_implicit_resolver(
        "tag:yaml.org,2002:" + tag, re.compile(rf"^(?:{pattern})$"),
        list(first) + ([""] if tag == "null" else []))
RenderCVLoader.add_constructor("tag:yaml.org,2002:int",
                               RenderCVLoader.construct_core_int)


class Problem(Exception):
    """A file that cannot be read or parsed: one message, already located."""


def load(text, name):
    """Returns (data, root node) so errors can be traced to a line."""
    loader = RenderCVLoader(text)
    try:
        root = loader.get_single_node()
        data = loader.construct_document(root) if root is not None else None
    except yaml.YAMLError as e:
        mark = getattr(e, "problem_mark", None) or getattr(e, "context_mark", None)
        where = f"{mark.line + 1}:{mark.column + 1}" if mark else "1:1"
        what = ": ".join(str(p) for p in (getattr(e, "context", None),
                                         getattr(e, "problem", None)) if p)
        raise Problem(f"{name}:{where}: error: {what or e}") from None
    finally:
        loader.dispose()
    return data, root


def node_at(root, path):
    """The deepest YAML node on PATH (a key or index list) that exists."""
    node = root
    for step in path:
        if isinstance(node, yaml.MappingNode):
            hit = [v for k, v in node.value if k.value == str(step)]
            if not hit:
                break
            node = hit[0]
        elif isinstance(node, yaml.SequenceNode) and isinstance(step, int) \
                and step < len(node.value):
            node = node.value[step]
        else:
            break
    return node


def path_text(path):
    out = ""
    for step in path:
        out += f"[{step}]" if isinstance(step, int) else ("." if out else "") + str(step)
    return out or "(top)"


# How RenderCV tells an entry's type: by keys only that type has (vitae(5)).
# Specific types first: `name` alone means a NormalEntry.
ENTRY_KEYS = [
    ("ExperienceEntry", ("company", "position")),
    ("EducationEntry", ("institution", "area", "degree")),
    ("PublicationEntry", ("title", "authors", "doi", "journal")),
    ("OneLineEntry", ("label", "details")),
    ("BulletEntry", ("bullet",)),
    ("NumberedEntry", ("number",)),
    ("ReversedNumberedEntry", ("reversed_number",)),
    ("NormalEntry", ("name",)),
]


def section_type(entries):
    """The type of a section: that of its first entry with a known type."""
    for entry in entries:
        if isinstance(entry, str):
            return "TextEntry"
        if isinstance(entry, dict):
            for kind, keys in ENTRY_KEYS:
                if any(k in entry for k in keys):
                    return kind
    return None


def branch_of(subschema, kind):
    """Index of KIND's branch in ListOfEntries' anyOf, or None."""
    for i, branch in enumerate(subschema.get("anyOf", [])):
        items = branch.get("items", {})
        name = items.get("$ref", "").rsplit("/", 1)[-1]
        if name == kind or (kind == "TextEntry" and items.get("type") == "string"):
            return i
    return None


def leaves(error):
    """The errors worth showing for ERROR.

    For "not valid under any of the given schemas", show why the branch that
    was meant failed. A section uses the type of its first recognised entry,
    as RenderCV does. Elsewhere, use jsonschema's best guess.
    """
    if error.validator not in ("anyOf", "oneOf") or not error.context:
        return [error]
    branches = {}
    for e in error.context:
        branches.setdefault(e.schema_path[0], []).append(e)
    picked = []
    path = list(error.absolute_path)
    if len(path) == 3 and path[:2] == ["cv", "sections"] \
            and isinstance(error.instance, list):
        kind = section_type(error.instance)
        picked = branches.get(branch_of(error.schema, kind) if kind else None, [])
    if not picked:
        # A branch for another type of value (`null` beside a list) says
        # nothing useful; the branches for this type of value do.
        fitting = [errs for errs in branches.values()
                   if not any(e.validator == "type" and not e.relative_path
                              for e in errs)]
        if len(fitting) == 1:
            picked = fitting[0]
        else:
            pool = [e for errs in fitting for e in errs] or error.context
            picked = [jsonschema.exceptions.best_match(pool)]
    return [leaf for e in picked for leaf in leaves(e)]


DATE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")


def as_date(value):
    """(year, month, day) for an exact date, or None if it is not one."""
    m = DATE.match(str(value)) if isinstance(value, (int, str)) \
        and not isinstance(value, bool) else None
    if not m:
        return None
    y, mo, d = (int(g) if g else None for g in m.groups())
    try:
        datetime.date(y, mo or 1, d or 1)
    except ValueError:
        return None
    return (y, mo or 1, d or 1)


def date_errors(data):
    """Date rules the JSON schema cannot say (it allows any string).

    start_date and end_date are YYYY, YYYY-MM or YYYY-MM-DD, and end_date may
    also be `present`. This matches the RenderCV date rules in vitae(5). An
    end before its start is also an error. Yields (path, message) pairs.
    """
    sections = (data.get("cv") or {}).get("sections") if isinstance(data, dict) else None
    if not isinstance(sections, dict):
        return
    for title, entries in sections.items():
        for i, entry in enumerate(entries if isinstance(entries, list) else []):
            if not isinstance(entry, dict):
                continue
            base = ["cv", "sections", title, i]
            dates = {}
            for key in ("start_date", "end_date"):
                value = entry.get(key)
                if value is None or (key == "end_date" and value == "present"):
                    continue
                dates[key] = as_date(value)
                if dates[key] is None:
                    yield base + [key], (f"{value!r} is not a date: use YYYY, "
                                         + ("YYYY-MM, YYYY-MM-DD or present"
                                            if key == "end_date"
                                            else "YYYY-MM or YYYY-MM-DD"))
            if dates.get("start_date") and dates.get("end_date") \
                    and dates["start_date"] > dates["end_date"]:
                yield base + ["end_date"], "end_date is before start_date"


def check(data, root, validator, name):
    """All problems in one loaded document, as printable lines."""
    found = []
    for error in validator.iter_errors(data):
        for leaf in leaves(error):
            found.append((list(leaf.absolute_path), leaf.message))
    found.extend(date_errors(data))
    located = []
    for path, message in found:
        mark = node_at(root, path).start_mark if root is not None else None
        line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        located.append((line, col, path_text(path), message))
    return [f"{name}:{line}:{col}: error: at {where}: {message}"
            for line, col, where, message in sorted(located)]


# The self-check. The valid document needs the loader: under plain PyYAML,
# its YYYY-MM-DD date would be a datetime.date, which the schema rejects.
# Each invalid document must give an error whose path ends with the given
# text.
SELF_VALID = """\
cv:
  name: Valid Example
  sections:
    experience:
      - {company: A, position: B, start_date: 2020-09-24, end_date: present}
      - {company: C, position: D, start_date: 2019, end_date: 2020-01}
    papers:
      - {title: T, authors: ["**Me**", et al.], date: 2021-05-01}
"""
SELF_INVALID = [
    ("social network without a username",
     "cv: {social_networks: [{network: Google Scholar}]}", "social_networks[0]"),
    ("unknown network", "cv: {social_networks: [{network: Myspace, username: x}]}",
     "social_networks[0].network"),
    ("unknown key under cv", "cv: {name: X, headlines: oops}", "cv"),
    ("experience entry without position",
     "cv: {sections: {jobs: [{company: A, position: B}, {company: C}]}}", "jobs[1]"),
    ("authors not a list", "cv: {sections: {p: [{title: T, authors: Me}]}}",
     "p[0].authors"),
    ("highlight that is not text",
     "cv: {sections: {e: [{name: N, highlights: [{a: b}]}]}}", "e[0].highlights[0]"),
    ("month 13", "cv: {sections: {e: [{name: N, start_date: 2020-13}]}}",
     "e[0].start_date"),
    ("end before start",
     "cv: {sections: {e: [{name: N, start_date: 2021-05, end_date: 2020}]}}",
     "e[0].end_date"),
    ("free text in start_date",
     "cv: {sections: {e: [{name: N, start_date: March 2024}]}}", "e[0].start_date"),
    ("duplicate key", "cv: {name: A, name: B}", None),
]


def self_check(validator):
    failures = []
    data, root = load(SELF_VALID, "<valid>")
    failures += check(data, root, validator, "<valid>")
    for what, text, tail in SELF_INVALID:
        try:
            data, root = load(text, what)
        except Problem:
            if tail is not None:
                failures.append(f"self-check: {what}: failed to load")
            continue
        lines = check(data, root, validator, what)
        if tail is None or not any(f"{tail}: " in line for line in lines):
            failures.append(f"self-check: {what}: not rejected at ...{tail}: "
                            f"got {lines or 'no error'}")
    return failures


def main(argv):
    args = argv[1:]
    schema_path = os.path.join(os.path.dirname(os.path.abspath(__file__)),
                               "rendercv-schema.json")
    if args[:1] == ["--schema"] and len(args) >= 2:
        schema_path, args = args[1], args[2:]
    if not args or any(a.startswith("-") for a in args):
        print(__doc__.split("\n\n")[1], file=sys.stderr)
        return 2
    try:
        with open(schema_path, encoding="utf-8") as f:
            schema = json.load(f)
    except (OSError, ValueError) as e:
        print(f"{schema_path}: error: {e}", file=sys.stderr)
        return 2
    cls = jsonschema.validators.validator_for(schema)
    cls.check_schema(schema)
    validator = cls(schema, format_checker=cls.FORMAT_CHECKER)

    failures = self_check(validator)
    for line in failures:
        print(line)
    status = 1 if failures else 0
    if not failures:
        print(f"self-check: ok (1 valid document accepted, "
              f"{len(SELF_INVALID)} invalid documents rejected)")

    for name in args:
        try:
            with open(name, encoding="utf-8") as f:
                text = f.read()
        except (OSError, UnicodeDecodeError) as e:
            print(f"{name}: error: {e}", file=sys.stderr)
            return 2
        try:
            data, root = load(text, name)
        except Problem as e:
            print(e)
            status = 1
            continue
        lines = check(data, root, validator, name)
        if not isinstance(data, dict) or "cv" not in data:
            lines.append(f"{name}:1:1: error: no `cv` key: not a RenderCV résumé")
        for line in lines:
            print(line)
        if lines:
            status = 1
        else:
            print(f"{name}: valid")
    return status


if __name__ == "__main__":
    sys.exit(main(sys.argv))
