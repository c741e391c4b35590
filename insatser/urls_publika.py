from django.urls import path

from insatser import views_publika

app_name = "publik"
urlpatterns = [
    path("", views_publika.start, name="start"),
    path("insatser/<slug:slug>/", views_publika.katalog, name="katalog"),
    path("insatser/<slug:slug>/utskrift/", views_publika.utskrift, name="utskrift"),
    path(
        "insatser/<slug:slug>/tillganglighet/",
        views_publika.tillganglighet,
        name="tillganglighet",
    ),
    path("insatser/<slug:slug>/<int:pk>/", views_publika.insats, name="insats"),
]
