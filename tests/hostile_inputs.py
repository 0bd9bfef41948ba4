"""Hostile inputs shared by the tests and the fault drill (``scripts/drill.py``): script
payloads for every field that reaches a page, and the table of bad submissions."""

from __future__ import annotations

# Each payload calls alert() if it ever runs; a browser test fails on any dialog.
XSS_PAYLOADS = (
    '<script>alert("xss-script")</script>',
    '<img src=x onerror=alert("xss-onerror")>',
    '"><svg onload=alert("xss-attribute")>',
    "javascript:alert('xss-url')",
)

XSS_URL = "javascript:alert(document.domain)"


def xss_article(n: int = 1) -> dict[str, str]:
    """A submission with a payload in every field that reaches a page."""
    script, onerror, attribute, _ = XSS_PAYLOADS
    return {
        "headline": f"Talks in Turku {n} {script}",
        "outlet": f"Lakeside {onerror} Herald",
        "byline": f"By Anna {attribute} Virtanen",
        "text": (
            f"Talks in Turku {n} {script}\n\n"
            "July 2, 2018\n\n"
            f"Harbour officials met in Turku on Monday {onerror} to discuss the ferries.\n\n"
            f"“We will keep {attribute} the ferries running,” said Marta Lindqvist, a "
            "harbour official.\n"
        ),
    }


# (name, fields, words the refusal must contain). Each is refused with a sentence and
# stores nothing, through the API, the admin and the CLI alike.
_STORY = "Ferry Line Reopens\n\nJuly 5, 2018\n\nThe ferry line to Turku reopened on Wednesday.\n"
BAD_SUBMISSIONS = (
    ("empty text", {"text": ""}, "text"),
    ("blank text", {"text": "  \n "}, "text"),
    ("url over 2000 characters", {"text": _STORY, "url": "https://a.example/" + "p" * 2100}, "url"),
    ("javascript url", {"text": _STORY, "url": XSS_URL}, "url"),
    ("NUL in the headline", {"text": _STORY, "headline": "Ferry\x00Line"}, "NUL"),
    ("NUL in the text", {"text": "Ferry\x00Line reopened on Wednesday."}, "NUL"),
    ("over 1 MB of text", {"text": "The ferry left Turku on time. " * 40_000}, "1 MB"),
    ("impossible date", {"text": _STORY, "published": "2018-13-45"}, "published"),
    ("binary garbage", {"text": "Ferry\x01\x02\x03line\x04\x05\x06reopened\x07\x08"}, "binary"),
)
