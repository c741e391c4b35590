from django.urls import path

from dokumentation import loggkontroll, registerutdrag, views

app_name = "dokumentation"
urlpatterns = [
    path("kontakt/", views.kontakt_valj_insats, name="kontakt_valj"),
    path("kontakt/insats/<int:insats_pk>/", views.kontakt_ny, name="kontakt_ny"),
    path("kontakt/<int:pk>/", views.kontakt_klar, name="kontakt_klar"),
    path("deltaganden/", views.deltaganden, name="deltaganden"),
    path("deltaganden/<int:pk>/", views.deltagande, name="deltagande"),
    path("deltaganden/<int:pk>/samtal/", views.samtal_ny, name="samtal_ny"),
    path("deltaganden/<int:pk>/hanvisa/", views.hanvisa, name="hanvisa"),
    path("deltaganden/<int:pk>/starta/", views.starta, name="starta"),
    path("deltaganden/<int:pk>/avsluta/", views.avsluta, name="avsluta"),
    path("deltaganden/<int:pk>/journal/", views.journal_ny, name="journal_ny"),
    path("omgangar/", views.omgangar, name="omgangar"),
    path("omgangar/<int:pk>/", views.omgang, name="omgang"),
    path("omgangar/<int:pk>/stall-in/", views.stall_in, name="stall_in"),
    path("omgangar/<int:pk>/avsluta/", views.avsluta_omgang, name="avsluta_omgang"),
    path("traffar/<int:pk>/", views.traff, name="traff"),
    path("oppning/", views.oppning_valj_insats, name="oppning_valj"),
    path("oppning/insats/<int:insats_pk>/", views.oppning_ny, name="oppning_ny"),
    path("logg/", loggkontroll.logg, name="logg"),
    path("registerutdrag/", registerutdrag.registerutdrag, name="registerutdrag"),
    path("logg/granskning/<int:ar>-<int:manad>/", loggkontroll.granskning, name="granskning"),
]
