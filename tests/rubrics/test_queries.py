import pytest

from rubrics import queries
from rubrics.models import Rubric
from tests.factories import RubricFactory

pytestmark = pytest.mark.django_db


def test_rubrics_for_lists_own_portfolio_rubrics_newest_first(alice, bob, staff):
    older = RubricFactory(owner=alice)
    newer = RubricFactory(owner=alice)
    RubricFactory(owner=bob)
    RubricFactory(owner=staff, kind=Rubric.Kind.REVIEW)
    assert list(queries.rubrics_for(alice)) == [newer, older]


def test_review_rubrics_lists_review_rubrics_by_title(alice, staff):
    second = RubricFactory(owner=staff, kind=Rubric.Kind.REVIEW, title="Writing clarity")
    first = RubricFactory(owner=staff, kind=Rubric.Kind.REVIEW, title="Domain rigor")
    RubricFactory(owner=alice)
    assert list(queries.review_rubrics()) == [first, second]


@pytest.mark.parametrize("count", [1, 8])
def test_rubrics_for_takes_four_queries_whatever_the_number(
    alice, count, django_assert_num_queries
):
    for _ in range(count):
        RubricFactory(owner=alice)
    with django_assert_num_queries(4):
        rubrics = list(queries.rubrics_for(alice))
        documents = [queries.rubric_document(rubric) for rubric in rubrics]
        owners = {rubric.owner.email for rubric in rubrics}
    assert len(documents) == count and owners == {"alice@example.com"}


def test_rubric_document_is_plain_data_in_the_yaml_shape(alice):
    rubric = RubricFactory(
        owner=alice,
        title="",
        levels=[(4, ["Right"]), (0, ["Wrong", "Empty"])],
        disallowed=[],
    )
    assert queries.rubric_document(rubric) == {
        "rubric": {
            "objective": "Assess step-by-step reasoning clarity and correctness",
            "scale": [
                {"score": 4, "criteria": ["Right"]},
                {"score": 0, "criteria": ["Wrong", "Empty"]},
            ],
        }
    }


@pytest.mark.parametrize(
    ("levels", "disallowed"),
    [
        ([], []),
        ([(4, ["Right"]), (0, ["Wrong", "Empty"])], ["Fabricated citations"]),
        ([(score, [f"c{score}-{n}" for n in range(5)]) for score in range(8)], ["a", "b", "c"]),
        ([(3, []), (1, ["Only this one"])], []),  # a level stored without criteria
    ],
)
def test_rubric_content_of_reads_what_the_scale_holds_in_two_queries(
    alice, levels, disallowed, django_assert_num_queries
):
    rubric = RubricFactory(owner=alice, levels=levels, disallowed=disallowed, pass_score=1)
    RubricFactory(owner=alice)  # another rubric's rows stay out
    with django_assert_num_queries(2):
        content = queries.rubric_content_of(rubric)
    assert content == queries.rubric_content(queries.with_scale(Rubric.objects).get(pk=rubric.pk))
