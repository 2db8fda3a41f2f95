"""Words per second of the Arabic-script rules, and of known identifiers across scripts.

The rules (names, places, numbers and dates, and the words they cannot read) run
on the Arabic passages of ``../shared/data/testimony-multilingual`` when present,
otherwise on generated testimony-like Arabic text, repeated to ``--words``. The
anchor is the time to split the same text into words, which every rule does.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
MULTILINGUAL = ROOT.parent / "shared" / "data" / "testimony-multilingual"
sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != Path(__file__).resolve().parent]
sys.path.insert(0, str(ROOT))

from anonymise.arabic import arabic_lexicon, arabic_words  # noqa: E402
from anonymise.known import KnownIdentifiers  # noqa: E402
from anonymise.known_scripts import find_across_scripts_in  # noqa: E402
from anonymise.recognisers.arabic_names import find_arabic_names  # noqa: E402
from anonymise.recognisers.arabic_numbers import find_arabic_numbers  # noqa: E402
from anonymise.recognisers.arabic_places import find_arabic_places  # noqa: E402
from anonymise.recognisers.arabic_script import find_unread_arabic  # noqa: E402


def load_texts(words: int) -> list[str]:
    """Arabic passages of the shared set, or generated ones, to about ``words`` words."""
    path = MULTILINGUAL / "testimony_multilingual_dev.json"
    texts: list[str] = []
    if path.exists():
        documents = json.loads(path.read_text(encoding="utf-8"))
        texts = [str(doc["text"]) for doc in documents if doc.get("language") == "ar"]
    if not texts:
        rng = random.Random(4)
        names = ["أبو عمر الشامي", "أم خالد", "محمد بن راشد", "كريم الزبيدي"]
        places = ["الرقة", "بالموصل", "تل أبيض", "عنتاب", "دير الزور"]
        texts = [
            " ".join(
                f"في {rng.randint(2012, 2019)} أخذنا {rng.choice(names)} إلى "
                f"{rng.choice(places)}، وبقينا هناك {rng.randint(2, 9)} أشهر."
                for _ in range(20)
            )
            for _ in range(10)
        ]
    chosen: list[str] = []
    total = 0
    while total < words:
        for text in texts:
            chosen.append(text)
            total += len(text.split())
    return chosen


def rate(texts: list[str], run: Callable[[str], object], repeat: int) -> float:
    """Best words per second of ``run`` over ``texts`` in ``repeat`` rounds."""
    words = sum(len(text.split()) for text in texts)
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        for text in texts:
            run(text)
        best = min(best, time.perf_counter() - start)
    return words / best


def rules(text: str) -> None:
    for finder in (find_arabic_names, find_arabic_places, find_arabic_numbers, find_unread_arabic):
        finder(text)


KNOWN = KnownIdentifiers(
    names=("Nabil Fadhel al-Qaisi", "Mohamed Abdelfattah"),
    kunyas=("Abu Hamza al-Tunisi", "أبو عكرمة الميادني"),
    relatives=("Anas", "Wassim Zaghlami"),
    places=("Mayadin", "Ben Gardane"),
)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--words", type=int, default=20_000)
    parser.add_argument("--repeat", type=int, default=3)
    options = parser.parse_args()
    texts = load_texts(options.words)
    start = time.perf_counter()
    arabic_lexicon()
    loading = time.perf_counter() - start
    print(f"words: {sum(len(t.split()) for t in texts)}, lexicon and gazetteer: {loading:.2f} s")
    anchor = rate(texts, arabic_words, options.repeat)
    print(f"(anchor) splitting into words: {anchor:,.0f} words/s")
    print(f"Arabic-script rules:            {rate(texts, rules, options.repeat):,.0f} words/s")

    def across(text: str) -> None:
        find_across_scripts_in(text, KNOWN)

    print(
        f"known identifiers (8) across scripts: {rate(texts, across, options.repeat):,.0f} words/s"
    )


if __name__ == "__main__":
    main()
