from django.contrib import admin
from django.urls import include, path

from config.views import healthz

urlpatterns = [
    path("healthz", healthz, name="healthz"),
    path("admin/", admin.site.urls),
    # Signing up and in, /accounts/..., and the skill profile.
    path("", include("profiles.urls")),
    path("", include("rubrics.urls")),
    path("", include("portfolio.urls")),
    # Onboarding, submitting and reviewing: /dashboard/, /submit/, /review/, /files/.
    path("", include("onboarding.urls")),
    # The landing page and the public tools.
    path("", include("guide.urls")),
    # The person's account: /account/, the data export and deleting the account.
    path("", include("account.urls")),
    # Credentials of approvals: the download, /verify/ and /.well-known/jwks.json.
    path("", include("credentials.urls")),
]

# A form too large to read gets its own page rather than "Bad request" (config.views).
handler400 = "config.views.bad_request"
