"""A portfolio row's dates read as the date filter writes them."""

from datetime import UTC, datetime, timedelta, timezone

import pytest
from django.template import engines
from django.utils import timezone as django_timezone
from django.utils import translation

from portfolio.queries import ArtifactRow
from rubrics.quality import Checklist

SHOWN = engines["django"].from_string(
    '{{ updated|date:"Y-m-d\\TH:i:sO" }}|{{ updated|date:"j M Y" }}'
)


def _row(updated: datetime) -> ArtifactRow:
    return ArtifactRow("t", "k", "s", Checklist(()), updated, "/d/", "/e/", "/x/", "/c/")


@pytest.mark.parametrize("zone", ["UTC", "Europe/Berlin", "America/St_Johns", "Asia/Kolkata"])
@pytest.mark.parametrize("language", ["en", "de"])
def test_row_dates_are_what_the_date_filter_shows(zone, language):
    moments = [
        datetime(2026, month, day, hour, 5, 9, tzinfo=UTC)
        for month, day, hour in [(1, 1, 0), (3, 29, 1), (7, 4, 23), (10, 25, 0), (12, 31, 23)]
    ]
    moments.append(datetime(2026, 5, 1, 12, tzinfo=timezone(timedelta(hours=-3))))
    with django_timezone.override(zone), translation.override(language):
        for moment in moments:
            row = _row(moment)
            expected = SHOWN.render({"updated": moment})
            assert f"{row.updated_datetime}|{row.updated_day}" == expected
