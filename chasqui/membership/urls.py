from django.urls import path

from .account import more_views
from .account import views as account_views
from .join import views as join_views

app_name = "membership"
urlpatterns = [
    path("join/", join_views.join, name="join"),
    path("join/sent/", join_views.join_sent, name="join_sent"),
    path("join/done/<str:token>/", join_views.join_done, name="join_done"),
    path("renew/<str:token>/", join_views.renew, name="renew"),
    # The members' own area.
    path("", account_views.account, name="account"),
    path("sign-in/", account_views.sign_in, name="sign_in"),
    path("sign-in/code/", account_views.enter_code, name="enter_code"),
    path("sign-in/link/<str:token>/", account_views.sign_in_link, name="sign_in_link"),
    path("sign-out/", account_views.sign_out, name="sign_out"),
    path("sign-out/everywhere/", account_views.sign_out_everywhere, name="sign_out_everywhere"),
    path("plan/", account_views.change_plan, name="change_plan"),
    path("payment-method/", account_views.change_payment_method, name="change_payment_method"),
    path("address/", account_views.update_address, name="update_address"),
    path("consents/", account_views.update_consents, name="update_consents"),
    path("gift-aid/", account_views.gift_aid, name="gift_aid"),
    path("receipts/<int:payment_id>/", account_views.receipt, name="receipt"),
    path("my-data/", account_views.download_data, name="data_export"),
    path("my-data/summary/", more_views.data_summary, name="data_summary"),
    path("email/", more_views.change_email, name="change_email"),
    path("email/confirm/", more_views.confirm_email, name="confirm_email"),
    path("cancel/", account_views.cancel, name="cancel"),
    path("erase/", account_views.erase, name="erase"),
    path("erased/", account_views.erased, name="erased"),
]
