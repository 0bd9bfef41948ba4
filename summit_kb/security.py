"""What the browser may do on our pages, and which outside links we write.

The site, the admin and the API documentation use only their own scripts, styles, images
and fonts (no CDN, no inline script), so one strict policy covers them all; a page that
needed more would show up as a CSP violation in the browser tests.
"""

from __future__ import annotations

from urllib.parse import urlsplit

OUTSIDE_SCHEMES = ("http", "https")

_POLICY = {
    "default-src": "'self'",
    "script-src": "'self'",
    "style-src": "'self'",
    "img-src": "'self' data:",  # Swagger UI and the admin draw small icons as data: URLs
    "font-src": "'self'",
    "connect-src": "'self'",
    "object-src": "'none'",
    "base-uri": "'none'",
    "form-action": "'self'",
    "frame-ancestors": "'none'",
}


def content_security_policy() -> str:
    return "; ".join(f"{name} {value}" for name, value in _POLICY.items())


def is_outside_url(url: str | None) -> bool:
    """True for an absolute http(s) address with a host: the only kind of outside link
    the site writes (never ``javascript:``, ``data:``, ``vbscript:`` or ``//host``).

    >>> is_outside_url("https://news.example/a"), is_outside_url("javascript:alert(1)")
    (True, False)
    """
    if not url:
        return False
    parts = urlsplit(url.strip())
    return parts.scheme.lower() in OUTSIDE_SCHEMES and bool(parts.hostname)
