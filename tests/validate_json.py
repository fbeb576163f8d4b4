#!/usr/bin/python3
# validate_json.py — validates JSON documents against a JSON Schema with Debian's
# python3-jsonschema; references between schemas resolve to the files beside the schema
# SPDX-License-Identifier: Apache-2.0
"""usage: validate_json.py SCHEMA FILE...       (exit 0: all valid; 1: errors listed; 2: usage)
       validate_json.py --reports SCHEMA DIR  every imgaudit JSON report or inventory below DIR
                                              (an object with schema_version and target),
                                              printing how many were validated"""
import json
import os
import sys

import jsonschema


def load_store(schema_dir):
    """Every schema of schema_dir by file name and by its $id (or draft-04 id)."""
    store = {}
    for name in os.listdir(schema_dir):
        if not name.endswith(".json"):
            continue
        with open(os.path.join(schema_dir, name), encoding="utf-8") as f:
            doc = json.load(f)
        store[name] = doc
        for key in ("$id", "id"):
            if isinstance(doc.get(key), str):
                store[doc[key]] = doc
                store[doc[key].split("#")[0]] = doc
    return store


MAX_REPORT = 256 * 1024 * 1024  # larger files are images, not reports


def find_reports(top):
    """Files below top that hold an imgaudit JSON document (the report or the inventory)."""
    found = []
    for base, _dirs, files in os.walk(top):
        for name in files:
            path = os.path.join(base, name)
            try:
                if not os.path.isfile(path) or os.path.getsize(path) > MAX_REPORT:
                    continue
                with open(path, "rb") as f:
                    if f.read(1) != b"{":
                        continue
                    f.seek(0)
                    doc = json.loads(f.read().decode("utf-8"))
            except (OSError, ValueError):
                continue
            if isinstance(doc, dict) and "schema_version" in doc and "target" in doc:
                found.append(path)
    return sorted(found)


def main(argv):
    if len(argv) == 4 and argv[1] == "--reports":
        files = find_reports(argv[3])
        print(f"validate_json.py: {len(files)} JSON report(s) below {argv[3]}")
        return main([argv[0], argv[2]] + files) if files else 0
    if len(argv) < 3:
        print(__doc__, file=sys.stderr)
        return 2
    path = argv[1]
    with open(path, encoding="utf-8") as f:
        schema = json.load(f)
    cls = jsonschema.validators.validator_for(schema)
    cls.check_schema(schema)
    store = load_store(os.path.dirname(os.path.abspath(path)))
    resolver = jsonschema.RefResolver(
        base_uri="file://" + os.path.abspath(path), referrer=schema, store=store)
    validator = cls(schema, resolver=resolver, format_checker=cls.FORMAT_CHECKER)
    bad = 0
    for doc_path in argv[2:]:
        with open(doc_path, encoding="utf-8") as f:
            doc = json.load(f)
        errors = sorted(validator.iter_errors(doc), key=lambda e: list(e.absolute_path))
        for e in errors[:20]:
            where = "/".join(str(p) for p in e.absolute_path)
            print(f"{doc_path}: /{where}: {e.message[:300]}")
        if errors:
            bad += 1
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
