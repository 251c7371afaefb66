from django.urls import path

from . import views

app_name = "subscribers"
urlpatterns = [
    path("", views.subscribe, name="subscribe"),
    path("check-your-email/", views.check_email, name="check_email"),
    path("confirm/<str:token>/", views.confirm, name="confirm"),
    path("confirmed/", views.confirmed, name="confirmed"),
    path("unsubscribe/<str:token>/", views.unsubscribe, name="unsubscribe"),
    path("unsubscribe/<str:token>/one-click/", views.one_click_unsubscribe, name="one_click_unsubscribe"),
    path("unsubscribed/", views.unsubscribed, name="unsubscribed"),
]
