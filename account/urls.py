from django.urls import path

from account import views

urlpatterns = [
    path("account/", views.account, name="account"),
    path("account/export.zip", views.account_export, name="account_export"),
    path("account/delete/", views.account_delete, name="account_delete"),
]
