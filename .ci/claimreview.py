"""A ClaimReview export checked against the schema.org vocabulary, offline.

Usage: python claimreview.py SCHEMAORG.jsonld EXPORT.json

SCHEMAORG.jsonld is schema.org's release file (schemaorg-current-https.jsonld). EXPORT.json is
`marginalia export -f claimreview` output: an array of ClaimReview objects. Every @type must be
a schema.org class; every property a schema.org property whose domainIncludes covers the
object's type or a type it is a kind of, and whose rangeIncludes admits the value (a node of a
fitting type, text, a number, or a date). Google's required properties must be there:
claimReviewed, reviewRating.alternateName, author.name (and url where the review has one).
Exits 1 naming each problem.
"""

import datetime
import json
import sys


def ids(value):
    if isinstance(value, list):
        return [i for v in value for i in ids(v)]
    if isinstance(value, dict) and "@id" in value:
        return [value["@id"].removeprefix("schema:")]
    return []


def read(path):
    graph = json.load(open(path, encoding="utf-8"))["@graph"]
    supertypes, properties = {}, {}
    for node in graph:
        name = node.get("@id", "")
        if not name.startswith("schema:"):
            continue
        name = name.removeprefix("schema:")
        kinds = node.get("@type", [])
        kinds = kinds if isinstance(kinds, list) else [kinds]
        if "rdf:Property" in kinds:
            properties[name] = (ids(node.get("schema:domainIncludes")),
                                ids(node.get("schema:rangeIncludes")))
        elif "rdfs:Class" in kinds or "schema:DataType" in kinds:
            supertypes[name] = ids(node.get("rdfs:subClassOf"))
    return supertypes, properties


def lineage(supertypes, kind):
    seen, stack = {kind}, [kind]
    while stack:
        for parent in supertypes.get(stack.pop(), []):
            if parent not in seen:
                seen.add(parent)
                stack.append(parent)
    return seen


def is_date(text):
    try:
        datetime.date.fromisoformat(text[:10])
        return True
    except ValueError:
        return False


def check(node, path, supertypes, properties, problems):
    kind = node.get("@type")
    if kind not in supertypes:
        problems.append(f"{path}: {kind!r} is not a schema.org class")
        return
    kinds = lineage(supertypes, kind)
    for key, value in node.items():
        if key.startswith("@"):
            continue
        here = f"{path}.{key}"
        if key not in properties:
            problems.append(f"{here}: not a schema.org property")
            continue
        domains, ranges = properties[key]
        if not kinds.intersection(domains):
            problems.append(f"{here}: not a property of {kind}")
        ranged = set().union(*(lineage(supertypes, r) for r in ranges)) | set(ranges)
        for item in value if isinstance(value, list) else [value]:
            if isinstance(item, dict):
                if not lineage(supertypes, item.get("@type", "")).intersection(ranges):
                    problems.append(f"{here}: a {item.get('@type')} is not in its range {ranges}")
                check(item, here, supertypes, properties, problems)
            elif isinstance(item, bool):
                problems.append(f"{here}: {item!r} is not in its range {ranges}")
            elif isinstance(item, (int, float)):
                if "Number" not in ranged:
                    problems.append(f"{here}: a number is not in its range {ranges}")
            elif isinstance(item, str):
                if not ("Text" in ranged or ({"Date", "DateTime"} & set(ranges) and is_date(item))):
                    problems.append(f"{here}: {item!r} is not in its range {ranges}")
            else:
                problems.append(f"{here}: {item!r} is not in its range {ranges}")


def main():
    supertypes, properties = read(sys.argv[1])
    reviews = json.load(open(sys.argv[2], encoding="utf-8"))
    problems = []
    for n, review in enumerate(reviews):
        check(review, f"review {n}", supertypes, properties, problems)
        for required in ("claimReviewed", "reviewRating", "author"):
            if required not in review:
                problems.append(f"review {n}: no {required}, which Google requires")
        if not review.get("reviewRating", {}).get("alternateName"):
            problems.append(f"review {n}: reviewRating has no alternateName")
        if not review.get("author", {}).get("name"):
            problems.append(f"review {n}: the author has no name")
    for problem in problems:
        print("FAIL", problem)
    if not reviews:
        print("FAIL no review in the export")
    print(f"claimreview: {len(reviews)} review(s), every type and property fits schema.org")
    sys.exit(1 if problems or not reviews else 0)


if __name__ == "__main__":
    main()
