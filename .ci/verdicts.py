"""Agreement on verdicts computed independently of Marginalia and compared with its figures.

Usage: python verdicts.py MARGINALIA CORPUS

For every two annotators of the corpus folder, each annotator's files are exported as JSONL by
`marginalia export` (the spans with their verdicts and each file's scale), the spans of one
article are paired as the README's review rule pairs them (the same span first, then the
longest overlap, each span used once), and the ratings both gave are ranked on the scale
(best first). scikit-learn's `cohen_kappa_score(weights="quadratic")` and the `krippendorff`
package's ordinal alpha are computed over those ranks, and must equal what
`marginalia compare --json CORPUS` reports. Exits with status 1 on any difference.
"""

import json
import pathlib
import subprocess
import sys

import krippendorff
import numpy
from sklearn.metrics import cohen_kappa_score


def export(marginalia, path):
    """The file's JSONL line: text, spans with verdicts, meta with the scale."""
    out = subprocess.run([marginalia, "export", "-f", "jsonl", str(path)],
                         capture_output=True, text=True, check=True).stdout
    return json.loads(out)


def ranks(scale):
    """Rating id -> rank among the ratings with a value, best first."""
    on_scale = [r for r in scale["ratings"] if r.get("value") is not None]
    on_scale.sort(key=lambda r: r["value"], reverse=scale["best"] >= scale["worst"])
    return {r["id"]: n for n, r in enumerate(on_scale)}, len(on_scale)


def pairs(mine, theirs):
    """Mine and theirs paired: the same span first, then by longest overlap."""
    taken_mine, taken_theirs, out = set(), set(), []
    for m in mine:
        for t in theirs:
            if t["id"] not in taken_theirs and (m["start"], m["end"]) == (t["start"], t["end"]):
                taken_mine.add(m["id"])
                taken_theirs.add(t["id"])
                out.append((m, t))
                break
    overlaps = []
    for m in mine:
        for t in theirs:
            if m["id"] in taken_mine or t["id"] in taken_theirs or m["label"] != t["label"]:
                continue
            overlap = min(m["end"], t["end"]) - max(m["start"], t["start"])
            if overlap > 0:
                overlaps.append((-overlap, m["start"], t["start"], m, t))
    for _, _, _, m, t in sorted(overlaps, key=lambda o: o[:3]):
        if m["id"] not in taken_mine and t["id"] not in taken_theirs:
            taken_mine.add(m["id"])
            taken_theirs.add(t["id"])
            out.append((m, t))
    return out


def main():
    marginalia, corpus = sys.argv[1], pathlib.Path(sys.argv[2])
    files = {}
    for path in sorted(corpus.glob("*.ron")):
        if path.name == "marginalia-corpus.ron":
            continue
        line = export(marginalia, path)
        files.setdefault(line["meta"]["annotator"], {})[line["meta"]["sha256"]] = line
    reported = json.loads(subprocess.run([marginalia, "compare", "--json", str(corpus)],
                                         capture_output=True, text=True, check=True).stdout)
    failed = False
    for pair in reported["pairs"]:
        a, b = files[pair["a"]], files[pair["b"]]
        items, categories = [], 0
        for sha, mine in a.items():
            theirs = b.get(sha)
            if theirs is None:
                continue
            rank, categories = ranks(mine["meta"]["scale"])
            for m, t in pairs(mine["spans"], theirs["spans"]):
                if m.get("verdict") and t.get("verdict"):
                    rm, rt = rank.get(m["verdict"]["rating"]), rank.get(t["verdict"]["rating"])
                    if rm is not None and rt is not None:
                        items.append((rm, rt))
        labels = list(range(categories))
        kappa = cohen_kappa_score([m for m, _ in items], [t for _, t in items],
                                  weights="quadratic", labels=labels)
        alpha = krippendorff.alpha(reliability_data=numpy.array(items, dtype=float).T,
                                   level_of_measurement="ordinal", value_domain=labels)
        ours = pair["verdicts"]
        for name, independent, marginalia_figure in [("weighted kappa", kappa, ours["weighted_kappa"]),
                                                      ("alpha (ordinal)", alpha, ours["alpha_ordinal"])]:
            if marginalia_figure is None or abs(independent - marginalia_figure) > 1e-9:
                print(f"FAIL {pair['a']} and {pair['b']}: {name} {marginalia_figure}, "
                      f"independently {independent}")
                failed = True
        if len(items) != ours["on_scale"]:
            print(f"FAIL {pair['a']} and {pair['b']}: {ours['on_scale']} pairs rated, "
                  f"independently {len(items)}")
            failed = True
        print(f"verdicts: {pair['a']} and {pair['b']}: {len(items)} claims both rated, "
              f"weighted kappa {kappa:.6f} (scikit-learn), alpha ordinal {alpha:.6f} "
              f"(krippendorff), equal to Marginalia's")
    if not reported["pairs"]:
        print("FAIL no two annotators share an article")
        failed = True
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
