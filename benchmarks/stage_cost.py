"""What the actors and statements stages cost next to the spaCy parse, on the same texts.

    .venv/bin/python benchmarks/stage_cost.py [ARTICLE ...] [--repeat N]

Without paths it reads the shared dev set (../shared), the team's evaluation dispatches
(tests/eval/articles) and the dispatches of tests/data/statements_*.yaml. Each text is repaired
and parsed once for warm-up; then the parse (``nlp.pipe`` over all texts) and the two stages are
each timed over ``--repeat`` rounds in CPU time of this process, best round kept. The target: actors + statements under 10 %
of the parse.
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path
from time import process_time

import yaml

ROOT = Path(__file__).resolve().parent.parent


def default_texts() -> list[str]:
    texts = []
    shared = ROOT.parent / "shared"
    for p in sorted((shared / "corpus").rglob("*.txt")) + sorted((shared / "seeds").glob("*.txt")):
        texts.append(p.read_text("utf-8"))
    texts += [p.read_text("utf-8") for p in sorted((ROOT / "tests" / "eval" / "articles").glob("*.txt"))]
    for name in ("statements_patterns.yaml", "statements_dispatches.yaml"):
        p = ROOT / "tests" / "data" / name
        if p.is_file():
            texts += [c["text"] for c in yaml.safe_load(p.read_text("utf-8"))]
    return texts


def best_of(rounds: int, fn) -> float:
    """The fastest of ``rounds`` runs, in CPU seconds of this process (other processes on a
    shared machine do not count)."""
    best = float("inf")
    for _ in range(rounds):
        t = process_time()
        fn()
        best = min(best, process_time() - t)
    return best


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("paths", nargs="*")
    ap.add_argument("--repeat", type=int, default=5)
    args = ap.parse_args(argv)

    from veille.document import Doc
    from veille.settings import Settings
    from veille.stages import actors, language, parse, repair, statements

    settings = Settings.load()
    st = {m.NAME: m.Stage(settings=settings) for m in (repair, language, parse, actors, statements)}
    texts = [Path(p).read_text("utf-8") for p in args.paths] if args.paths else default_texts()
    docs = []
    for text in texts:
        d = Doc(raw=text, source="bench", meta={"published": "2024-11-29"})
        st["repair"](d)
        st["language"](d)
        docs.append(d)
    st["parse"].pipe(docs)  # warm-up: the model loads here
    for d in docs:  # warm-up: the lexicons load here
        st["actors"](d)
        st["statements"](d)
    n_tokens = sum(len(d.parsed) for d in docs if d.parsed is not None)

    t_parse = best_of(args.repeat, lambda: st["parse"].pipe(docs))
    rounds = []
    for _ in range(args.repeat):  # both stages in each round, each timed on its own
        t_a = t_s = 0.0
        for d in docs:
            t = process_time()
            st["actors"](d)
            t_a += process_time() - t
            t = process_time()
            st["statements"](d)
            t_s += process_time() - t
        rounds.append((t_a + t_s, t_a, t_s))
    t_both, t_actors, t_statements = min(rounds)
    n_statements = sum(len(d.statements) for d in docs)
    n_actors = sum(len(d.actors) for d in docs)
    print(f"{len(docs)} texts, {n_tokens} tokens, {n_actors} actors, {n_statements} statements")
    print(f"parse              {t_parse * 1000:8.1f} ms  ({t_parse / n_tokens * 1e6:6.1f} us/token)")
    print(f"actors             {t_actors * 1000:8.1f} ms  ({t_actors / t_parse:6.1%} of the parse)")
    print(f"statements         {t_statements * 1000:8.1f} ms  ({t_statements / t_parse:6.1%} of the parse)")
    print(f"actors+statements  {t_both * 1000:8.1f} ms  ({t_both / t_parse:6.1%} of the parse; target < 10%)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
