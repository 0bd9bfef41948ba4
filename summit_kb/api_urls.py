"""The API under /api/: version 1, the OpenAPI schema and its documentation page."""

from django.urls import path, re_path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView

from articles.api import ArticleDetailView, ArticleListView, QuoteListView
from entities.api import EntityDetailView, EntityListView
from summit_kb.api import api_not_found
from timeline.api import EventEvidenceView, TimelineJSView, TimelineView

urlpatterns = [
    path("v1/timeline/", TimelineView.as_view(), name="api-timeline"),
    path("v1/timeline/timelinejs/", TimelineJSView.as_view(), name="api-timelinejs"),
    path(
        "v1/timeline/<slug:slug>/evidence/",
        EventEvidenceView.as_view(),
        name="api-event-evidence",
    ),
    path("v1/entities/", EntityListView.as_view(), name="api-entities"),
    path("v1/entities/<slug:slug>/", EntityDetailView.as_view(), name="api-entity-detail"),
    path("v1/quotes/", QuoteListView.as_view(), name="api-quotes"),
    # The names the ingestion issue gave these two stay: other code reverses them.
    path("v1/articles/", ArticleListView.as_view(), name="api-article-submit"),
    path("v1/articles/<int:pk>/", ArticleDetailView.as_view(), name="api-article-status"),
    path("schema/", SpectacularAPIView.as_view(), name="api-schema"),
    # The split view serves its start-up script as a file: no inline script, so the page
    # works under the Content-Security-Policy (summit_kb.security).
    path(
        "docs/",
        SpectacularSwaggerSplitView.as_view(
            url_name="api-schema", template_name="api/swagger_ui.html"
        ),
        name="api-docs",
    ),
    re_path(r"^", api_not_found),
]
