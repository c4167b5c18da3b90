"""Sign a credential as a VC-JWT, and tell in plain words whether one is genuine and current.

The token follows the W3C recommendation "Securing Verifiable Credentials using JOSE and COSE":
the JWS payload is the credential itself (no `vc` claim, as in the older VC-JWT of VC 1.1), and
the protected header says `alg: EdDSA`, `kid` (our key's thumbprint), `typ: vc+jwt`, `cty: vc`.
Open Badges 3.0 (section 8.2) also requires the registered claims `iss`, `jti`, `nbf` and `sub`
next to the credential's members, mapped from `issuer.id`, `id`, `validFrom` and
`credentialSubject.id`; `sub` goes only with a subject that has an id.
JOSE itself is done by joserfc; this module only decides what to sign and what to accept.
"""

import json
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum
from typing import Any

from django.conf import settings
from joserfc import jws
from joserfc.errors import JoseError
from joserfc.jwa import EdDSAAlgorithm
from joserfc.jwk import OKPKey

from credentials import badges, keys

MEDIA_TYPE = "vc+jwt"
CONTENT_TYPE = "vc"
# Above the largest credential a profile can earn (every domain and verified credential the
# schema allows, at its longest, in four-byte characters: about 41,000), and far below what a
# pasted text could make expensive.
MAX_TOKEN_LENGTH = 64_000
# What the JWT says about the credential, not part of it (Open Badges 3.0, section 8.2.4).
JWT_CLAIMS = ("iss", "jti", "nbf", "iat", "sub")


class _EdDSA(EdDSAAlgorithm):
    # RFC 9864 prefers the fully specified "Ed25519", but "EdDSA" is the name Open Badges
    # verifiers and most JOSE libraries (PyJWT among them) know; keys.py loads Ed25519 keys only.
    security_warning = None


class _Registry(jws.JWSRegistry):
    # The one algorithm we sign with and accept: "none", HMAC and the rest are unknown here, so
    # a token naming them is refused before any key is used.
    algorithms = {keys.ALGORITHM: _EdDSA()}
    recommended = [keys.ALGORITHM]


class Verdict(StrEnum):
    GENUINE = "genuine"
    REVOKED = "revoked"
    TAMPERED = "tampered"
    WRONGLY_SIGNED = "wrongly signed"
    NOT_OURS = "not ours"
    UNKNOWN = "unknown"  # signed by us, but no longer on record
    MALFORMED = "malformed"


@dataclass(frozen=True)
class Revocation:
    revoked_on: date
    reason: str


@dataclass(frozen=True)
class Verification:
    """What a check found. `credential` and `credential_id` are set only when the signature is
    Expertfolio's, so nothing unverified is ever shown as ours."""

    verdict: Verdict
    message: str
    credential_id: str | None = None
    credential: dict | None = None

    @property
    def is_genuine_and_current(self) -> bool:
        return self.verdict is Verdict.GENUINE

    @property
    def issued_on(self) -> str:
        """When the credential says it was issued, as people write it: 3 March 2026."""
        return _day(self.credential.get("validFrom")) if self.credential else ""


def sign_credential(credential: Mapping[str, Any], *, key: OKPKey | None = None) -> str:
    """The credential as a compact VC-JWT, signed with `key` (default: our signing key)."""
    key = key or keys.signing_key()
    header = {
        "alg": keys.ALGORITHM,
        "kid": keys.key_id(key),
        "typ": MEDIA_TYPE,
        "cty": CONTENT_TYPE,
    }
    claims = {**credential, **jwt_claims(credential)}
    payload = json.dumps(claims, ensure_ascii=False, separators=(",", ":")).encode()
    return jws.serialize_compact(header, payload, key, registry=_Registry())


def jwt_claims(credential: Mapping[str, Any]) -> dict:
    """The registered JWT claims Open Badges 3.0 maps from the credential's members, for those
    it has. `iat` (when it was signed) is `nbf`: a credential is signed as its approval is
    recorded."""
    issuer, subject = credential.get("issuer"), credential.get("credentialSubject")
    claims = {
        "iss": issuer.get("id") if isinstance(issuer, Mapping) else issuer,
        "jti": credential.get("id"),
        "sub": subject.get("id") if isinstance(subject, Mapping) else None,
    }
    if credential.get("validFrom"):
        claims["nbf"] = claims["iat"] = int(
            datetime.fromisoformat(credential["validFrom"]).timestamp()
        )
    return {name: value for name, value in claims.items() if value is not None}


def verify_credential(
    token: str,
    *,
    revocation_of: Callable[[str], Revocation | None] | None = None,
    jwks: Mapping[str, Any] | None = None,
    site_url: str | None = None,
) -> Verification:
    """Check a VC-JWT: well-formed, issued by us, signed with one of our keys, not revoked.

    `revocation_of(credential_id)` returns the Revocation of a revoked credential, else None.
    `jwks` is the public key set to trust (default: the one we publish) and `site_url` the
    issuer we are (default: settings.SITE_URL).
    """
    site = (site_url or settings.SITE_URL).rstrip("/")
    jwks = keys.public_jwks() if jwks is None else jwks
    read = _read_token(token)
    if read is None:
        return _malformed()
    signed, header, credential = read
    refusal = _signature_refusal(signed, header, credential, jwks=jwks, site=site)
    if refusal is not None:
        return refusal
    credential_id = badges.credential_id_from_url(str(credential.get("id", "")), site_url=site)
    if credential_id is None:
        return _malformed()
    revocation = revocation_of(credential_id) if revocation_of else None
    if revocation is not None:
        reason = revocation.reason.strip().rstrip(".")
        return Verification(
            Verdict.REVOKED,
            f"Issued by Expertfolio, but revoked on {_day(revocation.revoked_on)}"
            + (f": {reason}." if reason else "."),
            credential_id,
            credential,
        )
    return Verification(
        Verdict.GENUINE,
        f"Genuine and current: Expertfolio issued this credential to {_expert_name(credential)} "
        f"on {_day(credential.get('validFrom'))}, and it has not been revoked.",
        credential_id,
        credential,
    )


def _read_token(token: str) -> tuple[Any, dict, dict] | None:
    """The compact JWS, its header and its payload as a JSON object; None when malformed."""
    # Pasted tokens arrive wrapped over several lines; a compact JWS has no whitespace.
    token = "".join(str(token).split())
    if not token or len(token) > MAX_TOKEN_LENGTH:
        return None
    try:
        signed = jws.extract_compact(token.encode("ascii"))
        header = signed.headers()
        payload = json.loads(signed.payload)
    # RecursionError: JSON nested thousands deep, which anyone may paste (json.loads recurses).
    except (JoseError, ValueError, UnicodeError, RecursionError):
        return None
    if not isinstance(payload, dict):
        return None
    credential = {name: value for name, value in payload.items() if name not in JWT_CLAIMS}
    return signed, header, credential


def _signature_refusal(
    signed: Any, header: dict, credential: dict, *, jwks: Mapping[str, Any], site: str
) -> Verification | None:
    """Why the credential is not one Expertfolio signed as it stands; None when it is."""
    if header.get("alg") != keys.ALGORITHM:
        if str(header.get("alg", "")).lower() == "none":
            return _refused(Verdict.WRONGLY_SIGNED, "it carries no signature at all.")
        return _refused(
            Verdict.WRONGLY_SIGNED, "it is not signed the way Expertfolio signs credentials."
        )
    if not _is_open_badge(credential):
        return _malformed()
    if _issuer_id(credential) != site:
        return Verification(
            Verdict.NOT_OURS,
            "Not an Expertfolio credential: it names another issuer, so Expertfolio cannot "
            "vouch for it. Check it with its issuer.",
        )
    key = _key_with_id(jwks, header.get("kid"))
    if key is None:
        return _refused(
            Verdict.WRONGLY_SIGNED,
            "it names Expertfolio as its issuer but is not signed with Expertfolio's key.",
        )
    try:
        intact = jws.validate_compact(signed, key, registry=_Registry())
    except JoseError:
        intact = False
    if not intact:
        return _refused(
            Verdict.TAMPERED,
            "its content does not match Expertfolio's signature: it was altered after it was "
            "signed, or forged.",
        )
    return None


def _refused(verdict: Verdict, why: str) -> Verification:
    return Verification(verdict, f"Not genuine: {why}")


def _malformed() -> Verification:
    return Verification(
        Verdict.MALFORMED,
        "This is not a credential Expertfolio can read: paste the whole signed credential "
        "(three parts separated by dots), exactly as downloaded.",
    )


def _is_open_badge(credential: dict) -> bool:
    context, types = credential.get("@context"), credential.get("type")
    return (
        isinstance(context, list)
        and context[:1] == [badges.VC_CONTEXT]
        and isinstance(types, list)
        and all(isinstance(t, str) for t in types)
        and set(badges.CREDENTIAL_TYPES) <= set(types)
        and isinstance(credential.get("credentialSubject"), dict)
    )


def _issuer_id(credential: dict) -> str | None:
    issuer = credential.get("issuer")
    value = issuer.get("id") if isinstance(issuer, dict) else issuer
    return value.rstrip("/") if isinstance(value, str) else None


def _key_with_id(jwks: Mapping[str, Any], kid: object) -> OKPKey | None:
    if not isinstance(kid, str):
        return None
    for entry in jwks.get("keys", []):
        if entry.get("kid") == kid and entry.get("crv") == keys.CURVE:
            return OKPKey.import_key({"kty": "OKP", "crv": keys.CURVE, "x": entry["x"]})
    return None


def _expert_name(credential: dict) -> str:
    return str(credential["credentialSubject"].get("name") or "the expert")


def _day(value: object) -> str:
    """A date as people write it: 3 March 2026."""
    if isinstance(value, str):
        try:
            value = datetime.fromisoformat(value)
        except ValueError:
            return value
    if isinstance(value, date):
        return f"{value.day} {value:%B %Y}"
    return str(value)
