from django.urls import path

from insatser.views import beslut, insats, katalog

app_name = "insatser"
urlpatterns = [
    path("", insats.index, name="index"),
    path("importera/", katalog.importera, name="importera"),
    path("insats/<int:pk>/", insats.detalj, name="insats"),
    path("insats/<int:pk>/andra/", insats.andra, name="andra"),
    path("insats/<int:pk>/upphor/", insats.upphor, name="upphor"),
    path("insats/<int:pk>/ta-bort/", insats.ta_bort, name="ta_bort"),
    path("insats/<int:pk>/jamfor/", insats.jamfor, name="jamfor"),
    path("andring/<int:pk>/aterkalla/", insats.aterkalla_andring, name="aterkalla_andring"),
    path("beslut/<int:pk>/", beslut.beslut, name="beslut"),
    path("beslut/<int:pk>/for-in/", beslut.for_in_beslut, name="for_in_beslut"),
    path("<slug:slug>/", insats.lista, name="lista"),
    path("<slug:slug>/ny/", insats.ny, name="ny"),
    path("<slug:slug>/beslut/", beslut.beslut_lista, name="beslut_lista"),
    path("<slug:slug>/per-datum/", beslut.per_datum, name="per_datum"),
    path("<slug:slug>/jamfor-beslut/", beslut.jamfor_beslut, name="jamfor_beslut"),
    path("<slug:slug>/uppgifter/", katalog.installningar, name="installningar"),
    path("<slug:slug>/exportera/", katalog.exportera, name="exportera"),
]
