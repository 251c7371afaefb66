from django.contrib.auth.models import AbstractUser


class User(AbstractUser):
    """The project's own user model, so later fields need no table swap."""

    class Meta(AbstractUser.Meta):
        permissions = [("lift_sign_in_lockout", "Can lift sign-in lock-outs")]
