"""One utterance, many reports: the same words of the same speaker across articles.

Two quotes are reports of one utterance when they have the same speaker and the same
words, or when one quotes part of what the other quotes in full ("the EU is a foe" inside
"I think the European Union is a foe, what they do to us in trade"). Words are compared
as whole, lower-cased words without punctuation, so "foe," and "foe" are the same word and
"foe" is not inside "foes". A part joins only when it is at least ``MIN_PART_WORDS`` long:
one word in common ("great") says nothing about two quotes.

The grouping is the connected components of that relation over every quote, which is why
it does not depend on the order in which articles arrive: a new quote joins every
utterance one of whose reports it matches (merging them), and an article reprocessed
splits an utterance again when its reports no longer hang together without it.
Quotes with no speaker join only on identical words.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Mapping

from django.db.models import F, Q, Value
from django.db.models.functions import StrIndex
from django.utils import timezone

from articles.models import Article, Quote, QuoteReview, Utterance

MIN_PART_WORDS = 4
_NOT_WORD = re.compile(r"[^\w]+")
_PRECISION_RANK = {"": -1, "year": 0, "month": 1, "day": 2}


def words_key(text: str) -> tuple[str, int]:
    """The words of a quote as compared, padded with spaces, and how many there are.

    >>> words_key("“The EU is a foe,” he said")
    (' the eu is a foe he said ', 7)
    >>> words_key("Niinistö’s")[0]
    ' niinisto s '
    """
    folded = unicodedata.normalize("NFKD", text)
    folded = "".join(ch for ch in folded if not unicodedata.combining(ch)).lower()
    words = _NOT_WORD.sub(" ", folded).split()
    return (" " + " ".join(words) + " ", len(words)) if words else ("", 0)


def utterances_link(*, article: Article, previous: Mapping[str, int] | None = None) -> None:
    """Give every quote of ``article`` its utterance, joining and merging across articles.

    Call it after the article's quotes are written (inside the linking transaction).
    Costs one look-up per quote of the article (an index on the speaker, then a substring
    test on that speaker's quotes) and a fixed number of writes.
    """
    quotes = list(Quote.objects.filter(article=article).order_by("start"))
    previous = previous or {}
    alive = set(
        Utterance.objects.filter(pk__in=set(previous.values())).values_list("pk", flat=True)
    )
    for quote in quotes:
        quote.words_key, quote.words_count = words_key(quote.text)
        if quote.utterance_id is None and previous.get(quote.words_key) in alive:
            quote.utterance_id = previous[quote.words_key]
    Quote.objects.bulk_update(quotes, ["words_key", "words_count"])
    # Union-find over the utterances met: each quote links its own and every matching one.
    parent: dict[int, int] = {}

    def root(node: int) -> int:
        while parent.setdefault(node, node) != node:
            node = parent[node]
        return node

    linked: dict[int, int | None] = {}  # quote pk -> an utterance it belongs with
    pending: list[Quote] = []
    for quote in quotes:
        if not quote.words_key:
            continue
        found = {
            utterance
            for utterance in _matching_quotes(quote)
            .exclude(article=article)
            .exclude(utterance=None)
            .values_list("utterance_id", flat=True)
        }
        if quote.utterance_id:
            found.add(quote.utterance_id)
        if found:
            first, *rest = sorted(found)
            for other in rest:
                parent[root(other)] = root(first)
            linked[quote.pk] = first
        else:
            linked[quote.pk] = None
            pending.append(quote)
    # Quotes of this article that match each other but nothing elsewhere share a new one.
    for quote in pending:
        partner = next(
            (q for q in quotes if q.pk != quote.pk and linked.get(q.pk) and _related(quote, q)),
            None,
        )
        if partner is not None:
            linked[quote.pk] = linked[partner.pk]
            continue
        created = Utterance.objects.create(
            speaker_id=quote.speaker_id, text=quote.text, review_status=quote.review_status
        )
        linked[quote.pk] = created.pk
    groups: dict[int, list[int]] = {}
    for utterance in {u for u in linked.values() if u is not None} | set(parent):
        groups.setdefault(root(utterance), []).append(utterance)
    keep_of: dict[int, int] = {}
    for members in groups.values():
        keep, *others = sorted(members)
        if others:
            # A quote bridges utterances that were apart: they are one. An editor's verdict
            # on any of them is kept on the one that stays.
            _merge_into(keep, others)
        for member in members:
            keep_of[member] = keep
    for quote in quotes:
        if linked.get(quote.pk) is not None:
            quote.utterance_id = keep_of[linked[quote.pk]]
    Quote.objects.bulk_update(quotes, ["utterance"])
    utterances_refresh(Utterance.objects.filter(pk__in=set(keep_of.values())))


def utterances_after_removal(*, utterance_ids: Iterable[int]) -> None:
    """Utterances that lost reports (an article reprocessed or deleted): drop the empty
    ones no editor decided about, split the ones whose reports no longer hang together."""
    ids = sorted(set(utterance_ids))
    if not ids:
        return
    Utterance.objects.filter(pk__in=ids, reports=None, editor_locked=False).delete()
    for utterance in Utterance.objects.filter(pk__in=ids):
        _split_if_apart(utterance)
    utterances_refresh(Utterance.objects.filter(pk__in=ids))


def utterances_refresh(utterances: Iterable[Utterance]) -> None:
    """Text, date, first report and count of each utterance from its reports (two queries
    and one bulk update for all of them)."""
    utterances = list(utterances)
    reports_of: dict[int, list[Quote]] = {u.pk: [] for u in utterances}
    for report in (
        Quote.objects.filter(utterance__in=utterances)
        .select_related("article")
        .order_by(F("article__published_at").asc(nulls_last=True), "article_id", "start")
    ):
        reports_of[report.utterance_id].append(report)
    changed = []
    now = timezone.now()
    for utterance in utterances:
        reports = reports_of[utterance.pk]
        if not reports:
            continue
        order = {q.pk: index for index, q in enumerate(reports)}
        fullest = max(reports, key=lambda q: (q.words_count, -order[q.pk]))
        dated = max(reports, key=lambda q: (_PRECISION_RANK[q.said_precision or ""], -order[q.pk]))
        fields = {
            "speaker_id": utterance.speaker_id
            if utterance.editor_locked
            else reports[0].speaker_id,
            "text": utterance.text if utterance.editor_locked else fullest.text,
            "said_on": dated.said_on,
            "said_precision": dated.said_precision or "",
            "first_reported_at": reports[0].article.published_at,
            "reports_count": len(reports),
            "first_report_id": next(
                (q.pk for q in reports if q.review_status != QuoteReview.REJECTED), reports[0].pk
            ),
        }
        if any(getattr(utterance, name) != value for name, value in fields.items()):
            for name, value in fields.items():
                setattr(utterance, name, value)
            utterance.updated_at = now  # bulk_update does not touch auto_now fields
            changed.append(utterance)
    if changed:
        Utterance.objects.bulk_update(changed, [*_REFRESHED, "updated_at"])


_REFRESHED = (
    "speaker",
    "text",
    "said_on",
    "said_precision",
    "first_reported_at",
    "reports_count",
    "first_report",
)


def _matching_quotes(quote: Quote):
    """Quotes of the same speaker with the same words, or with words one holds whole."""
    same_speaker = Quote.objects.filter(speaker_id=quote.speaker_id).exclude(words_key="")
    if quote.speaker_id is None:
        return same_speaker.filter(speaker__isnull=True, words_key=quote.words_key)
    relation = Q(words_key=quote.words_key)
    if quote.words_count >= MIN_PART_WORDS:
        relation |= Q(words_key__contains=quote.words_key)  # a fuller report of these words
    holds = StrIndex(Value(quote.words_key), F("words_key"))
    relation |= Q(words_count__gte=MIN_PART_WORDS, part_of_mine__gt=0)  # a part of them
    return same_speaker.annotate(part_of_mine=holds).filter(relation)


def _merge_into(keep: int, others: list[int]) -> None:
    survivor = Utterance.objects.get(pk=keep)
    for other in Utterance.objects.filter(pk__in=others):
        if other.editor_locked and not survivor.editor_locked:
            survivor.review_status = other.review_status
            survivor.editor_locked = True
            survivor.reviewed_by_id, survivor.reviewed_at = other.reviewed_by_id, other.reviewed_at
    survivor.save()
    Quote.objects.filter(utterance_id__in=others).update(utterance_id=keep)
    Utterance.objects.filter(pk__in=others).delete()


def _split_if_apart(utterance: Utterance) -> None:
    """Keep the reports that hang together with the first one; the others get new ones."""
    reports = list(utterance.reports.order_by("article_id", "start"))
    unplaced = reports[:]
    groups: list[list[Quote]] = []
    while unplaced:
        group = [unplaced.pop(0)]
        for member in group:  # grows while it is walked: a breadth-first search
            joined = [other for other in unplaced if _related(member, other)]
            group += joined
            unplaced = [other for other in unplaced if other not in joined]
        groups.append(group)
    for group in groups[1:]:
        new = Utterance.objects.create(speaker_id=utterance.speaker_id, text=group[0].text)
        Quote.objects.filter(pk__in=[q.pk for q in group]).update(utterance=new)
        utterances_refresh([new])


def _related(first: Quote, second: Quote) -> bool:
    if first.words_key == second.words_key:
        return True
    if first.speaker_id is None:
        return False
    short, long_ = sorted((first, second), key=lambda q: q.words_count)
    return short.words_count >= MIN_PART_WORDS and short.words_key in long_.words_key
