"""Browser security headers (docs/security.md): the Content Security Policies, Permissions-Policy,
Referrer-Policy and Cross-Origin-Opener-Policy, kept apart from base.py's other settings."""

from django.utils.csp import CSP

# Browser security headers (docs/security.md): a strict Content Security Policy on the public site and
# the members' area, where only the page's own files and elements carrying the request's nonce run;
# the Wagtail admin, whose own inline scripts and styles need it, gets a looser one of its own.
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF, CSP.NONCE],
    "style-src": [CSP.SELF, CSP.NONCE],
    "img-src": [CSP.SELF, "data:"],
    "object-src": [CSP.NONE],
    "base-uri": [CSP.SELF],
    # Browsers hold a form's redirect to this list too: joining or renewing by card goes to Stripe Checkout.
    "form-action": [CSP.SELF, "https://checkout.stripe.com"],
    "frame-ancestors": [CSP.NONE],
}
CHASQUI_ADMIN_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF, CSP.UNSAFE_INLINE, CSP.UNSAFE_EVAL],
    "style-src": [CSP.SELF, CSP.UNSAFE_INLINE],
    "img-src": [CSP.SELF, "data:", "blob:"],
    "object-src": [CSP.NONE],
    "base-uri": [CSP.SELF],
    "form-action": [CSP.SELF],
    # The admin shows its own previews in frames.
    "frame-ancestors": [CSP.SELF],
}
# Browser features no page of the site uses, refused to anything a page might embed or inject.
CHASQUI_PERMISSIONS_POLICY = {
    feature: []
    for feature in (
        "accelerometer",
        "autoplay",
        "camera",
        "display-capture",
        "geolocation",
        "gyroscope",
        "magnetometer",
        "microphone",
        "midi",
        "payment",
        "usb",
        "browsing-topics",
    )
}
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
