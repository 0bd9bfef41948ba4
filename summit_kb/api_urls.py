"""The API under /api/: version 1, the OpenAPI schema and its documentation page."""

from django.urls import path

from articles.api import ArticleStatusView, ArticleSubmitView

urlpatterns = [
    path("v1/articles/", ArticleSubmitView.as_view(), name="api-article-submit"),
    path("v1/articles/<int:pk>/", ArticleStatusView.as_view(), name="api-article-status"),
]
