"""Commentary and editors' corrections, included at the site root."""

from django.urls import path

from briefings.views import commentary as views

app_name = "commentary"
urlpatterns = [
    # A target's thread: GET shows it, POST adds to it.
    path("briefings/<int:key>/commentary/", views.thread_page, {"kind": "article"}, name="article"),
    path("events/<int:key>/commentary/", views.thread_page, {"kind": "event"}, name="event"),
    path("quotes/<int:key>/commentary/", views.thread_page, {"kind": "quote"}, name="quote"),
    path("countries/<str:key>/commentary/", views.thread_page, {"kind": "country"}, name="country"),
    path("commentary/", views.feed, name="feed"),
    path("commentary/<int:pk>/", views.comment_detail, name="comment"),
    path("commentary/<int:pk>/edit/", views.edit, name="edit"),
    path("commentary/<int:pk>/delete/", views.delete, name="delete"),
    path("commentary/<int:pk>/hide/", views.hide, name="hide"),
    # Editors' corrections of extracted data, each change recorded.
    path("quotes/<int:pk>/speaker/", views.quote_speaker, name="quote_speaker"),
    path("events/<int:pk>/dates/", views.event_dates, name="event_dates"),
    path("people/<int:pk>/merge/", views.person_merge, name="person_merge"),
]
