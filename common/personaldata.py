"""Personal data in free text: email addresses, phone numbers and payment card numbers.

Pure functions, so the submit page, the round page and tests ask the same question. The work
is bounded whatever the text: only the first SCAN_LIMIT characters are read, at most
PHONE_TRIES candidate numbers are tried by the phone parser, and at most MAX_FINDINGS are
returned. A finding is a hint for the expert to look at, never proof.
"""

import re
from dataclasses import dataclass

import phonenumbers

# Characters read from one text. A benchmark item or a work sample's first pages is where
# pasted personal data shows; reading further would make one large upload slow a page.
SCAN_LIMIT = 100_000
# Runs of 7 digits or more looked at for cards and phones; a table of figures has the most.
PHONE_TRIES = 500
MAX_FINDINGS = 20

EMAIL = "email"
PHONE = "phone"
CARD = "card"
KIND_LABELS = {EMAIL: "email address", PHONE: "phone number", CARD: "payment card number"}

# Bounded repetitions keep the scan linear on long runs of letters without an "@".
_EMAIL_RE = re.compile(
    r"(?<![\w.%+-])([\w.%+-]{1,64})@((?:[A-Za-z0-9-]{1,63}\.){1,8}[A-Za-z]{2,24})(?![\w-])"
)
# 13–19 digits, single spaces or dashes between them, not part of a longer run of digits.
_CARD_RE = re.compile(r"(?<![\d-])\d(?:[ -]?\d){12,18}(?![\d])")
# Digits with the separators numbers are written with, an optional "+" or "(" before.
_DIGIT_RUN_RE = re.compile(r"[+(]?\d(?:[\d ().\-/]*\d)?\)?")


@dataclass(frozen=True)
class Finding:
    kind: str
    excerpt: str  # masked: enough to find it again, not enough to reuse it
    line: int  # counted from 1

    @property
    def label(self) -> str:
        return KIND_LABELS[self.kind]


def luhn_valid(digits: str) -> bool:
    """Whether a string of digits passes the Luhn check that payment card numbers carry."""
    total = 0
    for position, char in enumerate(reversed(digits)):
        value = int(char)
        if position % 2:
            value = value * 2 - 9 if value > 4 else value * 2
        total += value
    return total % 10 == 0


def find_personal_data(text: str, *, region: str | None = "US") -> list[Finding]:
    """Email addresses, phone numbers and Luhn-valid card numbers in the start of `text`,
    in the order they appear. `region` reads numbers written without a country code."""
    text = text[:SCAN_LIMIT]
    spans: list[tuple[int, int, str, str]] = []
    if "@" in text:
        for match in _EMAIL_RE.finditer(text):
            spans.append((match.start(), match.end(), EMAIL, _mask_email(match[1], match[2])))
    # Cards and phones are looked for only in runs of 7 digits or more: the phone parser
    # is slow on the figures, years and section numbers ordinary prose is full of.
    runs = (r for r in _DIGIT_RUN_RE.finditer(text) if len(r[0]) >= 7 and _digits(r[0]) >= 7)
    for _, run in zip(range(PHONE_TRIES), runs, strict=False):
        spans.extend(_card_spans(run[0], run.start()))
        spans.extend(_phone_spans(text, run.start(), run.end(), region))
    return _findings(text, spans)


def _card_spans(run: str, offset: int) -> list[tuple[int, int, str, str]]:
    spans = []
    for match in _CARD_RE.finditer(run):
        digits = re.sub(r"\D", "", match[0])
        if luhn_valid(digits) and digits.strip("0"):
            masked = _mask_digits(match[0], keep=4)
            spans.append((offset + match.start(), offset + match.end(), CARD, masked))
    return spans


def _phone_spans(text: str, start: int, end: int, region: str | None):
    # A character either side lets the parser see what the number stands beside.
    offset = max(start - 1, 0)
    window = text[offset : end + 1]
    return [
        (offset + match.start, offset + match.end, PHONE, _mask_digits(match.raw_string, keep=2))
        for match in phonenumbers.PhoneNumberMatcher(
            window, region, leniency=phonenumbers.Leniency.VALID
        )
    ]


def _digits(text: str) -> int:
    return sum(char.isdigit() for char in text)


def _findings(text: str, spans: list[tuple[int, int, str, str]]) -> list[Finding]:
    # A card number can also read as a phone number: the first kind found for a place wins.
    spans.sort(key=lambda span: (span[0], span[2] != CARD))
    findings: list[Finding] = []
    covered_to = -1
    for start, end, kind, excerpt in spans:
        if start < covered_to:
            continue
        covered_to = end
        findings.append(Finding(kind, excerpt, text.count("\n", 0, start) + 1))
        if len(findings) == MAX_FINDINGS:
            break
    return findings


def _mask_email(local: str, domain: str) -> str:
    return f"{local[0]}•••@{domain}"


def _mask_digits(raw: str, *, keep: int) -> str:
    """Every digit but the last `keep` replaced by a dot, separators kept."""
    seen = 0
    total = _digits(raw)
    masked = []
    for char in raw:
        if char.isdigit():
            seen += 1
            masked.append(char if seen > total - keep else "•")
        else:
            masked.append(char)
    return "".join(masked)
