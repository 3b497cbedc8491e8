"""Commune-name resolver benchmark: our matcher vs vietnamadminunits vs an OpenRefine-style fingerprint.

Real communes are drawn from the national register (fixed seed), each name is corrupted in one of the
ways typists and PDF fonts corrupt Vietnamese names, and every method resolves the corrupted name with
the commune's true district as context. The costly outcome is a *wrong* resolution (a code that is not
the true one); an abstention only costs a manual look. The corruptions live in ntm/noise.py (shared with
bench_noisy.py).

    .venv/bin/python benchmarks/bench_resolver.py [--n 2500] [--seed 20240611] [--json out.json]
"""
from __future__ import annotations

import argparse
import json
import random
import re
import sys
import time
import unicodedata
from collections import Counter, defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from ntm.normalize.register import Unit, load_register  # noqa: E402
from ntm.normalize.units import match_name  # noqa: E402
from ntm.normalize.vntext import placement_key  # noqa: E402
from ntm.noise import NAME_CORRUPTIONS, nfd  # noqa: E402
from ntm.parsers.textclean import clean  # noqa: E402

KINDS = ("exact", "tone_drop", "tone_change", "hook_tilde", "d_stroke", "tone_placement", "case", "horn_u_font",
         "space_drop")
CORRUPT = {kind: NAME_CORRUPTIONS[kind] for kind in KINDS}


# ----------------------------------------------------------------------------------------- sampling
def build_cases(reg, n: int, seed: int) -> list[dict]:
    """n distinct communes, each given one corruption, n/9 per kind: kinds are filled scarcest first
    (tone placement, đ, ư ... fit few names), each from the communes its corruption applies to."""
    rng = random.Random(seed)
    communes = sorted((u for u in reg.communes if u.kind in ("Xã", "Phường", "Thị trấn")), key=lambda u: u.code)
    districts = {d.code: d for d in reg.districts}
    corrupted: dict[str, dict[str, str]] = {k: {} for k in KINDS}
    for kind in KINDS:
        for unit in communes:
            raw = CORRUPT[kind](unit.name, random.Random(f"{seed}:{unit.code}:{kind}"))
            if raw is not None and (kind == "exact" or raw != unit.name):
                corrupted[kind][unit.code] = raw
    quota = {k: n // len(KINDS) + (1 if i < n % len(KINDS) else 0) for i, k in enumerate(KINDS)}
    used: set[str] = set()
    cases = []
    for kind in sorted(KINDS, key=lambda k: (len(corrupted[k]), KINDS.index(k))):
        eligible = [u for u in communes if u.code in corrupted[kind] and u.code not in used]
        for unit in rng.sample(eligible, min(quota[kind], len(eligible))):
            used.add(unit.code)
            district = districts[unit.district_code]
            cases.append({"raw": corrupted[kind][unit.code], "kind": kind, "truth": unit.code, "truth_name": unit.name,
                          "commune_kind": unit.kind, "district_code": district.code, "district": district.name,
                          "district_kind": district.kind, "province": unit.province})
    cases.sort(key=lambda c: (KINDS.index(c["kind"]), c["truth"]))
    return cases


# ------------------------------------------------------------------------------------------ methods
def method_ours(case: dict, pool: list[Unit], reg) -> tuple[str | None, str]:
    match = match_name(clean(case["raw"]), pool)
    return (match.unit.code if match.unit else None), match.method


def method_vau(case: dict, pool: list[Unit], reg) -> tuple[str | None, str]:
    from vietnamadminunits import ParseMode, parse_address
    province = reg.provinces[case["province"]]
    address = f"{case['raw']}, {case['district_kind']} {case['district']}, {province.kind} {province.name}"
    try:
        result = parse_address(address, mode=ParseMode.LEGACY, level=3)
    except Exception as exc:  # noqa: BLE001 - any failure is an abstention
        return None, f"error:{type(exc).__name__}"
    return (result.ward_code or None), ("ward" if result.ward_code else "no_ward")


_NON_WORD = re.compile(r"[\W_]+")


def fingerprint(text: str) -> str:
    """OpenRefine fingerprint key: trim, lowercase, asciify (đ -> d), split on whitespace/punctuation,
    unique sorted tokens joined by a space."""
    text = text.strip().lower().replace("đ", "d")
    text = "".join(ch for ch in nfd(text) if not unicodedata.combining(ch))
    return " ".join(sorted(set(t for t in _NON_WORD.split(text) if t)))


_FP_CACHE: dict[str, dict[str, list[str]]] = {}


def method_fingerprint(case: dict, pool: list[Unit], reg) -> tuple[str | None, str]:
    index = _FP_CACHE.get(case["district_code"])
    if index is None:
        index = defaultdict(list)
        for u in pool:
            index[fingerprint(u.name)].append(u.code)
        _FP_CACHE[case["district_code"]] = index
    hits = index.get(fingerprint(case["raw"]), [])
    if len(hits) == 1:
        return hits[0], "unique"
    return None, ("several" if hits else "none")


METHODS = {
    "ours (clean + match_name)": method_ours,
    "vietnamadminunits.parse_address": method_vau,
    "fingerprint (OpenRefine-style)": method_fingerprint,
}


# ------------------------------------------------------------------------------------------- report
def run(n: int, seed: int) -> dict:
    t0 = time.perf_counter()
    reg = load_register()
    cases = build_cases(reg, n, seed)
    names = {u.code: u.name for u in reg.communes}
    for case in cases:
        pool = reg.communes_of[case["district_code"]]
        # a corrupted name that reads as another commune's own name cannot be resolved by anyone
        raw_key = placement_key(clean(case["raw"]))
        case["collides"] = any(u.code != case["truth"] and placement_key(u.name) == raw_key for u in pool)
        case["results"] = {}
        for label, fn in METHODS.items():
            code, how = fn(case, pool, reg)
            outcome = "right" if code == case["truth"] else "abstain" if code is None else "wrong"
            case["results"][label] = {"code": code, "name": names.get(code), "how": how, "outcome": outcome}
    elapsed = time.perf_counter() - t0

    kinds_present = [k for k in KINDS if any(c["kind"] == k for c in cases)]
    summary = {}
    for label in METHODS:
        tally = Counter(c["results"][label]["outcome"] for c in cases)
        by_kind = {}
        for k in kinds_present:
            sub = [c for c in cases if c["kind"] == k]
            t = Counter(c["results"][label]["outcome"] for c in sub)
            by_kind[k] = {"n": len(sub), "right": t["right"], "abstain": t["abstain"], "wrong": t["wrong"]}
        wrong_resolvable = sum(1 for c in cases if c["results"][label]["outcome"] == "wrong" and not c["collides"])
        summary[label] = {"n": len(cases), "right": tally["right"], "abstain": tally["abstain"], "wrong": tally["wrong"],
                          "wrong_resolvable": wrong_resolvable,
                          "accuracy": tally["right"] / len(cases) if cases else 0.0, "by_kind": by_kind}
    return {"n": len(cases), "seed": seed, "distinct_communes": len({c["truth"] for c in cases}),
            "kinds": dict(Counter(c["kind"] for c in cases)), "collisions": sum(c["collides"] for c in cases),
            "seconds": round(elapsed, 1), "summary": summary, "cases": cases}


def print_report(res: dict) -> None:
    labels = list(METHODS)
    short = {labels[0]: "ours", labels[1]: "vau", labels[2]: "fingerprint"}
    print(f"Resolver benchmark: {res['n']} corrupted names of {res['distinct_communes']} distinct register communes "
          f"(seed {res['seed']}), resolved within their true district; {res['seconds']}s.")
    print("Note: 'ours' runs parsers.textclean.clean() on the raw name first (it repairs PDF-font ƣ/Ƣ -> ư/Ư), "
          "as the pipeline does; the other two get the raw name as is.")
    print("Cases per kind: " + ", ".join(f"{k} {v}" for k, v in res["kinds"].items()))
    print(f"Cases whose corrupted name reads as ANOTHER commune of the same district (unresolvable): {res['collisions']}")
    print()
    print(f"{'method':34s} {'accuracy':>9s} {'right':>6s} {'abstain':>8s} {'wrong':>6s} {'wrong excl. unresolvable':>25s}")
    for label in labels:
        s = res["summary"][label]
        print(f"{label:34s} {s['accuracy']:9.1%} {s['right']:6d} {s['abstain']:8d} {s['wrong']:6d} "
              f"{s['wrong_resolvable']:25d}")
    print()
    print("Per corruption kind: right / abstain / WRONG")
    head = f"{'kind':15s} {'n':>5s}" + "".join(f" {short[l]:>17s}" for l in labels)
    print(head)
    kinds = list(res["summary"][labels[0]]["by_kind"])
    for k in kinds:
        row = f"{k:15s} {res['summary'][labels[0]]['by_kind'][k]['n']:5d}"
        for label in labels:
            b = res["summary"][label]["by_kind"][k]
            row += f" {b['right']:>6d}/{b['abstain']:>4d}/{b['wrong']:>5d}"
        print(row)
    print()
    print("Wrong resolutions per corruption kind")
    print(f"{'kind':15s}" + "".join(f" {short[l]:>12s}" for l in labels))
    for k in kinds:
        print(f"{k:15s}" + "".join(f" {res['summary'][l]['by_kind'][k]['wrong']:12d}" for l in labels))
    print(f"{'TOTAL':15s}" + "".join(f" {res['summary'][l]['wrong']:12d}" for l in labels))

    ours = res["summary"][labels[0]]["wrong"]
    best_other = min(res["summary"][l]["wrong"] for l in labels[1:])
    if ours > best_other:
        print()
        print(f"Ours makes more wrong resolutions ({ours}) than the best other method ({best_other}); examples:")
        wrong = [c for c in res["cases"] if c["results"][labels[0]]["outcome"] == "wrong"]
        for c in wrong[:5]:
            r = c["results"][labels[0]]
            flag = " (UNRESOLVABLE: raw is another commune's exact name)" if c["collides"] else ""
            print(f"  [{c['kind']}]{flag} raw={c['raw']!r} district={c['district_kind']} {c['district']} ({c['province']}) "
                  f"ours={r['code']} {r['name']!r} via {r['how']} truth={c['truth']} {c['truth_name']!r}")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--n", type=int, default=2500, help="number of cases (distinct communes), default 2500")
    ap.add_argument("--seed", type=int, default=20240611)
    ap.add_argument("--json", type=Path, help="write summary and every case to this JSON file")
    args = ap.parse_args(argv)
    res = run(args.n, args.seed)
    print_report(res)
    if args.json:
        # wall-clock time is the only non-deterministic field; keep it out of the file
        out = {k: v for k, v in res.items() if k != "seconds"}
        args.json.write_text(json.dumps(out, ensure_ascii=False, indent=1), "utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
