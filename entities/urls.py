from django.urls import path

from entities import views
from entities.feeds import EntityFeed

app_name = "entities"

urlpatterns = [
    path("", views.entity_list, name="index"),
    path("<slug:slug>/", views.entity_detail, name="detail"),
    path("<slug:slug>/feed/", EntityFeed(), name="feed"),
]
