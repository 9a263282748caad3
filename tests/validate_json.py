#!/usr/bin/python3
"""Validates JSON files against a JSON Schema (draft 2020-12); exits 1 naming each error.

Usage: validate_json.py SCHEMA FILE...
"""
import json
import sys

import jsonschema


def main(argv):
    if len(argv) < 3:
        print("usage: validate_json.py SCHEMA FILE...", file=sys.stderr)
        return 2
    with open(argv[1], encoding="utf-8") as f:
        schema = json.load(f)
    validator_class = jsonschema.validators.validator_for(schema)
    validator_class.check_schema(schema)
    validator = validator_class(schema)
    failures = 0
    for path in argv[2:]:
        with open(path, encoding="utf-8") as f:
            instance = json.load(f)
        errors = sorted(validator.iter_errors(instance), key=lambda e: list(e.path))
        for error in errors:
            where = "/".join(str(p) for p in error.path) or "(root)"
            print(f"{path}: {where}: {error.message}", file=sys.stderr)
        failures += 1 if errors else 0
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
