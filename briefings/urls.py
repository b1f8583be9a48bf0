from django.urls import path

from briefings.views import briefings as views

app_name = "briefings"
urlpatterns = [
    path("", views.briefing_list, name="list"),
    path("briefings/<int:pk>/", views.briefing_detail, name="detail"),
]
