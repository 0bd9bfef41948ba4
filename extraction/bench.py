"""``python -m extraction.bench``: how fast ``extract`` runs over a corpus of generated articles.

The corpus is built in memory from templates and sentence banks written for this
benchmark (fictional speakers, varied dates, places and quotes), plus the seed article
from ``../shared/seeds`` when it is there. It prints articles/s, KB/s, total KB and peak
memory. It is a measurement, not a test: the target (200 articles of 4 KB per second on
one core) is printed beside the result.

    $ python -m extraction.bench --articles 300 --repeat 3
"""

from __future__ import annotations

import argparse
import cProfile
import datetime as dt
import io
import pstats
import random
import resource
import sys
import time
import tracemalloc
from pathlib import Path

from extraction.pipeline import extract
from extraction.register import Register

TARGET_ARTICLES_PER_SECOND = 200
ARTICLE_BYTES = 4_000

SEED_DIR = Path(__file__).resolve().parents[1].parent / "shared" / "seeds"

_PEOPLE = (
    ("Marta Lindqvist", "a Finnish diplomat"),
    ("Oskar Varga", "a former NATO planner"),
    ("Helena Ruusu", "a researcher at a Helsinki think tank"),
    ("Daniel Okafor", "an analyst at a Washington consultancy"),
    ("Irina Sokolova", "a Moscow political scientist"),
    ("Tomas Berg", "a Swedish defence official"),
    ("Priya Raman", "a sanctions lawyer in London"),
    ("Lukas Meier", "a German member of parliament"),
    ("Anna Kovalenko", "a Ukrainian foreign ministry adviser"),
    ("Samuel Whitfield", "a retired U.S. ambassador"),
)
_LEADERS = ("Donald Trump", "Vladimir Putin", "John Bolton", "Mike Pence", "Yuri Ushakov")
_PLACES = ("Helsinki", "Moscow", "Brussels", "London", "Washington", "Quebec")
_WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday")
_MONTHS = ("March", "April", "May", "June", "July")
_OUTLETS = ("Northern Ledger", "Baltic Courier", "The Capital Wire", "Evening Dispatch")

_HEADLINES = (
    "{a} and {b} Set Date for Talks in {place}",
    "Allies Watch Warily as {a} Prepares to Meet {b}",
    "What to Expect When {a} Meets {b} in {place}",
    "{a} Heads to {place} With Low Expectations",
)
_EVENT_SENTENCES = (
    "{a} and {b} will meet in {place} on July {day} for their first formal summit.",
    "{a} met {b} in {place} on {weekday} to prepare the agenda.",
    "The two governments announced the meeting in a joint statement on {weekday}.",
    "{a} spoke by phone with {b} in {month}, officials said.",
    "{a} visited {place} on {weekday} and held talks with local officials.",
    "A federal grand jury indicted twelve intelligence officers on {weekday}.",
    "The ministers are due to hold talks in {place} on July {day} and {day2}.",
    "{a} announced new sanctions on {weekday} against a group of shipping firms.",
    "{a} tweeted on {weekday} that the meeting would be a great success.",
    "In {year}, the parliament held an election that observers called flawed.",
)
_FILLER = (
    "Officials on both sides have played down hopes of a breakthrough, pointing to the long list "
    "of disputes that divide the two capitals.",
    "The preparations involve dozens of staff, from interpreters to security teams, most of "
    "whom arrived days before the delegations.",
    "Diplomats in {place} said the choice of venue reflected a long tradition of neutral "
    "ground for difficult conversations.",
    "Markets barely moved on the news, which traders said had been widely expected for weeks.",
    "Critics at home argued that the meeting rewarded bad behaviour without asking for anything "
    "in return.",
    "The agenda is expected to cover arms control, the war in Syria and the conflict in "
    "eastern Ukraine.",
    "Security around the venue was tightened, with roads closed and the harbour patrolled.",
    "Neither side has published a list of the officials who will take part in the talks.",
)
_QUOTE_SENTENCES = (
    "“We should not expect miracles from one afternoon of talks,” said {person}, {role}.",
    "“The very fact that they sit at one table matters,” {person}, {role}, told reporters "
    "on {weekday}.",
    "{person}, {role}, said the meeting was “overdue but fragile.”",
    "“Nobody in {place} wants to be surprised again,” {person} said. “We have been surprised "
    "too often.”",
    "According to {person}, {role}, the talks are “a test of patience for everyone involved.”",
)


def build_corpus(articles: int, *, seed: int = 2018) -> list[tuple[str, dt.date]]:
    """``articles`` texts of about 4 KB, each with its publication date (plus the seed file)."""
    rng = random.Random(seed)
    corpus = [_article(rng) for _ in range(articles)]
    seed_file = SEED_DIR / "000_cca8f738e82c71f8.txt"
    if seed_file.is_file():
        corpus[0] = (seed_file.read_text(encoding="utf-8"), dt.date(2018, 6, 28))
    return corpus


def _article(rng: random.Random) -> tuple[str, dt.date]:
    published = dt.date(2018, 6, 20) + dt.timedelta(days=rng.randrange(30))
    a, b = rng.sample(_LEADERS, 2)
    place = rng.choice(_PLACES)
    headline = rng.choice(_HEADLINES).format(a=a.split()[-1], b=b.split()[-1], place=place)
    lines = [
        headline,
        "",
        f"By {rng.choice(_PEOPLE)[0]} | {rng.choice(_OUTLETS)}",
        "",
        f"{published:%B} {published.day}, {published.year}",
        "",
    ]
    size = sum(len(line) + 1 for line in lines)
    while size < ARTICLE_BYTES:
        paragraph = " ".join(_sentence(rng) for _ in range(rng.randint(2, 3)))
        lines += [paragraph, ""]
        size += len(paragraph.encode("utf-8")) + 2
    return "\n".join(lines), published


def _sentence(rng: random.Random) -> str:
    bank = rng.choices((_EVENT_SENTENCES, _FILLER, _QUOTE_SENTENCES), weights=(4, 3, 3))[0]
    person, role = rng.choice(_PEOPLE)
    a, b = rng.sample(_LEADERS, 2)
    day = rng.randint(1, 27)
    return rng.choice(bank).format(
        a=a,
        b=b,
        place=rng.choice(_PLACES),
        weekday=rng.choice(_WEEKDAYS),
        month=rng.choice(_MONTHS),
        day=day,
        day2=day + 1,
        year=rng.randint(2008, 2017),
        person=person,
        role=role,
    )


def run(corpus: list[tuple[str, dt.date]], *, repeat: int) -> float:
    """Seconds taken by the fastest of ``repeat`` passes over the corpus."""
    register = Register.default()
    best = float("inf")
    for _ in range(repeat):
        started = time.perf_counter()
        for text, published in corpus:
            extract(text, published=published, register=register)
        best = min(best, time.perf_counter() - started)
    return best


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m extraction.bench", description=__doc__)
    parser.add_argument("--articles", type=int, default=300, help="articles in the corpus")
    parser.add_argument("--repeat", type=int, default=3, help="passes; the fastest counts")
    parser.add_argument("--profile", action="store_true", help="print a cProfile of one pass")
    args = parser.parse_args(argv)
    if args.articles < 1 or args.repeat < 1:
        parser.error("--articles and --repeat must be at least 1")

    corpus = build_corpus(args.articles)
    total_kb = sum(len(text.encode("utf-8")) for text, _ in corpus) / 1000
    run(corpus[:5], repeat=1)  # warm the caches (register tables, compiled patterns)
    seconds = run(corpus, repeat=args.repeat)
    tracemalloc.start()
    run(corpus[: min(50, len(corpus))], repeat=1)
    _current, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    rss_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss  # KB on Linux

    rate = len(corpus) / seconds
    print(f"articles:        {len(corpus)} ({total_kb / len(corpus):.1f} KB each on average)")
    print(f"total:           {total_kb:.0f} KB")
    print(f"time:            {seconds:.3f} s (best of {args.repeat})")
    print(f"articles/s:      {rate:.0f} (target {TARGET_ARTICLES_PER_SECOND})")
    print(f"KB/s:            {total_kb / seconds:.0f}")
    print(f"peak traced:     {peak / 1e6:.1f} MB (tracemalloc, 50 articles)")
    print(f"peak RSS:        {rss_kb / 1000:.0f} MB (ru_maxrss)")
    if rate < TARGET_ARTICLES_PER_SECOND or args.profile:
        _profile(corpus)
    return 0


def _profile(corpus: list[tuple[str, dt.date]]) -> None:
    profiler = cProfile.Profile()
    profiler.enable()
    run(corpus, repeat=1)
    profiler.disable()
    out = io.StringIO()
    pstats.Stats(profiler, stream=out).sort_stats("cumulative").print_stats(25)
    print(out.getvalue())


if __name__ == "__main__":
    sys.exit(main())
