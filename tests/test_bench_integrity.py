"""The benchmark's experts for the integrity checks: a /submit/ page that shows personal
data, and review pages that show matches with other experts."""

import pytest
from django.core.files.storage import storages

from bench import integrity
from onboarding.models import Round
from onboarding.views.review import QUEUE_PAGE_SIZE
from portfolio.models import StoredFile
from tests.onboarding.review_setup import review_form

pytestmark = pytest.mark.django_db


def test_integrity_experts_are_made_once_with_findings_and_matches(
    client, staff, rita, monkeypatch
):
    monkeypatch.setattr(integrity, "PEOPLE", 2)
    review_form(staff)
    unsubmitted, rounds = integrity.integrity_experts_ensure()
    assert len(unsubmitted) == 2
    assert len(rounds) == 2
    # A second run finds them: no new experts, no new rounds. The queue holds whole pages.
    assert integrity.integrity_experts_ensure() == (unsubmitted, rounds)
    assert Round.objects.count() == QUEUE_PAGE_SIZE

    client.force_login(unsubmitted[0])
    page = client.get("/submit/").content.decode()
    assert "This may be personal data" in page
    assert "payment card number" in page

    client.force_login(rita)
    page = client.get(f"/review/rounds/{rounds[0]}/").content.decode()
    assert "Also in another expert" in page
    # The same file in every other portfolio of theirs: the two unsubmitted, the 19 others.
    assert f"{QUEUE_PAGE_SIZE + 1} other experts" in page


def test_integrity_experts_files_are_written_again_where_missing(staff, monkeypatch):
    monkeypatch.setattr(integrity, "PEOPLE", 1)
    review_form(staff)
    integrity.integrity_experts_ensure()
    stored = StoredFile.objects.first()
    storages["default"].delete(stored.storage_name)
    integrity.integrity_experts_ensure()
    with storages["default"].open(stored.storage_name, "rb") as handle:
        assert handle.read() == integrity.NOTES
