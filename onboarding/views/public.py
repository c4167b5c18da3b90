"""/p/<slug>/: a profile its owner made public, with its verified portfolio once approved.

It lives here rather than in profiles because the proof of approval is a round's."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.functional import SimpleLazyObject
from django.views.decorators.http import require_safe

from onboarding.queries.public import verified_portfolio_of
from portfolio.claims import credential_standings
from profiles.claims import public_standings_key
from profiles.documents import profile_document
from profiles.permissions import get_public_profile
from profiles.queries import profile_lists


@require_safe
def public_profile(request: HttpRequest, slug: str) -> HttpResponse:
    profile = get_public_profile(slug)
    standings = credential_standings(profile.user_id)
    return render(
        request,
        "onboarding/public_profile.html",
        {
            "profile": profile,
            # The template caches the body by profile version; read the lists only on a miss,
            # and not the work samples, which the public sees only as published artifacts.
            "document": SimpleLazyObject(
                lambda: profile_document(profile, profile_lists(profile.pk))
            ),
            "verified": verified_portfolio_of(profile.user),
            # Only staff's verifications count here; their dates key the cached body.
            "standings": standings,
            "standings_key": public_standings_key(standings),
        },
    )
