"""Summit KB extraction: the text of a news article in, structured and sourced facts out.

Pure Python: nothing here imports Django, reads a clock or touches the network.
The Celery workers call ``extract``; ``python -m extraction PATH`` prints the same
result as JSON.

The flow, one module a step (each takes what the steps before it found)::

    parse.parse_document   raw .txt / .html / .json  -> Document (headline, published, body...)
    mentions.find_entities body + register           -> Entity (known and unknown)
    dates.find_dates       body + publication date   -> DateMention
    quotes.find_quotes     body + entities + dates   -> Quote (+ Skipped)
    events.find_events     body + all of the above   -> Event
"""

from extraction.register import Alias, Register, RegisterEntry
from extraction.results import (
    DateMention,
    Document,
    Entity,
    Event,
    Evidence,
    Extraction,
    Quote,
    Skipped,
)

__all__ = [
    "Alias",
    "DateMention",
    "Document",
    "Entity",
    "Event",
    "Evidence",
    "Extraction",
    "Quote",
    "Register",
    "RegisterEntry",
    "Skipped",
]
