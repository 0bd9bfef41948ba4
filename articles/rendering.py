"""An article's body as HTML: paragraphs, with the facts found in it marked by offsets.

The body is never trusted: it is cut at the offsets of the marks and every piece of text
is escaped; the only markup is the tags built here. Marks may nest (a mention inside a
quote inside an evidence sentence) or cross (a quote running over two sentences): a mark
interrupted by the end of another is closed and reopened, so the HTML stays well formed.
Ids (the targets of ``#evidence-12`` links) go on the first piece only.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from itertools import pairwise

from django.utils.html import escape, format_html
from django.utils.safestring import SafeString, mark_safe

from extraction.text import paragraph_spans, sentence_spans


@dataclass(frozen=True, eq=False)
class Mark:
    """A tag around ``body[start:end]``. Lower layers are outer ones."""

    start: int
    end: int
    layer: int
    tag: str
    attrs: tuple[tuple[str, str], ...] = ()
    first_attrs: tuple[tuple[str, str], ...] = ()  # on the first piece only (the id)
    after: SafeString | None = None  # markup right after the mark's last piece
    order: int = field(default=0)

    def open(self, *, first: bool) -> str:
        # Plain string building with escape(): format_html per piece was most of the cost
        # of a page with thousands of marks. Every attribute value is escaped here.
        attrs = (*self.first_attrs, *self.attrs) if first else self.attrs
        if not attrs:
            return f"<{self.tag}>"
        spelled = " ".join(f'{name}="{escape(value)}"' for name, value in attrs)
        return f"<{self.tag} {spelled}>"

    def close(self) -> str:
        return f"</{self.tag}>"


def body_html(body: str, marks: Iterable[Mark]) -> SafeString:
    """The body as ``<p>`` elements with the marks applied; every text piece escaped.

    >>> str(body_html("Putin <b>met</b> Bolton.", [Mark(0, 5, 2, "em")]))
    '<p><em>Putin</em> &lt;b&gt;met&lt;/b&gt; Bolton.</p>'
    """
    # One pass over the paragraphs and one over the marks sorted by start: the cost is
    # linear in the body and the marks (an article of 5,000 quotes in one paragraph was
    # quadratic when each piece looked at every mark).
    pending = sorted((m for m in marks if 0 <= m.start < m.end <= len(body)), key=lambda m: m.start)
    started: set[int] = set()
    parts: list[str] = []
    carried: list[Mark] = []  # marks that began before the paragraph and go on into it
    next_mark = 0
    for p_start, p_end in paragraph_spans(body):
        inside = [m for m in carried if m.end > p_start]
        while next_mark < len(pending) and pending[next_mark].start < p_end:
            if pending[next_mark].end > p_start:
                inside.append(pending[next_mark])
            next_mark += 1
        carried = [m for m in inside if m.end > p_end]
        parts.append("<p>")
        parts.extend(_paragraph(body, p_start, p_end, inside, started))
        parts.append("</p>")
    return mark_safe("\n".join(_joined(parts)))  # every text piece is escaped


def _joined(parts: list[str]) -> list[str]:
    """Paragraphs on lines of their own (readable page source), pieces within them joined."""
    lines: list[str] = []
    current: list[str] = []
    for part in parts:
        current.append(part)
        if part == "</p>":
            lines.append("".join(current))
            current = []
    return lines


def _paragraph(
    body: str, p_start: int, p_end: int, marks: Sequence[Mark], started: set[int]
) -> list[str]:
    """One paragraph: a sweep over its bounds with the marks that cover the current piece
    (a handful at a time: marks nest a few deep), so the cost is linear in the marks."""
    bounds = sorted(
        {p_start, p_end} | {min(max(x, p_start), p_end) for m in marks for x in (m.start, m.end)}
    )
    by_start = sorted(marks, key=lambda m: max(m.start, p_start))
    out: list[str] = []
    stack: list[Mark] = []
    active: list[Mark] = []
    following = 0
    for a, b in pairwise(bounds):
        while following < len(by_start) and max(by_start[following].start, p_start) <= a:
            active.append(by_start[following])
            following += 1
        active = [m for m in active if m.end >= b]
        covering = sorted(
            (m for m in active if m.start <= a and b <= m.end),
            key=lambda m: (m.layer, m.start, -m.end, m.order),
        )
        keep = 0
        while keep < min(len(stack), len(covering)) and stack[keep] is covering[keep]:
            keep += 1
        out.extend(_close(stack, keep, at=a))
        for mark in covering[keep:]:
            out.append(mark.open(first=id(mark) not in started))
            started.add(id(mark))
            stack.append(mark)
        out.append(escape(body[a:b]))
    out.extend(_close(stack, 0, at=p_end))
    return out


def _close(stack: list[Mark], keep: int, *, at: int) -> list[str]:
    out: list[str] = []
    while len(stack) > keep:
        mark = stack.pop()
        out.append(mark.close())
        if mark.after is not None and mark.end <= at:
            out.append(mark.after)
    return out


# How far before and after a quote its sentences are looked for; sentences of news copy
# are far shorter.
_CONTEXT = 600


def quote_in_context(body: str, start: int, end: int) -> SafeString:
    """The sentence (or sentences) a quote stands in, escaped, the quote in ``<mark>``: what
    an editor needs to see to judge who said it.

    >>> str(quote_in_context("Rain fell. “We agree,” Putin said. Then lunch.", 11, 22))
    '<mark>“We agree,”</mark> Putin said.'
    """
    if not (0 <= start < end <= len(body)):
        return format_html("{}", body[start:end])
    window_start = max(0, start - _CONTEXT)
    window = body[window_start : end + _CONTEXT]
    first, last = start, end
    for s_start, s_end in sentence_spans(window):
        s_start, s_end = s_start + window_start, s_end + window_start
        if s_start <= start < s_end + 1 or s_start < end <= s_end + 1 or start <= s_start < end:
            first, last = min(first, s_start), max(last, s_end)
    return format_html("{}<mark>{}</mark>{}", body[first:start], body[start:end], body[end:last])
