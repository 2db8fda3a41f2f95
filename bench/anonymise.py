"""Words per second of the anonymisation analyser against its anchors, on the same texts.

(a) bare spaCy ``en_core_web_sm`` (all its components) with ``nlp.pipe``;
(b) Presidio's default ``AnalyzerEngine`` (default recognisers) over the same model;
(c) ours, on one core, and (d) ours in the worker processes ``--jobs`` starts, one
worker against two, best of ``--repeat`` rounds each; then (e) ours on French and
Arabic passages (the multilingual testimony set in ``../shared/data`` when present,
repeated to ``--other-words``), with the seconds it takes to load the second
language's pipeline the first time a text needs it.

Each measurement runs in its own process pinned to one core (two for (d)), so
peak memory is that of the analyser alone. Texts are the TAB documents in
``../shared/data/tab`` when present, otherwise generated testimony-like text.
"""

from __future__ import annotations

import argparse
import json
import multiprocessing
import os
import random
import resource
import sys
import time
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TAB = ROOT.parent / "shared" / "data" / "tab"
MULTILINGUAL = (
    ROOT.parent / "shared" / "data" / "testimony-multilingual" / "testimony_multilingual_dev.json"
)
#: Passages used when the shared multilingual set is absent.
OTHER_PASSAGES = {
    "fr": "Je m'appelle Karim Benali, je suis né à Ben Guerdane le 3 mars 1992. Mon frère "
    "Sofiane habite à Molenbeek, rue de Ribaucourt 12. Il est parti en Syrie en 2014 avec "
    "Abou Hamza al-Tounsi et il a appelé notre mère au +216 24 615 380.",
    "ar": "قال لي أبو حمزة التونسي إنه من بن قردان، وإن رقم هاتفه 0944123456. ذهبنا إلى منبج "
    "في شهر رمضان، وبقينا هناك سنتين قبل أن نهرب إلى تركيا.",
}
# This script is called anonymise.py: keep its folder from shadowing the package.
sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != Path(__file__).resolve().parent]
sys.path.insert(0, str(ROOT))
ONE_CORE = {"OMP_NUM_THREADS": "1", "OPENBLAS_NUM_THREADS": "1", "MKL_NUM_THREADS": "1"}


# Importing the package first sets the offline environment before Presidio loads.
import anonymise  # noqa: E402, F401


def load_texts(limit_words: int) -> list[str]:
    """Real annotated narratives when available, otherwise synthetic ones."""
    texts: list[str] = []
    for name in ("tab_dev.json", "tab_train.json"):
        path = TAB / name
        if path.exists():
            texts += [str(doc["text"]) for doc in json.loads(path.read_text(encoding="utf-8"))]
    if not texts:
        rng = random.Random(4)
        names = ["Abu Omar al-Britani", "Umm Khalid", "Mohammed bin Rashid", "Karim Zubaidi"]
        places = ["Raqqa", "Mosul", "Tell Abyad", "Gaziantep", "Deir ez-Zor"]
        for _ in range(60):
            sentences = [
                f"In {rng.randint(2012, 2019)} {rng.choice(names)} took us to "
                f"{rng.choice(places)}, where we stayed for {rng.randint(2, 9)} months."
                for _ in range(60)
            ]
            texts.append(" ".join(sentences))
    chosen: list[str] = []
    total = 0
    for text in texts:
        if total >= limit_words:
            break
        chosen.append(text)
        total += len(text.split())
    return chosen


def other_texts(tag: str, limit_words: int) -> list[str]:
    """Passages in ``tag`` (French or Arabic), repeated until ``limit_words``."""
    texts: list[str] = []
    if MULTILINGUAL.exists():
        documents = json.loads(MULTILINGUAL.read_text(encoding="utf-8"))
        texts = [str(doc["text"]) for doc in documents if doc.get("language") == tag]
    texts = texts or [OTHER_PASSAGES[tag]]
    chosen: list[str] = []
    total = 0
    while total < limit_words:
        for text in texts:
            chosen.append(text)
            total += len(text.split())
    return chosen


def run_language(texts: list[str], tag: str) -> tuple[float, float, float, str]:
    """Ours on texts declared in ``tag``: seconds, peak MB, the seconds of a first pass
    over the distinct passages (which loads every pipeline they need), and those pipelines."""
    from anonymise.analyser import Anonymiser

    anonymiser = Anonymiser()
    anonymiser.analyse("Warm up in Raqqa.")
    started = time.perf_counter()
    anonymiser.analyse_many(list(dict.fromkeys(texts)), language=tag)
    loading = time.perf_counter() - started
    started = time.perf_counter()
    anonymiser.analyse_many(texts, language=tag)
    loaded = "+".join(sorted(anonymiser.loaded()))
    return time.perf_counter() - started, _peak_mb(), loading, loaded


def _measure_language(tag: str, texts: list[str], queue: multiprocessing.Queue) -> None:  # type: ignore[type-arg]
    _pin(1)
    queue.put(run_language(texts, tag))


def language_in_process(tag: str, texts: list[str]) -> tuple[float, float, float, str]:
    """Run :func:`run_language` in a fresh process pinned to one core."""
    context = multiprocessing.get_context("spawn")
    queue = context.Queue()
    process = context.Process(target=_measure_language, args=(tag, texts, queue))
    process.start()
    result: tuple[float, float, float, str] = queue.get(timeout=900)
    process.join()
    return result


def _pin(cores: int) -> None:
    os.environ.update(ONE_CORE)
    if hasattr(os, "sched_setaffinity"):
        available = sorted(os.sched_getaffinity(0))
        os.sched_setaffinity(0, set(available[:cores]))


def _peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def run_spacy(texts: list[str]) -> tuple[float, float]:
    import spacy

    from anonymise.model import model_path

    nlp = spacy.load(model_path())
    list(nlp.pipe(texts[:2]))
    started = time.perf_counter()
    for _doc in nlp.pipe(texts):
        pass
    return time.perf_counter() - started, _peak_mb()


def run_presidio(texts: list[str]) -> tuple[float, float]:
    from presidio_analyzer import AnalyzerEngine
    from presidio_analyzer.nlp_engine import SpacyNlpEngine

    from anonymise.model import model_path

    engine = SpacyNlpEngine(models=[{"lang_code": "en", "model_name": str(model_path())}])
    engine.load()
    analyzer = AnalyzerEngine(nlp_engine=engine, supported_languages=["en"])
    analyzer.analyze(texts[0][:500], language="en")
    started = time.perf_counter()
    for text in texts:
        analyzer.analyze(text, language="en")
    return time.perf_counter() - started, _peak_mb()


def run_ours(texts: list[str]) -> tuple[float, float]:
    from anonymise.analyser import Anonymiser

    anonymiser = Anonymiser()
    anonymiser.analyse(texts[0][:500])
    started = time.perf_counter()
    anonymiser.analyse_many(texts)
    return time.perf_counter() - started, _peak_mb()


def _measure(name: str, texts: list[str], cores: int, queue: multiprocessing.Queue) -> None:  # type: ignore[type-arg]
    _pin(cores)
    runner: Callable[[list[str]], tuple[float, float]] = {
        "spacy": run_spacy,
        "presidio": run_presidio,
        "ours": run_ours,
    }[name]
    queue.put(runner(texts))


def in_process(name: str, texts: list[str]) -> tuple[float, float]:
    """Run one measurement in a fresh process pinned to one core."""
    context = multiprocessing.get_context("spawn")
    queue = context.Queue()
    process = context.Process(target=_measure, args=(name, texts, 1, queue))
    process.start()
    result: tuple[float, float] = queue.get(timeout=900)
    process.join()
    return result


def _analyse(text: str) -> tuple[int, int, float]:
    """Analyse one text in a worker of :mod:`anonymise.batch`: (pid, candidates, CPU s)."""
    from anonymise import batch

    if batch._WORKER is None:
        batch.start_worker()
    assert batch._WORKER is not None
    before = time.process_time()
    found = batch._WORKER.analyse(text)
    return os.getpid(), len(found), time.process_time() - before


def ours_with_jobs(texts: list[str], jobs: int, repeat: int = 1) -> tuple[float, dict[int, float]]:
    """Seconds for ``jobs`` warmed-up workers, started as ``--jobs`` starts them, to
    analyse ``texts`` longest first, best of ``repeat`` rounds (other people's work on a
    shared machine only ever slows a round down); and the CPU seconds each worker spent
    in that round."""
    from anonymise.batch import start_worker

    context = multiprocessing.get_context("spawn")
    best = float("inf")
    best_cpu: dict[int, float] = {}
    with ProcessPoolExecutor(jobs, mp_context=context, initializer=start_worker) as pool:
        list(pool.map(_analyse, ["Warm up in Raqqa."] * jobs * 4))
        ordered = sorted(texts, key=len, reverse=True)
        for _round in range(repeat):
            started = time.perf_counter()
            done = list(pool.map(_analyse, ordered, chunksize=1))
            elapsed = time.perf_counter() - started
            if elapsed < best:
                best = elapsed
                best_cpu = {}
                for pid, _count, seconds in done:
                    best_cpu[pid] = best_cpu.get(pid, 0.0) + seconds
    return best, best_cpu


def _load() -> str:
    """The machine's load average: figures taken on a busy machine are not speed-ups."""
    if not hasattr(os, "getloadavg"):
        return "unknown"
    return " ".join(f"{value:.2f}" for value in os.getloadavg())


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--words", type=int, default=40_000, help="how many words to analyse")
    parser.add_argument("--jobs", type=int, default=2, help="worker processes for (d)")
    parser.add_argument("--repeat", type=int, default=3, help="rounds for (d), best taken")
    parser.add_argument(
        "--other-words", type=int, default=10_000, help="French and Arabic words for (e)"
    )
    args = parser.parse_args(argv)
    texts = load_texts(args.words)
    words = sum(len(text.split()) for text in texts)
    print(f"texts: {len(texts)}, words: {words}, load average {_load()}")
    spacy_s, spacy_mb = in_process("spacy", texts)
    presidio_s, presidio_mb = in_process("presidio", texts)
    ours_s, ours_mb = in_process("ours", texts)
    one_s, _one_cpu = ours_with_jobs(texts, 1, args.repeat)
    jobs_s, worker_cpu = ours_with_jobs(texts, args.jobs, args.repeat)
    rate = {
        "a": words / spacy_s,
        "b": words / presidio_s,
        "c": words / ours_s,
        "d1": words / one_s,
        "d": words / jobs_s,
    }
    print(f"(a) bare spaCy nlp.pipe        {rate['a']:8.0f} words/s   peak {spacy_mb:5.0f} MB")
    print(f"(b) Presidio default analyser  {rate['b']:8.0f} words/s   peak {presidio_mb:5.0f} MB")
    print(f"(c) ours, one core             {rate['c']:8.0f} words/s   peak {ours_mb:5.0f} MB")
    print(f"(d) ours, one worker process   {rate['d1']:8.0f} words/s   best of {args.repeat}")
    print(
        f"    ours, --jobs {args.jobs}             {rate['d']:8.0f} words/s   best of {args.repeat}"
    )
    busy = ", ".join(f"{seconds:.1f}" for seconds in sorted(worker_cpu.values(), reverse=True))
    print(f"    {len(worker_cpu)} workers, CPU seconds each: {busy} in {jobs_s:.1f} s wall")
    for tag, name in (("fr", "French"), ("ar", "Arabic")):
        other = other_texts(tag, args.other_words)
        seconds, peak, loading, loaded = language_in_process(tag, other)
        count = sum(len(text.split()) for text in other)
        print(
            f"(e) ours, {name:<7} {count:6d} words {count / seconds:8.0f} words/s   "
            f"peak {peak:5.0f} MB   first pass (loading {loaded}) {loading:.1f} s"
        )
    print(f"load average at the end: {_load()}")
    checks = {
        "ours >= 0.8 x bare spaCy": rate["c"] >= 0.8 * rate["a"],
        "ours >= Presidio default": rate["c"] >= rate["b"],
        f"--jobs {args.jobs} speed-up {rate['d'] / rate['d1']:.2f}x (>= 1.6x)": rate["d"]
        >= 1.6 * rate["d1"],
        "peak memory < 600 MB": ours_mb < 600,
    }
    for label, passed in checks.items():
        print(f"  {'ok  ' if passed else 'MISS'} {label}")
    print(
        f"ratio ours / spaCy: {rate['c'] / rate['a']:.2f}; ours / Presidio: "
        f"{rate['c'] / rate['b']:.2f}"
    )
    return 0 if all(checks.values()) else 1


if __name__ == "__main__":
    sys.exit(main())
