from django.apps import AppConfig


class SubscribersConfig(AppConfig):
    name = "chasqui.subscribers"
    label = "subscribers"

    def ready(self):
        # Provider webhooks arrive in any process serving the site, so connect here, not in the admin.
        from anymail.signals import tracking

        from .receivers import record_tracking_event

        tracking.connect(record_tracking_event, dispatch_uid="chasqui_subscribers_tracking")
