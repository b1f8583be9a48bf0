from django.urls import path

from geo import views

app_name = "geo"
urlpatterns = [
    path("maps/itinerary/", views.itinerary, name="itinerary"),
    path("maps/sco/", views.sco, name="sco"),
]
