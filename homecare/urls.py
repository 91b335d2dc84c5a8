"""The patient's pages behind the signed link (?t=<token>): no account, no app."""

from django.urls import path

from homecare import views

urlpatterns = [
    path("my-programme/", views.programme, name="homecare_programme"),
    path("my-programme/print/", views.handout, name="homecare_handout"),
    path("my-programme/done/", views.tick, name="homecare_tick"),
]
