"""Property test of /rubrics/import/: whatever is pasted or uploaded ends in one new rubric
equal to the document, or in a message at the field and no rubric, level or criterion more."""

import pytest
import yaml
from django.core.files.uploadedfile import SimpleUploadedFile
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from rubrics import documents, queries
from rubrics.models import Criterion, DisallowedBehaviour, Rubric, ScaleLevel
from tests.rubrics.conftest import SEED_PATH
from tests.rubrics.test_documents_properties import rubric_contents

pytestmark = pytest.mark.django_db

SEED = SEED_PATH.read_text(encoding="utf-8")
_text_char = st.characters(blacklist_categories=("Cs",))
_yaml_values = st.recursive(
    st.none() | st.booleans() | st.integers(-5, 120) | st.text(_text_char, max_size=20),
    lambda children: (
        st.lists(children, max_size=4)
        | st.dictionaries(
            st.sampled_from(["rubric", "objective", "scale", "score", "criteria", "disallow", "x"]),
            children,
            max_size=4,
        )
    ),
    max_leaves=16,
)


@st.composite
def mangled_seed(draw) -> str:
    start = draw(st.integers(0, len(SEED)))
    end = draw(st.integers(start, min(len(SEED), start + 30)))
    insert = draw(st.text(st.sampled_from(" -:&*!|>'\"[]{}#\n\tabc5?%@`,~"), max_size=10))
    return SEED[:start] + insert + SEED[end:]


yaml_texts = st.one_of(
    rubric_contents().map(documents.yaml_from_content),
    _yaml_values.map(lambda value: yaml.safe_dump({"rubric": value}, allow_unicode=True)),
    mangled_seed(),
    st.text(_text_char, max_size=300),
)
sources = st.one_of(
    yaml_texts.map(lambda text: ("text", text)),
    yaml_texts.map(lambda text: ("file", text.encode("utf-8"))),
    st.binary(max_size=300).map(lambda data: ("file", data)),
)


def counts() -> tuple[int, ...]:
    return tuple(m.objects.count() for m in (Rubric, ScaleLevel, Criterion, DisallowedBehaviour))


@settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(source=sources)
def test_rubric_import_view_saves_the_rubric_or_shows_why_not(client, alice, source):
    client.force_login(alice)
    before = counts()
    field, value = source
    data = (
        {"file": SimpleUploadedFile("rubric.yaml", value)} if field == "file" else {"text": value}
    )

    response = client.post("/rubrics/import/", data)

    event(f"status {response.status_code}")
    if response.status_code == 302:
        rubric = queries.with_scale(Rubric.objects.order_by("-pk")).first()
        assert response["Location"] == f"/rubrics/{rubric.pk}/"
        assert rubric.owner == alice and counts()[0] == before[0] + 1
        assert queries.rubric_content(rubric) == documents.content_from_yaml(value)
    else:
        assert response.status_code == 200
        assert response.context["form"].errors, "a refusal says why"
        assert counts() == before
