from django.urls import path

from insatser.views import publika

app_name = "publik"
urlpatterns = [
    path("", publika.start, name="start"),
    path("insatser/<slug:slug>/", publika.katalog, name="katalog"),
    path("insatser/<slug:slug>/utskrift/", publika.utskrift, name="utskrift"),
    path(
        "insatser/<slug:slug>/tillganglighet/",
        publika.tillganglighet,
        name="tillganglighet",
    ),
    path("insatser/<slug:slug>/<int:pk>/", publika.insats, name="insats"),
]
