"""Property tests of the profile import, through the service and through /profile/import/:
whatever comes in ends in the profile the document describes, or in a message that says what
is wrong and a profile exactly as it was. Never an exception, a 500 or half a profile."""

import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from portfolio import services
from portfolio.documents import profile_document_for
from portfolio.models import WorkSample
from profiles.models import Profile
from profiles.schema import SCHEMA, seed_document
from profiles.validators import DocumentInvalid
from tests.factories import make_profile
from tests.profiles.strategies import skill_profile_documents

pytestmark = pytest.mark.django_db

FIELDS = [*SCHEMA["properties"], "mood"]
# Any character a browser can send (no lone surrogates).
_text_char = st.characters(blacklist_categories=("Cs",))
json_values = st.recursive(
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(_text_char, max_size=20),
    lambda children: (
        st.lists(children, max_size=4)
        | st.dictionaries(st.text(_text_char, max_size=12), children, max_size=4)
    ),
    max_leaves=12,
)


@st.composite
def near_valid_documents(draw) -> dict:
    """A valid document with one or two fields replaced by anything at all."""
    document = draw(skill_profile_documents())
    for field in draw(st.lists(st.sampled_from(FIELDS), min_size=1, max_size=2, unique=True)):
        document[field] = draw(json_values)
    return document


documents = st.one_of(skill_profile_documents(), near_valid_documents(), json_values)
FUZZ = settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


@FUZZ
@given(document=documents)
def test_profile_replace_stores_the_document_or_changes_nothing(alice, document):
    before = profile_document_for(alice)
    try:
        services.profile_replace_from_document(actor=alice, user=alice, document=document)
    except DocumentInvalid as refusal:
        event("refused")
        assert refusal.document_errors and all(e.sentence for e in refusal.document_errors)
        assert profile_document_for(alice) == before
    else:
        event("stored")
        assert_stored(alice, document)


def assert_stored(user, document: dict) -> None:
    """The user's document is `document`, and its work samples are among the user's: they
    are the portfolio's, which an import adds to or updates, never removes."""
    stored, expected = profile_document_for(user), stored_form(document)
    samples = stored.pop("work_samples", [])
    assert all(sample in samples for sample in expected.pop("work_samples", []))
    assert stored == expected


def stored_form(document: dict) -> dict:
    """A valid document as export gives it back: an optional list or object given empty
    counts as left out."""
    return {key: value for key, value in document.items() if value not in ([], {})}


def _sources():
    """What a person can paste or upload: JSON of any document, or any text or bytes."""
    as_json = documents.map(lambda value: json.dumps(value, ensure_ascii=False))
    return st.one_of(
        as_json.map(lambda text: ("text", text)),
        as_json.map(lambda text: ("file", text.encode("utf-8"))),
        st.text(_text_char, max_size=300).map(lambda text: ("text", text)),
        st.binary(max_size=300).map(lambda data: ("file", data)),
    )


@FUZZ
@given(source=_sources())
def test_profile_import_view_saves_the_document_or_shows_why_not(client, alice, source):
    make_profile(alice, headline="Kept as it was")
    # Each example starts without the work samples earlier ones imported (at most 20 links).
    WorkSample.objects.filter(owner=alice).delete()
    client.force_login(alice)
    before = profile_document_for(alice)
    field, value = source
    data = (
        {"file": SimpleUploadedFile("profile.json", value)} if field == "file" else {"text": value}
    )

    data["version"] = str(Profile.objects.get(user=alice).version)  # as the page was opened
    response = client.post("/profile/import/", data)

    event(f"status {response.status_code}")
    if response.status_code == 302:
        assert response["Location"] == "/profile/"
        assert_stored(alice, json.loads(value))
    else:
        assert response.status_code == 200
        form = response.context["form"]
        assert form.errors, "a refusal says why"
        assert profile_document_for(alice) == before


def test_profile_import_view_accepts_the_seed_pasted(client, alice):
    # The generator above rarely hits the seed itself; it must always import.
    client.force_login(alice)
    response = client.post("/profile/import/", {"text": json.dumps(seed_document())})
    assert response.status_code == 302
    assert profile_document_for(alice) == seed_document()
