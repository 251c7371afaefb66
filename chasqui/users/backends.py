from axes.backends import AxesStandaloneBackend


class SignInThrottleBackend(AxesStandaloneBackend):
    """django-axes' lock-out check for every sign-in that comes from a web request.

    A sign-in with no request (the shell, a management command, the test client's login())
    has no address to count and no visitor to lock out, so it is left to the next backend
    rather than refused; every sign-in form passes its request and is throttled.
    """

    def authenticate(self, request, username=None, password=None, **kwargs):
        if request is None:
            return None
        return super().authenticate(request, username=username, password=password, **kwargs)
