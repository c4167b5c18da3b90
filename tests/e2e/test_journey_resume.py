"""An expert arrives with a JSON Resume: imports it with a preview first, then takes the
profile back out as JSON Resume, valid against the official schema."""

import json

from playwright.sync_api import expect

from portfolio.documents import profile_document_for
from tests.e2e.conftest import assert_accessible
from tests.e2e.test_journey_profile import log_in
from tests.profiles.json_resume import official_resume_validator
from tests.profiles.test_resume import PROFILE, RESUME


def test_import_a_json_resume_after_a_preview_and_export_it_again(
    page, live_server, alice, tmp_path
):
    resume_file = tmp_path / "resume.json"
    resume_file.write_text(json.dumps(RESUME), encoding="utf-8")
    log_in(page.context, live_server, alice)

    page.goto("/profile/import/")
    page.get_by_label("JSON file").set_input_files(str(resume_file))
    page.get_by_role("button", name="Import and replace my profile").click()

    # The preview says what maps where and what is left out; nothing is saved yet.
    expect(page.get_by_role("heading", name="Check what your JSON Resume becomes")).to_be_visible()
    expect(page.get_by_text("Nothing is saved yet.")).to_be_visible()
    expect(page.locator("#mapped")).to_be_visible()
    expect(page.locator("#left-out")).to_be_visible()
    assert_accessible(page)
    assert profile_document_for(alice) is None

    page.get_by_role("button", name="Save as my profile").click()
    expect(page).to_have_url("/profile/")
    expect(page.get_by_text("Imported from your JSON Resume.")).to_be_visible()
    expect(page.get_by_text(PROFILE["headline"])).to_be_visible()
    assert profile_document_for(alice) == PROFILE

    with page.expect_download() as download:
        page.get_by_role("link", name="Export JSON Resume").click()
    exported = json.loads(download.value.path().read_text(encoding="utf-8"))
    official_resume_validator().validate(exported)
    assert exported["basics"]["label"] == PROFILE["headline"]
