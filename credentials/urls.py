from django.urls import path

from credentials import views

urlpatterns = [
    path("credentials/<uuid:pk>.jwt", views.credential_download, name="credential_download"),
    path("credentials/<uuid:pk>/revoke/", views.credential_revoke, name="credential_revoke"),
    # Stable addresses: printed in every credential and published for verifiers.
    path("verify/", views.credential_verify_paste, name="credential_verify_paste"),
    path("verify/<uuid:pk>/", views.credential_verify, name="credential_verify"),
    path(".well-known/jwks.json", views.jwks, name="jwks"),
]
