"""The application's URLs and /golv/, the load benchmark's floor."""

from django.urls import path

from bench.golv import golv
from config.urls import urlpatterns as applikationen

urlpatterns = [path("golv/", golv, name="golv"), *applikationen]
