"""Forms that make something make it once, whatever the browser sends: a double click
without JavaScript, or a reload that sends the form again, sends the same one-time token
(common.once), and the second finds it taken."""

from datetime import timedelta
from functools import wraps

from django.contrib import messages
from django.db import IntegrityError, transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils import timezone

from common.once import ONCE_FIELD, ONCE_MAX_LENGTH
from profiles.models import FormSent

# Long enough for any resend a browser makes; older tokens are forgotten.
KEPT_FOR = timedelta(days=1)
SENT_TWICE = "This form was sent twice; it was acted on once."


class _SentBefore(Exception):
    def __init__(self, made_url: str):
        self.made_url = made_url


class _NothingMade(Exception):
    def __init__(self, response: HttpResponse):
        self.response = response


def sent_once(view):
    """A POST view that makes something and then redirects to it: the person's token is
    taken in the same transaction as what the view makes, so a second request with it waits
    for the first, then goes where the first went. A response other than a redirect made
    nothing (a form refused): the token is left free, to send the corrected form with."""

    @wraps(view)
    def wrapped(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        token = request.POST.get(ONCE_FIELD, "") if request.method == "POST" else ""
        if not token or len(token) > ONCE_MAX_LENGTH or not request.user.is_authenticated:
            return view(request, *args, **kwargs)
        try:
            with transaction.atomic():
                sent = _taken(request.user, token, request.path[:500])
                response = view(request, *args, **kwargs)
                if response.status_code != 302 or getattr(response, "nothing_made", False):
                    raise _NothingMade(response)
                sent.made_url = response["Location"][:500]
                sent.save(update_fields=["made_url"])
        except _NothingMade as nothing:
            return nothing.response
        except _SentBefore as before:
            messages.info(request, SENT_TWICE)
            return redirect(before.made_url or "dashboard")
        return response

    return wrapped


def nothing_made(response: HttpResponse) -> HttpResponse:
    """A redirect that answers a refusal (told in a message): the token stays free."""
    response.nothing_made = True
    return response


def _taken(user, token: str, path: str) -> FormSent:
    """The token taken for this person, or _SentBefore with where the first sending went.
    Taking it waits on a first sending still under way (its row is locked by the unique
    constraint until it ends): either it made something, or its token is free again."""
    try:
        with transaction.atomic():
            sent = FormSent.objects.create(user=user, token=token, path=path)
    except IntegrityError:
        first = FormSent.objects.filter(user=user, token=token, path=path)
        first = first.values_list("made_url").first()
        raise _SentBefore(first[0] if first else "") from None
    FormSent.objects.filter(user=user, sent_at__lt=timezone.now() - KEPT_FOR).delete()
    return sent
