"""The work both engines share: a batch that raises is run again one document at a time, so one
bad document fails alone, named with its stage; outcomes cross process boundaries as JSON."""
from __future__ import annotations

from veille.engines import make_engine
from veille.engines.work import Outcome, WorkItem, extract_batch, stage_of
from veille.errors import VeilleError
from veille.record import DocumentInfo, Record
from veille.settings import Settings


class FakePipeline:
    """Stands in for the pipeline: raises on documents that say BOOM, as a stage would."""

    def __init__(self):
        self.batches = []

    def _call(self, name, doc):  # the name Pipeline._call gives the stage it runs
        if "BOOM" in doc.raw:
            raise ValueError("bad input")
        return doc

    def run(self, doc):
        doc = self._call("events", doc)
        info = DocumentInfo(id=WorkItem(raw=doc.raw).id, source=doc.source, language="fr", published=None,
                            title=None, clean_text=doc.raw, credits={"photos": [], "sources": []})
        return Record(document=info)

    def run_many(self, docs, *, batch_size=None):
        docs = list(docs)
        self.batches.append(len(docs))
        return [self.run(d) for d in docs]


def test_engines_batch_goes_on_when_one_document_fails():
    items = [WorkItem(raw=t, source=f"{i}.txt") for i, t in enumerate(["un", "BOOM deux", "trois"])]
    fake = FakePipeline()
    outcomes = extract_batch(fake, items)
    assert fake.batches == [3]  # one batched try first
    assert [o.ok for o in outcomes] == [True, False, True]
    assert [o.item.id for o in outcomes] == [i.id for i in items]
    assert outcomes[1].error == "ValueError: bad input" and outcomes[1].stage == "events"
    assert outcomes[0].record.document.id == items[0].id


def test_engines_stage_of_names_the_stage_that_raised():
    try:
        FakePipeline()._call("places", WorkItem(raw="BOOM").doc())
    except ValueError as exc:
        assert stage_of(exc) == "places"
    assert stage_of(RuntimeError("no traceback")) is None


def test_engines_outcome_round_trips_through_json():
    item = WorkItem(raw="Texte é\n", source="a.txt", meta={"published": "2025-01-02", "url": "https://x.org/a"},
                    source_key="https://x.org/a")
    good = extract_batch(FakePipeline(), [item])[0]
    bad = Outcome(item, None, error="KeyError: 'x'", stage="actors")
    for o in (good, bad):
        back = Outcome.from_json(o.to_json())
        assert back.item == o.item and back.error == o.error and back.stage == o.stage
        assert (back.record.to_dict() if back.record else None) == (o.record.to_dict() if o.record else None)


def test_engines_unknown_engine_is_a_clear_error():
    try:
        make_engine("spark", settings=Settings.load())
    except VeilleError as exc:
        assert "unknown engine" in exc.message
    else:
        raise AssertionError("accepted an unknown engine")
