"""Signing in to the members' area with a one-time code or link sent by email: nothing to remember.

Only a keyed hash of each code is stored. The code is made inside the background task that emails
it, so the plain code is never written anywhere (not even in the task queue). A code works once,
for CODE_LIFETIME, and is locked after MAX_ATTEMPTS wrong guesses.
"""

import functools
import secrets
from dataclasses import dataclass
from datetime import timedelta
from urllib.parse import urlencode

from django.core import signing
from django.db import transaction
from django.db.models import F
from django.shortcuts import redirect
from django.tasks import task
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.crypto import constant_time_compare, salted_hmac

from chasqui.core.mail import build_email, send_emails
from chasqui.core.sites import absolute_url

from ..models import Member, SignInCode
from ..organisation import organisation_name

CODE_LIFETIME = timedelta(minutes=15)
MAX_ATTEMPTS = 5
CODE_DIGITS = 6
SESSION_KEY = "membership_member_id"
PENDING_EMAIL_SESSION_KEY = "membership_sign_in_email"
LINK_SALT = "chasqui.membership.sign-in-link"
HASH_SALT = "chasqui.membership.sign-in-code"


def normalise_email(email):
    return (email or "").strip().lower()


def find_member(email):
    """The member (not erased) with this address, or None."""
    email = normalise_email(email)
    if not email:
        return None
    return Member.objects.not_erased().filter(email__iexact=email).first()


def hash_code(member_id, code):
    """Keyed with SECRET_KEY and the member, so a stolen table reveals no usable code."""
    return salted_hmac(HASH_SALT, f"{member_id}:{code}", algorithm="sha256").hexdigest()


def new_code():
    return f"{secrets.randbelow(10**CODE_DIGITS):0{CODE_DIGITS}d}"


@transaction.atomic
def issue_code(member, now=None):
    """A fresh code for `member`; earlier unused codes stop working. Returns (SignInCode, plain code)."""
    now = now or timezone.now()
    SignInCode.objects.filter(member=member, used_at__isnull=True).delete()
    code = new_code()
    sign_in_code = SignInCode.objects.create(
        member=member, code_hash=hash_code(member.pk, code), created_at=now, expires_at=now + CODE_LIFETIME
    )
    return sign_in_code, code


def link_token(sign_in_code, code):
    """The emailed link carries the same one-time code, signed so that it cannot be altered."""
    return signing.dumps({"id": sign_in_code.pk, "code": code}, salt=LINK_SALT)


def sign_in_link(sign_in_code, code, language):
    with translation.override(language):
        path = reverse("membership:sign_in_link", args=[link_token(sign_in_code, code)])
    return absolute_url(path)


def sign_in_message(member, code, link):
    context = {
        "member": member,
        "code": code,
        "link": link,
        "minutes": int(CODE_LIFETIME.total_seconds() // 60),
        "organisation_name": organisation_name(),
    }
    return build_email("membership/account/email/sign_in", context, member.email, language=member.language)


@task()
def send_sign_in_email(member_id):
    """Make a code and email it with its link; the plain code exists only in this message."""
    member = Member.objects.not_erased().filter(pk=member_id).first()
    if member is None:
        return False
    sign_in_code, code = issue_code(member)
    message = sign_in_message(member, code, sign_in_link(sign_in_code, code, member.language))
    send_emails([message])
    return True


def request_code(email):
    """Email a code if `email` belongs to a member; the caller answers the same way either way."""
    member = find_member(email)
    if member is not None:
        send_sign_in_email.enqueue(member.pk)
    return member is not None


class Outcome:
    SIGNED_IN = "signed_in"
    WRONG = "wrong"  # wrong, expired, used, or no such member: one answer for all
    LOCKED = "locked"


@dataclass
class CheckResult:
    outcome: str
    member: Member | None = None


@transaction.atomic
def _check(sign_in_code_query, code, now):
    sign_in_code = (
        sign_in_code_query.select_for_update()
        .filter(used_at__isnull=True, expires_at__gt=now)
        .select_related("member")
        .order_by("-created_at", "-pk")
        .first()
    )
    if sign_in_code is None or sign_in_code.member.erased_at:
        return CheckResult(Outcome.WRONG)
    if sign_in_code.attempts >= MAX_ATTEMPTS:
        return CheckResult(Outcome.LOCKED)
    if constant_time_compare(sign_in_code.code_hash, hash_code(sign_in_code.member_id, code)):
        sign_in_code.used_at = now
        sign_in_code.save(update_fields=["used_at"])
        return CheckResult(Outcome.SIGNED_IN, sign_in_code.member)
    SignInCode.objects.filter(pk=sign_in_code.pk).update(attempts=F("attempts") + 1)
    locked = sign_in_code.attempts + 1 >= MAX_ATTEMPTS
    return CheckResult(Outcome.LOCKED if locked else Outcome.WRONG)


def check_code(email, code, now=None):
    """Check a typed code against the member's latest live code."""
    now = now or timezone.now()
    member = find_member(email)
    code = "".join((code or "").split())
    if member is None or not code.isdigit():
        return CheckResult(Outcome.WRONG)
    return _check(SignInCode.objects.filter(member=member), code, now)


def check_member_code(member, code, now=None):
    """Check a code sent to `member` for another purpose (confirming a new address): same rules."""
    code = "".join((code or "").split())
    if not code.isdigit():
        return CheckResult(Outcome.WRONG)
    return _check(SignInCode.objects.filter(member=member), code, now or timezone.now())


def check_link(token, now=None):
    """Check the token from an emailed link; it holds the code, so it obeys the same rules."""
    now = now or timezone.now()
    try:
        data = signing.loads(token, salt=LINK_SALT, max_age=CODE_LIFETIME)
        sign_in_code_id, code = int(data["id"]), str(data["code"])
    except (signing.BadSignature, KeyError, TypeError, ValueError):
        return CheckResult(Outcome.WRONG)
    return _check(SignInCode.objects.filter(pk=sign_in_code_id), code, now)


def is_valid_link(token):
    """Whether a link could still sign in (without using it): decides what its GET page says."""
    try:
        data = signing.loads(token, salt=LINK_SALT, max_age=CODE_LIFETIME)
        sign_in_code_id = int(data["id"])
    except (signing.BadSignature, KeyError, TypeError, ValueError):
        return False
    return SignInCode.objects.filter(
        pk=sign_in_code_id, used_at__isnull=True, expires_at__gt=timezone.now(), attempts__lt=MAX_ATTEMPTS
    ).exists()


# Session: the signed-in member's pk, nothing else.


def sign_in(request, member):
    """A new session key on sign-in, so a session id planted before it is worthless."""
    request.session.cycle_key()
    request.session[SESSION_KEY] = member.pk
    request.session.pop(PENDING_EMAIL_SESSION_KEY, None)
    request.membership_member = member


def sign_out(request):
    request.session.pop(SESSION_KEY, None)
    request.session.cycle_key()
    request.membership_member = None


def current_member(request):
    """The signed-in member, or None (also when they have since been erased)."""
    if not hasattr(request, "membership_member"):
        member_id = request.session.get(SESSION_KEY)
        member = None
        if member_id is not None:
            member = (
                Member.objects.not_erased().select_related("plan", "next_plan").filter(pk=member_id).first()
            )
        request.membership_member = member
    return request.membership_member


def member_required(view):
    """Passes the signed-in member to the view; sends anyone else to the sign-in page."""

    @functools.wraps(view)
    def wrapper(request, *args, **kwargs):
        member = current_member(request)
        if member is None:
            return redirect(f"{reverse('membership:sign_in')}?{urlencode({'next': request.get_full_path()})}")
        return view(request, member, *args, **kwargs)

    return wrapper
