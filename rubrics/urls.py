from django.urls import path

from rubrics import views

urlpatterns = [
    path("rubrics/", views.rubric_list, name="rubric_list"),
    path("rubrics/new/", views.rubric_new, name="rubric_new"),
    path("rubrics/import/", views.rubric_import, name="rubric_import"),
    path("rubrics/<int:pk>/", views.rubric_detail, name="rubric_detail"),
    path("rubrics/<int:pk>/edit/", views.rubric_edit, name="rubric_edit"),
    path("rubrics/<int:pk>/delete/", views.rubric_delete, name="rubric_delete"),
    path("rubrics/<int:pk>/duplicate/", views.rubric_duplicate, name="rubric_duplicate"),
    path("rubrics/<int:pk>/export.yaml", views.rubric_export, name="rubric_export"),
]
