"""The Ed25519 key that signs credentials, and the public key set that checks them.

EXPERTFOLIO_SIGNING_KEY (settings.SIGNING_KEY) holds the private key in either form:

- a private JWK (RFC 8037) on one line, which suits environment files best:
  ``{"kty":"OKP","crv":"Ed25519","x":"…","d":"…"}``; ``python -m credentials.keys`` prints
  a new one;
- a PKCS#8 PEM (``-----BEGIN PRIVATE KEY-----``), as ``openssl genpkey -algorithm ed25519``
  writes it; line breaks written as a literal ``\\n`` (one-line environment files) are accepted.

Without it, development (DEBUG) makes a key once under VAR_DIR and keeps using it; production
refuses to start (config/settings.py).
"""

import contextlib
import functools
import json
import os
import tempfile
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from joserfc.errors import JoseError
from joserfc.jwk import OKPKey

ENV_NAME = "EXPERTFOLIO_SIGNING_KEY"
DEVELOPMENT_KEY_FILE = "credential-signing-key.jwk"
ALGORITHM = "EdDSA"
CURVE = "Ed25519"


def signing_key() -> OKPKey:
    """The private key credentials are signed with."""
    if settings.SIGNING_KEY.strip():
        return _key_from_text(settings.SIGNING_KEY)
    # Settings refuse to start production without a key, so this is development or its tests
    # (where the test runner switches DEBUG off after start-up, hence no second check here).
    return _key_from_text(_development_key_text(Path(settings.VAR_DIR)))


def key_id(key: OKPKey) -> str:
    """The key's RFC 7638 thumbprint: the same key always has the same id, wherever it runs."""
    return key.thumbprint()


def public_jwk(key: OKPKey) -> dict:
    """The public half of `key` as a JWK, built field by field so no private part can leak."""
    public = key.as_dict(private=False)
    return {
        "kty": "OKP",
        "crv": CURVE,
        "x": public["x"],
        "kid": key_id(key),
        "use": "sig",
        "alg": ALGORITHM,
    }


def public_jwks() -> dict:
    """The document served at /.well-known/jwks.json."""
    return {"keys": [public_jwk(signing_key())]}


def new_private_jwk() -> str:
    """A fresh Ed25519 private key as one line of JWK JSON, the form EXPERTFOLIO_SIGNING_KEY
    takes most easily."""
    key = OKPKey.generate_key(CURVE, private=True)
    return json.dumps(key.as_dict(private=True), separators=(",", ":"))


@functools.lru_cache(maxsize=8)
def _key_from_text(text: str) -> OKPKey:
    text = text.strip()
    # The message never quotes the value: it is a secret and ends up in logs.
    problem = f"{ENV_NAME} is not an Ed25519 private key (a private JWK or a PKCS#8 PEM)"
    try:
        if text.startswith("{"):
            key = OKPKey.import_key(json.loads(text))
        elif text.startswith("-----BEGIN"):
            key = OKPKey.import_key(text.replace("\\n", "\n").encode())
        else:
            raise ImproperlyConfigured(f"{problem}.")
    except (JoseError, ValueError, TypeError, KeyError) as exc:
        raise ImproperlyConfigured(f"{problem}: {type(exc).__name__}.") from exc
    if key.curve_name != CURVE:
        raise ImproperlyConfigured(f"{problem}: its curve is {key.curve_name}.")
    if not key.is_private:
        raise ImproperlyConfigured(f"{problem}: it is only the public half.")
    return key


def _development_key_text(var_dir: Path) -> str:
    path = var_dir / DEVELOPMENT_KEY_FILE
    if not path.exists():
        var_dir.mkdir(parents=True, exist_ok=True)
        # mkstemp creates the file readable by its owner only (0600).
        fd, temporary = tempfile.mkstemp(dir=var_dir, prefix=".signing-key-")
        try:
            with os.fdopen(fd, "w") as file:
                file.write(new_private_jwk() + "\n")
            # A hard link appears whole and never replaces an existing file: two processes
            # starting at once end up with the same single key.
            with contextlib.suppress(FileExistsError):
                os.link(temporary, path)
        finally:
            os.unlink(temporary)
    return path.read_text()


if __name__ == "__main__":
    print(new_private_jwk())
