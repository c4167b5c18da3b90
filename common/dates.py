"""Moments as pages show them, formatted without a format string parsed per call: a page
lists dozens (Django's date_format() reads its format anew each time). The months are the C
locale's abbreviations, which are Django's English ones."""

from datetime import datetime


def short_day(moment: datetime) -> str:
    """date_format(moment, "j M Y"): "3 Dec 2026"."""
    return f"{moment.day} {moment:%b} {moment.year:04}"


def short_date(moment: datetime, *, year: bool = True) -> str:
    """date_format(moment, "j M Y, H:i"), or "j M, H:i" without the year: "3 Dec 2026,
    14:05"."""
    day = short_day(moment) if year else f"{moment.day} {moment:%b}"
    return f"{day}, {moment:%H:%M}"


def iso_seconds(moment: datetime) -> str:
    """For <time datetime>: "2026-12-03T14:05:00+00:00"."""
    return moment.isoformat(timespec="seconds")
