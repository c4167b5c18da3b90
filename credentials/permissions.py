"""Who may download and who may revoke a credential. Verifying one is open to everyone."""

from uuid import UUID

from django.http import Http404

from credentials.models import IssuedCredential
from profiles.permissions import is_staff


def get_own_credential_for(user, pk: UUID) -> IssuedCredential:
    """The expert's own credential, to download; Http404 for anyone else, staff included
    (anyone may check it at /verify/<id>/, but the file is the expert's to hand out)."""
    credential = (
        IssuedCredential.objects.filter(pk=pk, expert=user).first()
        if user.is_authenticated
        else None
    )
    if credential is None:
        raise Http404("No such credential.")
    return credential


def can_revoke_credential(user, credential: IssuedCredential) -> bool:
    """Staff, on anyone's approval but their own. One already revoked is not refused here: its
    page says so (a second tab, a second click), and the service refuses to revoke it again."""
    return is_staff(user) and credential.expert_id != user.pk


def get_credential_to_revoke(user, pk: UUID) -> IssuedCredential:
    """Any credential, for staff; Http404 for anyone else or when it does not exist."""
    credential = (
        IssuedCredential.objects.select_related("round").filter(pk=pk).first()
        if is_staff(user)
        else None
    )
    if credential is None:
        raise Http404("No such credential.")
    return credential
