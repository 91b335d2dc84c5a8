"""Non-page URLs of the exercise library, included from config.urls."""

from django.urls import path

from exercises import views

urlpatterns = [
    path("x/<int:pk>/", views.short_link, name="exercises_short_link"),
]
