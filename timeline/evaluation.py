"""The timeline judged against hand-made gold: is every happening there, once, dated right?

Per-article extraction is scored by ``../shared/devset/score.py``. This module scores what a
journalist sees: the knowledge base that the real pipeline builds from a set of articles.
The gold says which dated happening each article reports (``gold.events`` of the dev set)
and, in ``timeline/data/devset_happenings.json``, which of those per-article events are one
happening across articles. A gold event is *found* when an event of the knowledge base has
evidence in that article whose sentence holds most of the gold evidence's words (the rule
of ``score.py``); then:

- **false merges**: events holding gold events of two different happenings;
- **duplicates**: happenings whose gold events are spread over several events;
- **B-cubed** precision/recall/F1 of the grouping (an unfound gold event counts as a
  cluster of its own, so missing evidence lowers recall);
- **dates**: the event's date against the most precise gold date of its happening: exact,
  coarser but consistent (honest), or wrong;
- **generic titles**: "Trump statement", "White House tweet", "Statement of Monday", one
  word, or a fragment opening with a pronoun.

``manage.py evaluate`` (``make eval``) prints every figure and the misses; the suite keeps
floors just under what the pipeline reaches (tests/timeline/test_evaluation.py).
"""

from __future__ import annotations

import datetime as dt
import json
import re
import unicodedata
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from articles.models import Article, ArticleStatus
from articles.services import article_ingest, article_process
from timeline.models import Event, Evidence

HAPPENINGS_FILE = Path(__file__).parent / "data" / "devset_happenings.json"
# An evidence sentence reports a gold event when it holds this share of its words.
_EVIDENCE_OVERLAP = 0.5


@dataclass(frozen=True, slots=True)
class GoldEvent:
    key: str  # "04#0": event 0 of article 04
    article: str
    what: str
    date: str
    precision: str
    evidence: str


@dataclass(frozen=True, slots=True)
class GoldArticle:
    name: str  # "04", "seed"
    path: Path
    published: dt.date
    outlet: str | None
    url: str | None
    events: tuple[GoldEvent, ...]


def devset_articles(shared: Path) -> list[GoldArticle]:
    """The real development set beside the checkout (``shared/devset``), seed included."""
    devset = shared / "devset"
    articles = []
    for meta in sorted(devset.glob("*.json")):
        name = meta.stem
        text = (
            shared / "seeds" / "000_cca8f738e82c71f8.txt"
            if name == "seed"
            else meta.with_suffix(".txt")
        )
        if not text.exists():
            continue
        data = json.loads(meta.read_text(encoding="utf-8"))
        events = tuple(
            GoldEvent(
                key=f"{name}#{index}",
                article=name,
                what=event.get("what", ""),
                date=event["date"],
                precision=event["precision"],
                evidence=event.get("evidence", ""),
            )
            for index, event in enumerate(data.get("gold", data).get("events", []))
        )
        articles.append(
            GoldArticle(
                name=name,
                path=text,
                published=dt.date.fromisoformat(data["published"][:10]),
                outlet=data.get("outlet"),
                url=data.get("url"),
                events=events,
            )
        )
    return articles


def happenings_load(path: Path = HAPPENINGS_FILE) -> dict[str, str]:
    """Gold event key -> happening id, for the events the file groups."""
    data = json.loads(path.read_text(encoding="utf-8"))
    return {member: item["id"] for item in data["happenings"] for member in item["members"]}


def demo_happenings(corpus: Path) -> tuple[list[GoldArticle], dict[str, str]]:
    """The demo corpus's own list of happenings (``demo/happenings.json``) as gold
    articles and their grouping: a report is a phrase of the sentence that reports it."""
    data = json.loads((corpus.parent / "happenings.json").read_text(encoding="utf-8"))
    events: dict[str, list[GoldEvent]] = defaultdict(list)
    happening_of: dict[str, str] = {}
    for happening in data["happenings"]:
        for index, (prefix, phrase, *coarser) in enumerate(happening["reports"]):
            date, precision = coarser if coarser else (happening["date"], happening["precision"])
            key = f"{happening['id']}#{index}"
            events[prefix].append(
                GoldEvent(key, prefix, happening["what"], date, precision, phrase)
            )
            happening_of[key] = happening["id"]
    articles = [
        GoldArticle(
            name=path.name[:2],
            path=path,
            published=dt.date.min,  # the articles carry their own
            outlet=None,
            url=None,
            events=tuple(events.get(path.name[:2], ())),
        )
        for path in sorted(corpus.glob("[0-9][0-9]_*"))
    ]
    return articles, happening_of


def knowledge_base_build(articles: Iterable[GoldArticle]) -> dict[str, int]:
    """Ingest and process the articles, in the order given, through the real pipeline.

    Returns article ids by gold name. With in-process tasks the ingest itself processes
    the article; otherwise (a broker configured, no worker here) it is processed now.
    """
    ids: dict[str, int] = {}
    for article in articles:
        result = article_ingest(
            raw=article.path.read_bytes(),
            filename=article.path.name,
            url=article.url,
            outlet=article.outlet,
            published=article.published,
        )
        ids[article.name] = result.article.pk
        if Article.objects.filter(pk=result.article.pk, status=ArticleStatus.QUEUED).exists():
            article_process(article_id=result.article.pk)
    return ids


# --- the score ------------------------------------------------------------------------------


@dataclass
class TimelineScore:
    happenings: int = 0
    found: int = 0
    gold_events: int = 0
    matched_events: int = 0
    events: int = 0
    bcubed_precision: float = 0.0
    bcubed_recall: float = 0.0
    dates_exact: int = 0
    dates_coarser: int = 0
    dates_wrong: list[str] = field(default_factory=list)
    false_merges: list[str] = field(default_factory=list)
    duplicates: list[str] = field(default_factory=list)
    generic_titles: list[str] = field(default_factory=list)
    missed: list[str] = field(default_factory=list)

    @property
    def found_share(self) -> float:
        return self.found / self.happenings if self.happenings else 1.0

    @property
    def bcubed_f1(self) -> float:
        p, r = self.bcubed_precision, self.bcubed_recall
        return 2 * p * r / (p + r) if p + r else 0.0

    @property
    def date_accuracy(self) -> float:
        """Exact or honestly coarser dates among the found happenings' events."""
        judged = self.dates_exact + self.dates_coarser + len(self.dates_wrong)
        return (self.dates_exact + self.dates_coarser) / judged if judged else 1.0

    @property
    def generic_share(self) -> float:
        return len(self.generic_titles) / self.events if self.events else 0.0

    def lines(self, *, verbose: bool = False) -> list[str]:
        out = [
            f"happenings found   {self.found}/{self.happenings} = {self.found_share:.2f}"
            f"   (gold events matched {self.matched_events}/{self.gold_events})",
            f"false merges       {len(self.false_merges)}",
            f"duplicates         {len(self.duplicates)}",
            f"B-cubed            P={self.bcubed_precision:.2f} R={self.bcubed_recall:.2f}"
            f" F1={self.bcubed_f1:.2f}",
            f"dates              accuracy={self.date_accuracy:.2f}  (exact {self.dates_exact},"
            f" coarser {self.dates_coarser}, wrong {len(self.dates_wrong)})",
            f"generic titles     {len(self.generic_titles)}/{self.events}"
            f" = {self.generic_share:.2f}",
        ]
        if verbose:
            for label, items in (
                ("false merge", self.false_merges),
                ("duplicate", self.duplicates),
                ("wrong date", self.dates_wrong),
                ("generic title", self.generic_titles),
                ("not found", self.missed),
            ):
                out += [f"  {label}: {item}" for item in items]
        return out


def timeline_score(
    articles: Sequence[GoldArticle], ids: dict[str, int], happening_of: dict[str, str]
) -> TimelineScore:
    """Score the knowledge base built from ``articles`` (ids from ``knowledge_base_build``)."""
    gold = [event for article in articles for event in article.events]
    cluster = {event.key: happening_of.get(event.key, event.key) for event in gold}
    members: dict[str, list[GoldEvent]] = defaultdict(list)
    for event in gold:
        members[cluster[event.key]].append(event)

    evidence = list(
        Evidence.objects.filter(article_id__in=ids.values())
        .select_related("event")
        .order_by("article_id", "start", "id")
    )
    by_article: dict[int, list[Evidence]] = defaultdict(list)
    for row in evidence:
        by_article[row.article_id].append(row)
    assigned: dict[str, Event] = {}
    for article in articles:
        used: set[int] = set()
        for event in article.events:
            match = _best_event(event, by_article.get(ids[article.name], []), used)
            if match is not None:
                assigned[event.key] = match
                used.add(match.pk)

    score = TimelineScore(happenings=len(members), gold_events=len(gold))
    score.matched_events = len(assigned)
    score.found = sum(1 for items in members.values() if any(e.key in assigned for e in items))
    score.missed = [f"{e.key} {e.date} {e.what}" for e in gold if e.key not in assigned]
    # B-cubed: the predicted cluster of a gold event is its event; an unfound one is alone.
    predicted = {key: f"event:{event.pk}" for key, event in assigned.items()}
    for event in gold:
        predicted.setdefault(event.key, f"missing:{event.key}")
    by_predicted: dict[str, set[str]] = defaultdict(set)
    for key, label in predicted.items():
        by_predicted[label].add(key)
    precision = recall = 0.0
    for event in gold:
        mine = by_predicted[predicted[event.key]]
        truth = {e.key for e in members[cluster[event.key]]}
        precision += len(mine & truth) / len(mine)
        recall += len(mine & truth) / len(truth)
    score.bcubed_precision = precision / len(gold) if gold else 1.0
    score.bcubed_recall = recall / len(gold) if gold else 1.0

    events: dict[int, Event] = {row.event_id: row.event for row in evidence}
    score.events = len(events)
    happenings_in: dict[int, set[str]] = defaultdict(set)
    for key, event in assigned.items():
        happenings_in[event.pk].add(cluster[key])
    for pk, held in sorted(happenings_in.items()):
        if len(held) > 1:
            score.false_merges.append(f"{events[pk].title!r} holds {sorted(held)}")
    for happening, items in sorted(members.items()):
        spread = {assigned[e.key].pk for e in items if e.key in assigned}
        if len(spread) > 1:
            titles = sorted(events[pk].title for pk in spread)
            score.duplicates.append(f"{happening}: {titles}")
    for _happening, items in sorted(members.items()):
        finest = max(items, key=lambda e: _PRECISION_RANK[e.precision])
        for pk in sorted({assigned[e.key].pk for e in items if e.key in assigned}):
            verdict = _date_verdict(events[pk], finest.date, finest.precision)
            if verdict == "exact":
                score.dates_exact += 1
            elif verdict == "coarser":
                score.dates_coarser += 1
            else:
                score.dates_wrong.append(
                    f"{events[pk].title!r} {_event_date(events[pk])} (gold {finest.date})"
                )
    score.generic_titles = sorted(e.title for e in events.values() if is_generic_title(e.title))
    return score


def _best_event(gold: GoldEvent, rows: list[Evidence], used: set[int]) -> Event | None:
    """The event whose evidence in the article reports ``gold``: date-compatible first,
    one not yet taken by another gold event of the article before one that is."""
    wanted = set(_norm(gold.evidence).split())
    candidates = []
    for row in rows:
        words = set(_norm(row.sentence).split())
        if wanted and len(wanted & words) / len(wanted) < _EVIDENCE_OVERLAP:
            continue
        event = row.event
        verdict = _date_verdict(event, gold.date, gold.precision)
        compatible = verdict != "wrong" or _date_verdict_reverse(event, gold.date, gold.precision)
        candidates.append((not compatible, event.pk in used, verdict != "exact", row.start, event))
    if not candidates:
        return None
    return min(candidates, key=lambda c: c[:4])[4]


_PRECISION_RANK = {"year": 0, "month": 1, "day": 2}
_CUT = {"year": 4, "month": 7, "day": 10}


def _event_date(event: Event) -> str:
    return event.date.isoformat()[: _CUT[event.precision]]


def _date_verdict(event: Event, date: str, precision: str) -> str:
    """The event's date against a gold date: exact, coarser but consistent, or wrong."""
    mine = _event_date(event)
    if event.precision == precision:
        return "exact" if mine == date else "wrong"
    if _PRECISION_RANK[event.precision] < _PRECISION_RANK[precision]:
        return "coarser" if date.startswith(mine) else "wrong"
    return "wrong"  # finer than the gold: a day the text did not give


def _date_verdict_reverse(event: Event, date: str, precision: str) -> bool:
    """A finer event date that falls inside a coarser gold date (another article gave the
    day): compatible for matching, judged later against the happening's finest date."""
    return _PRECISION_RANK[event.precision] > _PRECISION_RANK[precision] and _event_date(
        event
    ).startswith(date)


# "Trump statement", "White House tweet", "Sergei Lavrov talks", "Statement of Monday".
_GENERIC = re.compile(
    r"(?:[\w.’'-]+\s+){0,3}(?:statement|tweet|remarks|comments|talks|announcement|interview)"
    r"|(?:statement|tweet|announcement|remarks)\s+(?:of|on)\s+\w+",
    re.IGNORECASE,
)
_FRAGMENT_START = re.compile(r"(?:he|she|they|it|we|i|you|reporters|published)\b", re.IGNORECASE)


def is_generic_title(title: str) -> bool:
    """A title that does not say who did what: generic, one word, or a sentence fragment.

    >>> is_generic_title("Trump statement"), is_generic_title("Statement of Monday")
    (True, True)
    >>> is_generic_title("They arrived"), is_generic_title("Trump and Putin meet in Helsinki")
    (True, False)
    """
    title = title.strip()
    return (
        len(title.split()) < 2
        or _GENERIC.fullmatch(title) is not None
        or _FRAGMENT_START.match(title) is not None
    )


def _norm(text: str) -> str:
    # The normalisation of score.py: accents and punctuation away, lower case.
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c))
    text = text.replace("’", "'").replace("‘", "'")
    text = re.sub(r"[^\w\s']", " ", text.lower())
    return re.sub(r"\s+", " ", text).strip()
