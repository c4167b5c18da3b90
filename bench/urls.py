from django.http import HttpRequest, HttpResponse
from django.urls import include, path


def trivial(request: HttpRequest) -> HttpResponse:
    """The yardstick: the whole middleware stack, no database, no template."""
    return HttpResponse("ok", content_type="text/plain")


def signed_in(request: HttpRequest) -> HttpResponse:
    """What every signed-in page pays before its own work: the trivial view that also reads
    who is asking (the session, then the person)."""
    return HttpResponse(str(request.user.pk), content_type="text/plain")


urlpatterns = [
    path("bench/trivial/", trivial),
    path("bench/signed-in/", signed_in),
    path("", include("config.urls")),
]
