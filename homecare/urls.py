"""The patient's pages behind the signed link (?t=<token>): no account, no app."""

from django.urls import path

from homecare import views

urlpatterns = [
    path("care/", views.programme, name="homecare_programme"),
    path("care/print/", views.handout, name="homecare_handout"),
    path("care/done/", views.tick, name="homecare_tick"),
]
