import pytest
from joserfc.jwk import OKPKey

from credentials import keys

SITE = "https://expertfolio.example"


@pytest.fixture(scope="session")
def private_jwk() -> str:
    return keys.new_private_jwk()


@pytest.fixture(autouse=True)
def _credential_settings(settings, tmp_path, private_jwk):
    # Every test signs with a key of the session's own and never writes to var/.
    settings.SIGNING_KEY = private_jwk
    settings.VAR_DIR = tmp_path / "var"
    settings.SITE_URL = SITE


@pytest.fixture
def other_key() -> OKPKey:
    return OKPKey.generate_key("Ed25519", private=True)
