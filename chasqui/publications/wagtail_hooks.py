from wagtail import hooks

from chasqui.core.sections import HOME_SECTIONS_HOOK

from .home import PUBLICATIONS_SECTION


@hooks.register(HOME_SECTIONS_HOOK)
def publications_section():
    return PUBLICATIONS_SECTION
