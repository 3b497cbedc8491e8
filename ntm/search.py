"""`ntm search`: ranked passages over every document's text, with SQLite FTS5 (BM25).

The index (`search.sqlite`) is built by `ntm run` from the `blocks` and `documents` tables it has just written,
inside the same version folder, so it is switched with the table set and never describes another run. Each
block is indexed twice: as written (`text`, for exact-mark matches and display) and folded (`folded`: marks
dropped, đ -> d, lower case, by normalize.vntext.bare), so "long dong" finds "Long Đống" and "Long Đông"; a
query typed with marks ranks the passages that carry those exact marks first."""
from __future__ import annotations

import hashlib
import re
import shutil
import sqlite3
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import numpy as np
import pyarrow.dataset as ds

from ntm.normalize.vntext import bare, code_points, nfc, without_marks

from .query import find_tables
from .store import pipeline_version

INDEX = "search.sqlite"
WINDOW = 240  # a block longer than this is shown as a window of about this many characters around its match
BATCH = 4096
WORD = re.compile(r"\w+")
QUERY_PART = re.compile(r'"([^"]*)"?|(\S+)')


class IndexMissing(Exception):
    """The folder holds no search index."""


def fold_words(text: str) -> list[str]:
    return [bare(word) for word in WORD.findall(nfc(text))]


def folded(text: str) -> str:
    """" ".join(fold_words(text)): the text's characters folded by one table lookup, then split into words, where the
    table holds every character of the text (a word folds character by character: no mark survives `bare`, and no
    character the table holds changes whether it is a word character). The table writes every character that is
    not a word character as a space, so str.split finds the words (a scan for \\w+ is twice the cost)."""
    text = nfc(text)
    plain = _folded_characters(text)
    return " ".join(plain.split() if plain is not None else fold_words(text))


def folded_all(texts: list[str]) -> list[str]:
    """[folded(text) for text in texts], the characters of all of them looked up in one pass: a passage is a few
    hundred characters, and the lookup's fixed cost for each would be most of its folding. When the table cannot
    fold them character by character, each is folded on its own."""
    texts = [nfc(text) for text in texts]
    plain = _folded_characters("".join(texts))
    if plain is None:
        return [folded(text) for text in texts]
    out, at = [], 0
    for text in texts:
        out.append(" ".join(plain[at:at + len(text)].split()))
        at += len(text)
    return out


def _folded_characters(text: str) -> str | None:
    """The text with each character folded by the table (a space for one that is no word character), the same
    length; None when the text is empty or holds a character the table does not fold."""
    codes = code_points(text)
    if not len(codes) or int(codes.max()) >= 0x10000:
        return None
    mapped = np.take(_fold_table(), codes)
    return None if (mapped < 0).any() else mapped.astype(np.uint32).tobytes().decode("utf-32-le")


_FOLD_BLOCKS = ((0x0000, 0x0250), (0x1E00, 0x1F00), (0x2000, 0x2070))  # Latin with Vietnamese letters, punctuation


@lru_cache(maxsize=1)
def _fold_table() -> np.ndarray:
    """For each character of _FOLD_BLOCKS: the one character `bare` folds it to, where it is one character that is a
    word character exactly when the original is, and a space for a character that is not a word character; -1 for
    every other character (a text holding one is folded word by word)."""
    table = np.full(0x10000, -1, dtype=np.int32)  # half the memory an int64 takes: fewer cache misses
    for first, last in _FOLD_BLOCKS:
        for code in range(first, last):
            character = chr(code)
            folded_character = without_marks(character.lower())
            if len(folded_character) == 1 and not unicodedata.combining(character) \
                    and bool(WORD.match(character)) == bool(WORD.match(folded_character)):
                table[code] = ord(folded_character) if WORD.match(character) else ord(" ")
    return table


# --- building -----------------------------------------------------------------------------------

def build_index(folder: Path, previous: Path | None = None) -> Path:
    """folder/search.sqlite from the blocks and documents tables in folder (a run's version folder, which nobody
    reads before the switch: the file is written in place). `previous` is the table set this one replaces: the
    passages of every document whose blocks are the same there (by a digest of its pages and texts, under the
    same code) are taken from its index, so a re-run that changed a few files indexes only those."""
    tables = {source.name: source for source in find_tables(folder)}
    target = folder / INDEX
    target.unlink(missing_ok=True)
    old = previous / INDEX if previous is not None else None
    reusable = old is not None and old.is_file()
    digests = _digests(tables.get("blocks")) if reusable else None  # else summed up while the passages are read
    kept = _start_from(old, target, digests) if reusable else None
    connection = sqlite3.connect(target)
    try:
        connection.executescript("PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF;")
        if kept is None:
            kept = set()
            connection.executescript("""
                CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT);
                CREATE TABLE documents (doc_id TEXT PRIMARY KEY, source_file TEXT NOT NULL, digest TEXT NOT NULL);
                CREATE VIRTUAL TABLE passages USING fts5(
                    text, folded, doc_id UNINDEXED, page UNINDEXED,
                    tokenize = 'unicode61 remove_diacritics 0');
            """)
            connection.execute("INSERT INTO meta VALUES ('pipeline', ?)", (pipeline_version(),))
        sources: dict[str, set[str]] = {}
        for batch in _batches(tables.get("documents"), ["doc_id", "source_file"]):
            for doc_id, source_file in zip(*batch):
                if doc_id:
                    sources.setdefault(doc_id, set()).add(source_file)
        running: dict = {}
        rows = []
        for doc_id, page, text in _blocks(tables.get("blocks")):
            if digests is None:
                _add_to_digest(running, doc_id, page, text)
            if doc_id not in kept:
                rows.append((nfc(text), doc_id, page))
            if len(rows) >= BATCH:
                _insert_passages(connection, rows)
                rows.clear()
        _insert_passages(connection, rows)
        if digests is None:
            digests = {doc_id: digest.hexdigest() for doc_id, digest in running.items()}
        connection.execute("DELETE FROM documents")
        connection.executemany("INSERT INTO documents VALUES (?, ?, ?)",
                               [(doc_id, ", ".join(sorted(sources.get(doc_id, ()))), digest)
                                for doc_id, digest in digests.items()])
        if not kept:
            connection.execute("INSERT INTO passages(passages) VALUES ('optimize')")
        connection.commit()
    finally:
        connection.close()
    return target


def _insert_passages(connection: sqlite3.Connection, rows: list[tuple[str, str, int]]) -> None:
    """(text, doc_id, page) rows into the index, each with its folded text."""
    connection.executemany("INSERT INTO passages VALUES (?, ?, ?, ?)",
                           [(text, folded_text, doc_id, page)
                            for (text, doc_id, page), folded_text in zip(rows, folded_all([r[0] for r in rows]))])


def _start_from(old: Path, target: Path, digests: dict[str, str]) -> set[str] | None:
    """Copy the previous index and remove the documents that changed or went; the doc_ids it still holds, or
    None when it cannot be reused (another version of the code, or not readable)."""
    try:
        source = sqlite3.connect(f"{old.resolve().as_uri()}?mode=ro", uri=True)
        try:
            if source.execute("SELECT value FROM meta WHERE key = 'pipeline'").fetchone() != (pipeline_version(),):
                return None
            before = dict(source.execute("SELECT doc_id, digest FROM documents"))
        finally:
            source.close()
        shutil.copyfile(old, target)
    except (sqlite3.Error, OSError):
        target.unlink(missing_ok=True)
        return None
    kept = {doc_id for doc_id, digest in before.items() if digests.get(doc_id) == digest}
    if len(before) > len(kept):
        connection = sqlite3.connect(target)
        try:
            stale = [(rowid,) for rowid, doc_id in connection.execute("SELECT rowid, doc_id FROM passages")
                     if doc_id not in kept]
            connection.executemany("DELETE FROM passages WHERE rowid = ?", stale)
            connection.commit()
        finally:
            connection.close()
    return kept


def _blocks(source):
    """(doc_id, page, text) of every block with text, each document once (two identical files share a doc_id
    and their blocks: the second copy is left out)."""
    done: set[str] = set()
    current = None
    for doc_ids, pages, texts in _batches(source, ["doc_id", "page", "text"]):
        for doc_id, page, text in zip(doc_ids, pages, texts):
            if doc_id != current:
                if current is not None:
                    done.add(current)
                current = doc_id
            if doc_id not in done and text and not text.isspace():
                yield doc_id, page, text


def _digests(source) -> dict[str, str]:
    """doc_id -> a digest of its blocks' pages and texts, in order."""
    digests: dict = {}  # doc_id -> a running blake2b
    for doc_id, page, text in _blocks(source):
        _add_to_digest(digests, doc_id, page, text)
    return {doc_id: digest.hexdigest() for doc_id, digest in digests.items()}


def _add_to_digest(digests: dict, doc_id: str, page, text: str) -> None:
    digest = digests.get(doc_id)
    if digest is None:
        digest = digests[doc_id] = hashlib.blake2b(digest_size=16)
    digest.update(f"{page}\x00{text}\x01".encode("utf-8", "surrogatepass"))


def _batches(source, columns: list[str]):
    if source is None:
        return
    # the files' own columns: no partition key is read, so none is inferred (a key null in every row cannot be)
    dataset = ds.dataset(source.path, format="parquet")
    for batch in dataset.to_batches(columns=columns, batch_size=BATCH):
        yield [batch.column(c).to_pylist() for c in columns]


# --- querying -----------------------------------------------------------------------------------

@dataclass
class Passage:
    source_file: str
    page: int | None
    text: str  # the passage as written, maybe a window of its block
    highlights: list[tuple[int, int]]  # spans of text that match the query
    exact: bool  # the block carries the query's words with the query's own marks
    score: float  # BM25 (lower is better, as SQLite gives it)
    partial: bool = False  # holds only some of the query's words (no passage held them all)


@dataclass
class Query:
    phrases: list[list[str]]  # the words of each quoted phrase or unquoted word, as typed (lower case)

    @classmethod
    def parse(cls, text: str) -> "Query":
        phrases = []
        for quoted, word in QUERY_PART.findall(nfc(text)):
            words = WORD.findall((quoted or word).lower())
            if words:
                phrases.append(words)
        return cls(phrases)

    @property
    def folded(self) -> list[list[str]]:
        return [[bare(w) for w in phrase] for phrase in self.phrases]

    @property
    def has_marks(self) -> bool:
        return self.folded != self.phrases

    @staticmethod
    def match(column: str, phrases: list[list[str]], operator: str) -> str:
        """An FTS5 expression: every phrase quoted (words hold no quote), joined by AND or OR, on one column."""
        return f"{column} : (" + f" {operator} ".join('"' + " ".join(p) + '"' for p in phrases) + ")"


def search(index: Path, text: str, limit: int = 10) -> list[Passage]:
    """Passages that hold every word of the query, or when none does, some of them (`partial`). Those holding
    more of the query's words with the query's own marks come first, then those holding more of its words,
    then those holding the query as one phrase, then by BM25 on the folded text."""
    if not index.is_file():
        raise IndexMissing(f"no search index in {index.parent} ({INDEX}); `ntm run --out {index.parent}` builds it")
    query = Query.parse(text)
    if not query.phrases:
        return []
    connection = sqlite3.connect(f"{index.resolve().as_uri()}?mode=ro", uri=True)
    try:
        for operator in ("AND", "OR"):
            rows = _ranked(connection, query, operator, limit)
            if rows or len(query.phrases) == 1:
                break
    finally:
        connection.close()
    return [_passage(query, *row) for row in rows]


def _ranked(connection: sqlite3.Connection, query: Query, operator: str, limit: int) -> list[tuple]:
    matched = _hits("folded", query.folded)
    exact = _hits("text", query.phrases) if query.has_marks else matched
    whole = _hits("folded", [sum(query.folded, [])]) if len(query.phrases) > 1 else ("0", [])
    return connection.execute(
        f"""SELECT d.source_file, p.page, p.text, bm25(passages, 0.0, 1.0) AS score,
                   {matched[0]} AS matched, {exact[0]} AS exact, {whole[0]} AS whole
            FROM passages p LEFT JOIN documents d ON d.doc_id = p.doc_id
            WHERE passages MATCH ?
            ORDER BY exact DESC, matched DESC, whole DESC, score, p.rowid LIMIT ?""",
        [*matched[1], *exact[1], *whole[1], Query.match("folded", query.folded, operator), limit]
    ).fetchall()


def _hits(column: str, phrases: list[list[str]]) -> tuple[str, list[str]]:
    """SQL counting how many of the phrases a passage holds in that column (SQLite runs each subquery once)."""
    subquery = "(p.rowid IN (SELECT rowid FROM passages WHERE passages MATCH ?))"
    return " + ".join([subquery] * len(phrases)), [Query.match(column, [phrase], "AND") for phrase in phrases]


def _passage(query: Query, source_file, page, text: str, score: float, matched: int, exact: int,
             whole: int) -> Passage:
    spans = highlight_spans(text, query.folded)
    text, spans = _window(text, spans)
    return Passage(source_file or "", page, text, spans, query.has_marks and exact == matched, score,
                   partial=matched < len(query.phrases))


def highlight_spans(text: str, phrases: list[list[str]]) -> list[tuple[int, int]]:
    """Where the folded phrases occur in text, word for word, as merged character spans."""
    words = [(m.start(), m.end(), bare(m.group())) for m in WORD.finditer(text)]
    folded = [w[2] for w in words]
    spans = []
    for phrase in phrases:
        n = len(phrase)
        for i in range(len(words) - n + 1):
            if folded[i:i + n] == phrase:
                spans.append((words[i][0], words[i + n - 1][1]))
    merged: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if merged and (start <= merged[-1][1] or text[merged[-1][1]:start].isspace()):  # one run of words
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


def _window(text: str, spans: list[tuple[int, int]]) -> tuple[str, list[tuple[int, int]]]:
    """A long block is cut to about WINDOW characters around its first match, at word boundaries."""
    if len(text) <= WINDOW:
        return text, spans
    first = spans[0][0] if spans else 0
    start = max(0, first - WINDOW // 3)
    end = min(len(text), start + WINDOW)
    start = max(0, end - WINDOW)
    while 0 < start < first and not text[start - 1].isspace():
        start += 1
    while end < len(text) and not text[end].isspace():
        end += 1
    prefix = "…" if start > 0 else ""
    suffix = "…" if end < len(text) else ""
    shift = len(prefix) - start
    kept = [(max(s, start) + shift, min(e, end) + shift) for s, e in spans if e > start and s < end]
    return prefix + text[start:end] + suffix, kept


BOLD = ("\x1b[1m", "\x1b[0m")
MARKDOWN = ("**", "**")


def render(passage: Passage, marks: tuple[str, str] = MARKDOWN) -> str:
    out, at = [], 0
    for start, end in passage.highlights:
        out += [passage.text[at:start], marks[0], passage.text[start:end], marks[1]]
        at = end
    out.append(passage.text[at:])
    return " ".join("".join(out).split())
