"""Old HTML made safe and turned into the StreamField blocks news items and pages use."""

import re
import uuid
from html import escape, unescape

import nh3
from bs4 import BeautifulSoup, NavigableString, Tag

INLINE_TAGS = {"b", "i", "strong", "em", "a", "br"}
LIST_TAGS = INLINE_TAGS | {"ul", "ol", "li"}
URL_SCHEMES = {"http", "https", "mailto"}
BLOCK_TAGS = {
    "p", "div", "section", "article", "main", "header", "footer", "aside", "figure", "figcaption",
    "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "blockquote", "table", "pre", "hr", "dl",
}  # fmt: skip
WRAPPER_TAGS = {"div", "section", "article", "main", "header", "footer", "aside", "figure", "span", "font"}
DROPPED_TAGS = {"script", "style", "iframe", "object", "embed", "form", "noscript", "template", "svg"}
SHORTCODE = re.compile(r"\[/?[a-zA-Z_][\w-]*(?:\s[^\]]*)?\]")
# WordPress's [caption]<img …> Words[/caption]: the words are the picture's caption, not text.
CAPTION_SHORTCODE = re.compile(
    r"\[(?:caption|wp_caption)\b[^\]]*\](.*?)\[/(?:caption|wp_caption)\]", re.IGNORECASE | re.DOTALL
)
CAPTIONED_IMAGE = re.compile(
    r"^\s*((?:<a\b[^>]*>\s*)?<img\b[^>]*>(?:\s*</a>)?)(.*)$", re.IGNORECASE | re.DOTALL
)
LONGEST_LEDE = 600
BLANK_LINES = re.compile(r"\n\s*\n")
WHITESPACE = re.compile(r"\s+")
TAG = re.compile(r"<[^>]*>")
FILE_REFERENCE = re.compile(r"""<(?:img|a)\b[^>]*?\b(src|href)\s*=\s*["']([^"']+)["']""", re.IGNORECASE)
SENTENCE_END = re.compile(r"(?<=[.!?])\s")
DOCUMENT_EXTENSIONS = (
    ".pdf",
    ".doc",
    ".docx",
    ".odt",
    ".rtf",
    ".xls",
    ".xlsx",
    ".ods",
    ".ppt",
    ".pptx",
    ".txt",
)
IMAGE_EXTENSIONS = (".jpg", ".jpeg", ".png", ".gif", ".webp")


def _block(block_type, value):
    return {"type": block_type, "value": value, "id": str(uuid.uuid4())}


def clean_text(text: str) -> str:
    return WHITESPACE.sub(" ", text or "").strip()


def sanitise(html: str, tags=frozenset(INLINE_TAGS)) -> str:
    """Only the formatting the rich-text editor offers survives; scripts, styles and handlers go."""
    cleaned = nh3.clean(
        html or "",
        tags=set(tags),
        attributes={"a": {"href"}},
        url_schemes=URL_SCHEMES,
        link_rel=None,
        strip_comments=True,
    )
    cleaned = re.sub(r"<(/?)strong>", r"<\1b>", cleaned)
    cleaned = re.sub(r"<(/?)em>", r"<\1i>", cleaned)
    return cleaned.strip()


def has_text(html: str) -> bool:
    return bool(TAG.sub("", html).replace("&nbsp;", "").strip())


def plain_text(html: str) -> str:
    if "<" not in (html or "") and "&" not in (html or ""):
        return clean_text(html)
    soup = BeautifulSoup(html or "", "html.parser")
    for tag in soup.find_all(DROPPED_TAGS):
        tag.decompose()
    return clean_text(soup.get_text(" "))


def lede_from_body(html: str, limit: int = 300) -> str:
    """A lede for an item that has none: the opening sentences of its first paragraph."""
    return split_lede(html, limit)[0]


def split_lede(html: str, limit: int = 300) -> tuple[str, str]:
    """(lede, body): the opening sentences of the first paragraph of text, and the body without
    that paragraph when the lede took all of it, so the same words are not printed twice."""
    soup = BeautifulSoup(prepare(html), "html.parser")
    for tag in soup.find_all([*DROPPED_TAGS, "figure", "figcaption"]):
        tag.decompose()
    for paragraph in soup.find_all("p"):
        text = clean_text(paragraph.get_text(" "))
        if text:
            lede = first_sentences(text, limit)
            if lede != text:
                return lede, html
            return lede, remove_first_paragraph(html, text)
    return first_sentences(soup.get_text(" "), limit), html


def remove_first_paragraph(html: str, text: str) -> str:
    """The body without the first paragraph whose text is `text` (figures and captions kept)."""
    soup = BeautifulSoup(prepare(html), "html.parser")
    for paragraph in soup.find_all("p"):
        outside_figure = paragraph.find_parent(["figure", *DROPPED_TAGS]) is None
        if outside_figure and clean_text(paragraph.get_text(" ")) == text:
            paragraph.decompose()
            break
    return str(soup)


def first_sentences(text: str, limit: int = 300) -> str:
    """A lede from the start of the text: whole sentences up to `limit` characters; a first sentence
    longer than that is kept whole up to LONGEST_LEDE, and only a longer one is cut between words."""
    text = clean_text(text)
    if len(text) <= limit:
        return text
    sentences, length = [], 0
    for sentence in SENTENCE_END.split(text):
        if length + len(sentence) > limit:
            if not sentences and len(sentence) <= LONGEST_LEDE:
                sentences.append(sentence)
            break
        sentences.append(sentence)
        length += len(sentence) + 1
    if sentences:
        return " ".join(sentences)
    return text[:limit].rsplit(" ", 1)[0] + "…"


def file_kind(url: str) -> str:
    path = (url or "").lower().split("?", 1)[0]
    if path.endswith(IMAGE_EXTENSIONS):
        return "image"
    if path.endswith(DOCUMENT_EXTENSIONS):
        return "document"
    return ""


def prepare(html: str) -> str:
    """WordPress stores paragraphs as blank lines and decorates with shortcodes; undo both, keeping
    a [caption] as a figure with its caption."""
    html = CAPTION_SHORTCODE.sub(caption_figure, html or "")
    html = SHORTCODE.sub("", html)
    if "<p" not in html.lower() and BLANK_LINES.search(html):
        html = "".join(f"<p>{part.strip()}</p>" for part in BLANK_LINES.split(html) if part.strip())
    return html


def caption_figure(match) -> str:
    inner = match.group(1).strip()
    image = CAPTIONED_IMAGE.match(inner)
    if not image:
        return inner
    caption = clean_text(plain_text(image.group(2)))
    return f"<figure>{image.group(1)}<figcaption>{escape(caption)}</figcaption></figure>"


class BlockBuilder:
    """Walks HTML in document order, emitting paragraph, heading, quote, image and document blocks."""

    def __init__(self, resolve_file=None):
        self.resolve_file = resolve_file or (lambda url, kind: None)
        self.blocks = []
        self.inline = []
        self.documents = []

    def build(self, html: str) -> list[dict]:
        soup = BeautifulSoup(prepare(html), "html.parser")
        for tag in soup.find_all(DROPPED_TAGS):
            tag.decompose()
        self.walk(soup)
        self.flush()
        return self.blocks

    def flush(self):
        html = sanitise("".join(self.inline))
        self.inline = []
        if has_text(html):
            self.blocks.append(_block("paragraph", f"<p>{html}</p>"))
        # Documents linked from a paragraph follow it as their own blocks.
        self.blocks.extend(self.documents)
        self.documents = []

    def walk(self, node):
        for child in list(node.children):
            if isinstance(child, NavigableString):
                if child.__class__ is NavigableString:
                    self.inline.append(escape(str(child)))
                continue
            if isinstance(child, Tag):
                self.element(child)

    def element(self, tag):
        """Dispatch a tag to the block it makes; the tags named in HANDLERS first, then by kind."""
        name = tag.name
        handler = self.HANDLERS.get(name)
        if handler is not None:
            handler(self, tag)
        elif name == "a" and file_kind(tag.get("href", "")) == "document":
            self.document_link(tag)
        elif name in BLOCK_TAGS:
            self.flush()
            self.walk(tag)
            self.flush()
        elif name in INLINE_TAGS and not tag.find(["img", "p", "div"]):
            self.inline.append(str(tag))
        else:
            self.walk(tag)

    def heading(self, tag):
        self.flush()
        text = clean_text(tag.get_text(" "))[:200]
        if text:
            self.blocks.append(_block("heading", {"text": text, "level": "h2" if tag.name < "h3" else "h3"}))

    def html_list(self, tag):
        self.flush()
        html = sanitise(str(tag), LIST_TAGS)
        if has_text(html):
            self.blocks.append(_block("paragraph", html))

    def quote(self, tag):
        self.flush()
        text = clean_text(tag.get_text(" "))
        if text:
            self.blocks.append(_block("quote", {"quote": text, "attribution": ""}))

    def plain_paragraph(self, tag):
        """Tables, preformatted text and definition lists, kept as their text."""
        self.flush()
        text = clean_text(tag.get_text(" "))
        if text:
            self.blocks.append(_block("paragraph", f"<p>{escape(text)}</p>"))

    def document_link(self, tag):
        self.inline.append(str(tag))
        document_id = self.resolve_file(tag["href"], "document")
        if document_id:
            title = clean_text(tag.get_text(" "))[:255]
            self.documents.append(_block("document", {"document": document_id, "title": title}))

    def line_break(self, tag):
        self.inline.append("<br>")

    def figure(self, tag):
        """A picture with its caption; a figure without one is read like any wrapper."""
        image, caption = tag.find("img"), tag.find("figcaption")
        if image is None or caption is None:
            self.walk(tag)
            return
        self.image(image, caption=clean_text(caption.get_text(" ")))

    def image(self, tag, caption=""):
        image_id = self.resolve_file(tag.get("src", ""), "image")
        if image_id:
            self.flush()
            caption = (caption or clean_text(tag.get("alt", "")))[:255]
            self.blocks.append(_block("image", {"image": image_id, "caption": caption, "credit": ""}))

    # Tags that make a block of their own (or a line break), by name; read after the methods they name.
    HANDLERS = {
        "img": image,
        "figure": figure,
        **dict.fromkeys(("h1", "h2", "h3", "h4", "h5", "h6"), heading),
        "ul": html_list,
        "ol": html_list,
        "blockquote": quote,
        **dict.fromkeys(("table", "pre", "dl"), plain_paragraph),
        "br": line_break,
    }


def html_to_blocks(html: str, resolve_file=None) -> list[dict]:
    """StreamField data for a body; `resolve_file(url, kind)` returns an image or document id, or None."""
    return BlockBuilder(resolve_file).build(html)


def text_to_blocks(paragraphs) -> list[dict]:
    return [_block("paragraph", f"<p>{escape(text)}</p>") for text in paragraphs if text.strip()]


def file_urls(html: str):
    """The image and document URLs a body refers to, in order, each once."""
    found = {}
    for attribute, url in FILE_REFERENCE.findall(html or ""):
        kind = file_kind(url)
        if kind and (attribute.lower() == "href" or kind == "image"):
            found.setdefault(unescape(url), kind)
    return found
