"""Text from an upload or a paste: UTF-8 within a byte limit, the one way every import reads it.

Callers word the refusal for their page; this module only says what is wrong and where.
"""

import codecs

from django.template.defaultfilters import filesizeformat


class TextTooLarge(ValueError):
    """More bytes than the limit allows."""

    def __init__(self, size: int, limit: int):
        super().__init__(f"{size} bytes; the limit is {limit}")
        self.size = size
        self.limit = limit


def over_limit(size: int, limit: int) -> str:
    """ "2,097,153 bytes, over the limit of 2.0 MB (2,097,152 bytes)": in bytes, since a size
    just over the limit reads as the limit once rounded."""
    return f"{size:,} bytes, over the limit of {filesizeformat(limit)} ({limit:,} bytes)"


class NotUtf8(ValueError):
    """Bytes that are not UTF-8; `byte` counts from 1, `line` is where that byte stands."""

    def __init__(self, byte: int, line: int):
        super().__init__(f"byte {byte} (line {line}) is not UTF-8")
        self.byte = byte
        self.line = line


def utf8_size(source: str | bytes) -> int:
    """How many bytes the text takes as UTF-8 (a paste is measured as it would be uploaded)."""
    return len(source.encode("utf-8", "surrogatepass") if isinstance(source, str) else source)


def decode_text(source: str | bytes, *, limit: int | None = None, partial: bool = False) -> str:
    """The text of `source` with a leading byte-order mark dropped.

    Raises TextTooLarge past `limit` bytes and NotUtf8 for bytes that are not UTF-8.
    `partial` says the bytes are only the start of a file: a character cut in two at the end
    is dropped rather than counted against it.
    """
    if limit is not None and (size := utf8_size(source)) > limit:
        raise TextTooLarge(size, limit)
    if isinstance(source, str):
        return source.removeprefix("\ufeff")
    try:
        return codecs.getincrementaldecoder("utf-8-sig")().decode(source, final=not partial)
    except UnicodeDecodeError as error:
        raise NotUtf8(error.start + 1, source.count(b"\n", 0, error.start) + 1) from None
