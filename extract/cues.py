"""Load the domain's cue tables (extract/data/cues/*.tsv): data a domain expert edits, not code."""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path

DATA = Path(__file__).parent / "data" / "cues"


@lru_cache(maxsize=None)
def table(name: str) -> list[list[str]]:
    """Rows of a TSV cue table, comments and blank lines skipped; every row padded to the widest."""
    text = (DATA / f"{name}.tsv").read_text("utf-8")
    rows = [line.split("\t") for line in text.splitlines() if line.strip() and not line.startswith("#")]
    width = max((len(r) for r in rows), default=0)
    return [r + [""] * (width - len(r)) for r in rows]


def words(name: str) -> list[str]:
    return [r[0] for r in table(name)]


def mapping(name: str) -> dict[str, str]:
    return {r[0]: r[1] for r in table(name)}


def alternation(phrases, flags: str = "") -> str:
    """A regex alternation of phrases, longest first, spaces matching any whitespace.

    Written as a tree of their shared beginnings ('chưa (?:đạt|hoàn thành)' rather than 'chưa đạt|chưa hoàn thành'):
    the engine then reads a phrase's first words once instead of once per phrase. At any place the text can follow
    one branch only, and a shorter phrase is the optional end of a longer one, so the phrases are tried longest
    first as in a flat list. Phrases whose branches differ only in case fall back to the flat list."""
    phrases = sorted(set(phrases), key=len, reverse=True)
    tree = _phrase_tree(phrases)
    return _tree_pattern(tree) if tree is not None else _flat_alternation(phrases)


def _flat_alternation(ordered: list[str]) -> str:
    import regex
    return "(?:" + "|".join(regex.escape(p).replace("\\ ", r"\s+") for p in ordered) + ")"


_END = ""


def _phrase_tree(phrases: list[str]) -> dict | None:
    tree: dict = {}
    for phrase in phrases:
        if not phrase:
            return None
        node = tree
        for char in phrase:
            node = node.setdefault(" " if char.isspace() else char, {})
        node[_END] = {}
    def distinct_in_any_case(node: dict) -> bool:
        keys = [k for k in node if k != _END]
        return len({k.lower() for k in keys}) == len(keys) and all(distinct_in_any_case(node[k]) for k in keys)
    return tree if distinct_in_any_case(tree) else None


def _tree_pattern(node: dict) -> str:
    import regex

    def depth(node: dict) -> int:
        return max((1 + depth(child) for key, child in node.items() if key != _END), default=0)

    def pattern(node: dict) -> str:
        branches = sorted((k for k in node if k != _END), key=lambda k: depth(node[k]), reverse=True)
        parts = [(r"\s+" if k == " " else regex.escape(k)) + pattern(node[k]) for k in branches]
        if not parts:
            return ""
        body = parts[0] if len(parts) == 1 else "(?:" + "|".join(parts) + ")"
        if _END in node:
            return ("(?:" + body + ")?") if len(parts) == 1 else body + "?"
        return body

    return "(?:" + pattern(node) + ")"


@lru_cache(maxsize=None)
def word_pattern(name: str):
    """Any phrase of the word list `name`, as whole words, in any case."""
    import regex
    return regex.compile(rf"(?<!\p{{L}}){alternation(words(name))}(?!\p{{L}})", regex.IGNORECASE)
