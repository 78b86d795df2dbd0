#!/usr/bin/python3
"""Check JSON Resume files against JSON Resume's own schema.

usage: validate_jsonresume.py FILE...

The schema is jsonresume-schema.json next to this script (see README.md
there for where it comes from). Each problem is printed as
FILE: error: at PATH: message. Formats the validator knows (email, date)
are checked too.

Before the files, the script checks itself: one document it builds must be
accepted and each of several broken ones rejected at the right place, so a
validator that accepts everything fails.

Exit status: 0 all valid, 1 a file is invalid or the self-check failed,
2 usage or I/O error. Needs Debian's python3-jsonschema.
"""
import json
import os
import sys

import jsonschema

VALID = {
    "basics": {"name": "A", "email": "a@example.org",
               "location": {"address": "Somewhere"},
               "profiles": [{"network": "GitHub", "username": "a"}]},
    "work": [{"name": "B", "startDate": "2020-09", "technologies": ["C"]}],
    "meta": {"vitae": {"sections": {"talks": ["x"]}}},
}
INVALID = [
    ("free text in a date", {"work": [{"name": "B", "startDate": "March 2020"}]},
     "work[0].startDate"),
    ("email that is a list", {"basics": {"email": ["a@example.org"]}}, "basics.email"),
    ("email without @", {"basics": {"email": "nobody"}}, "basics.email"),
    ("highlights not a list", {"work": [{"highlights": "x"}]}, "work[0].highlights"),
    ("a year out of range", {"education": [{"endDate": "3001"}]}, "education[0].endDate"),
]


def path_text(path):
    out = ""
    for step in path:
        out += f"[{step}]" if isinstance(step, int) else ("." if out else "") + str(step)
    return out or "(top)"


def problems(validator, data):
    return sorted(f"at {path_text(e.absolute_path)}: {e.message}"
                  for e in validator.iter_errors(data))


def main(argv):
    args = argv[1:]
    if not args or any(a.startswith("-") for a in args):
        print(__doc__.split("\n\n")[1], file=sys.stderr)
        return 2
    here = os.path.dirname(os.path.abspath(__file__))
    with open(os.path.join(here, "jsonresume-schema.json"), encoding="utf-8") as f:
        schema = json.load(f)
    cls = jsonschema.validators.validator_for(schema)
    cls.check_schema(schema)
    validator = cls(schema, format_checker=cls.FORMAT_CHECKER)

    status = 0
    for line in problems(validator, VALID):
        print(f"self-check: valid document rejected: {line}")
        status = 1
    for what, doc, where in INVALID:
        if not any(line.startswith(f"at {where}: ") for line in problems(validator, doc)):
            print(f"self-check: {what}: not rejected at {where}")
            status = 1
    if status:
        return status
    print(f"self-check: ok (1 valid document accepted, {len(INVALID)} invalid rejected)")
    for name in args:
        try:
            with open(name, encoding="utf-8") as f:
                data = json.load(f)
        except (OSError, ValueError) as e:
            print(f"{name}: error: {e}")
            status = 1
            continue
        lines = problems(validator, data)
        for line in lines:
            print(f"{name}: error: {line}")
        if lines:
            status = 1
        else:
            print(f"{name}: valid")
    return status


if __name__ == "__main__":
    sys.exit(main(sys.argv))
