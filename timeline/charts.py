"""The run-up at a glance: day-by-day charts drawn as SVG on the server.

Each day with something in it is one link to that day on the timeline (``/timeline/?day=``),
so the chart is navigable with the Tab key; every bar has a ``<title>`` and the whole chart
a caption and a table with the same numbers, for readers who do not see it.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Count, DateField, Exists, OuterRef
from django.db.models.functions import Cast
from django.urls import reverse

from entities.models import Entity
from summit_kb.partial_dates import Precision
from timeline.models import Event, EventKind, EventParticipant, EventReview

# Kinds drawn in one colour each: fifteen colours would tell nobody anything. The legend
# and every bar's title name the kinds.
KIND_FAMILIES: list[tuple[str, str, tuple[str, ...]]] = [
    ("meetings", "summits, meetings, talks, visits", ("summit", "meeting", "talks", "visit")),
    ("calls", "phone calls", ("call",)),
    (
        "words",
        "statements, interviews, tweets, press conferences, announcements",
        ("statement", "interview", "tweet", "press_conference", "announcement"),
    ),
    (
        "legal",
        "indictments, sanctions, annexation, elections",
        ("indictment", "sanctions", "annexation", "election"),
    ),
    ("other", "other", ("other",)),
]
_FAMILY_OF = {kind: key for key, _, kinds in KIND_FAMILIES for kind in kinds}
KIND_LABELS = dict(EventKind.choices)

# Layout in SVG user units (the chart scales down to its column; below 40rem it scrolls
# sideways inside its own box, so the labels stay readable on a phone).
PLOT_WIDTH = 760  # days share this width, each between 8 and 28 units
BAR_GAP = 3
PLOT_HEIGHT = 110
LEFT = 30
TOP = 10
BOTTOM = 34
MAX_DAYS = 120  # a longer story shows its last 120 days; the caption says what is left out


@dataclass(frozen=True)
class Segment:
    series: str
    count: int
    y: float
    height: float


@dataclass(frozen=True)
class DayMark:
    day: dt.date
    x: float
    width: float
    segments: tuple[Segment, ...]
    total: int
    href: str
    label: str  # "Monday 16 July 2018: 3 events (2 summits…)": the link's accessible name


@dataclass(frozen=True)
class Series:
    key: str
    label: str
    total: int


@dataclass
class RunUpChart:
    """A chart ready for ``timeline/_run_up_chart.html``."""

    title: str
    unit: str  # "events", "quotes and articles"
    series: list[Series]
    marks: list[DayMark] = field(default_factory=list)
    ticks: list[tuple[float, str, bool]] = field(default_factory=list)  # x, label, month start
    y_ticks: list[tuple[float, int]] = field(default_factory=list)
    width: float = 0
    height: float = PLOT_HEIGHT + TOP + BOTTOM
    left_out: str = ""  # what the chart does not show, in a sentence
    summary: str = ""

    @property
    def rows(self) -> list[tuple[DayMark, list[int]]]:
        """The table behind the chart: one row per day with something in it."""
        return [
            (
                mark,
                [
                    sum(s.count for s in mark.segments if s.series == series.key)
                    for series in self.series
                ],
            )
            for mark in self.marks
        ]


def _day_href(day: dt.date) -> str:
    return f"{reverse('timeline:index')}?day={day.isoformat()}#d{day.isoformat()}"


def _plural(count: int, noun: str) -> str:
    """>>> _plural(2, "talks"), _plural(2, "press conference")
    ('2 talks', '2 press conferences')"""
    return f"{count} {noun if count == 1 or noun.endswith('s') else noun + 's'}"


def _layout(
    chart: RunUpChart,
    counts: dict[dt.date, dict[str, int]],
    describe,
) -> RunUpChart:
    """Place the days of ``counts`` ({day: {series: n}}) on the chart."""
    days = sorted(d for d, by in counts.items() if sum(by.values()))
    if not days:
        chart.summary = f"No {chart.unit} with a known day yet."
        return chart
    last = days[-1]
    first = max(days[0], last - dt.timedelta(days=MAX_DAYS - 1))
    shown = [d for d in days if d >= first]
    hidden = len(days) - len(shown)
    if hidden:
        chart.left_out = (
            f"{_plural(hidden, 'earlier day')} with {chart.unit} before "
            f"{first:%-d %B %Y} are on the timeline, not in the chart."
        )
    span = (last - first).days + 1
    day_width = min(28.0, max(8.0, PLOT_WIDTH / span))
    peak = max(sum(counts[d].values()) for d in shown)
    scale = PLOT_HEIGHT / peak
    chart.width = round(LEFT + span * day_width + 10, 2)
    for d in shown:
        x = LEFT + (d - first).days * day_width + BAR_GAP / 2
        y = TOP + PLOT_HEIGHT
        segments = []
        for series in chart.series:
            n = counts[d].get(series.key, 0)
            if n:
                h = n * scale
                y -= h
                segments.append(
                    Segment(series=series.key, count=n, y=round(y, 2), height=round(h, 2))
                )
        total = sum(counts[d].values())
        chart.marks.append(
            DayMark(
                day=d,
                x=round(x, 2),
                width=round(day_width - BAR_GAP, 2),
                segments=tuple(segments),
                total=total,
                href=_day_href(d),
                label=f"{d:%A} {d.day} {d:%B %Y}: {describe(d, counts[d])}",
            )
        )
    days_in = [first + dt.timedelta(days=offset) for offset in range(span)]
    majors = {i for i, d in enumerate(days_in) if d.day == 1 or i == 0}
    chosen = set(majors)
    for i, d in enumerate(days_in):
        # Mondays too, where they do not crowd a month's label: four days apart at least.
        if d.weekday() == 0 and all(abs(i - j) >= 4 for j in chosen):
            chosen.add(i)
    for i in sorted(chosen):
        d = days_in[i]
        label = f"{d.day} {d:%b}"  # the month each time: a phone shows a few weeks only
        chart.ticks.append((round(LEFT + (i + 0.5) * day_width, 2), label, i in majors))
    step = max(1, round(peak / 3))
    chart.y_ticks = [(round(TOP + PLOT_HEIGHT - n * scale, 2), n) for n in range(0, peak + 1, step)]
    busiest = max(shown, key=lambda d: (sum(counts[d].values()), d))
    chart.summary = (
        f"{_plural(len(shown), 'day')} with {chart.unit} from {first:%-d %B} to {last:%-d %B %Y}; "
        f"the busiest was {busiest:%A} {busiest.day} {busiest:%B}, with "
        f"{describe(busiest, counts[busiest])}."
    )
    return chart


def run_up_chart() -> RunUpChart:
    """Events per day by kind, for the home page. Two queries.

    Only events known to the day are drawn; the caption counts those known only to the
    month or year.
    """
    live = Event.objects.exclude(review_status=EventReview.REJECTED)
    counts: dict[dt.date, dict[str, int]] = defaultdict(dict)
    kinds: dict[dt.date, dict[str, int]] = defaultdict(dict)
    for row in (
        live.filter(precision=Precision.DAY)
        .values("date", "kind")
        .annotate(n=Count("id"))
        .order_by()
    ):
        family = _FAMILY_OF.get(row["kind"], "other")
        counts[row["date"]][family] = counts[row["date"]].get(family, 0) + row["n"]
        kinds[row["date"]][row["kind"]] = row["n"]
    series = [
        Series(key=key, label=label, total=sum(by.get(key, 0) for by in counts.values()))
        for key, label, _ in KIND_FAMILIES
    ]

    def describe(day: dt.date, by_family: dict[str, int]) -> str:
        parts = [
            _plural(n, KIND_LABELS.get(kind, kind))
            for kind, n in sorted(kinds[day].items(), key=lambda kv: (-kv[1], kv[0]))
        ]
        total = sum(by_family.values())
        return f"{_plural(total, 'event')}: {', '.join(parts)}"

    chart = RunUpChart(
        title="Events per day",
        unit="events",
        series=[s for s in series if s.total],
    )
    _layout(chart, counts, describe)
    coarse = live.exclude(precision=Precision.DAY).count()
    if coarse:
        chart.left_out = " ".join(
            filter(
                None,
                [
                    chart.left_out,
                    f"{_plural(coarse, 'event')} known only to the month or year "
                    f"{'is' if coarse == 1 else 'are'} on the timeline, not in the chart.",
                ],
            )
        )
    return chart


def entity_chart(*, entity: Entity) -> RunUpChart:
    """An entity's days: the quotes they gave (people), the articles naming them and the
    events they were in, per day. Three queries.

    A quote is placed on the day it was said, or — when the article does not say — on the
    day the article was published; a quote said in a month but on no known day is left out.
    """
    from articles.models import Article, Mention
    from articles.selectors import quotes_list

    counts: dict[dt.date, dict[str, int]] = defaultdict(dict)

    def add(day: dt.date | None, series: str, n: int) -> None:
        if day is not None:
            counts[day][series] = counts[day].get(series, 0) + n

    series = []
    if entity.is_person:
        quotes = (
            quotes_list(speakers=[entity])
            .exclude(when_precision__in=[Precision.MONTH, Precision.YEAR])
            .values("when")
            .annotate(n=Count("id"))
            .order_by()
        )
        for row in quotes:
            add(row["when"], "quotes", row["n"])
        series.append(("quotes", "quotes by them"))
    articles = (
        Article.objects.filter(
            Exists(Mention.objects.filter(article=OuterRef("pk"), entity=entity)),
            published_at__isnull=False,
        )
        .annotate(day=Cast("published_at", DateField()))
        .values("day")
        .annotate(n=Count("id"))
        .order_by()
    )
    for row in articles:
        add(row["day"], "articles", row["n"])
    series.append(("articles", "articles naming them"))
    events = (
        Event.objects.exclude(review_status=EventReview.REJECTED)
        .filter(precision=Precision.DAY)
        .filter(pk__in=EventParticipant.objects.filter(entity=entity).values("event_id"))
        .values("date")
        .annotate(n=Count("id"))
        .order_by()
    )
    for row in events:
        add(row["date"], "events", row["n"])
    series.append(("events", "events they were in"))
    nouns = {"quotes": "quote", "articles": "article", "events": "event"}

    def describe(day: dt.date, by_series: dict[str, int]) -> str:
        return ", ".join(
            _plural(by_series[key], nouns[key]) for key, _ in series if by_series.get(key)
        )

    chart = RunUpChart(
        title=f"{entity.name}, day by day",
        unit="quotes, articles or events" if entity.is_person else "articles or events",
        series=[
            Series(key=key, label=label, total=sum(by.get(key, 0) for by in counts.values()))
            for key, label in series
        ],
    )
    return _layout(chart, counts, describe)
