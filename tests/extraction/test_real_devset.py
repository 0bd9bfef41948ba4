"""The real development set (../shared/devset: 12 real articles of 8 outlets and the seed)
scored by its own ``score.py``, with floors just under what the extractor reaches.

Raise the floors when the extractor improves; ``make eval`` prints every miss.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SCORER = ROOT.parent / "shared" / "devset" / "score.py"

# quote F1, speaker accuracy, person F1, event F1
FLOORS = {
    "--min-quote-f1": 0.90,
    "--min-speaker": 0.85,
    "--min-person-f1": 0.99,
    "--min-event-f1": 0.81,
}


@pytest.mark.skipif(not SCORER.exists(), reason="the shared dev set is not beside the checkout")
def test_the_real_dev_set_scores_above_its_floors():
    floors = [str(part) for pair in FLOORS.items() for part in pair]
    run = subprocess.run(
        [sys.executable, str(SCORER), str(ROOT), "--set", "all", *floors],
        capture_output=True,
        text=True,
        timeout=300,
    )
    print(run.stdout)
    assert "cli_failures=0" in run.stdout, run.stdout + run.stderr
    assert "given to the wrong person: 0" in run.stdout, run.stdout
    assert run.returncode == 0, run.stdout + run.stderr
