"""The W3C export checked against the W3C Web Annotation test suite's MUST assertions.

Usage: python w3c.py TESTS FILE...

TESTS is a copy of the `annotations/`, `collections/` and `definitions/` folders of the W3C
`web-annotation-tests` repository. Each FILE is one `marginalia export -f w3c` output: an
AnnotationCollection with its first AnnotationPage embedded. Every annotation of the page is
validated against every assertion of `annotations/annotationMusts.test`, the collection against
`collections/collectionMusts.test`, and the page against `collections/pages/pageMusts.test`, as
the suite's own runner does: each assertion is a JSON Schema (draft 4) that must accept the
item ("expectedResult": "valid"). Any failure names the file, the item and the assertion's own
error message, and the run exits with status 1.
"""

import json
import pathlib
import sys

import jsonschema
import referencing
import referencing.jsonschema


def load_assertions(tests, test_file):
    """The assertion schemas a `*.test` file lists, with their paths."""
    listed = json.loads((tests / test_file).read_text())["assertions"]
    assertions = []
    for path in listed:
        if not isinstance(path, str):
            raise SystemExit(f"{test_file}: an assertion that is not a path: {path!r}")
        assertions.append((path, json.loads((tests / path).read_text())))
    return assertions


def registry(tests):
    """The suite's shared definitions, by the file names the assertions refer to them by."""
    resources = []
    for definition in sorted((tests / "definitions").glob("*.json")):
        schema = json.loads(definition.read_text())
        resource = referencing.jsonschema.DRAFT4.create_resource(schema)
        resources.append((definition.name, resource))
    return referencing.Registry().with_resources(resources)


def check(where, item, assertions, shared, failures):
    """Validates `item` against every assertion; returns how many held."""
    held = 0
    for path, schema in assertions:
        if schema.get("expectedResult", "valid") != "valid":
            failures.append(f"{where}: {path} expects {schema.get('expectedResult')!r}, not handled")
            continue
        validator = jsonschema.Draft4Validator(schema, registry=shared)
        errors = list(validator.iter_errors(item))
        if errors:
            message = schema.get("errorMessage", path)
            failures.append(f"{where}: {path}: {message} ({errors[0].message})")
        else:
            held += 1
    return held


def main():
    tests = pathlib.Path(sys.argv[1])
    files = [pathlib.Path(p) for p in sys.argv[2:]]
    shared = registry(tests)
    annotation_musts = load_assertions(tests, "annotations/annotationMusts.test")
    collection_musts = load_assertions(tests, "collections/collectionMusts.test")
    page_musts = load_assertions(tests, "collections/pages/pageMusts.test")
    failures = []
    annotations = 0
    for file in files:
        collection = json.loads(file.read_text())
        check(f"{file.name} (collection)", collection, collection_musts, shared, failures)
        page = collection.get("first")
        if not isinstance(page, dict):
            failures.append(f"{file.name}: the collection has no embedded first page")
            continue
        check(f"{file.name} (page)", page, page_musts, shared, failures)
        for item in page.get("items", []):
            check(f"{file.name} {item.get('id')}", item, annotation_musts, shared, failures)
            annotations += 1
        if annotations == 0:
            failures.append(f"{file.name}: no annotation to check")
    print(
        f"w3c: {annotations} annotation(s) of {len(files)} file(s) against "
        f"{len(annotation_musts)} annotation, {len(collection_musts)} collection and "
        f"{len(page_musts)} page assertions"
    )
    for failure in failures:
        print("FAIL", failure)
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
