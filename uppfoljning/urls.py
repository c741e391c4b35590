from django.urls import path

from uppfoljning import views, views_nycklar

app_name = "uppfoljning"
urlpatterns = [
    path("", views.index, name="index"),
    path("insats/<int:insats_pk>/<int:ar>/", views.arsuppfoljning, name="arsuppfoljning"),
    path("riktlinje/<str:period>/", views.riktlinje, name="riktlinje"),
    path("publiceringar/", views.publiceringar, name="publiceringar"),
    path("rapport/<int:ar>/", views.rapport, name="rapport"),
    path("rapport/<int:ar>.<str:format>", views.rapport, name="rapport_fil"),
]
urlpatterns += [
    path("export/publicerat.<str:format>", views.oppen_export, name="oppen_export"),
]
urlpatterns += [
    path("exportnycklar/", views_nycklar.nycklar, name="exportnycklar"),
    path(
        "exportnycklar/<int:pk>/aterkalla/", views_nycklar.aterkalla, name="aterkalla_exportnyckel"
    ),
]
