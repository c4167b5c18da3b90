from datetime import date

from profiles.claims import (
    DECLINED,
    PENDING,
    SELF_DECLARED_STANDING,
    VERIFIED,
    CredentialStanding,
    public_standings_key,
    standing_of,
    standings_from_frozen,
)
from profiles.templatetags.expertfolio import skill_profile
from tests.factories import skill_profile_document

VERIFIED_ON = CredentialStanding(VERIFIED, date(2026, 12, 6))


def test_standing_words_by_state():
    assert VERIFIED_ON.words == "verified by Expertfolio staff on 6 December 2026"
    assert CredentialStanding(PENDING).words == "proof pending review"
    assert CredentialStanding(DECLINED, date(2026, 1, 2), "No.").words == "proof declined"
    assert SELF_DECLARED_STANDING.words == "self-declared"


def test_only_the_owner_sees_a_pending_or_declined_proof():
    declined = CredentialStanding(DECLINED, date(2026, 1, 2), "Expired.")
    for audience in ("reviewer", "public"):
        assert declined.for_audience(audience) == SELF_DECLARED_STANDING
        assert CredentialStanding(PENDING).for_audience(audience) == SELF_DECLARED_STANDING
        assert VERIFIED_ON.for_audience(audience) == VERIFIED_ON
    assert declined.for_audience("owner") == declined


def test_standing_of_is_the_credential_s_own_text():
    """A proof carries its credential's spelling (renamed with it where the database counts
    two spellings as one text), so a standing is found by the text as it is."""
    standings = {"CFA Level II": VERIFIED_ON}
    assert standing_of(" CFA Level II ", standings) == VERIFIED_ON
    assert standing_of("CFA Level III", standings) == SELF_DECLARED_STANDING
    assert standing_of("cfa level ii", standings) == SELF_DECLARED_STANDING
    assert standing_of("CFA", None) == SELF_DECLARED_STANDING


def test_standings_from_frozen_trusts_only_well_formed_entries():
    frozen = [
        {"text": "CFA", "verified_on": "2026-12-06"},
        {"text": "PMP", "verified_on": "yesterday"},
        {"text": "FRM"},
        "CPA",
    ]
    assert standings_from_frozen(frozen) == {"CFA": VERIFIED_ON}
    assert standings_from_frozen(None) == standings_from_frozen("") == {}


def test_public_standings_key_changes_with_what_the_public_sees():
    pending = {"cfa": CredentialStanding(PENDING)}
    assert public_standings_key({}) == public_standings_key(pending)
    assert public_standings_key({"cfa": VERIFIED_ON}) != public_standings_key(pending)
    later = CredentialStanding(VERIFIED, date(2026, 12, 7))
    assert public_standings_key({"cfa": VERIFIED_ON}) != public_standings_key({"cfa": later})


def test_skill_profile_tag_reads_a_frozen_list_or_live_standings():
    document = skill_profile_document(credentials=["CFA", "PMP"])
    frozen = skill_profile(
        document, "reviewer", "x", verified=[{"text": "CFA", "verified_on": "2026-12-06"}]
    )
    assert [item["standing"] for item in frozen["credentials"]] == [
        VERIFIED_ON,
        SELF_DECLARED_STANDING,
    ]
    live = skill_profile(document, "public", "x", standings={"pmp": CredentialStanding(PENDING)})
    assert [item["standing"] for item in live["credentials"]] == [SELF_DECLARED_STANDING] * 2
