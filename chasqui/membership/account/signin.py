"""Signing in to the members' area with a one-time code or link sent by email: nothing to remember.

Only keyed hashes are stored. The code, and the link's own random secret (the link does not carry
the code), are made inside the background task that emails them, so neither is written anywhere
else (not even in the task queue). A code works once, for CODE_LIFETIME, and stops after
MAX_ATTEMPTS wrong guesses. Wrong guesses also add up across codes: after DAILY_FAILURES in a day
signing in by code or link is locked for LOCK_PERIOD, and the member is told once by email.
"""

import functools
import secrets
from dataclasses import dataclass
from datetime import timedelta
from urllib.parse import urlencode

from django.conf import settings
from django.core import signing
from django.db import transaction
from django.db.models import F, Q, Sum
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
DAILY_FAILURES = 10
FAILURE_WINDOW = timedelta(days=1)
LOCK_PERIOD = timedelta(days=1)
CODE_DIGITS = 6
SESSION_KEY = "membership_member_id"
GENERATION_SESSION_KEY = "membership_session_generation"
SIGNED_IN_AT_SESSION_KEY = "membership_signed_in_at"
SEEN_AT_SESSION_KEY = "membership_seen_at"
PENDING_EMAIL_SESSION_KEY = "membership_sign_in_email"
LINK_SALT = "chasqui.membership.sign-in-link.v2"
HASH_SALT = "chasqui.membership.sign-in-code"
LINK_HASH_SALT = "chasqui.membership.sign-in-link-secret"


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


def hash_link_secret(secret):
    return salted_hmac(LINK_HASH_SALT, secret, algorithm="sha256").hexdigest()


def new_code():
    return f"{secrets.randbelow(10**CODE_DIGITS):0{CODE_DIGITS}d}"


@transaction.atomic
def issue_code(member, now=None):
    """A fresh code for `member`; earlier live codes stop working (kept: their wrong guesses
    still count). Returns (SignInCode, plain code)."""
    now = now or timezone.now()
    SignInCode.objects.filter(member=member, used_at__isnull=True, expires_at__gt=now).update(expires_at=now)
    code = new_code()
    sign_in_code = SignInCode.objects.create(
        member=member, code_hash=hash_code(member.pk, code), created_at=now, expires_at=now + CODE_LIFETIME
    )
    return sign_in_code, code


def issue_link_token(sign_in_code):
    """A link for the code: a random single-use secret (only its hash stored), signed with the
    code's id, so the link reveals nothing about the six digits and cannot be altered."""
    secret = secrets.token_urlsafe(32)
    SignInCode.objects.filter(pk=sign_in_code.pk).update(link_hash=hash_link_secret(secret))
    return signing.dumps({"id": sign_in_code.pk, "secret": secret}, salt=LINK_SALT)


def sign_in_link(token, language):
    with translation.override(language):
        path = reverse("membership:sign_in_link", args=[token])
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


def is_locked(member, now=None):
    locked_until = member.sign_in_locked_until
    return locked_until is not None and locked_until > (now or timezone.now())


@task()
def send_sign_in_email(member_id):
    """Make a code and its link and email them; the plain code exists only in this message."""
    member = Member.objects.not_erased().filter(pk=member_id).first()
    if member is None or is_locked(member):
        return False
    sign_in_code, code = issue_code(member)
    link = sign_in_link(issue_link_token(sign_in_code), member.language)
    send_emails([sign_in_message(member, code, link)])
    return True


@task()
def send_locked_notice(member_id):
    """Tell the member, once per lock, that sign-in by code is paused after many wrong codes."""
    member = Member.objects.not_erased().filter(pk=member_id).first()
    if member is None:
        return False
    context = {
        "member": member,
        "hours": int(LOCK_PERIOD.total_seconds() // 3600),
        "organisation_name": organisation_name(),
    }
    send_emails(
        [
            build_email(
                "membership/account/email/sign_in_locked", context, member.email, language=member.language
            )
        ]
    )
    return True


def request_code(email):
    """Email a code if `email` belongs to a member; the caller answers the same way either way."""
    member = find_member(email)
    if member is not None and not is_locked(member):
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


def recent_failures(member, now):
    """Wrong guesses on the member's codes of the last day (since any earlier lock ended)."""
    since = now - FAILURE_WINDOW
    if member.sign_in_locked_until and member.sign_in_locked_until > since:
        since = member.sign_in_locked_until
    codes = SignInCode.objects.filter(member=member, created_at__gte=since)
    return codes.aggregate(total=Sum("attempts"))["total"] or 0


def _count_failure(sign_in_code, now):
    """One more wrong guess; past the day's limit the member is locked and told (once)."""
    SignInCode.objects.filter(pk=sign_in_code.pk).update(attempts=F("attempts") + 1)
    member = sign_in_code.member
    if recent_failures(member, now) < DAILY_FAILURES:
        return
    newly_locked = (
        Member.objects.filter(pk=member.pk)
        .filter(Q(sign_in_locked_until__isnull=True) | Q(sign_in_locked_until__lte=now))
        .update(sign_in_locked_until=now + LOCK_PERIOD)
    )
    if newly_locked:
        transaction.on_commit(lambda: send_locked_notice.enqueue(member.pk))


@transaction.atomic
def _check(sign_in_code_query, matches, now):
    """The latest live code of the query, checked with `matches(sign_in_code)`."""
    sign_in_code = (
        sign_in_code_query.select_for_update()
        .filter(used_at__isnull=True, expires_at__gt=now)
        .select_related("member")
        .order_by("-created_at", "-pk")
        .first()
    )
    if sign_in_code is None or sign_in_code.member.erased_at:
        return CheckResult(Outcome.WRONG)
    if is_locked(sign_in_code.member, now) or sign_in_code.attempts >= MAX_ATTEMPTS:
        return CheckResult(Outcome.LOCKED)
    if matches(sign_in_code):
        sign_in_code.used_at = now
        sign_in_code.save(update_fields=["used_at"])
        return CheckResult(Outcome.SIGNED_IN, sign_in_code.member)
    _count_failure(sign_in_code, now)
    locked = sign_in_code.attempts + 1 >= MAX_ATTEMPTS
    return CheckResult(Outcome.LOCKED if locked else Outcome.WRONG)


def _code_matcher(code):
    return lambda sign_in_code: constant_time_compare(
        sign_in_code.code_hash, hash_code(sign_in_code.member_id, code)
    )


def check_code(email, code, now=None):
    """Check a typed code against the member's latest live code."""
    now = now or timezone.now()
    member = find_member(email)
    code = "".join((code or "").split())
    if member is None or not code.isdigit():
        return CheckResult(Outcome.WRONG)
    return _check(SignInCode.objects.filter(member=member), _code_matcher(code), now)


def check_member_code(member, code, now=None):
    """Check a code sent to `member` for another purpose (confirming a new address): same rules."""
    code = "".join((code or "").split())
    if not code.isdigit():
        return CheckResult(Outcome.WRONG)
    return _check(SignInCode.objects.filter(member=member), _code_matcher(code), now or timezone.now())


def _link_data(token):
    try:
        data = signing.loads(token, salt=LINK_SALT, max_age=CODE_LIFETIME)
        return int(data["id"]), str(data["secret"])
    except (signing.BadSignature, KeyError, TypeError, ValueError):
        return None, None


def check_link(token, now=None):
    """Check the token from an emailed link: its secret, once, under the same rules as the code."""
    sign_in_code_id, secret = _link_data(token)
    if sign_in_code_id is None:
        return CheckResult(Outcome.WRONG)
    secret_hash = hash_link_secret(secret)

    def matches(sign_in_code):
        return bool(sign_in_code.link_hash) and constant_time_compare(sign_in_code.link_hash, secret_hash)

    return _check(SignInCode.objects.filter(pk=sign_in_code_id), matches, now or timezone.now())


def is_valid_link(token):
    """Whether a link could still sign in (without using it): decides what its GET page says."""
    sign_in_code_id, secret = _link_data(token)
    if sign_in_code_id is None:
        return False
    now = timezone.now()
    return (
        SignInCode.objects.filter(
            pk=sign_in_code_id,
            link_hash=hash_link_secret(secret),
            used_at__isnull=True,
            expires_at__gt=now,
            attempts__lt=MAX_ATTEMPTS,
        )
        .exclude(member__sign_in_locked_until__gt=now)
        .exists()
    )


def delete_finished_codes(now=None):
    """Used or expired codes, once they no longer count towards a lock: the daily run's cleanup.
    Returns how many were deleted."""
    now = now or timezone.now()
    deleted, _by_model = SignInCode.objects.finished(now).filter(created_at__lt=now - FAILURE_WINDOW).delete()
    return deleted


# Session: the signed-in member's pk, the member's session generation and two timestamps.


def idle_timeout():
    return timedelta(days=settings.CHASQUI_MEMBER_IDLE_DAYS)


def session_lifetime():
    return timedelta(days=settings.CHASQUI_MEMBER_SESSION_DAYS)


def session_values(member):
    """What a session holds for a member who signs in now."""
    now = timezone.now().timestamp()
    return {
        SESSION_KEY: member.pk,
        GENERATION_SESSION_KEY: member.session_generation,
        SIGNED_IN_AT_SESSION_KEY: now,
        SEEN_AT_SESSION_KEY: now,
    }


def sign_in(request, member):
    """A new session key on sign-in, so a session id planted before it is worthless."""
    request.session.cycle_key()
    request.session.update(session_values(member))
    request.session.pop(PENDING_EMAIL_SESSION_KEY, None)
    request.membership_member = member


def _forget_member(session):
    for key in (SESSION_KEY, GENERATION_SESSION_KEY, SIGNED_IN_AT_SESSION_KEY, SEEN_AT_SESSION_KEY):
        session.pop(key, None)


def sign_out(request):
    _forget_member(request.session)
    request.session.cycle_key()
    request.membership_member = None


def sign_out_everywhere(request, member):
    """Every session of this member, on any device, stops counting (this one signs out too)."""
    Member.objects.filter(pk=member.pk).update(session_generation=F("session_generation") + 1)
    sign_out(request)


def _session_is_current(session, now):
    """Not idle for longer than the idle timeout, nor older than the session lifetime."""
    signed_in_at = session.get(SIGNED_IN_AT_SESSION_KEY)
    seen_at = session.get(SEEN_AT_SESSION_KEY)
    if not isinstance(signed_in_at, (int, float)) or not isinstance(seen_at, (int, float)):
        return False
    return (
        now - seen_at <= idle_timeout().total_seconds()
        and now - signed_in_at <= session_lifetime().total_seconds()
    )


def _session_member(session):
    member_id = session.get(SESSION_KEY)
    if member_id is None:
        return None
    now = timezone.now().timestamp()
    member = (
        Member.objects.not_erased()
        .select_related("plan", "next_plan")
        .filter(pk=member_id, session_generation=session.get(GENERATION_SESSION_KEY, -1))
        .first()
    )
    if member is None or not _session_is_current(session, now):
        _forget_member(session)
        return None
    session[SEEN_AT_SESSION_KEY] = now
    return member


def current_member(request):
    """The signed-in member, or None (also when erased, signed out everywhere, idle or too old)."""
    if not hasattr(request, "membership_member"):
        request.membership_member = _session_member(request.session)
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
