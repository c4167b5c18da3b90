from django.urls import path

from portfolio import views

urlpatterns = [
    path("dashboard/", views.dashboard, name="dashboard"),
]
