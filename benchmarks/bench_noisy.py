"""Noisy-text benchmark: the whole pipeline (`ntm run`) on names and documents corrupted the way typists, OCR
and fixed-width exports corrupt them.

(a) Notices. `--notices` short district notices are generated from the national register (benchmarks/notices.py,
    seeded), each naming 5-8 real communes of its district, every name with one corruption kind: control
    (unchanged), tone_drop, tone_change, hook_tilde, d_stroke, tone_placement (hoà/hòa), later_syllable_lower
    ('Vĩnh quý'), all_lower, space_drop ('ĐứcQuang'), letter_doubled ('Đồnng Loan'), letter_dropped
    ('Mnh Long'), line_break (a hard wrap inside the name: 'Hữu\\nLễ'). Per name, in units.parquet:
      right       a commune row of that raw spelling (whitespace runs compared as one space), intended code
      wrong       a commune row of that spelling, or of its first syllables alone (the name cut short at a
                  line break or a lower-case syllable), with another code: the costly error
      unresolved  such rows, all with a null code
      missed      no such row
    Findings (flags.parquet): a name_variant whose values hold both a corrupted spelling and its canonical
    name (compared up to case and tone placement) is true, and one is expected for every name whose spelling
    differs from the register's beyond case, tone placement and line breaks (tone_drop, tone_change,
    hook_tilde, d_stroke, space_drop, letter_doubled, letter_dropped); the table shows found/expected. Every
    other finding is false, whatever its kind: every name is a register commune of the notice's district,
    unambiguous there (see notices.resolvable), named once, and every stated count agrees with its list.
    Target: >= 0.99 of names right, <= 0.002 wrong, no false finding.

(b) Corpora. Our own corpora (data/raw, tests/corpus2..9, and ../shared/seeds when present), each with gold,
    are copied through ntm.noise (noise_folder: .txt/.md noised, text in a legacy encoding decoded with
    parsers.legacy and written as UTF-8, .docx/.pdf copied unchanged) under six conditions: clean (the
    original files), hard wraps at 60, 72 and 90 columns, and OCR noise at CER 0.5% and 2% followed by wraps
    at 72. Each is run and scored with ntm.evaluate.evaluate:
      macro F1          mean of the F1 of every table of the report that has a gold or predicted row in that
                        run (units, criteria_status, criteria_counts, averages, funding, deadlines,
                        references, targets, flags) and of the document field accuracy, as one more term
      delta             macro F1 minus the clean run's, same corpus
      findings P        precision of the flags table against gold (1.0 when nothing is predicted)
      new findings      findings (file, kind, values up to case and tone placement) absent from the clean run
                        of the same corpus

    .venv/bin/python benchmarks/bench_noisy.py [--part a|b|both] [--notices 70] [--seed 20240611] [--quick]
                                               [--json FILE|-] [--keep DIR]

It is a measurement, not a test: the exit code is always 0. A full run takes a few minutes.
"""
from __future__ import annotations

import argparse
import datetime as dt
import json
import shutil
import subprocess
import sys
import tempfile
from collections import Counter, defaultdict
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

import pyarrow.parquet as pq  # noqa: E402

from benchmarks.notices import KINDS, Notice, PlacedName, generate_notices  # noqa: E402
from ntm.normalize.register import load_register  # noqa: E402
from ntm.normalize.vntext import placement_key  # noqa: E402
from ntm.evaluate import Report, evaluate  # noqa: E402
from ntm.noise import Noise, noise_folder  # noqa: E402

TARGET_RIGHT, TARGET_WRONG = 0.99, 0.002
OUTCOMES = ("right", "wrong", "unresolved", "missed")


# -------------------------------------------------------------------------------------------- the pipeline
def run_pipeline(inputs: Path, out: Path) -> str | None:
    """`ntm run inputs --out out` in a fresh interpreter, reviewer aliases left out; None, or what went wrong
    when the run wrote no tables (exit 1, some files unreadable, still writes them)."""
    shutil.rmtree(out, ignore_errors=True)  # a kept folder must not lend a failed run its old tables
    command = [sys.executable, "-m", "ntm.cli", "run", str(inputs), "--out", str(out),
               "--aliases", str(out.parent / "no-aliases.csv")]
    done = subprocess.run(command, cwd=REPO, capture_output=True, text=True, check=False)
    if done.returncode in (0, 1) and (out / "documents.parquet").exists():
        return None
    return f"exit {done.returncode}: " + (done.stderr.strip().splitlines() or ["no message"])[-1][:300]


def read_table(out: Path, name: str) -> list[dict]:
    path = out / f"{name}.parquet"
    return pq.read_table(path).to_pylist() if path.exists() else []


def rows_by_file(out: Path, name: str) -> dict[str, list[dict]]:
    """Rows of a table keyed by the source file's name (a noisy copy has another doc_id, the same name)."""
    files = {d["doc_id"]: Path(d["source_file"]).name for d in read_table(out, "documents") if d["doc_id"]}
    grouped: dict[str, list[dict]] = defaultdict(list)
    for row in read_table(out, name):
        grouped[files.get(row["doc_id"], "?")].append(row)
    return grouped


def pipeline_state() -> dict:
    """The commit measured, and whether pipeline code had uncommitted changes (others' work in progress)."""
    def git(*args: str) -> str:
        return subprocess.run(["git", *args], cwd=REPO, capture_output=True, text=True, check=False).stdout.strip()
    dirty = [line[3:] for line in git("status", "--porcelain", "--", "extract", "normalize", "parsers",
                                      "ntm/pipeline.py", "ntm/cli.py", "ntm/writer.py").splitlines()]
    commit = git("rev-parse", "--short", "HEAD") or "unknown (not a git checkout)"
    return {"commit": commit, "uncommitted_pipeline_files": dirty,
            "date": dt.date.today().isoformat()}


# ------------------------------------------------------------------------------------------- (a) notices
def _one_spacing(text: str) -> str:
    return " ".join(text.split())


def name_outcome(name: PlacedName, unit_rows: list[dict], other_spellings: set[str]) -> tuple[str, list[dict]]:
    """(outcome, the commune rows it rests on). Rows of other levels are left out: a commune named like its
    district ('xã Kim Bôi' in huyện Kim Bôi) shares its spelling with the district's own rows. When no row of
    the exact spelling has the intended code, a row of a cut-short spelling (its first syllables: 'Tân' of
    'Tân\nDương', 'Bình Thạnh' of 'Bình Thạnh trung') counts too, unless another name of the notice is
    written that way or begins that way (then the row cannot be told whose): with another code the name is
    wrong, with none unresolved."""
    spelled = _one_spacing(name.raw)
    communes = [r for r in unit_rows if r["level"] == "commune"]
    rows = [r for r in communes if _one_spacing(r["raw_name"] or "") == spelled]
    if name.code in {r["code"] for r in rows}:
        return ("right" if all(r["code"] in (None, name.code) for r in rows) else "wrong"), rows
    rows += [r for r in communes if _cut_short(_one_spacing(r["raw_name"] or ""), spelled)
             and not _written_by_another(_one_spacing(r["raw_name"] or ""), other_spellings)]
    if any(r["code"] not in (None, name.code) for r in rows):
        return "wrong", rows
    return ("unresolved" if any(r["code"] is None for r in rows) else "missed"), rows


def _cut_short(raw: str, spelled: str) -> bool:
    return bool(raw) and spelled.startswith(raw + " ")


def _written_by_another(raw: str, other_spellings: set[str]) -> bool:
    return any(raw == other or _cut_short(raw, other) for other in other_spellings)


def _values_key(values: list[str]) -> set[str]:
    return {placement_key(v) for v in values or []}


def expected_variants(notice: Notice) -> dict[tuple[str, str], PlacedName]:
    return {(placement_key(n.canonical), placement_key(_one_spacing(n.raw))): n
            for n in notice.names if n.expects_variant}


def judge_findings(notice: Notice, flags: list[dict]) -> tuple[list[dict], list[PlacedName]]:
    """(false findings, names whose expected name_variant is missing)."""
    expected = expected_variants(notice)
    found: set[tuple[str, str]] = set()
    false = []
    for flag in flags:
        keys = _values_key(flag["values"])
        pair = next((p for p in expected if flag["kind"] == "name_variant" and set(p) <= keys), None)
        if pair is None:
            false.append(flag)
        else:
            found.add(pair)
    return false, [n for p, n in expected.items() if p not in found]


@dataclass
class NameResult:
    file: str
    name: PlacedName
    outcome: str
    rows: list[dict]
    by_code: list[dict]  # rows of the intended code under any spelling, to see what the pipeline made of it


def notices_benchmark(count: int, seed: int, workdir: Path) -> dict:
    notices = generate_notices(load_register(), count, seed)
    source, out = workdir / "notices", workdir / "notices_out"
    source.mkdir(parents=True, exist_ok=True)
    for notice in notices:
        (source / notice.file).write_text(notice.text, "utf-8")
    error = run_pipeline(source, out)
    units, flags = rows_by_file(out, "units"), rows_by_file(out, "flags")
    results, false_by_file, unflagged = [], {}, []
    for notice in notices:
        spellings = {_one_spacing(n.raw) for n in notice.names}
        for name in notice.names:
            others = spellings - {_one_spacing(name.raw)}
            outcome, rows = name_outcome(name, units.get(notice.file, []), others)
            by_code = [r for r in units.get(notice.file, []) if r["code"] == name.code]
            results.append(NameResult(notice.file, name, outcome, rows, by_code))
        false, missing = judge_findings(notice, flags.get(notice.file, []))
        false_by_file[notice.file] = false
        unflagged += [(notice.file, n) for n in missing]
    return summarise_notices(notices, results, false_by_file, unflagged, seed, error)


def summarise_notices(notices: list[Notice], results: list[NameResult], false_by_file: dict[str, list[dict]],
                      unflagged: list[tuple[str, PlacedName]], seed: int, error: str | None) -> dict:
    per_kind = {}
    for kind in KINDS:
        mine = [r for r in results if r.name.kind == kind]
        tally = Counter(r.outcome for r in mine)
        expected = sum(r.name.expects_variant for r in mine)
        missing = sum(1 for _, n in unflagged if n.kind == kind)
        per_kind[kind] = {"names": len(mine), **{o: tally[o] for o in OUTCOMES},
                          "variant_findings_expected": expected, "variant_findings_found": expected - missing}
    totals = {o: sum(k[o] for k in per_kind.values()) for o in ("names", *OUTCOMES, "variant_findings_expected",
                                                                "variant_findings_found")}
    false_flags = [f for flags in false_by_file.values() for f in flags]
    n_names = totals["names"] or 1
    return {
        "seed": seed, "notices": len(notices), "pipeline_error": error, "per_kind": per_kind, "totals": totals,
        "right_share": totals["right"] / n_names, "wrong_share": totals["wrong"] / n_names,
        "false_findings": len(false_flags), "false_findings_per_notice": len(false_flags) / max(1, len(notices)),
        "notices_with_false_findings": sum(1 for f in false_by_file.values() if f),
        "false_findings_by_kind": dict(Counter(f["kind"] for f in false_flags).most_common()),
        "meets_target": (totals["right"] / n_names >= TARGET_RIGHT and totals["wrong"] / n_names <= TARGET_WRONG
                         and not false_flags),
        "failures": [_failure(r) for r in results if r.outcome != "right"],
        "false_finding_examples": [{"file": file, "kind": f["kind"], "values": f["values"], "detail": f["detail"]}
                                   for file, flags in false_by_file.items() for f in flags],
        "unflagged_variants": [{"file": file, "kind": n.kind, "raw": n.raw, "canonical": n.canonical}
                               for file, n in unflagged],
    }


def _failure(result: NameResult) -> dict:
    def brief(rows: list[dict]) -> list[dict]:
        return [{k: r[k] for k in ("level", "name", "raw_name", "code", "match_method")} for r in rows]
    n = result.name
    return {"file": result.file, "kind": n.kind, "raw": n.raw, "canonical": n.canonical, "code": n.code,
            "outcome": result.outcome, "rows": brief(result.rows), "rows_with_code": brief(result.by_code)}


def print_notices(res: dict) -> None:
    print(f"(a) Notices: {res['notices']} notices, {res['totals']['names']} names, seed {res['seed']}")
    if res["pipeline_error"]:
        print(f"    the pipeline run failed, nothing to score: {res['pipeline_error']}")
        return
    print(f"{'kind':22s}{'names':>6s}{'right':>7s}{'wrong':>7s}{'unres.':>7s}{'missed':>7s}{'right %':>9s}"
          f"{'variant findings':>18s}")
    rows = [*res["per_kind"].items(), ("TOTAL", res["totals"])]
    for kind, k in rows:
        share = k["right"] / k["names"] if k["names"] else 0.0
        found = f"{k['variant_findings_found']}/{k['variant_findings_expected']}" if k[
            "variant_findings_expected"] else "-"
        print(f"{kind:22s}{k['names']:6d}{k['right']:7d}{k['wrong']:7d}{k['unresolved']:7d}{k['missed']:7d}"
              f"{share:9.1%}{found:>18s}")
    by_kind = ", ".join(f"{k} {n}" for k, n in res["false_findings_by_kind"].items()) or "none"
    print(f"names right {res['right_share']:.3f}, wrong {res['wrong_share']:.4f}; false findings "
          f"{res['false_findings']} ({res['false_findings_per_notice']:.2f} per notice, "
          f"{res['notices_with_false_findings']} notices): {by_kind}")
    verdict = "meets" if res["meets_target"] else "does NOT meet"
    print(f"target (right >= {TARGET_RIGHT}, wrong <= {TARGET_WRONG}, no false finding): {verdict}")
    print_examples(res)


def print_examples(res: dict, per_kind: int = 2) -> None:
    shown: Counter = Counter()
    lines = []
    for f in res["failures"]:
        if shown[f["kind"]] >= per_kind:
            continue
        shown[f["kind"]] += 1
        got = "; ".join(f"{r['level']} {r['name']!r} code {r['code']} via {r['match_method']}" for r in f["rows"])
        alt = "; ".join(f"raw {r['raw_name']!r}" for r in f["rows_with_code"])
        lines.append(f"  [{f['kind']}] {f['outcome']}: {f['raw']!r} (= {f['canonical']} {f['code']}) "
                     f"-> {got or 'no row'}" + (f"; the code's rows: {alt}" if alt else ""))
    if lines:
        print("Examples of names not right:")
        print("\n".join(lines))
    for f in res["false_finding_examples"][:6]:
        print(f"  false finding {f['file']}: {f['kind']} {f['values']}: {f['detail']}")
    for f in res["unflagged_variants"][:3]:
        print(f"  no name_variant for [{f['kind']}] {f['raw']!r} (= {f['canonical']})")


# ------------------------------------------------------------------------------------------- (b) corpora
CONDITIONS: dict[str, Noise | None] = {
    "clean": None, "wrap60": Noise(wrap=60), "wrap72": Noise(wrap=72), "wrap90": Noise(wrap=90),
    "ocr0.5%+wrap72": Noise(cer=0.005, wrap=72), "ocr2%+wrap72": Noise(cer=0.02, wrap=72),
    "lower": Noise(lower=True),
}
QUICK_CONDITIONS = ("clean", "wrap72", "ocr2%+wrap72")
QUICK_CORPORA = ("data/raw", "corpus5", "corpus8")


def corpora() -> dict[str, tuple[Path, Path]]:
    """name -> (raw folder, gold folder), for those present."""
    found = {"data/raw": (REPO / "data" / "raw", REPO / "tests" / "gold")}
    numbered = [d for d in (REPO / "tests").glob("corpus*") if d.name[6:].isdigit()]
    for folder in sorted(numbered, key=lambda d: int(d.name[6:])):  # every held-out corpus there is
        found[folder.name] = (folder / "raw", folder / "gold")
    found["seeds"] = (REPO.parent / "shared" / "seeds", REPO.parent / "shared" / "gold")
    return {name: dirs for name, dirs in found.items() if dirs[0].is_dir() and any(dirs[1].glob("*.json"))}


def macro_f1(report: Report) -> float:
    scored = [s.f1 for s in report.tables.values() if s.tp + s.fp + s.fn]
    return sum([*scored, report.field_accuracy]) / (len(scored) + 1)


def finding_keys(out: Path) -> Counter:
    return Counter((file, f["kind"], tuple(sorted(_values_key(f["values"]))))
                   for file, flags in rows_by_file(out, "flags").items() for f in flags)


def corpus_condition(raw: Path, gold: Path, noise: Noise | None, workdir: Path) -> dict:
    """Scores of one corpus under one condition; only `error` and the file counts when the run failed."""
    if noise is None:
        source, noised = raw, 0
    else:
        source = workdir / "src"
        shutil.rmtree(source, ignore_errors=True)
        noised = len(noise_folder(raw, source, noise).noised)
    out = workdir / "out"
    result: dict = {"noised_files": noised, "files": sum(1 for p in raw.rglob("*") if p.is_file()),
                    "error": run_pipeline(source, out)}
    if result["error"]:
        return result
    report = evaluate(gold, out)
    flags = report.tables["flags"]
    return {**result, "macro_f1": macro_f1(report), "findings_tp": flags.tp, "findings_fp": flags.fp,
            "findings_precision": flags.precision, "field_accuracy": report.field_accuracy,
            "f1": {name: round(s.f1, 4) for name, s in report.tables.items() if s.tp + s.fp + s.fn},
            "findings": finding_keys(out)}


def compare_with_clean(by_condition: dict[str, dict]) -> None:
    """Adds delta and new_findings to every run of a corpus that, like its clean run, succeeded."""
    clean = by_condition["clean"]
    for r in by_condition.values():
        if not r["error"] and not clean["error"]:
            r["delta"] = r["macro_f1"] - clean["macro_f1"]
            r["new_findings"] = sum((r["findings"] - clean["findings"]).values())
    for r in by_condition.values():
        r.pop("findings", None)


def corpora_benchmark(seed: int, quick: bool, workdir: Path) -> dict:
    chosen = {n: d for n, d in corpora().items() if not quick or n in QUICK_CORPORA}
    conditions = [c for c in CONDITIONS if not quick or c in QUICK_CONDITIONS]
    results: dict[str, dict[str, dict]] = {}
    for corpus, (raw, gold) in chosen.items():
        results[corpus] = {}
        for condition in conditions:
            noise = CONDITIONS[condition]
            if noise is not None:
                noise = Noise(cer=noise.cer, wrap=noise.wrap, seed=seed, lower=noise.lower)
            where = workdir / corpus.replace("/", "_") / condition
            results[corpus][condition] = corpus_condition(raw, gold, noise, where)
        compare_with_clean(results[corpus])
    return {"seed": seed, "conditions": conditions, "corpora": results, "overall": overall(results, conditions)}


def overall(results: dict[str, dict[str, dict]], conditions: list[str]) -> dict[str, dict]:
    """Per condition over the corpora whose run and clean run both succeeded: mean macro F1 and delta, pooled
    findings precision, new findings."""
    out = {}
    for condition in conditions:
        runs = [by_condition[condition] for by_condition in results.values() if "delta" in by_condition[condition]]
        if not runs:
            continue
        tp, fp = sum(r["findings_tp"] for r in runs), sum(r["findings_fp"] for r in runs)
        out[condition] = {"macro_f1": sum(r["macro_f1"] for r in runs) / len(runs),
                          "delta": sum(r["delta"] for r in runs) / len(runs),
                          "findings_precision": tp / (tp + fp) if tp + fp else 1.0,
                          "new_findings": sum(r["new_findings"] for r in runs),
                          "corpora": len(runs), "table_f1": mean_table_f1(runs)}
    return out


def mean_table_f1(runs: list[dict]) -> dict[str, float]:
    """Per table (and document fields), the mean F1 over the corpora where it is scored."""
    scores: dict[str, list[float]] = defaultdict(list)
    for r in runs:
        for table, f1 in r["f1"].items():
            scores[table].append(f1)
        scores["fields"].append(r["field_accuracy"])
    return {table: sum(v) / len(v) for table, v in scores.items()}


def print_corpora(res: dict) -> None:
    print(f"(b) Corpora through the noise model (OCR seed {res['seed']})")
    print(f"{'corpus':10s}{'condition':>16s}{'noised':>8s}{'macro F1':>10s}{'delta':>8s}{'findings P':>12s}"
          f"{'new findings':>14s}")
    for corpus, by_condition in res["corpora"].items():
        for condition, r in by_condition.items():
            noised = f"{r['noised_files']}/{r['files']}" if condition != "clean" else "-"
            head = f"{corpus:10s}{condition:>16s}{noised:>8s}"
            if r["error"]:
                print(f"{head}  run failed: {r['error']}")
            elif "delta" not in r:
                print(f"{head}{r['macro_f1']:10.3f}{'':>8s}{r['findings_precision']:12.3f}  (clean run failed)")
            else:
                print(f"{head}{r['macro_f1']:10.3f}{r['delta']:+8.3f}{r['findings_precision']:12.3f}"
                      f"{r['new_findings']:14d}")
    if not res["overall"]:
        return
    print("All corpora (mean macro F1 and delta; findings precision pooled; corpora whose runs all succeeded):")
    for condition, r in res["overall"].items():
        print(f"{'all':10s}{condition:>16s}{'':>8s}{r['macro_f1']:10.3f}{r['delta']:+8.3f}"
              f"{r['findings_precision']:12.3f}{r['new_findings']:14d}")
    tables = list(next(iter(res["overall"].values()))["table_f1"])
    short = {"criteria_status": "status", "criteria_counts": "counts", "references": "refs"}
    print("Mean F1 per table over the corpora that score it (fields: document field accuracy):")
    print(f"{'condition':16s}" + "".join(f"{short.get(t, t)[:9]:>10s}" for t in tables))
    for condition, r in res["overall"].items():
        print(f"{condition:16s}" + "".join(f"{r['table_f1'].get(t, float('nan')):10.3f}" for t in tables))


# ------------------------------------------------------------------------------------------------- main
def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--part", choices=("a", "b", "both"), default="both")
    ap.add_argument("--notices", type=int, default=70, help="notices to generate for part (a), default 70")
    ap.add_argument("--seed", type=int, default=20240611, help="seed of the notices and of the OCR noise")
    quick = f"part (b) on {', '.join(QUICK_CORPORA)} under {', '.join(QUICK_CONDITIONS)} only"
    ap.add_argument("--quick", action="store_true", help=quick.replace("%", "%%"))  # argparse formats help with %
    ap.add_argument("--json", help="write the results as JSON to this file ('-': to stdout, no table)")
    ap.add_argument("--keep", type=Path, help="keep the generated files and the runs' tables in this folder")
    args = ap.parse_args(argv)
    state = pipeline_state()
    results: dict = {"measured": state}
    with tempfile.TemporaryDirectory(prefix="ntm-noisy-") as tmp:
        workdir = args.keep or Path(tmp)
        talk = args.json != "-"
        if talk:
            dirty = f", uncommitted changes in {len(state['uncommitted_pipeline_files'])} pipeline files" if state[
                "uncommitted_pipeline_files"] else ""
            print(f"Noisy-text benchmark, {state['date']}, commit {state['commit']}{dirty}\n")
        if args.part in ("a", "both"):
            results["notices"] = notices_benchmark(args.notices, args.seed, workdir / "a")
            if talk:
                print_notices(results["notices"])
                print()
        if args.part in ("b", "both"):
            results["corpora"] = corpora_benchmark(args.seed, args.quick, workdir / "b")
            if talk:
                print_corpora(results["corpora"])
    if args.json:
        text = json.dumps(results, ensure_ascii=False, indent=1)
        if args.json == "-":
            print(text)
        else:
            Path(args.json).write_text(text, "utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
