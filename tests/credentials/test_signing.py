"""Signing credentials as VC-JWT and telling genuine ones from the rest.

PyJWT, a JOSE library independent of the one that signs, checks what we issue.
"""

import base64
import hashlib
import hmac
import json
from datetime import UTC, date, datetime

import jwt
import pytest
from hypothesis import given
from hypothesis import strategies as st
from joserfc.jwk import OKPKey

from credentials import badges, keys
from credentials.signing import (
    Revocation,
    Verdict,
    sign_credential,
    verify_credential,
)
from profiles.models import Profile, User
from profiles.schema import SCHEMA, max_items
from tests.credentials.conftest import SITE

APPROVED = datetime(2026, 3, 3, 10, 30, tzinfo=UTC)
APPROVED_EPOCH = 1772533800  # APPROVED as a JWT NumericDate
MALFORMED = (
    "This is not a credential Expertfolio can read: paste the whole signed credential "
    "(three parts separated by dots), exactly as downloaded."
)
TAMPERED = (
    "Not genuine: its content does not match Expertfolio's signature: it was altered after it "
    "was signed, or forged."
)


def credential(credential_id: str = "c0ffee", site_url: str = SITE, **extra) -> dict:
    values = {"expert_name": "Alice Example", "domains": ["Clinical medicine", "Law"]}
    return badges.approval_credential(
        credential_id=credential_id,
        approved_at=APPROVED,
        site_url=site_url,
        **(values | extra),
    )


def signed(credential_id: str = "c0ffee") -> dict:
    """What the token of credential() carries: the credential and its JWT claims."""
    return credential(credential_id) | {
        "iss": SITE,
        "jti": f"{SITE}/verify/{credential_id}/",
        "nbf": APPROVED_EPOCH,
        "iat": APPROVED_EPOCH,
    }


def b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def unb64(part: str) -> bytes:
    return base64.urlsafe_b64decode(part + "=" * (-len(part) % 4))


def encoded(value: dict) -> str:
    return b64(json.dumps(value).encode())


EDDSA = b64(b'{"alg":"EdDSA"}')
SIGNATURE = b64(b"x" * 64)


def our_kid() -> str:
    return keys.key_id(keys.signing_key())


# --- What we sign ---------------------------------------------------------------------


def test_signed_credential_header_follows_vc_jose_cose():
    header = json.loads(unb64(sign_credential(credential()).split(".")[0]))
    assert header == {"alg": "EdDSA", "kid": our_kid(), "typ": "vc+jwt", "cty": "vc"}


def test_signed_credential_payload_is_the_credential_itself_with_jwt_claims():
    payload = json.loads(unb64(sign_credential(credential()).split(".")[1]))
    assert payload == signed()
    assert "vc" not in payload


def test_signed_credential_claims_map_the_credential_as_open_badges_says():
    # Open Badges 3.0, 8.2.4: iss = issuer.id, jti = id, nbf = validFrom, sub =
    # credentialSubject.id; an Open Badges verifier refuses a token without them.
    with_subject = credential(expert_url=f"{SITE}/p/alice/")
    payload = json.loads(unb64(sign_credential(with_subject).split(".")[1]))
    assert {name: payload[name] for name in ("iss", "jti", "nbf", "sub")} == {
        "iss": with_subject["issuer"]["id"],
        "jti": with_subject["id"],
        "nbf": int(datetime.fromisoformat(with_subject["validFrom"]).timestamp()),
        "sub": with_subject["credentialSubject"]["id"],
    }
    # Without a public profile the subject has no id, so there is nothing for `sub` to say.
    assert "sub" not in json.loads(unb64(sign_credential(credential()).split(".")[1]))


def test_signed_credential_is_the_same_token_every_time():
    # Ed25519 signatures are deterministic: downloading twice gives the same file.
    assert sign_credential(credential()) == sign_credential(credential())


def test_signing_with_a_given_key_verifies_with_that_key_only(other_key):
    token = sign_credential(credential(), key=other_key)
    assert jwt.get_unverified_header(token)["kid"] == keys.key_id(other_key)
    assert len(unb64(token.split(".")[2])) == 64
    theirs = jwt.PyJWK(keys.public_jwk(other_key))
    assert jwt.decode(token, theirs, algorithms=["EdDSA"]) == signed()
    ours = jwt.PyJWK(keys.public_jwks()["keys"][0])
    with pytest.raises(jwt.InvalidSignatureError):
        jwt.decode(token, ours, algorithms=["EdDSA"])


# --- An independent library agrees ---------------------------------------------------------


def test_signed_credential_verifies_with_pyjwt_and_the_published_jwks():
    token = sign_credential(credential())
    key_set = jwt.PyJWKSet.from_dict(keys.public_jwks())
    kid = jwt.get_unverified_header(token)["kid"]
    decoded = jwt.decode_complete(
        token,
        key_set[kid],
        algorithms=["EdDSA"],
        issuer=SITE,
        options={"require": ["iss", "jti", "nbf"]},
    )
    assert decoded["payload"] == signed()
    assert decoded["header"]["typ"] == "vc+jwt"


def test_pyjwt_refuses_a_tampered_credential_too():
    header, _, signature = sign_credential(credential()).split(".")
    changed = credential()
    changed["credentialSubject"]["name"] = "Mallory"
    public = jwt.PyJWK(keys.public_jwks()["keys"][0])
    with pytest.raises(jwt.InvalidSignatureError):
        jwt.decode(f"{header}.{encoded(changed)}.{signature}", public, algorithms=["EdDSA"])


def test_pyjwt_refuses_a_credential_signed_with_another_key(other_key):
    token = sign_credential(credential(), key=other_key)
    public = jwt.PyJWK(keys.public_jwks()["keys"][0])
    with pytest.raises(jwt.InvalidSignatureError):
        jwt.decode(token, public, algorithms=["EdDSA"])


def test_our_check_accepts_a_credential_pyjwt_signed_with_our_key(private_jwk):
    # The other way round: a token made by the independent library with our key is genuine.
    key = jwt.PyJWK(json.loads(private_jwk), algorithm="EdDSA")
    token = jwt.encode(
        credential(), key, algorithm="EdDSA", headers={"kid": our_kid(), "typ": "vc+jwt"}
    )
    assert verify_credential(token).verdict is Verdict.GENUINE


# --- Verdicts -----------------------------------------------------------------------------


def test_verify_credential_genuine_and_current():
    found = verify_credential(sign_credential(credential()))
    assert found.verdict is Verdict.GENUINE
    assert found.is_genuine_and_current
    assert found.credential_id == "c0ffee"
    assert found.credential == credential()
    assert found.message == (
        "Genuine and current: Expertfolio issued this credential to Alice Example on "
        "3 March 2026, and it has not been revoked."
    )


def test_verify_credential_accepts_a_token_pasted_over_several_lines():
    token = sign_credential(credential())
    pasted = "\n  " + "\n".join(token[i : i + 60] for i in range(0, len(token), 60)) + " \n"
    assert verify_credential(pasted).verdict is Verdict.GENUINE


def test_verify_credential_revoked_says_when_and_why():
    revoked = {"c0ffee": Revocation(date(2026, 4, 1), "Benchmark items copied from a paper.")}
    found = verify_credential(sign_credential(credential()), revocation_of=revoked.get)
    assert found.verdict is Verdict.REVOKED
    assert not found.is_genuine_and_current
    assert found.credential_id == "c0ffee"
    assert found.message == (
        "Issued by Expertfolio, but revoked on 1 April 2026: Benchmark items copied from a paper."
    )


def test_verify_credential_revocation_of_another_credential_does_not_count():
    revoked = {"other": Revocation(date(2026, 4, 1), "Withdrawn")}
    found = verify_credential(sign_credential(credential()), revocation_of=revoked.get)
    assert found.verdict is Verdict.GENUINE


def test_verify_credential_asks_about_revocation_only_for_genuine_ones(other_key):
    asked = []

    def revocation_of(credential_id):
        asked.append(credential_id)

    verify_credential(sign_credential(credential(), key=other_key), revocation_of=revocation_of)
    verify_credential(sign_credential(credential("beef")), revocation_of=revocation_of)
    assert asked == ["beef"]


def test_verify_credential_refuses_a_tampered_payload():
    header, _, signature = sign_credential(credential()).split(".")
    changed = credential()
    changed["credentialSubject"]["achievement"]["tag"].append("Nuclear physics")
    found = verify_credential(f"{header}.{encoded(changed)}.{signature}")
    assert found.verdict is Verdict.TAMPERED
    assert found.message == TAMPERED
    # Nothing unverified is handed back as if it were ours.
    assert found.credential is None and found.credential_id is None


def test_verify_credential_refuses_a_tampered_header():
    _, payload, signature = sign_credential(credential()).split(".")
    header = {"alg": "EdDSA", "kid": our_kid(), "typ": "vc+jwt", "cty": "vc", "x5u": "http://x"}
    found = verify_credential(f"{encoded(header)}.{payload}.{signature}")
    assert found.verdict is Verdict.TAMPERED


def test_verify_credential_refuses_a_forgery_that_borrows_our_key_id(other_key):
    forger = jwt.PyJWK(other_key.as_dict(private=True), algorithm="EdDSA")
    forged = jwt.encode(
        credential(), forger, algorithm="EdDSA", headers={"kid": our_kid(), "typ": "vc+jwt"}
    )
    found = verify_credential(forged)
    assert found.verdict is Verdict.TAMPERED
    assert found.message == TAMPERED


def test_verify_credential_refuses_one_signed_with_another_key(other_key):
    found = verify_credential(sign_credential(credential(), key=other_key))
    assert found.verdict is Verdict.WRONGLY_SIGNED
    assert found.message == (
        "Not genuine: it names Expertfolio as its issuer but is not signed with Expertfolio's key."
    )


def test_verify_credential_trusts_only_the_keys_it_is_given(other_key):
    elsewhere = {"keys": [keys.public_jwk(other_key)]}
    found = verify_credential(sign_credential(credential()), jwks=elsewhere)
    assert found.verdict is Verdict.WRONGLY_SIGNED
    mine = verify_credential(sign_credential(credential(), key=other_key), jwks=elsewhere)
    assert mine.verdict is Verdict.GENUINE


def test_verify_credential_refuses_alg_none():
    header = {"alg": "none", "kid": our_kid(), "typ": "vc+jwt"}
    found = verify_credential(f"{encoded(header)}.{encoded(credential())}.")
    assert found.verdict is Verdict.WRONGLY_SIGNED
    assert found.message == "Not genuine: it carries no signature at all."


@pytest.mark.parametrize("secret", ["x", "raw", "pem"])
def test_verify_credential_refuses_hmac_made_with_our_public_key(secret):
    # The classic confusion: HS256 keyed with the public key, which anyone can read.
    public = keys.public_jwks()["keys"][0]
    imported = OKPKey.import_key({"kty": "OKP", "crv": "Ed25519", "x": public["x"]})
    secrets = {"x": public["x"].encode(), "raw": unb64(public["x"]), "pem": imported.as_pem()}
    header = {"alg": "HS256", "kid": our_kid(), "typ": "vc+jwt", "cty": "vc"}
    signing_input = f"{encoded(header)}.{encoded(credential())}"
    mac = hmac.new(secrets[secret], signing_input.encode(), hashlib.sha256).digest()
    found = verify_credential(f"{signing_input}.{b64(mac)}")
    assert found.verdict is Verdict.WRONGLY_SIGNED
    assert found.message == "Not genuine: it is not signed the way Expertfolio signs credentials."


def test_verify_credential_from_another_issuer_is_not_ours(other_key):
    theirs = credential(site_url="https://badges.elsewhere.example")
    found = verify_credential(sign_credential(theirs, key=other_key))
    assert found.verdict is Verdict.NOT_OURS
    assert found.message.startswith("Not an Expertfolio credential: it names another issuer")
    # Changing the issuer of one of ours is no way to make it pass either.
    header, _, signature = sign_credential(credential()).split(".")
    assert verify_credential(f"{header}.{encoded(theirs)}.{signature}").verdict is (
        Verdict.NOT_OURS
    )


DEEP_OBJECT = b'{"a":' * 5000


@pytest.mark.parametrize(
    "token",
    [
        "",
        "   ",
        "hello",
        "a.b.c",
        "...",
        "e30.e30.",
        "ünïcödé.ünïcödé.ünïcödé",
        f"{EDDSA}.{b64(b'not json')}.{SIGNATURE}",
        f"{EDDSA}.{b64(b'[1, 2]')}.{SIGNATURE}",
        f"{EDDSA}.{b64(bytes([0xFF, 0xFE]))}.{SIGNATURE}",
        f"{b64(b'[]')}.{encoded({})}.{SIGNATURE}",
        "x" * 100_000,
        f"{EDDSA}.{b64(b'[' * 5000)}.{SIGNATURE}",  # nested past Python's recursion limit
        f"{EDDSA}.{b64(DEEP_OBJECT)}.{SIGNATURE}",
    ],
)
def test_verify_credential_refuses_garbage(token):
    found = verify_credential(token)
    assert found.verdict is Verdict.MALFORMED
    assert found.message == MALFORMED


def largest_credential() -> dict:
    """The longest credential a profile can earn: every domain and verified credential the
    schema allows at its longest, in four-byte characters (each four bytes of UTF-8)."""
    wide = "\U00020000"

    def longest(width: int, i: int) -> str:
        return wide * (width - 2) + f"{i:02d}"

    domain_length = SCHEMA["$defs"]["domain_name"]["maxLength"]
    credential_length = SCHEMA["properties"]["credentials"]["items"]["maxLength"]
    slug = "s" * Profile._meta.get_field("slug").max_length
    return credential(
        expert_name=wide * User._meta.get_field("name").max_length,
        domains=[longest(domain_length, i) for i in range(max_items("domains"))],
        expert_url=f"{SITE}/p/{slug}/",
        verified_credentials=[
            {"text": longest(credential_length, i), "verified_on": "2026-03-01"}
            for i in range(max_items("credentials"))
        ],
    )


def test_verify_credential_reads_the_largest_credential_a_profile_can_earn():
    token = sign_credential(largest_credential())
    assert len(token) > 20_000
    found = verify_credential(token)
    assert found.verdict is Verdict.GENUINE
    assert found.credential == largest_credential()


def test_verify_credential_refuses_a_signed_payload_that_is_no_credential():
    found = verify_credential(sign_credential({"hello": "world"}))
    assert found.verdict is Verdict.MALFORMED


def test_verify_credential_refuses_our_signature_on_an_id_that_is_not_our_page():
    odd = credential()
    odd["id"] = "urn:uuid:6f1c2a9e-0000-4000-8000-000000000001"
    assert verify_credential(sign_credential(odd)).verdict is Verdict.MALFORMED


@given(st.data())
def test_any_change_to_the_signed_credential_is_refused(data):
    header, payload, signature = sign_credential(credential()).split(".")
    content = bytearray(unb64(payload))
    position = data.draw(st.integers(0, len(content) - 1))
    content[position] = data.draw(st.integers(0, 255).filter(lambda b: b != content[position]))
    found = verify_credential(f"{header}.{b64(bytes(content))}.{signature}")
    assert found.verdict is not Verdict.GENUINE
    assert found.credential is None
