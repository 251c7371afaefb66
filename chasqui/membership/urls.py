from django.urls import path

from . import views_account, views_join

app_name = "membership"
urlpatterns = [
    path("join/", views_join.join, name="join"),
    path("join/done/<str:token>/", views_join.join_done, name="join_done"),
    path("renew/<str:token>/", views_join.renew, name="renew"),
    # The members' own area.
    path("", views_account.account, name="account"),
    path("sign-in/", views_account.sign_in, name="sign_in"),
    path("sign-in/code/", views_account.enter_code, name="enter_code"),
    path("sign-in/link/<str:token>/", views_account.sign_in_link, name="sign_in_link"),
    path("sign-out/", views_account.sign_out, name="sign_out"),
    path("plan/", views_account.change_plan, name="change_plan"),
    path("payment-method/", views_account.change_payment_method, name="change_payment_method"),
    path("address/", views_account.update_address, name="update_address"),
    path("consents/", views_account.update_consents, name="update_consents"),
    path("gift-aid/", views_account.gift_aid, name="gift_aid"),
    path("receipts/<int:payment_id>/", views_account.receipt, name="receipt"),
    path("my-data/", views_account.download_data, name="data_export"),
    path("cancel/", views_account.cancel, name="cancel"),
    path("erase/", views_account.erase, name="erase"),
    path("erased/", views_account.erased, name="erased"),
]
