"""Blind review: staff ask an expert to take their name out of the artifacts that name it."""

import logging

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse

from onboarding import audit
from onboarding.models import AuditEntry, Round
from onboarding.services.assignment import locked_round
from profiles.models import User
from profiles.permissions import is_staff

logger = logging.getLogger(__name__)


def redaction_request(*, actor: User, round: Round) -> Round:
    """Staff ask the expert, by email, to take their name out of the artifacts flagged when
    the round was frozen (blind review). Audited; a failure to send is logged."""
    with transaction.atomic():
        round = locked_round(round.pk)
        if not is_staff(actor) or round.submission.owner_id == actor.pk:
            raise PermissionDenied("Only staff ask for a redaction.")
        if not round.identity_flags:
            raise ValidationError("Nothing in this round names the expert.", code="no_flags")
        titles = ", ".join(flag["title"] for flag in round.identity_flags)
        audit.record(
            round, actor=actor, action=AuditEntry.Action.REDACTION_REQUESTED, note=f"In: {titles}."
        )
        # Sent once the request is recorded, and never with the round's row held: a caller's
        # transaction (a form sent once, profiles.once) may still be open here.
        transaction.on_commit(lambda: _redaction_email_send(round))
    return round


def _redaction_email_send(round: Round) -> None:
    owner = round.submission.owner
    context = {
        "round": round,
        "name": owner.get_short_name(),
        "url": settings.SITE_URL + round.owner_url,
        "submit_url": settings.SITE_URL + reverse("submit"),
    }
    subject = render_to_string("onboarding/emails/redaction_subject.txt", context)
    try:
        send_mail(
            " ".join(subject.split()),
            render_to_string("onboarding/emails/redaction_body.txt", context),
            None,
            [owner.email],
        )
    except Exception:
        logger.exception("The redaction email for round %s could not be sent", round.pk)
