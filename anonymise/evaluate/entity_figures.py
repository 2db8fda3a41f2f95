"""Entity figures: one pseudonym per person, no pseudonym for two, right types, review load.

Measured against the gold entity ids (every form of one person shares an id):

- *consistent*: of the gold entities with two or more masked mentions carrying a
  pseudonym, the share whose masked mentions all carry one and the same;
- *merging*: of the pseudonyms that touch a gold entity, the share touching two;
- *typed right*: of the masked gold mentions (MISC left out: it has no type of
  ours), the share whose covering span has a type :data:`GOLD_TYPES` allows;
- *decisions per 100 words* (words split at spaces): one per candidate as a
  review of spans asks, one per entity, and one per entity no rule settles
  (:mod:`anonymise.settlement`).

Only the first annotator's entities are used.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import Any

import regex

from anonymise.candidates import (
    AGE,
    AMOUNT,
    CASE_NUMBER,
    DATE,
    EMAIL,
    HANDLE,
    IBAN,
    ID_NUMBER,
    NATIONALITY,
    OCCUPATION,
    ORGANISATION,
    OTHER,
    PERSON,
    PHONE,
    PLACE,
    URL,
    Candidate,
)
from anonymise.entities import Entities, link
from anonymise.evaluate.tab import Mention, gold_entities, mention_covered
from anonymise.redact import GENERALISE, PSEUDONYM, Policy, generalise_age, generalise_date
from anonymise.settlement import ResearchContent, settle

#: Gold type -> the types of ours that are right for it.
GOLD_TYPES: Mapping[str, frozenset[str]] = {
    "PERSON": frozenset({PERSON}),
    "LOC": frozenset({PLACE}),
    "ORG": frozenset({ORGANISATION}),
    "DATETIME": frozenset({DATE}),
    "CODE": frozenset({PHONE, EMAIL, URL, IBAN, HANDLE, ID_NUMBER, CASE_NUMBER}),
    "DEM": frozenset({AGE, NATIONALITY, OCCUPATION, OTHER}),
    "QUANTITY": frozenset({AMOUNT}),
}
_WORD = regex.compile(r"\w")


@dataclass(frozen=True)
class MentionShown:
    """A masked gold mention and the labels (pseudonyms or type tags) covering it."""

    start: int
    end: int
    labels: tuple[str, ...]


@dataclass
class EntityReport:
    """The entity figures of one evaluation."""

    multi: int = 0
    consistent: int = 0
    pseudonyms: int = 0
    merging: int = 0
    typed: int = 0
    typed_right: int = 0
    words: int = 0
    candidates: int = 0
    entities: int = 0
    unsettled: int = 0
    confusion: Counter[tuple[str, str]] = field(default_factory=Counter)
    """(gold type, our type) for every masked mention typed wrong."""
    split_entities: list[tuple[str, str]] = field(default_factory=list)
    """(document, gold entity id) of entities given several pseudonyms."""
    merged: list[tuple[str, tuple[str, ...]]] = field(default_factory=list)
    """(document, gold entity ids) of pseudonyms joining several entities."""
    shown: dict[tuple[str, str], list[MentionShown]] = field(default_factory=dict)
    """(document, gold entity id) -> each masked mention and what it became, for the
    entities of :attr:`split_entities` and :attr:`merged`."""

    @staticmethod
    def _ratio(part: int, whole: int) -> float:
        return part / whole if whole else 1.0

    @property
    def consistent_share(self) -> float:
        return self._ratio(self.consistent, self.multi)

    @property
    def merging_share(self) -> float:
        return self._ratio(self.merging, self.pseudonyms) if self.pseudonyms else 0.0

    @property
    def type_accuracy(self) -> float:
        return self._ratio(self.typed_right, self.typed)

    def per_100_words(self, count: int) -> float:
        return 100 * count / self.words if self.words else 0.0


def replacements(
    text: str, candidates: Sequence[Candidate], threshold: float, policy: Policy
) -> tuple[Entities, dict[Candidate, str]]:
    """The entities of one text, and what each masked candidate becomes.

    A masked candidate is shown with its entity's type, as its pseudonym is.
    """
    masked = {c for c in candidates if c.score >= threshold}
    entities = link({"": text}, {"": candidates}).numbered(
        masked=lambda m: m.candidate in masked,
        pseudonymised=lambda kind: policy.action(kind) == PSEUDONYM,
    )
    shown: dict[Candidate, str] = {}
    for entity in entities:
        for mention in entity.mentions:
            if mention.candidate not in masked:
                continue
            span = replace(mention.candidate, entity_type=entity.entity_type)
            surface = text[span.start : span.end]
            if entity.pseudonym:
                shown[span] = entity.pseudonym
            elif policy.action(span.entity_type) == GENERALISE and span.entity_type == DATE:
                shown[span] = generalise_date(surface)
            elif policy.action(span.entity_type) == GENERALISE and span.entity_type == AGE:
                shown[span] = generalise_age(surface)
            else:
                shown[span] = f"[{span.entity_type}]"
    return entities, shown


def score_entities(
    doc: Mapping[str, Any],
    candidates: Sequence[Candidate],
    threshold: float,
    report: EntityReport,
    research: ResearchContent | None = None,
) -> None:
    """Add one document's entity figures to ``report``."""
    text = str(doc["text"])
    policy = Policy()
    entities, shown = replacements(text, candidates, threshold, policy)
    report.words += len(text.split())
    report.candidates += len(candidates)
    report.entities += len(entities)
    report.unsettled += sum(1 for entity in entities if settle(entity, research) is None)
    masked = sorted(shown)
    mask = bytearray(len(text))
    for span in masked:
        mask[span.start : span.end] = b"\x01" * (span.end - span.start)
    groups = gold_entities(doc, first_annotator_only=True)
    touching: dict[str, set[str]] = defaultdict(set)
    seen: dict[str, list[MentionShown]] = {}
    for group in groups:
        labels: list[frozenset[str]] = []
        for mention in group:
            if not mention_covered(text, mask, mention.start, mention.end):
                continue
            over = [s for s in masked if _touches(text, s, mention)]
            labels.append(frozenset(shown[s] for s in over))
            seen.setdefault(mention.entity_id, []).append(
                MentionShown(mention.start, mention.end, tuple(sorted(labels[-1])))
            )
            for span in over:
                if span in shown and shown[span].startswith("[") and _numbered(shown[span]):
                    touching[shown[span]].add(mention.entity_id)
            _type(report, mention, over)
        if len(labels) >= 2 and any(_numbered(label) for ls in labels for label in ls):
            report.multi += 1
            same = len(set(labels)) == 1 and len(labels[0]) == 1
            report.consistent += same
            if not same:
                report.split_entities.append((group[0].doc_id, group[0].entity_id))
                report.shown[(group[0].doc_id, group[0].entity_id)] = seen[group[0].entity_id]
    for _pseudonym, ids in sorted(touching.items()):
        report.pseudonyms += 1
        if len(ids) > 1:
            report.merging += 1
            report.merged.append((str(doc["doc_id"]), tuple(sorted(ids))))
            for entity_id in ids:
                report.shown[(str(doc["doc_id"]), entity_id)] = seen.get(entity_id, [])


def _numbered(label: str) -> bool:
    return bool(regex.fullmatch(r"\[[A-Z_]+ \d+\]", label))


def _touches(text: str, span: Candidate, mention: Mention) -> bool:
    start, end = max(span.start, mention.start), min(span.end, mention.end)
    return start < end and bool(_WORD.search(text, start, end))


def _type(report: EntityReport, mention: Mention, over: Sequence[Candidate]) -> None:
    if mention.entity_type not in GOLD_TYPES or not over:
        return
    widest = max(over, key=lambda s: min(s.end, mention.end) - max(s.start, mention.start))
    report.typed += 1
    if widest.entity_type in GOLD_TYPES[mention.entity_type]:
        report.typed_right += 1
    else:
        report.confusion[(mention.entity_type, widest.entity_type)] += 1


def score_all_entities(
    documents: Sequence[Mapping[str, Any]],
    found: Mapping[str, Sequence[Candidate]],
    threshold: float,
    research: ResearchContent | None = None,
) -> EntityReport:
    """The entity figures of every document."""
    report = EntityReport()
    for doc in documents:
        score_entities(doc, found.get(str(doc["doc_id"]), []), threshold, report, research)
    return report


def format_entity_cases(report: EntityReport, texts: Mapping[str, str] | None = None) -> str:
    """The gold entities given several pseudonyms, and the pseudonyms joining several, each
    mention with what it became (its words only when ``texts`` are given)."""
    lines: list[str] = []
    cases: list[tuple[str, str, tuple[str, ...]]] = [
        ("split", doc, (entity,)) for doc, entity in report.split_entities
    ]
    cases += [("merged", doc, ids) for doc, ids in report.merged]
    for kind, doc, ids in cases:
        lines.append(f"{kind} {doc} {' + '.join(ids)}")
        for entity_id in ids:
            for mention in report.shown.get((doc, entity_id), []):
                words = f" {texts[doc][mention.start : mention.end]!r}" if texts else ""
                where = f"{mention.start}-{mention.end}"
                lines.append(f"  {entity_id} {where}{words} -> {', '.join(mention.labels)}")
    return "\n".join(lines)


def format_entity_report(report: EntityReport) -> str:
    """The entity figures a person reads."""
    lines = [
        "entities:",
        f"  one pseudonym    {report.consistent_share:.3f}  "
        f"({report.consistent}/{report.multi} gold entities with several masked mentions)",
        f"  merging          {report.merging_share:.3f}  "
        f"({report.merging}/{report.pseudonyms} pseudonyms joining two gold entities)",
        f"  typed right      {report.type_accuracy:.3f}  "
        f"({report.typed_right}/{report.typed} masked mentions, MISC left out)",
        "decisions per 100 words:",
        f"  by candidate     {report.per_100_words(report.candidates):.1f}  "
        f"({report.candidates} in {report.words} words)",
        f"  by entity        {report.per_100_words(report.entities):.1f}  ({report.entities})",
        f"  left by rules    {report.per_100_words(report.unsettled):.1f}  ({report.unsettled})",
    ]
    if report.confusion:
        lines.append("typed wrong (gold -> ours):")
        lines += [
            f"  {gold:<9} -> {ours:<13} {count}"
            for (gold, ours), count in report.confusion.most_common()
        ]
    return "\n".join(lines)
