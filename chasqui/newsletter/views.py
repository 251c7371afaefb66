"""The public archive of sent bulletins and each bulletin's web page."""

from django.conf import settings
from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django.utils import translation

from .content import web_page_context
from .models import Bulletin
from .preview import bulletin_for_token

PER_PAGE = getattr(settings, "CHASQUI_BULLETINS_PER_PAGE", 20)


def archive(request):
    bulletins = Bulletin.objects.sent().in_language(translation.get_language()).newest_first()
    paginator = Paginator(bulletins.only("pk", "number", "language", "subject", "sent_at"), PER_PAGE)
    try:
        page = paginator.page(request.GET.get("page", 1))
    except (EmptyPage, PageNotAnInteger) as error:
        raise Http404 from error
    headlines = Bulletin.objects.filter(pk__in=[bulletin.pk for bulletin in page.object_list]).headlines()
    for bulletin in page.object_list:
        bulletin.headlines = headlines.get(bulletin.pk, [])
    return render(
        request, "newsletter/bulletin_archive.html", {"archive_page": page, "bulletins": page.object_list}
    )


def detail(request, number):
    bulletin = get_object_or_404(
        Bulletin.objects.sent().in_language(translation.get_language()), number=number
    )
    return render(request, "newsletter/bulletin_detail.html", web_page_context(bulletin))


def preview(request, token):
    """A draft as its web page will look, for whoever holds the signed link in a test email."""
    bulletin = bulletin_for_token(token)
    if bulletin is None:
        raise Http404
    with translation.override(bulletin.language):
        response = render(
            request,
            "newsletter/bulletin_detail.html",
            web_page_context(bulletin, is_preview=True),
        )
    response["X-Robots-Tag"] = "noindex, nofollow"
    return response
