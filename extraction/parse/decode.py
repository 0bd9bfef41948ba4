"""Bytes to clean text, and the one error every parse failure raises."""

from __future__ import annotations

import codecs
import json
import re

from extraction.formats import looks_like_html

# A news article is a few tens of KB; anything far bigger is a wrong file, and refusing it
# keeps a worker from spending minutes on it.
MAX_BYTES = 10_000_000


class DocumentError(ValueError):
    """A message a person understands: 'The file is empty.', 'The file is not UTF-8 text ...'"""


_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.I)
# C0 control characters other than tab, newline, form feed and carriage return: text
# editors do not write them, binary formats are full of them.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")


def _decode(raw: bytes | str, *, html_hint: bool) -> str:
    """Bytes to text: a BOM decides, else UTF-8, else an HTML page's declared charset."""
    if isinstance(raw, str):
        if len(raw) > MAX_BYTES:
            raise DocumentError("The file is too large for a news article (over 10 MB).")
        return _clean_text(raw)
    if not isinstance(raw, bytes | bytearray | memoryview):
        raise DocumentError("The document must be bytes or text.")
    raw = bytes(raw)
    if len(raw) > MAX_BYTES:
        raise DocumentError("The file is too large for a news article (over 10 MB).")
    if raw.startswith(codecs.BOM_UTF8):
        return _clean_text(_decode_as(raw[len(codecs.BOM_UTF8) :], "utf-8"))
    if raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return _clean_text(_decode_as(raw, "utf-16"))
    if b"\x00" in raw:
        raise DocumentError("The file looks binary, not text: it contains NUL bytes.")
    try:
        return _clean_text(raw.decode("utf-8"))
    except UnicodeDecodeError as err:
        looks_html = html_hint or looks_like_html(raw[:4000].decode("latin-1"))
        declared = _declared_charset(raw) if looks_html else None
        if declared:
            return _clean_text(_decode_as(raw, declared))
        raise DocumentError(
            f"The file is not UTF-8 text: byte 0x{raw[err.start]:02x} at position {err.start} "
            "cannot be read."
        ) from None


def _declared_charset(raw: bytes) -> str | None:
    match = _META_CHARSET.search(raw[:8192])
    if not match:
        return None
    try:
        return codecs.lookup(match[1].decode("ascii")).name
    except LookupError:
        return None


def _decode_as(raw: bytes, encoding: str) -> str:
    try:
        return raw.decode(encoding)
    except UnicodeDecodeError as err:
        raise DocumentError(
            f"The file is not valid {encoding} text: byte 0x{raw[err.start]:02x} at position "
            f"{err.start} cannot be read."
        ) from None


def _clean_text(text: str) -> str:
    """Drop a BOM, refuse binary, and normalise every line ending to a single ``\\n``."""
    text = text.removeprefix("\ufeff")
    if "\x00" in text:
        raise DocumentError("The file looks binary, not text: it contains NUL bytes.")
    sample = text[:4096]
    if sample and len(_CONTROL.findall(sample)) > max(2, len(sample) // 100):
        raise DocumentError("The file looks binary, not text: it is full of control characters.")
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = text.replace("\u2029", "\n\n").replace("\u2028", "\n")
    if not text.strip():
        raise DocumentError("The file is empty.")
    return text


def _load_json(text: str) -> dict:
    try:
        data = json.loads(text)
    except json.JSONDecodeError as err:
        raise DocumentError(
            f"The file is not valid JSON: {err.msg} at line {err.lineno}, column {err.colno}."
        ) from None
    except RecursionError:
        raise DocumentError("The file is not valid JSON: it is nested too deeply.") from None
    if not isinstance(data, dict):
        raise DocumentError('The JSON file must hold one object with a "text" or "html" field.')
    return data
