from django.urls import path

from guide import views

urlpatterns = [
    path("", views.landing, name="landing"),
    path("tools/income/", views.income_calculator, name="income_calculator"),
    path("tools/decide/", views.decision_guide, name="decision_guide"),
]
