"""News listings of an old site, as saved HTML or as text copied from the page.

Entries are found by their bullets when the page has them, otherwise around their date lines. The
date may come before or after the title; whichever order a page uses is decided by comparing the
lines next to its dates, as titles are shorter than the ledes that follow them.
"""

import re
from collections import Counter
from dataclasses import dataclass
from urllib.parse import urljoin

from bs4 import BeautifulSoup
from django.utils.text import slugify

from ..choices import ItemKind
from ..entries import Entry, EntryError, UndatedSection
from ..html import DROPPED_TAGS, clean_text
from .dates import InvalidDate, match_date_line, strip_marks

BULLET = re.compile(r"^[•·∙●▪◦‣*]")
HREF_MARK = "\u2063"
HREF = re.compile(f"{HREF_MARK}([^{HREF_MARK}]*){HREF_MARK}")
HTML_HINT = re.compile(r"<(?:html|body|li|p|div|h[1-6]|a\s)[\s>]", re.IGNORECASE)
HTML_BLOCKS = ["p", "div", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "br", "dt", "dd"]
HTML_BLOCKS += ["section", "article", "header", "footer", "time", "blockquote", "table"]
TERMINAL = (".", "!", ";", ":", ",")
# A picture's caption or credit that an old page printed just above a headline.
CAPTION_LINE = re.compile(
    r"^(?:photo(?:graph)?|picture|image|caption|credit|courtesy|source|foto(?:grafía)?|imagen|crédito|fuente)"
    r"s?\b\s*(?:by\b|por\b)?\s*[:\-–—]|^(?:©|\(c\)\s)",
    re.IGNORECASE,
)


@dataclass
class Line:
    text: str
    number: int
    bullet: bool = False
    indent: int = 0
    href: str = ""
    date: object = None  # DateLine, InvalidDate, or None


def looks_like_html(text: str) -> bool:
    return bool(HTML_HINT.search(text[:5000]))


def html_to_text(html: str) -> str:
    """The page's text, one block per line, list items bulleted and indented by depth, links kept."""
    soup = BeautifulSoup(html, "html.parser")
    for tag in soup.find_all([*DROPPED_TAGS, "nav", "head"]):
        tag.decompose()
    for link in soup.find_all("a", href=True):
        if clean_text(link.get_text()):
            link.append(f"{HREF_MARK}{link['href']}{HREF_MARK}")
    for item in soup.find_all("li"):
        depth = len(item.find_parents("li")) + 1
        item.insert(0, "\n" + "  " * depth + "• ")
    for tag in soup.find_all(HTML_BLOCKS):
        tag.insert_before("\n")
        tag.insert_after("\n")
    return soup.get_text()


def read_lines(text: str, carry_bullets: bool = False) -> list[Line]:
    """Non-blank lines, classified; with `carry_bullets` (HTML) an empty list item's bullet moves
    to its first line of text, since the item's content may start with a block element."""
    lines = []
    carried = None
    for number, raw in enumerate(text.splitlines(), start=1):
        expanded = raw.replace("\t", "    ").replace("\xa0", " ")
        stripped = expanded.strip()
        if not stripped:
            continue
        hrefs = HREF.findall(stripped)
        stripped = HREF.sub("", stripped).strip()
        line = Line(
            text=clean_text(strip_marks(stripped)),
            number=number,
            bullet=bool(BULLET.match(stripped)),
            indent=len(expanded) - len(expanded.lstrip()),
            href=hrefs[0] if hrefs else "",
        )
        if carry_bullets and line.bullet and not line.text:
            carried = line.indent
            continue
        if carried is not None:
            line.bullet, line.indent, carried = True, carried, None
        if not line.text and not line.bullet:
            continue
        try:
            line.date = match_date_line(line.text)
        except InvalidDate as error:
            line.date = error
        lines.append(line)
    return lines


def top_level_groups(lines: list[Line]) -> list[list[Line]]:
    """Split at bullets of the usual depth; deeper bullets belong to the entry above them."""
    indents = Counter(line.indent for line in lines if line.bullet)
    usual = indents.most_common(1)[0][0]
    groups = [[]]
    for line in lines:
        if line.bullet and line.indent <= usual and groups[-1]:
            groups.append([])
        groups[-1].append(line)
    return groups


def is_heading(lines, index):
    line = lines[index]
    return (
        index + 1 < len(lines)
        and len(line.text) <= 70
        and not line.text.endswith(TERMINAL)
        and lines[index + 1].date is None
    )


class ListingParser:
    """Yields Entry, EntryError and UndatedSection objects in page order."""

    def __init__(self, text: str, base_url: str = ""):
        self.is_html = looks_like_html(text)
        self.lines = read_lines(html_to_text(text), carry_bullets=True) if self.is_html else read_lines(text)
        self.base_url = base_url
        self.entry_count = 0

    def position(self, line: Line) -> str:
        self.entry_count += 1
        if self.is_html:
            return f"entry {self.entry_count}"
        return f"entry {self.entry_count} (line {line.number})"

    def __iter__(self):
        lines = self.lines
        if not lines:
            return
        groups = top_level_groups(lines) if sum(line.bullet for line in lines) >= 2 else []
        dates = sum(line.date is not None for line in lines)
        if sum(group[0].bullet for group in groups) >= max(2, dates):
            # Every dated entry can have its own bullet: the bullets mark where entries start.
            for index, group in enumerate(groups):
                group_dates = sum(line.date is not None for line in group)
                if group_dates > 1:
                    yield from self.by_dates(group)
                elif group_dates == 1:
                    yield self.dated(group)
                elif index > 0 or group[0].bullet:
                    yield from self.undated(group)
        else:
            yield from self.by_dates(lines)

    def by_dates(self, lines):
        """Entries anchored on date lines, for pages (or runs of a page) without bullets."""
        dated = [index for index, line in enumerate(lines) if line.date is not None]
        if not dated:
            yield from self.sections(lines)
            return
        if dated[0] == 0 or not self.title_comes_first(lines, dated):
            starts = dated
        else:
            starts = [index - 1 for index in dated]
        yield from self.sections(lines[: starts[0]])
        for number, start in enumerate(starts):
            end = starts[number + 1] if number + 1 < len(starts) else len(lines)
            yield from self.split_trailing_sections(lines[start:end])

    @staticmethod
    def title_comes_first(lines, dated):
        before = [len(lines[i - 1].text) for i in dated if i > 0 and lines[i - 1].date is None]
        after = [len(lines[i + 1].text) for i in dated if i + 1 < len(lines) and lines[i + 1].date is None]
        if not before or not after:
            return bool(before)
        return sum(after) / len(after) >= sum(before) / len(before)

    def split_trailing_sections(self, group):
        """A dated entry, then any undated sections that follow its text on a page without bullets."""
        date_index = next(index for index, line in enumerate(group) if line.date is not None)
        first_text = date_index + (2 if date_index == 0 else 1)
        for index in range(first_text + 1, len(group)):
            if is_heading(group, index):
                yield self.dated(group[:index])
                yield from self.sections(group[index:])
                return
        yield self.dated(group)

    def sections(self, lines):
        start = None
        for index in range(len(lines)):
            if is_heading(lines, index):
                if start is not None:
                    yield from self.undated(lines[start:index])
                start = index
        if start is not None:
            yield from self.undated(lines[start:])

    def undated(self, group):
        position = self.position(group[0])
        invalid = next((line.date for line in group if isinstance(line.date, InvalidDate)), None)
        if invalid is not None:
            yield EntryError(position, str(invalid), title=group[0].text)
            return
        text = "\n\n".join(line.text for line in group[1:] if line.text)
        if group[0].text and text:
            yield UndatedSection(position, group[0].text, text)

    def dated(self, group):
        position = self.position(group[0])
        date_index = next(index for index, line in enumerate(group) if line.date is not None)
        date_line = group[date_index]
        if isinstance(date_line.date, InvalidDate):
            return EntryError(position, str(date_line.date), title=group[0].text if date_index else "")
        if date_index == 0:
            title_lines, text_lines = group[1:2], group[2:]
        else:
            title_lines, text_lines = group[:date_index], group[date_index + 1 :]
        captions = [line.text for line in title_lines[:-1] if CAPTION_LINE.match(line.text)]
        title_lines = [line for line in title_lines if line.text not in captions]
        title = clean_text(" ".join(line.text for line in title_lines))
        if not title:
            return EntryError(position, "The entry has a date but no title.")
        paragraphs = [line.text for line in text_lines if line.text]
        href = next((line.href for line in title_lines if line.href), "") or date_line.href
        original_url = urljoin(self.base_url or "/", href) if href else ""
        day = date_line.date.date
        return Entry.dated_news(
            position=position,
            title=title,
            date=day,
            original_url=original_url,
            lede=paragraphs[0] if paragraphs else title,
            body_html="".join(f"<p>{p}</p>" for p in paragraphs[1:]),
            bulletin_number=date_line.date.issue_number,
            bulletin_label=date_line.date.issue_label,
            image_caption=" ".join(captions),
        )


def undated_to_page(section: UndatedSection) -> Entry:
    """An undated listing section as a background page, when the editor asks for one."""
    paragraphs = section.text.split("\n\n")
    return Entry(
        position=section.position,
        key=f"page|{slugify(section.title)}",
        kind=ItemKind.PAGE,
        title=section.title,
        lede=paragraphs[0],
        body_html="".join(f"<p>{p}</p>" for p in paragraphs[1:]),
    )
