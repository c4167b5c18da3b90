"""Every address of submitting and reviewing, for every kind of person, in one table.

GET shows a page; POST to an action is sent without data, so a 200 or 302 only means the
person got past the permission check. What each action does is tested beside its page.
"""

import pytest

from tests.portfolio.review_setup import review_form, submitted_round

pytestmark = pytest.mark.django_db

LOGIN = "login"
# person -> expected status for: (method, address template)
MATRIX = {
    ("get", "/dashboard/"): {
        "anonymous": LOGIN,
        "owner": 200,
        "other expert": 200,
        "reviewer": 200,
        "reviewer who submitted": 200,
        "staff": 200,
    },
    ("get", "/submit/"): {
        "anonymous": LOGIN,
        "owner": 200,
        "other expert": 200,
        "reviewer": 200,
        "reviewer who submitted": 200,
        "staff": 200,
    },
    ("get", "/submit/rounds/{pk}/"): {
        "anonymous": LOGIN,
        "owner": 200,
        "other expert": 404,
        "reviewer": 404,
        "reviewer who submitted": 200,
        "staff": 404,
    },
    ("post", "/submit/rounds/{pk}/withdraw/"): {
        "anonymous": LOGIN,
        "owner": 302,
        "other expert": 404,
        "reviewer": 404,
        "reviewer who submitted": 302,
        "staff": 404,
    },
    ("get", "/review/"): {
        "anonymous": LOGIN,
        "owner": 403,
        "other expert": 403,
        "reviewer": 200,
        "reviewer who submitted": 200,
        "staff": 403,
    },
    ("get", "/review/rounds/{pk}/"): {
        "anonymous": LOGIN,
        "owner": 200,
        "other expert": 404,
        "reviewer": 200,
        "reviewer who submitted": 404,
        "staff": 200,
    },
    ("post", "/review/rounds/{pk}/claim/"): {
        "anonymous": LOGIN,
        "owner": 403,
        "other expert": 403,
        "reviewer": 302,
        "reviewer who submitted": 404,
        "staff": 403,
    },
    ("post", "/review/rounds/{pk}/release/"): {
        "anonymous": LOGIN,
        "owner": 403,
        "other expert": 403,
        "reviewer": 302,
        "reviewer who submitted": 404,
        "staff": 403,
    },
    ("post", "/review/rounds/{pk}/adjudicate/"): {
        "anonymous": LOGIN,
        "owner": 403,
        "other expert": 403,
        "reviewer": 403,
        "reviewer who submitted": 403,
        "staff": 403,  # staff, but the round is not waiting for adjudication
    },
    ("get", "/review/calibration/"): {
        "anonymous": LOGIN,
        "owner": 403,
        "other expert": 403,
        "reviewer": 403,
        "reviewer who submitted": 403,
        "staff": 200,
    },
}
CASES = [
    (method, address, person, status)
    for (method, address), expected in MATRIX.items()
    for person, status in expected.items()
]


@pytest.mark.parametrize(("method", "address", "person", "status"), CASES)
def test_review_permission_matrix(client, alice, bob, rita, staff, method, address, person, status):
    review_form(staff)
    # The round in the address is Alice's, or (for the reviewer who submitted) Rita's own.
    round = submitted_round(rita if person == "reviewer who submitted" else alice)
    people = {
        "owner": alice,
        "other expert": bob,
        "reviewer": rita,
        "reviewer who submitted": rita,
        "staff": staff,
    }
    if person != "anonymous":
        client.force_login(people[person])
    url = address.format(pk=round.pk)
    response = getattr(client, method)(url)
    if status == LOGIN:
        assert response.status_code == 302
        assert response["Location"] == f"/accounts/login/?next={url}"
    else:
        assert response.status_code == status
