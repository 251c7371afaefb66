from django.template.response import TemplateResponse
from django.utils import translation

from . import services
from .forms import SearchForm
from .types import searched_types_text


def search(request):
    form = SearchForm(request.GET)
    results = services.search(**form.search_arguments(), language=translation.get_language(), request=request)
    canonical = request.build_absolute_uri(request.path + results.canonical_link.rstrip("?"))
    context = {
        "form": form,
        "search": results,
        "canonical_url": canonical,
        "searched_types": searched_types_text(),
    }
    return TemplateResponse(request, "search/search.html", context)
