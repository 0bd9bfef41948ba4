"""URLs: the journalists' pages, the API under /api/, the admin."""

from django.contrib import admin
from django.urls import include, path

from summit_kb.views import healthz

admin.site.site_header = "Summit KB editors"
admin.site.site_title = "Summit KB"
admin.site.index_title = "Articles, entities and the timeline"
# The side menu took a fifth of a 1280 px screen from every list; the breadcrumbs and the
# home page lead everywhere it did.
admin.site.enable_nav_sidebar = False

urlpatterns = [
    path("admin/", admin.site.urls),
    path("healthz", healthz, name="healthz"),
    path("api/", include("summit_kb.api_urls")),
    path("", include("summit_kb.site_urls")),
]
