import ipaddress

from axes.helpers import get_client_ip_address
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse, reverse_lazy
from django.utils.cache import patch_cache_control
from django.views.decorators.http import require_http_methods, require_POST, require_safe
from django_ratelimit.core import is_ratelimited

from profiles import services
from profiles.forms import PasswordChangeForm, ProfileEditor, SignupForm
from profiles.models import User
from profiles.schema import SCHEMA

SIGNUPS_SPENT = (
    "Many accounts were asked for from your network in the last hour, so this one was not "
    "made. Try again in an hour; if you already have an account, log in."
)


def signups_spent(request: HttpRequest) -> bool:
    """Whether the client's address has used up its signups for now (django-ratelimit, in the
    shared cache), by client_network()."""
    return is_ratelimited(
        request,
        group="signup",
        key=lambda group, request: client_network(request),
        rate=settings.SIGNUP_RATE,
        increment=True,
    )


def client_network(request: HttpRequest) -> str:
    """The client's address as the login throttle reads it; for IPv6, its /64 network, which
    one home or host is given whole: its addresses are its to pick from freely."""
    address = get_client_ip_address(request) or ""
    try:
        return str(ipaddress.ip_network(f"{address}/{64 if ':' in address else 32}", strict=False))
    except ValueError:
        return address


@require_http_methods(["GET", "POST"])
def signup(request: HttpRequest) -> HttpResponse:
    if request.user.is_authenticated:
        return redirect("dashboard")
    if request.method == "POST" and signups_spent(request):
        # Refused before the form is checked: its answer ("an account with this email
        # already exists") is what a run of guesses from one place would be after.
        typed = {name: request.POST.get(name, "") for name in ("name", "email")}
        context = {"form": SignupForm(initial=typed), "refused": SIGNUPS_SPENT}
        return render(request, "registration/signup.html", context, status=429)
    form = SignupForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        user = services.user_signup(
            email=form.cleaned_data["email"],
            name=form.cleaned_data["name"],
            password=form.cleaned_data["password1"],
        )
        login(request, user, backend="django.contrib.auth.backends.ModelBackend")
        messages.success(request, "Welcome to Expertfolio. Here is what to do next.")
        return redirect("dashboard")
    return render(request, "registration/signup.html", {"form": form})


class PasswordResetView(auth_views.PasswordResetView):
    """Django's, with the emailed link on the site's address (SITE_URL, as in every email we
    send) rather than on the Host header of the request, which whoever asks for the reset
    writes: where many hosts are let through, a forged one would send the link to them."""

    success_url = reverse_lazy("password_reset_done")
    email_template_name = "registration/password_reset_email.txt"
    subject_template_name = "registration/password_reset_subject.txt"

    @property
    def extra_email_context(self) -> dict:
        return {"site_url": settings.SITE_URL}

    def form_valid(self, form):
        # Whoever knows an address could otherwise fill its inbox with reset emails. Counted
        # by the address asked for, whether or not it has an account: the refusal tells
        # nothing about who has one.
        email = User.objects.normalize_email(form.cleaned_data["email"])
        if is_ratelimited(
            self.request,
            group="password-reset",
            key=lambda group, request: email,
            rate=settings.PASSWORD_RESET_RATE,
            increment=True,
        ):
            form.add_error(
                "email",
                "Reset emails were sent to this address several times in the last hour. Use "
                "the link in the latest one, or ask again in an hour.",
            )
            return self.render_to_response(self.get_context_data(form=form), status=429)
        return super().form_valid(form)


class PasswordChangeView(auth_views.PasswordChangeView):
    """Django's, with the old password checked as a login is (profiles.throttling)."""

    form_class = PasswordChangeForm

    def get_form_kwargs(self) -> dict:
        return {**super().get_form_kwargs(), "request": self.request}


@require_POST
@login_required
def profile_edit_shape(request: HttpRequest) -> HttpResponse:
    """The editor's shape panel for the domains as typed (htmx): nothing is read or saved."""
    if not request.htmx:
        return redirect("profile_edit")  # only the editor's script asks for the panel alone
    editor = ProfileEditor(request.POST)
    return render(request, "profiles/_editor_shape.html", {"shape": editor.shape()})


@require_safe
def skill_profile_schema(request: HttpRequest) -> HttpResponse:
    # The published copy names itself by the site's address (never the request's Host header:
    # the answer is kept by shared caches).
    schema = {**SCHEMA, "$id": settings.SITE_URL + reverse("skill_profile_schema")}
    response = JsonResponse(
        schema,
        json_dumps_params={"indent": 2, "ensure_ascii": False},
        content_type="application/schema+json",
    )
    response["Access-Control-Allow-Origin"] = "*"
    patch_cache_control(response, public=True, max_age=3600)
    return response
