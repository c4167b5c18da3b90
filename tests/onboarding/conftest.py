"""Fixtures the review tests share: a submitted round of Alice's, reviewed with staff's
review form, and a second reviewer."""

import pytest

from tests.factories import UserFactory
from tests.onboarding.review_setup import review_form, submitted_round


@pytest.fixture
def round(alice, staff):
    review_form(staff)
    return submitted_round(alice)


@pytest.fixture
def raj(db):
    return UserFactory(email="raj@example.com", name="Raj Reviewer", reviewer=True)
