"""Anonymise whole texts, in this process or in worker processes (``--jobs``).

Each worker loads the verified model once and analyses the texts it is given;
results come back in the order the texts were given.
"""

from __future__ import annotations

import contextlib
import multiprocessing
import os
import sys
from collections.abc import Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass

from anonymise.allowed import without_allowed
from anonymise.analyser import DEFAULT_THRESHOLD, Anonymiser
from anonymise.candidates import Candidate
from anonymise.entities import Entities, link
from anonymise.known import KnownIdentifiers
from anonymise.redact import PSEUDONYM, Policy, Redaction, redact
from anonymise.residual import Leftover, leftovers


@dataclass(frozen=True)
class AnonymisedText:
    """What the analyser proposed, what was masked, and what may be left over."""

    candidates: tuple[Candidate, ...]
    redaction: Redaction
    leftovers: tuple[Leftover, ...]
    entities: Entities
    """Every candidate's entity, numbered as the redaction is."""


def anonymise_text(
    anonymiser: Anonymiser,
    text: str,
    known: KnownIdentifiers | None = None,
    policy: Policy | None = None,
    threshold: float = DEFAULT_THRESHOLD,
    language: str | None = None,
) -> AnonymisedText:
    """Analyse, mask every candidate at or above ``threshold``, and check what is left.

    ``language`` is the text's declared language (the anonymiser's by default).
    """
    allow = policy.allow if policy else frozenset()
    found = anonymiser.analyse(text, known, allow, language)
    return _finish(anonymiser, text, found, known, policy, threshold, language)


def _finish(
    anonymiser: Anonymiser,
    text: str,
    candidates: list[Candidate],
    known: KnownIdentifiers | None,
    policy: Policy | None,
    threshold: float,
    language: str | None,
) -> AnonymisedText:
    chosen = policy or Policy()
    entities = link({"": text}, {"": candidates}, known)
    accepted = [c for c in candidates if c.score >= threshold]
    kept = set(without_allowed(text, accepted, chosen.allow))
    entities = entities.numbered(
        masked=lambda mention: mention.candidate in kept,
        pseudonymised=lambda kind: chosen.action(kind) == PSEUDONYM,
    )
    redaction = redact(text, entities.typed("", accepted), chosen, entities.pseudonyms(""))
    rest = leftovers(redaction.text, anonymiser.dictionary_for(text, language), chosen.allow)
    return AnonymisedText(tuple(candidates), redaction, tuple(rest), entities)


_WORKER: Anonymiser | None = None
_PR_SET_DUMPABLE = 4


#: Each worker process uses one core: numerical libraries must not start their own
#: threads on top, or two workers on two cores fight over them.
ONE_THREAD = {"OMP_NUM_THREADS": "1", "OPENBLAS_NUM_THREADS": "1", "MKL_NUM_THREADS": "1"}


def start_worker() -> None:
    """Build this worker process's analyser (the initializer of a process pool).

    Runs before the worker imports spaCy or NumPy, so the thread limits still apply.
    """
    global _WORKER
    _not_dumpable()
    for name, value in ONE_THREAD.items():
        os.environ.setdefault(name, value)
    _WORKER = Anonymiser()


def _not_dumpable() -> None:
    """Keep the worker, which holds testimony, out of crash dumps (Linux).

    A spawned worker is a fresh process: it inherits ``RLIMIT_CORE = 0`` from the
    command, which a piped crash handler ignores, but not the command's
    not-dumpable mark, so it sets its own.
    """
    if not sys.platform.startswith("linux"):
        return
    with contextlib.suppress(ImportError, OSError, AttributeError):
        import ctypes

        ctypes.CDLL(None, use_errno=True).prctl(_PR_SET_DUMPABLE, 0, 0, 0, 0)


def work(
    job: tuple[str, KnownIdentifiers | None, Policy | None, float, str | None],
) -> AnonymisedText:
    """Anonymise one text in a worker process started with :func:`start_worker`."""
    if _WORKER is None:
        start_worker()
    assert _WORKER is not None
    text, known, policy, threshold, language = job
    return anonymise_text(_WORKER, text, known, policy, threshold, language)


def anonymise_texts(
    texts: Sequence[str],
    known: KnownIdentifiers | None = None,
    policy: Policy | None = None,
    threshold: float = DEFAULT_THRESHOLD,
    jobs: int = 1,
    anonymiser: Anonymiser | None = None,
    language: str | None = None,
) -> list[AnonymisedText]:
    """Anonymise ``texts`` with ``jobs`` worker processes (1: in this process).

    ``language`` is the texts' declared language; parts in another supported
    language are found and read in it.
    """
    if jobs <= 1 or len(texts) <= 1:
        engine = anonymiser or Anonymiser()
        allow = policy.allow if policy else frozenset()
        found = engine.analyse_many(texts, known, allow, language)
        return [
            _finish(engine, t, c, known, policy, threshold, language)
            for t, c in zip(texts, found, strict=True)
        ]
    # Longest texts first, one text per task, so no worker is left with a long text
    # at the end while the other waits; results go back in the order given.
    order = sorted(range(len(texts)), key=lambda i: len(texts[i]), reverse=True)
    context = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(
        max_workers=min(jobs, len(texts)), mp_context=context, initializer=start_worker
    ) as pool:
        jobs_in_order = [(texts[i], known, policy, threshold, language) for i in order]
        done = list(pool.map(work, jobs_in_order, chunksize=1))
    results: list[AnonymisedText | None] = [None] * len(texts)
    for index, result in zip(order, done, strict=True):
        results[index] = result
    return [result for result in results if result is not None]
