"""same_text(): what it finds is what a unique constraint on Lower() refuses, on each
database, whatever the letters."""

import pytest
from django.db import IntegrityError, transaction

from common.lookups import same_text
from portfolio.models import CredentialProof
from portfolio.services.proofs import proof_attach
from profiles.models import Credential
from tests.factories import make_profile

pytestmark = pytest.mark.django_db

# Pairs each database lowers its own way: PostgreSQL lowers every letter ("İ" to "i"),
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


@pytest.mark.parametrize(("first", "second"), PAIRS)
def test_a_proof_is_attached_again_after_the_credential_s_letters_change(alice, first, second):
    """The proof of a credential whose letters changed is the one the constraint allows: the
    same proof where the database counts the two as one text, a second where it does not."""
    make_profile(alice, credentials=[first])
    proof_attach(actor=alice, credential=first, link="https://register.example.org/1")
    Credential.objects.filter(profile__user=alice).update(text=second)
    proof_attach(actor=alice, credential=second, link="https://register.example.org/2")
    one_text = Credential.objects.filter(same_text("text", first), profile__user=alice).exists()
    proofs = CredentialProof.objects.filter(owner=alice).order_by("pk")
    assert list(proofs.values_list("credential", "link")) == (
        [(second, "https://register.example.org/2")]
        if one_text
        else [(first, "https://register.example.org/1"), (second, "https://register.example.org/2")]
    )
