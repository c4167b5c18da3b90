from django.contrib import admin
from django.urls import include, path

from config.views import healthz

urlpatterns = [
    path("healthz", healthz, name="healthz"),
    path("admin/", admin.site.urls),
    path("accounts/", include("profiles.urls_accounts")),
    path("", include("profiles.urls")),
    path("", include("rubrics.urls")),
    path("", include("portfolio.urls")),
]
