from django.urls import path

from timeline import views
from timeline.feeds import TimelineFeed

app_name = "timeline"

urlpatterns = [
    path("", views.timeline, name="index"),
    path("feed/", TimelineFeed(), name="feed"),
    # Event slugs start with their date, so no event can be called "story".
    path("story/", views.story, name="story"),
    path("<slug:slug>/", views.event_detail, name="event"),
]
