"""The journalists' pages: the story at a glance, the timeline, entities, articles, quotes,
search and feeds."""

from django.urls import include, path

from articles.views import quote_list
from summit_kb.site_views import home, search

urlpatterns = [
    path("", home, name="home"),
    path("timeline/", include("timeline.urls")),
    path("entities/", include("entities.urls")),
    path("articles/", include("articles.urls")),
    path("quotes/", quote_list, name="quotes"),
    path("search/", search, name="search"),
]
