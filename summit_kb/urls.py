"""URLs: the journalists' pages, the API under /api/v1/, the admin."""

from django.contrib import admin
from django.urls import path

from articles.api import ArticleStatusView, ArticleSubmitView
from summit_kb.views import healthz

admin.site.site_header = "Summit KB editors"
admin.site.site_title = "Summit KB"
admin.site.index_title = "Articles, entities and the timeline"

api_v1 = [
    path("api/v1/articles/", ArticleSubmitView.as_view(), name="api-article-submit"),
    path("api/v1/articles/<int:pk>/", ArticleStatusView.as_view(), name="api-article-status"),
]

urlpatterns = [
    path("admin/", admin.site.urls),
    path("healthz", healthz, name="healthz"),
    *api_v1,
]
