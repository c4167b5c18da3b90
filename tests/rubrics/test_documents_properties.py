"""Property tests: every valid rubric survives YAML out and in; no input makes the reader crash."""

import pytest
import yaml
from django.core.exceptions import ValidationError
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from rubrics import documents, queries, services
from rubrics.content import LevelContent, RubricContent
from rubrics.models import Rubric

# Printable text as a person could type it: no control characters or surrogates.
_char = st.characters(blacklist_categories=("Cc", "Cs"), blacklist_characters="\u2028\u2029\x85")
line = st.text(_char, min_size=1, max_size=30).map(str.strip).filter(bool)
block = (
    st.text(st.one_of(_char, st.sampled_from("\n\t")), min_size=1, max_size=60)
    .map(str.strip)
    .filter(bool)
)


def _distinct(texts):
    return st.lists(texts, max_size=4, unique_by=str.casefold)


@st.composite
def rubric_contents(draw) -> RubricContent:
    scores = draw(st.lists(st.integers(0, 100), min_size=2, max_size=5, unique=True))
    levels = tuple(
        LevelContent(score, tuple(draw(_distinct(line).filter(bool)))) for score in scores
    )
    passing = sorted(scores)[1:]
    return RubricContent(
        title=draw(st.one_of(st.just(""), line)),
        objective=draw(block),
        pass_score=draw(st.one_of(st.none(), st.sampled_from(passing))),
        levels=levels,
        disallowed=tuple(draw(_distinct(line))),
        sources=draw(st.one_of(st.just(""), block)),
    )


@given(rubric_contents())
def test_any_valid_rubric_round_trips_through_yaml(content):
    text = documents.yaml_from_content(content)
    assert documents.content_from_yaml(text) == content
    assert documents.content_from_yaml(text.encode("utf-8")) == content


@pytest.mark.django_db
@settings(
    max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(content=rubric_contents())
def test_any_valid_rubric_round_trips_through_the_database(content, alice):
    rubric = services.rubric_import_yaml(actor=alice, source=documents.yaml_from_content(content))
    stored = queries.with_scale(Rubric.objects.filter(pk=rubric.pk)).get()
    assert queries.rubric_content(stored) == content
    assert yaml.safe_load(queries.rubric_yaml(stored)) == documents.document_from_content(content)


def _read(source):
    """The only two outcomes a reader may have."""
    try:
        return documents.content_from_yaml(source)
    except ValidationError as error:
        assert error.messages and all(isinstance(m, str) and m for m in error.messages)
        return None


@given(st.text(max_size=400))
def test_any_text_is_a_rubric_or_a_clean_refusal(text):
    _read(text)


@given(st.binary(max_size=400))
def test_any_bytes_are_a_rubric_or_a_clean_refusal(data):
    _read(data)


_yaml_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=20),
    lambda children: (
        st.lists(children, max_size=4)
        | st.dictionaries(
            st.sampled_from(["rubric", "objective", "scale", "score", "criteria", "disallow", "x"]),
            children,
            max_size=4,
        )
    ),
    max_leaves=20,
)


@given(_yaml_values)
def test_any_yaml_data_is_a_rubric_or_a_clean_refusal(value):
    _read(yaml.safe_dump({"rubric": value}))
    _read(yaml.safe_dump(value))


@settings(suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_any_mangled_seed_is_a_rubric_or_a_clean_refusal(data, seed_text):
    start = data.draw(st.integers(0, len(seed_text)))
    end = data.draw(st.integers(start, min(len(seed_text), start + 40)))
    insert = data.draw(st.text(st.sampled_from(" -:&*!|>'\"[]{}#\n\tabc5?%@`,~"), max_size=12))
    _read(seed_text[:start] + insert + seed_text[end:])


@pytest.mark.django_db
@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(text=st.text(max_size=200))
def test_import_creates_a_rubric_or_nothing(text, alice):
    before = Rubric.objects.count()
    try:
        rubric = services.rubric_import_yaml(actor=alice, source=text)
    except ValidationError:
        assert Rubric.objects.count() == before
    else:
        assume(rubric is not None)
        assert Rubric.objects.count() == before + 1
