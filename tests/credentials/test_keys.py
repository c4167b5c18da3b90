"""The signing key: from the environment, made once in development, required in production;
and the public key set served at /.well-known/jwks.json."""

import base64
import json
import os
import secrets
import stat
import subprocess
import sys
from pathlib import Path

import jwt
import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ed25519, rsa
from django.core.exceptions import ImproperlyConfigured

from credentials import keys
from credentials.signing import Verdict, sign_credential, verify_credential
from tests.credentials.test_signing import credential

ROOT = Path(__file__).resolve().parent.parent.parent
# RFC 8037, appendix A.1 and A.3: an Ed25519 key and its RFC 7638 thumbprint.
RFC_KEY = {
    "kty": "OKP",
    "crv": "Ed25519",
    "d": "nWGxne_9WmC6hEr0kuwsxERJxWl7MmkZcDusAxyuf2A",
    "x": "11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo",
}
RFC_THUMBPRINT = "kPrK_qmxVWaYVA9wwBF6Iuo3vVzz7TxHCTwXBygrS4k"


def pem(private_key) -> str:
    return private_key.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    ).decode()


def test_signing_key_from_a_private_jwk_has_its_rfc_7638_thumbprint_as_id(settings):
    settings.SIGNING_KEY = json.dumps(RFC_KEY)
    assert keys.key_id(keys.signing_key()) == RFC_THUMBPRINT


def test_public_jwks_holds_exactly_the_public_key(settings):
    settings.SIGNING_KEY = json.dumps(RFC_KEY)
    assert keys.public_jwks() == {
        "keys": [
            {
                "kty": "OKP",
                "crv": "Ed25519",
                "x": RFC_KEY["x"],
                "kid": RFC_THUMBPRINT,
                "use": "sig",
                "alg": "EdDSA",
            }
        ]
    }
    assert RFC_KEY["d"] not in json.dumps(keys.public_jwks())


def test_signing_key_from_a_pem(settings):
    private = ed25519.Ed25519PrivateKey.generate()
    settings.SIGNING_KEY = pem(private)
    raw = private.public_key().public_bytes(
        serialization.Encoding.Raw, serialization.PublicFormat.Raw
    )
    assert keys.public_jwks()["keys"][0]["x"] == base64.urlsafe_b64encode(raw).rstrip(b"=").decode()


def test_signing_key_from_a_pem_flattened_onto_one_line(settings):
    private = ed25519.Ed25519PrivateKey.generate()
    settings.SIGNING_KEY = pem(private)
    expected = keys.key_id(keys.signing_key())
    settings.SIGNING_KEY = pem(private).replace("\n", "\\n")
    assert keys.key_id(keys.signing_key()) == expected


@pytest.mark.parametrize(
    "value",
    [
        "not a key",
        "{not json",
        json.dumps({"kty": "OKP", "crv": "Ed25519", "x": RFC_KEY["x"]}),
        json.dumps({"kty": "OKP", "crv": "X25519", "x": RFC_KEY["x"], "d": RFC_KEY["d"]}),
        json.dumps({"kty": "oct", "k": "c2VjcmV0"}),
        pem(rsa.generate_private_key(public_exponent=65537, key_size=2048)),
        "-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----",
    ],
)
def test_signing_key_refuses_anything_but_an_ed25519_private_key(settings, value):
    settings.SIGNING_KEY = value
    with pytest.raises(ImproperlyConfigured, match="is not an Ed25519 private key") as refused:
        keys.signing_key()
    # The message ends up in logs: it never quotes the secret.
    assert RFC_KEY["d"] not in str(refused.value) and "AAAA" not in str(refused.value)


def test_development_key_is_made_once_readable_by_its_owner_only(settings, tmp_path):
    settings.SIGNING_KEY = ""
    settings.VAR_DIR = tmp_path / "var"
    first = keys.key_id(keys.signing_key())
    path = tmp_path / "var" / keys.DEVELOPMENT_KEY_FILE
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    saved = path.read_text()
    assert json.loads(saved)["d"]
    # Reused, not remade, and no temporary file is left behind.
    assert keys.key_id(keys.signing_key()) == first
    assert path.read_text() == saved
    assert sorted(p.name for p in (tmp_path / "var").iterdir()) == [keys.DEVELOPMENT_KEY_FILE]


def test_development_key_already_on_disk_is_the_one_used(settings, tmp_path):
    settings.SIGNING_KEY = ""
    settings.VAR_DIR = tmp_path
    (tmp_path / keys.DEVELOPMENT_KEY_FILE).write_text(json.dumps(RFC_KEY))
    assert keys.key_id(keys.signing_key()) == RFC_THUMBPRINT


def test_new_private_jwk_is_a_usable_ed25519_private_key(settings):
    made = keys.new_private_jwk()
    assert set(json.loads(made)) == {"kty", "crv", "x", "d"}
    assert "\n" not in made
    settings.SIGNING_KEY = made
    assert keys.signing_key().is_private
    assert keys.new_private_jwk() != made


def run(*args: str, **env: str) -> subprocess.CompletedProcess:
    clean = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith("DJANGO_") and k != "EXPERTFOLIO_SIGNING_KEY"
    }
    return subprocess.run(
        [sys.executable, *args],
        cwd=ROOT,
        env={**clean, **env},
        capture_output=True,
        text=True,
        timeout=120,
    )


PRODUCTION = {
    "DJANGO_DEBUG": "0",
    "DJANGO_SECRET_KEY": secrets.token_urlsafe(64),
    "DJANGO_ALLOWED_HOSTS": "example.com",
}


def test_production_without_signing_key_refuses_to_start():
    result = run("manage.py", "check", **PRODUCTION)
    assert result.returncode != 0
    assert "EXPERTFOLIO_SIGNING_KEY" in result.stderr
    assert "python -m credentials.keys" in result.stderr
    assert "Traceback" not in result.stderr


def test_production_with_a_printed_signing_key_starts():
    printed = run("-m", "credentials.keys")
    assert printed.returncode == 0, printed.stderr
    key = printed.stdout.strip()
    result = run("manage.py", "check", EXPERTFOLIO_SIGNING_KEY=key, **PRODUCTION)
    assert result.returncode == 0, result.stderr


# --- Rotation ------------------------------------------------------------------------------


def test_a_rotated_key_keeps_what_it_signed_genuine_once_retired(settings):
    token = sign_credential(credential())
    old = keys.signing_key()
    settings.SIGNING_KEY = keys.new_private_jwk()
    # Without the old key published, everything it signed would read as forged.
    assert verify_credential(token).verdict is Verdict.WRONGLY_SIGNED
    settings.RETIRED_SIGNING_KEYS = json.dumps([keys.public_jwk(old)])
    assert verify_credential(token).verdict is Verdict.GENUINE
    assert verify_credential(sign_credential(credential())).verdict is Verdict.GENUINE
    published = keys.public_jwks()["keys"]
    assert [key["kid"] for key in published] == [
        keys.key_id(keys.signing_key()),
        keys.key_id(old),
    ]
    assert all(set(key) == {"kty", "crv", "x", "kid", "use", "alg"} for key in published)
    # An independent library finds the old key in the published set by the token's kid.
    kid = jwt.get_unverified_header(token)["kid"]
    jwt.decode(token, jwt.PyJWKSet.from_dict(keys.public_jwks())[kid], algorithms=["EdDSA"])


def test_retired_keys_may_be_the_key_set_published_before(settings):
    before = keys.public_jwks()
    settings.SIGNING_KEY = keys.new_private_jwk()
    settings.RETIRED_SIGNING_KEYS = json.dumps(before)
    assert keys.public_jwks()["keys"][1:] == before["keys"]
    # Listing the current key as retired too publishes it once.
    settings.RETIRED_SIGNING_KEYS = json.dumps(keys.public_jwks())
    assert len(keys.public_jwks()["keys"]) == 2


@pytest.mark.parametrize(
    "value",
    [
        "not json",
        json.dumps({"kty": "OKP", "crv": "Ed25519", "x": RFC_KEY["x"]}),
        json.dumps(["x"]),
        json.dumps([{"kty": "OKP", "crv": "Ed25519"}]),
        json.dumps([{"kty": "OKP", "crv": "X25519", "x": RFC_KEY["x"]}]),
        json.dumps([RFC_KEY]),
    ],
)
def test_retired_keys_refuse_anything_but_ed25519_public_keys(settings, value):
    settings.RETIRED_SIGNING_KEYS = value
    with pytest.raises(ImproperlyConfigured, match="EXPERTFOLIO_RETIRED_SIGNING_KEYS") as refused:
        keys.public_jwks()
    assert RFC_KEY["d"] not in str(refused.value)


def test_production_with_unreadable_retired_keys_refuses_to_start():
    key = run("-m", "credentials.keys").stdout.strip()
    result = run(
        "manage.py",
        "check",
        EXPERTFOLIO_SIGNING_KEY=key,
        EXPERTFOLIO_RETIRED_SIGNING_KEYS="[{}]",
        **PRODUCTION,
    )
    assert result.returncode != 0
    assert "EXPERTFOLIO_RETIRED_SIGNING_KEYS is not a JSON list" in result.stderr
