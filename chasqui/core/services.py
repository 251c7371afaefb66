"""Site-wide operations that commands and tests share."""

import secrets

from django.contrib.auth import get_user_model


def ensure_admin_account(username="admin", email="admin@example.org"):
    """Creates the superuser with a random password, returned once; an existing account is never touched.

    Returns (user, password); password is None when the account already existed.
    """
    User = get_user_model()
    user = User.objects.filter(username=username).first()
    if user is not None:
        return user, None
    password = secrets.token_urlsafe(18)
    user = User.objects.create_superuser(username=username, email=email, password=password)
    return user, password
