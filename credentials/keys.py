"""The Ed25519 key that signs credentials, and the public key set that checks them.

EXPERTFOLIO_SIGNING_KEY (settings.SIGNING_KEY) holds the private key in either form:

- a private JWK (RFC 8037) on one line, which suits environment files best:
  ``{"kty":"OKP","crv":"Ed25519","x":"…","d":"…"}``; ``python -m credentials.keys`` prints
  a new one;
- a PKCS#8 PEM (``-----BEGIN PRIVATE KEY-----``), as ``openssl genpkey -algorithm ed25519``
  writes it; line breaks written as a literal ``\\n`` (one-line environment files) are accepted.

Without it, development (DEBUG) makes a key once under VAR_DIR and keeps using it; production
refuses to start (config/settings.py).

To rotate, set the new private key and list the old one's public half in
EXPERTFOLIO_RETIRED_SIGNING_KEYS (settings.RETIRED_SIGNING_KEYS): a JSON list of public JWKs,
or a JWK Set such as /.well-known/jwks.json served before the change. The key set keeps
publishing them, so what they signed still checks out. Leave out a key that leaked: whatever it
signed can no longer be told from a forgery.
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
RETIRED_ENV_NAME = "EXPERTFOLIO_RETIRED_SIGNING_KEYS"
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


def retired_keys() -> list[OKPKey]:
    """The public keys that signed credentials before the current one."""
    return list(_retired_from_text(settings.RETIRED_SIGNING_KEYS))


def public_jwks() -> dict:
    """The document served at /.well-known/jwks.json: the signing key first, then the retired
    ones, each once."""
    published: dict[str, dict] = {}
    for key in [signing_key(), *retired_keys()]:
        published.setdefault(key_id(key), public_jwk(key))
    return {"keys": list(published.values())}


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


@functools.lru_cache(maxsize=8)
def _retired_from_text(text: str) -> tuple[OKPKey, ...]:
    if not text.strip():
        return ()
    problem = f"{RETIRED_ENV_NAME} is not a JSON list of Ed25519 public keys (JWKs) or a JWK Set"
    try:
        document = json.loads(text)
        entries = document["keys"] if isinstance(document, dict) else document
        if not isinstance(entries, list) or not all(isinstance(e, dict) for e in entries):
            raise ImproperlyConfigured(f"{problem}.")
        # The private half of a retired key has no use left, and must not linger here.
        if any("d" in entry for entry in entries):
            raise ImproperlyConfigured(f'{problem}: give only the public half (no "d").')
        found = tuple(
            OKPKey.import_key({"kty": entry["kty"], "crv": entry["crv"], "x": entry["x"]})
            for entry in entries
        )
    except (JoseError, ValueError, TypeError, KeyError) as exc:
        raise ImproperlyConfigured(f"{problem}: {type(exc).__name__}.") from exc
    if any(key.curve_name != CURVE for key in found):
        raise ImproperlyConfigured(f"{problem}: each key's curve must be {CURVE}.")
    return found


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
