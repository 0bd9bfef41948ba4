"""The journalists' pages: the story at a glance, the timeline, entities, articles, quotes,
search and feeds."""

urlpatterns: list = []
