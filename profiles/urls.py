from django.urls import path

from profiles import views

urlpatterns = [
    path("profile/edit/", views.profile_edit, name="profile_edit"),
    path("profile/edit/shape/", views.profile_edit_shape, name="profile_edit_shape"),
    path("profile/import/", views.profile_import, name="profile_import"),
    path("profile/export.json", views.profile_export, name="profile_export"),
    path("profile/export.resume.json", views.profile_export_resume, name="profile_export_resume"),
    path("schema/skill-profile.json", views.skill_profile_schema, name="skill_profile_schema"),
]
