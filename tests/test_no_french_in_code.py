"""No language knowledge in Python: French words live in ``src/veille/lexicons/<lang>/``.

Every string constant of ``src/veille/**/*.py`` (lexicons/ aside, docstrings aside) is read with
``ast``; one is flagged when it holds an accented letter, or a French word of the short list
below. The list belongs to this test, not to the product: a test may hold words, the code may
not.

What is not language knowledge is allowed, and says why:

* ``UD_LABELS``: Universal Dependencies relations and part-of-speech tags (``aux``,
  ``aux:pass``, ``AUX``), which spell like French words but name the parse.
* ``LATIN_RANGES``: regular-expression ranges of the Latin script (``À-Ö``): they say what a
  letter is, in any language written with it.
* ``ALLOWED``: single literals in a single module, each with its reason (an ISO language code,
  a key of a lexicon's schema, a sample dispatch a benchmark feeds the pipeline).
* ``PENDING``: modules whose French words have not yet moved to the lexicons. It only shrinks;
  when it is empty the issue's item is done.
"""
from __future__ import annotations

import ast
import re
from pathlib import Path

SRC = Path(__file__).resolve().parent.parent / "src" / "veille"

# French words that are not also common English words: any one of them in a literal flags it.
FRENCH = frozenset("""
le la les un une des du de au aux et ou dans sur sous par pour avec sans contre selon vers chez entre
il elle ils elles nous vous je tu qui que quoi dont lequel laquelle lesquels lesquelles cette ces sa ses
leur leurs eux lui ne pas jamais rien été être avoir ont sont fait faire mais donc car comme près
depuis pendant lors hier demain aujourd tout tous toute toutes celui celle ceux très aussi
""".split())
# French words that are also English (or an ISO code): flagged only when they are the whole literal.
FRENCH_ALONE = frozenset({"a", "on", "en", "se", "ce", "son", "mon", "ma", "d'", "l'", "s'"})

UD_LABELS = frozenset({"aux", "aux:pass", "aux:tense", "AUX"})
LATIN_RANGES = re.compile(r"[A-Za-zÀ-ÿ]-[A-Za-zÀ-ÿ]")
ACCENTED = re.compile(r"[à-öø-ÿœæÀ-ÖØ-ÞŒÆ]")  # not ’: typography, not a language

ALLOWED = {
    ("stages/repair.py", "en"): "ISO 639-1 code of English",
    ("events/lexicon.py", "de"): "a key of frames.yaml's schema (a noun's 'de X' role)",
    ("events/frames.py", "de"): "a key of frames.yaml's schema (a pattern for a noun's 'de X' role)",
    ("speech/lexicon.py", "en"): "a key of actor_heads.yaml's schema (a head's English name)",
    ("speech/actorbook.py", "a"): "the prefix of an actor's id (a1, a2, ...)",
    ("bench.py", "Les rebelles ont pris la ville de Goma, a affirmé l'armée."): "sample dispatch the benchmark parses",
    ("bench_api.py", " ont attaqué des positions près de "): "sample text of the benchmark's generated events",
}

PENDING: set[str] = set()


def _docstrings(tree: ast.AST) -> set[int]:
    out = set()
    for n in ast.walk(tree):
        if isinstance(n, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef)) and n.body:
            first = n.body[0]
            if isinstance(first, ast.Expr) and isinstance(first.value, ast.Constant):
                out.add(id(first.value))
    return out


def is_french(s: str) -> bool:
    if s in UD_LABELS:
        return False
    if s.strip().lower() in FRENCH_ALONE:
        return True
    bare = LATIN_RANGES.sub("", s)
    if ACCENTED.search(bare):
        return True
    return any(w in FRENCH for w in re.findall(r"[^\W\d_]+", bare.lower()))


def french_literals(module: Path) -> list[tuple[int, str]]:
    tree = ast.parse(module.read_text("utf-8"))
    docs = _docstrings(tree)
    return sorted((n.lineno, n.value) for n in ast.walk(tree)
                  if isinstance(n, ast.Constant) and isinstance(n.value, str) and id(n) not in docs
                  and is_french(n.value))


def _modules():
    for p in sorted(SRC.rglob("*.py")):
        rel = p.relative_to(SRC).as_posix()
        if not rel.startswith("lexicons/"):
            yield rel, p


def test_no_french_literal_in_code():
    found = []
    for rel, p in _modules():
        if rel in PENDING:
            continue
        found += [f"{rel}:{line}: {s!r}" for line, s in french_literals(p) if (rel, s) not in ALLOWED]
    assert not found, "French words in Python; move them to src/veille/lexicons/<lang>/:\n" + "\n".join(found)


def test_allow_lists_are_current():
    """Every allowance is still needed, so the lists only shrink."""
    flagged = {rel: {s for _, s in french_literals(p)} for rel, p in _modules()}
    stale = [f"{rel}: {s!r}" for rel, s in ALLOWED if s not in flagged.get(rel, ())]
    stale += [f"{rel} (pending, now clean)" for rel in PENDING if not flagged.get(rel)]
    assert not stale, "allowances no longer needed:\n" + "\n".join(stale)


def test_the_check_sees_french():
    assert is_french("contre") and is_french("armée") and is_french(r"\b(?:à|au|aux)\s") and is_french("en")
    assert not is_french("aux:pass") and not is_french("a stage") and not is_french(r"[A-ZÀ-ÖØ-Þ]")
    assert not is_french("database error on %s")
