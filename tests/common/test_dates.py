"""Dates as pages show them read exactly as Django's date_format() would write them."""

from datetime import datetime, timedelta, timezone

import pytest
from django.utils.dateparse import parse_datetime
from django.utils.formats import date_format

from common.dates import iso_seconds, short_date, short_day


@pytest.mark.parametrize("month", range(1, 13))
def test_short_dates_read_as_date_format_writes_them(month):
    for moment in (datetime(2026, month, 1, 0, 0), datetime(987, month, 28, 21, 5)):
        assert short_day(moment) == date_format(moment, "j M Y")
        assert short_date(moment) == date_format(moment, "j M Y, H:i")
        assert short_date(moment, year=False) == date_format(moment, "j M, H:i")


def test_iso_seconds_is_the_moment_to_the_second_with_its_offset():
    moment = datetime(2026, 12, 3, 14, 5, 9, 654321, tzinfo=timezone(timedelta(hours=-5)))
    assert iso_seconds(moment) == "2026-12-03T14:05:09-05:00"
    assert parse_datetime(iso_seconds(moment)) == moment.replace(microsecond=0)
