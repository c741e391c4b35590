from django.urls import path

from insatser import views, views_beslut, views_katalog

app_name = "insatser"
urlpatterns = [
    path("", views.index, name="index"),
    path("importera/", views_katalog.importera, name="importera"),
    path("insats/<int:pk>/", views.detalj, name="insats"),
    path("insats/<int:pk>/andra/", views.andra, name="andra"),
    path("insats/<int:pk>/upphor/", views.upphor, name="upphor"),
    path("insats/<int:pk>/ta-bort/", views.ta_bort, name="ta_bort"),
    path("insats/<int:pk>/jamfor/", views.jamfor, name="jamfor"),
    path("andring/<int:pk>/aterkalla/", views.aterkalla_andring, name="aterkalla_andring"),
    path("beslut/<int:pk>/", views_beslut.beslut, name="beslut"),
    path("beslut/<int:pk>/for-in/", views_beslut.for_in_beslut, name="for_in_beslut"),
    path("<slug:slug>/", views.lista, name="lista"),
    path("<slug:slug>/ny/", views.ny, name="ny"),
    path("<slug:slug>/beslut/", views_beslut.beslut_lista, name="beslut_lista"),
    path("<slug:slug>/per-datum/", views_beslut.per_datum, name="per_datum"),
    path("<slug:slug>/jamfor-beslut/", views_beslut.jamfor_beslut, name="jamfor_beslut"),
    path("<slug:slug>/uppgifter/", views_katalog.installningar, name="installningar"),
    path("<slug:slug>/exportera/", views_katalog.exportera, name="exportera"),
]
