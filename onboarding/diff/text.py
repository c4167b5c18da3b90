"""Word-level (or, for very long texts, line-level) differences between two texts, with
long unchanged runs summarised."""

import difflib
import re
from dataclasses import dataclass
from typing import Literal

# Above this many words, diff line by line: word diffs of long documents cost too much.
MAX_WORD_TOKENS = 2000
# Unchanged words (or lines) kept on each side of a change; the rest is summarised.
CONTEXT_WORDS = 12
CONTEXT_LINES = 2
# A word or a run of punctuation with the spaces before it. Tokens that carry their spaces
# keep the diff fast (no flood of identical " " tokens) and read naturally.
_TOKEN = re.compile(r"\s*\w+|\s*[^\w\s]+|\s+")
_WORD = re.compile(r"\w")


@dataclass(frozen=True)
class TextSegment:
    """A run of a text diff. op "skip" stands for unchanged text left out; its `text` says
    how much (e.g. "40 unchanged words")."""

    op: Literal["equal", "insert", "delete", "skip"]
    text: str


def text_diff(old: str, new: str) -> tuple[TextSegment, ...]:
    """Word-level differences (line-level for very long texts), with long unchanged runs
    summarised. Segments are plain text: the template escapes them."""
    old_tokens, new_tokens = _TOKEN.findall(old), _TOKEN.findall(new)
    unit = "word"
    if max(len(old_tokens), len(new_tokens)) > MAX_WORD_TOKENS:
        old_tokens, new_tokens = old.splitlines(keepends=True), new.splitlines(keepends=True)
        unit = "line"
    matcher = difflib.SequenceMatcher(a=old_tokens, b=new_tokens, autojunk=unit == "line")
    opcodes = _absorb_lone_spaces(matcher.get_opcodes(), old_tokens)
    segments: list[TextSegment] = []
    for position, (op, i1, i2, j1, j2) in enumerate(opcodes):
        if op == "equal":
            segments += _unchanged(
                old_tokens[i1:i2],
                unit=unit,
                keep_before=position > 0,
                keep_after=position < len(opcodes) - 1,
            )
            continue
        segments += _replacement("".join(old_tokens[i1:i2]), "".join(new_tokens[j1:j2]))
    return tuple(_joined(segments))


def _replacement(old: str, new: str) -> list[TextSegment]:
    """Delete `old`, insert `new`; spaces and punctuation both share at either end stay
    unchanged, so "resolved." → "resolved. Then…" only inserts " Then…"."""
    start = 0
    while start < min(len(old), len(new)) and old[start] == new[start]:
        if _WORD.match(old[start]):
            break
        start += 1
    end = 0
    while end < min(len(old), len(new)) - start and old[-1 - end] == new[-1 - end]:
        if _WORD.match(old[-1 - end]):
            break
        end += 1
    parts = [
        ("equal", old[:start]),
        ("delete", old[start : len(old) - end]),
        ("insert", new[start : len(new) - end]),
        ("equal", old[len(old) - end :]),
    ]
    return [TextSegment(op, text) for op, text in parts if text]


def _joined(segments: list[TextSegment]) -> list[TextSegment]:
    """Neighbouring segments of the same kind as one."""
    joined: list[TextSegment] = []
    for segment in segments:
        if joined and joined[-1].op == segment.op and segment.op != "skip":
            joined[-1] = TextSegment(segment.op, joined[-1].text + segment.text)
        else:
            joined.append(segment)
    return joined


def _absorb_lone_spaces(opcodes: list, old_tokens: list[str]) -> list:
    """Fold a run of only whitespace between two changes into them, so "the quick" →
    "a slow" reads as one replacement, not two with a space between."""
    merged: list = []
    for position, (op, i1, i2, j1, j2) in enumerate(opcodes):
        after_change = bool(merged) and merged[-1][0] != "equal"
        # SequenceMatcher alternates equal and changed runs: after a gap comes a change.
        is_gap = (
            op == "equal" and position < len(opcodes) - 1 and "".join(old_tokens[i1:i2]).isspace()
        )
        if after_change and (op != "equal" or is_gap):
            _, a1, _, b1, _ = merged[-1]
            merged[-1] = ("replace", a1, i2, b1, j2)
        else:
            merged.append((op, i1, i2, j1, j2))
    return merged


def _unchanged(
    tokens: list[str], *, unit: str, keep_before: bool, keep_after: bool
) -> list[TextSegment]:
    """Unchanged text, keeping only some context around the changes on each side."""
    context = CONTEXT_WORDS if unit == "word" else CONTEXT_LINES
    head = context if keep_before else 0  # words right after the previous change
    tail = context if keep_after else 0  # words right before the next change
    counts = _WORD.search if unit == "word" else str.strip
    words = [i for i, token in enumerate(tokens) if counts(token)]
    skipped = len(words) - head - tail
    if skipped < 2 * context:  # little to gain: show it all
        return [TextSegment("equal", "".join(tokens))]
    start = words[head]
    end = words[len(words) - tail] if tail else len(tokens)
    segments = []
    if tokens[:start]:
        segments.append(TextSegment("equal", "".join(tokens[:start])))
    segments.append(TextSegment("skip", f"{skipped} unchanged {unit}s"))
    if tokens[end:]:
        segments.append(TextSegment("equal", "".join(tokens[end:])))
    return segments
