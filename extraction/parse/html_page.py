"""HTML pages through trafilatura, with the page's own metadata for date, outlet and byline."""

from __future__ import annotations

import copy
import datetime as dt
import logging
import re
from typing import Any

import lxml.html
import trafilatura
from lxml import etree

from extraction.parse.datetimes import _iso_datetime
from extraction.parse.decode import DocumentError
from extraction.parse.lines import _BOILERPLATE, _FOOTER, _HAS_WORD, _body_end, _ends_sentence
from extraction.parse.plain import _line_kind
from extraction.results import Document

log = logging.getLogger(__name__)

_TAG = re.compile(r"<(script|style)\b.*?(?:</\1\s*>|$)|</?[A-Za-z][^<>]*>", re.I | re.S)
_XML_DECLARATION = re.compile(r"\A\s*<\?xml[^>]*\?>")
_LINE_BREAK = "\u2028"  # a stand-in for <lb/> while a block's text is put together
_INVISIBLE = ("script", "style", "noscript", "template", "head", "svg", "iframe")
_BLOCKS = (
    "p", "div", "br", "li", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "td", "th", "article",
    "section", "header", "footer", "blockquote", "pre", "dt", "dd",
)  # fmt: skip
# The page's own machine-readable publication time; htmldate keeps only the day of it.
_PUBLISHED_XPATH = etree.XPath(
    "//meta[@property='article:published_time' or @name='article:published_time'"
    " or @itemprop='datePublished' or @name='pubdate' or @name='publishdate'"
    " or @property='og:published_time' or @name='date']/@content"
    " | //*[@itemprop='datePublished']/@datetime | //time[@pubdate]/@datetime"
)
_LD_PUBLISHED = re.compile(r'"datePublished"\s*:\s*"([^"]{10,40})"')
_DATE_PARAMS = {
    # Dates the page declares (meta tags, <time>, JSON-LD, the URL), not a date guessed
    # from the running text, and the first publication rather than the last edit.
    "extensive_search": False,
    "original_date": True,
}


def _parse_html(html: str) -> Document:
    tree = _html_tree(html)
    _quote_inline_q(tree)
    metadata = _extract_with_trafilatura(tree)
    tree_out = getattr(metadata, "body", None)
    paragraphs = _xml_paragraphs(tree_out) if tree_out is not None else []
    if not paragraphs:
        paragraphs = _visible_paragraphs(tree)
        metadata = metadata or _metadata_only(tree)
    headline = _plain(getattr(metadata, "title", None))
    paragraphs = _drop_html_header(paragraphs, headline)
    # "Read more: …", "Related: …", "Sign up …" blocks the CMS put between paragraphs.
    inside = [p for p in paragraphs[1:] if not _is_inline_boilerplate(p)]
    body = "\n\n".join(paragraphs[:1] + inside)
    end, _footer = _body_end(body, 0)
    body = body[:end]
    if not _HAS_WORD.search(body):
        raise DocumentError("The page has no article text.")
    return Document(
        body=body,
        headline=headline,
        published=_html_published(tree, getattr(metadata, "date", None)),
        outlet=_html_outlet(getattr(metadata, "sitename", None)),
        byline=_html_byline(getattr(metadata, "author", None)),
        url=getattr(metadata, "url", None) or None,
    )


def _html_tree(html: str) -> lxml.html.HtmlElement:
    # lxml refuses a str that still carries an XML encoding declaration; the text is decoded.
    html = _XML_DECLARATION.sub("", html, count=1)
    try:
        tree = lxml.html.document_fromstring(html)
    except (etree.ParserError, ValueError):
        raise DocumentError("The page has no article text.") from None
    # Scripts are code, never article text, and would leak into a headline read from
    # an <h1>; JSON-LD blocks stay because they carry the page's metadata.
    for element in list(tree.iter("script", "style", "noscript", "template")):
        if "json" not in (element.get("type") or "").lower() and element.getparent() is not None:
            element.drop_tree()
    return tree


def _quote_inline_q(tree: lxml.html.HtmlElement) -> None:
    """Write out the marks a browser draws around ``<q>``, which trafilatura would drop."""
    for element in list(tree.iter("q")):
        nested = sum(1 for a in element.iterancestors("q"))
        opening, closing = ("“", "”") if nested % 2 == 0 else ("‘", "’")
        element.text = opening + (element.text or "")
        if len(element):
            element[-1].tail = (element[-1].tail or "") + closing
        else:
            element.text += closing
    for element in list(tree.iter("q")):
        element.drop_tag()


def _extract_with_trafilatura(tree: lxml.html.HtmlElement) -> Any:
    try:
        return trafilatura.bare_extraction(
            tree,
            with_metadata=True,
            include_comments=False,
            include_images=False,
            include_links=False,
            include_tables=True,
            date_extraction_params=dict(_DATE_PARAMS),
        )
    except Exception:
        # Trafilatura's heuristics have raised on odd markup before; the visible-text
        # fallback still gives the editor a document, and the log keeps the error.
        log.warning("trafilatura failed; using the visible text of the page", exc_info=True)
        return None


def _metadata_only(tree: lxml.html.HtmlElement) -> Any:
    try:
        return trafilatura.extract_metadata(tree, date_config=dict(_DATE_PARAMS))
    except Exception:  # see _extract_with_trafilatura
        log.warning("trafilatura metadata failed", exc_info=True)
        return None


def _xml_paragraphs(body: etree._Element) -> list[str]:
    """One paragraph per block of trafilatura's output tree (a list gives one per item)."""
    paragraphs: list[str] = []
    for block in body:
        if block.tag == "list":
            for item in block.findall("item"):
                paragraphs.extend(_block_paragraphs(item))
        elif block.tag == "table":
            for row in block.iter("row"):
                cells = (" ".join(_block_paragraphs(cell)) for cell in row)
                paragraphs.append(" | ".join(cell for cell in cells if cell))
        else:
            paragraphs.extend(_block_paragraphs(block))
    return [p for p in paragraphs if p]


def _block_paragraphs(element: etree._Element) -> list[str]:
    """The text of one output block; ``<lb/>`` stays a line break inside the paragraph.

    A raw newline inside a block comes from trafilatura's fallback extractors, which join
    the page's blocks with newlines, so it separates paragraphs.
    """
    parts: list[str] = []

    def walk(node: etree._Element) -> None:
        parts.append(_LINE_BREAK if node.tag == "lb" else node.text or "")
        for child in node:
            walk(child)
            parts.append(child.tail or "")

    walk(element)
    paragraphs = []
    for chunk in "".join(parts).split("\n"):
        lines = (" ".join(line.split()) for line in chunk.split(_LINE_BREAK))
        paragraphs.append("\n".join(line for line in lines if line))
    return [p for p in paragraphs if p]


def _visible_paragraphs(tree: lxml.html.HtmlElement) -> list[str]:
    """The page's visible text, blocks kept apart, when trafilatura finds no article."""
    root = tree.find("body")
    root = copy.deepcopy(root if root is not None else tree)  # the caller keeps its tree
    for element in list(root.iter(*_INVISIBLE)):
        if element.getparent() is not None:
            element.drop_tree()
    for element in root.iter(*_BLOCKS):
        element.tail = "\n\n" + (element.tail or "")
    text = root.text_content()
    blocks = (" ".join(block.split()) for block in re.split(r"\n\s*\n", text))
    return [block for block in blocks if block]


def _drop_html_header(paragraphs: list[str], headline: str | None) -> list[str]:
    """Leading repeats of the headline, datelines, bylines and share buttons are not the body."""
    index = 0
    while index < len(paragraphs) - 1:
        paragraph = paragraphs[index]
        kind = _line_kind(paragraph)
        # A standfirst: a title-like line over the first sentence of the story.
        dek = kind == "title" and _ends_sentence(paragraphs[index + 1].rstrip())
        if paragraph != headline and not dek and kind not in _HTML_HEADER_KINDS:
            break
        index += 1
    return paragraphs[index:]


def _is_inline_boilerplate(paragraph: str) -> bool:
    return len(paragraph) < 200 and bool(_FOOTER.match(paragraph) or _BOILERPLATE.match(paragraph))


_HTML_HEADER_KINDS = ("dateline", "byline", "boilerplate", "nav")


def _html_published(tree: lxml.html.HtmlElement, day: str | None) -> dt.datetime | None:
    if not day:
        return None
    published = _iso_datetime(day)
    if published is None:
        return None
    candidates = [str(value) for value in _PUBLISHED_XPATH(tree)]
    for script in tree.iter("script"):
        if (script.get("type") or "").lower() == "application/ld+json" and script.text:
            candidates.extend(_LD_PUBLISHED.findall(script.text))
    for candidate in candidates:
        timed = _iso_datetime(candidate.strip())
        if timed and timed.date() == published.date():
            return timed
    return published


def _html_outlet(sitename: str | None) -> str | None:
    name = _plain(sitename)
    # Trafilatura falls back to the domain name ("ledger.example"); that is a guess.
    if not name or (" " not in name and "." in name):
        return None
    return name


def _html_byline(author: str | None) -> str | None:
    names = [n for n in (_plain(part) for part in (author or "").split(";")) if n]
    if not names:
        return None
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


def _plain(text: str | None) -> str | None:
    """Text with tags (and whole scripts) removed and white space collapsed.

    >>> _plain("Talks in Turku <script>alert(1)</script><b>today</b>")
    'Talks in Turku today'
    """
    if not text:
        return None
    cleaned = " ".join(_TAG.sub("", text).split())
    return cleaned or None
