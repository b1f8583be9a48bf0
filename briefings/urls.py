from django.urls import path

from briefings.views import briefings as views
from briefings.views import runs

app_name = "briefings"
urlpatterns = [
    path("", views.briefing_list, name="list"),
    path("briefings/<int:pk>/", views.briefing_detail, name="detail"),
    path("quotes/", views.quote_list, name="quotes"),
    path("events/", views.event_list, name="events"),
    path("countries/", views.country_list, name="countries"),
    path("countries/<str:code>/", views.country_detail, name="country"),
    path("runs/", runs.run_list, name="runs"),
    path("runs/<int:pk>/", runs.run_detail, name="run"),
    path("runs/<int:pk>/retry/", runs.run_retry, name="run_retry"),
]
