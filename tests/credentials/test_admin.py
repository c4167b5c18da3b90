"""The issued credentials in the admin: read-only, with the way to revoke one."""

import pytest

from credentials.models import IssuedCredential
from credentials.services import credential_revoke
from tests.credentials.approval import approved_round

pytestmark = pytest.mark.django_db


def test_admin_lists_credentials_and_links_the_revocation(client, alice, rita, staff):
    approved_round(alice, rita, staff)
    credential = IssuedCredential.objects.get()
    client.force_login(staff)
    listing = client.get("/admin/credentials/issuedcredential/").content.decode()
    assert "Alice Expert, round 1" in listing
    change = f"/admin/credentials/issuedcredential/{credential.pk}/change/"
    assert f'href="/credentials/{credential.pk}/revoke/"' in client.get(change).content.decode()
    assert client.post(change, {}).status_code == 403  # read-only: revoking asks for a reason
    credential_revoke(actor=staff, credential=credential, reason="Copied work")
    assert "Revoked: Copied work" in client.get(change).content.decode()
