"""same_text(): what it finds is what a unique constraint on Lower() refuses, on each
database, whatever the letters (a proof found by it: tests/portfolio/test_services_proofs.py)."""

import pytest
from django.db import IntegrityError, transaction

from common.lookups import same_text
from profiles.models import Credential
from tests.factories import make_profile

pytestmark = pytest.mark.django_db

# Pairs each database lowers its own way: PostgreSQL by its collation (often "İ" to "i"),
# SQLite only A-Z; upper-casing (Django's iexact) differs again for "İ" and "i".
PAIRS = [
    ("CFA Level II", "cfa level ii"),
    ("İnci Cert", "inci Cert"),
    ("Émile Cert", "émile Cert"),
    ("Straße Cert", "STRASSE Cert"),
]


@pytest.mark.parametrize(("first", "second"), PAIRS)
def test_same_text_finds_what_the_constraint_refuses(alice, first, second):
    make_profile(alice, credentials=[first])
    profile = alice.profile
    found = Credential.objects.filter(same_text("text", second), profile=profile).exists()
    try:
        with transaction.atomic():
            Credential.objects.create(profile=profile, position=1, text=second)
    except IntegrityError:
        refused = True
    else:
        refused = False
    assert found is refused
