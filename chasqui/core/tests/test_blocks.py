"""A figure's caption and credit belong to its image; a block only overrides them for one page."""

import pytest
from bs4 import BeautifulSoup
from wagtail.images.tests.utils import get_test_image_file

from chasqui.core.blocks import CaptionedImageBlock
from chasqui.images.models import CustomImage

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def image():
    return CustomImage.objects.create(
        title="March", file=get_test_image_file(), caption="Marchers in Lima", credit="Photo: A. Quispe"
    )


def figure(block, data):
    """The figure as rendered from stored stream data (what existing pages hold)."""
    html = block.render(block.to_python(data))
    return BeautifulSoup(html, "html.parser").figure


def test_a_blank_caption_and_credit_show_the_images_own(image):
    rendered = figure(CaptionedImageBlock(), {"image": image.pk, "caption": "", "credit": ""})

    assert rendered.select_one(".block-image__caption").get_text() == "Marchers in Lima"
    assert rendered.select_one(".block-image__credit").get_text() == "Photo: A. Quispe"


def test_a_blocks_own_caption_and_credit_win(image):
    rendered = figure(
        CaptionedImageBlock(), {"image": image.pk, "caption": "At the Congress", "credit": "PSG"}
    )

    assert rendered.select_one(".block-image__caption").get_text() == "At the Congress"
    assert rendered.select_one(".block-image__credit").get_text() == "PSG"


def test_an_override_of_the_caption_alone_keeps_the_images_credit(image):
    rendered = figure(CaptionedImageBlock(), {"image": image.pk, "caption": "At the Congress", "credit": ""})

    assert rendered.select_one(".block-image__caption").get_text() == "At the Congress"
    assert rendered.select_one(".block-image__credit").get_text() == "Photo: A. Quispe"


def test_an_image_without_caption_or_credit_shows_no_figcaption():
    bare = CustomImage.objects.create(title="Bare", file=get_test_image_file())

    assert figure(CaptionedImageBlock(), {"image": bare.pk, "caption": "", "credit": ""}).figcaption is None


def test_the_block_form_asks_only_for_the_image(image):
    block = CaptionedImageBlock()

    value = block.clean(block.to_python({"image": image.pk, "caption": "", "credit": ""}))

    assert value["image"] == image
    assert not block.child_blocks["caption"].required
    assert not block.child_blocks["credit"].required
    assert "image's own caption" in block.child_blocks["caption"].field.help_text
    assert "image's own credit" in block.child_blocks["credit"].field.help_text


def test_the_overrides_start_folded_away():
    layout = CaptionedImageBlock().meta.form_layout

    assert layout.children[0] == "image"
    overrides = layout.children[1]
    assert overrides.children == ["caption", "credit"]
    assert "collapsed" in overrides.classname
