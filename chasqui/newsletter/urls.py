from django.urls import path

from . import feeds, views

app_name = "newsletter"
urlpatterns = [
    path("", views.archive, name="archive"),
    path("feed/", feeds.BulletinRssFeed(), name="feed"),
    path("feed/atom/", feeds.BulletinAtomFeed(), name="atom_feed"),
    path("<int:number>/", views.detail, name="detail"),
    path("preview/<str:token>/", views.preview, name="preview"),
]
