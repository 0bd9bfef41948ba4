"""The demo timeline against the demo corpus's own list of happenings
(demo/happenings.json): what `make demo` shows a journalist."""

from __future__ import annotations

import pytest

from tests.conftest import DEMO_CORPUS
from timeline.evaluation import demo_happenings, timeline_score

# Floors of the pipeline as it is; the target is no duplicate, no false merge, no generic title.
MAX_DUPLICATES = 4
MAX_FALSE_MERGES = 1
MAX_GENERIC_SHARE = 0.40
MIN_FOUND = 0.85


@pytest.fixture
def score(demo_corpus):
    articles, happening_of = demo_happenings(DEMO_CORPUS)
    ids = {name[:2]: pk for name, pk in demo_corpus.items()}
    return timeline_score(articles, ids, happening_of)


def test_the_demo_timeline_has_each_happening_once_and_titles_that_say_what_happened(score):
    print("\n".join(["", *score.lines(verbose=True)]))
    assert score.happenings == 27
    assert score.found_share >= MIN_FOUND
    assert len(score.duplicates) <= MAX_DUPLICATES
    assert len(score.false_merges) <= MAX_FALSE_MERGES
    assert score.generic_share <= MAX_GENERIC_SHARE
    assert not score.dates_wrong
