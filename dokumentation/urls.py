from django.urls import path

from dokumentation.deltagande import views as deltagande
from dokumentation.hittills import views as hittills
from dokumentation.journal import views as journal
from dokumentation.kontakter import views as kontakter
from dokumentation.logg import chefer, granskning, registerutdrag
from dokumentation.orosanmalan import views as orosanmalan
from dokumentation.rattelser import views as rattelser
from dokumentation.tillfallen import views as tillfallen
from dokumentation.tillfallen import views_intag as intag

app_name = "dokumentation"
urlpatterns = [
    path("kontakt/", kontakter.kontakt_valj_insats, name="kontakt_valj"),
    path("kontakt/insats/<int:insats_pk>/", kontakter.kontakt_ny, name="kontakt_ny"),
    path("kontakt/<int:pk>/", kontakter.kontakt_klar, name="kontakt_klar"),
    path("deltaganden/", deltagande.deltaganden, name="deltaganden"),
    path("deltaganden/vilande/", deltagande.vilande_deltaganden, name="vilande"),
    path("deltaganden/ny-kod/", deltagande.ny_kod_valj_insats, name="ny_kod_valj"),
    path("deltaganden/ny-kod/insats/<int:insats_pk>/", deltagande.ny_kod, name="ny_kod"),
    path("deltaganden/<int:pk>/", deltagande.deltagande, name="deltagande"),
    path("deltaganden/<int:pk>/samtal/", deltagande.samtal_ny, name="samtal_ny"),
    path("deltaganden/<int:pk>/hanvisa/", deltagande.hanvisa, name="hanvisa"),
    path("deltaganden/<int:pk>/starta/", deltagande.starta, name="starta"),
    path("deltaganden/<int:pk>/avsluta/", deltagande.avsluta, name="avsluta"),
    path("deltaganden/<int:pk>/journal/", journal.journal_ny, name="journal_ny"),
    path("omgangar/", tillfallen.omgangar, name="omgangar"),
    path("omgangar/<int:pk>/", tillfallen.omgang, name="omgang"),
    path("omgangar/<int:pk>/skriv-in/", intag.skriv_in, name="skriv_in"),
    path("omgangar/<int:pk>/stall-in/", tillfallen.stall_in, name="stall_in"),
    path("omgangar/<int:pk>/avsluta/", tillfallen.omgang_avsluta, name="avsluta_omgang"),
    path(
        "omgangar/<int:pk>/avsluta-deltagare/",
        tillfallen.avsluta_deltagare,
        name="avsluta_deltagare",
    ),
    path("traffar/<int:pk>/", tillfallen.traff, name="traff"),
    path("oppning/", tillfallen.oppning_valj_insats, name="oppning_valj"),
    path("oppning/insats/<int:insats_pk>/", tillfallen.oppning_ny, name="oppning_ny"),
    path("registreringar/", rattelser.registreringar, name="registreringar"),
    path("rattelser/", rattelser.rattelser, name="rattelser"),
    path("ratta/<str:post_>/<int:pk>/", rattelser.ratta, name="ratta"),
    path("makulera/<str:post_>/<int:pk>/", rattelser.makulera, name="makulera"),
    path("historik/<str:post_>/<int:pk>/", rattelser.historik, name="historik"),
    path("oro-for-barn/", orosanmalan.valj_insats, name="oro_valj"),
    path("oro-for-barn/insats/<int:insats_pk>/", orosanmalan.oro, name="oro"),
    path("hittills/", hittills.hittills_i_ar, name="hittills"),
    path("logg/", granskning.logg, name="logg"),
    path("registerutdrag/", registerutdrag.registerutdrag, name="registerutdrag"),
    path("logg/granskning/<int:ar>-<int:manad>/", granskning.granskning, name="granskning"),
    # The verksamhetschef's review of the enhetschefer's own reads (dokumentation/logg/chefer.py).
    path("logg/chefer/", chefer.chefernas_logg, name="chefernas_logg"),
    path(
        "logg/chefer/<int:ar>-<int:manad>/",
        chefer.chefernas_granskning,
        name="chefernas_granskning",
    ),
]
