"""Reading the observatory's pages in tests: inline SVG as XML, tables as rows, and a check that
the markup is well-formed (elements closed in order, unique ids, labels that point somewhere)."""

import re
from html.parser import HTMLParser

from defusedxml.ElementTree import fromstring

SVG = "{http://www.w3.org/2000/svg}"
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


def svg(html, chart_id):
    """The inline SVG whose title is `chart_id`-title, parsed as XML: it must be well-formed."""
    found = re.search(rf'<svg [^>]*aria-labelledby="{chart_id}-title[^"]*".*?</svg>', html, re.S)
    assert found, chart_id
    return fromstring(found.group(0))


def bar_titles(tree):
    return [
        rect.findtext(f"{SVG}title")
        for rect in tree.iter(f"{SVG}rect")
        if rect.find(f"{SVG}title") is not None
    ]


def bar_heights(tree):
    return {
        rect.findtext(f"{SVG}title"): int(rect.get("height"))
        for rect in tree.iter(f"{SVG}rect")
        if rect.find(f"{SVG}title") is not None
    }


def text(html):
    """The page's words, tags dropped and spaces collapsed."""
    return " ".join(re.sub(r"<[^>]+>", " ", html).split())


def rows(html, caption):
    """The body rows of the table with this caption, as lists of cell texts."""
    table = re.search(rf"<caption[^>]*>{re.escape(caption)}</caption>(.*?)</table>", html, re.S)
    assert table, caption
    body = table.group(1).split("<tbody>")[1]
    return [
        [re.sub(r"<[^>]+>", "", cell).strip() for cell in re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", row, re.S)]
        for row in re.findall(r"<tr>(.*?)</tr>", body, re.S)
    ]


class Checker(HTMLParser):
    """Every element closed in order, every id unique, every aria-labelledby pointing at an id."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.open, self.ids, self.references, self.errors = [], [], [], []

    def handle_starttag(self, tag, attrs):
        self.note(attrs)
        if tag not in VOID:
            self.open.append(tag)

    def handle_startendtag(self, tag, attrs):
        self.note(attrs)

    def handle_endtag(self, tag):
        if tag in VOID:
            return
        if not self.open or self.open[-1] != tag:
            self.errors.append(f"</{tag}> closes <{self.open[-1] if self.open else ''}> at {self.getpos()}")
        else:
            self.open.pop()

    def note(self, attrs):
        attrs = dict(attrs)
        if "id" in attrs:
            self.ids.append(attrs["id"])
        self.references += (attrs.get("aria-labelledby") or "").split()


def assert_well_formed(html):
    checker = Checker()
    checker.feed(html)
    checker.close()
    assert checker.errors == []
    assert checker.open == []
    assert len(checker.ids) == len(set(checker.ids)), sorted(
        i for i in checker.ids if checker.ids.count(i) > 1
    )
    assert set(checker.references) <= set(checker.ids)
    for found in re.finditer(r"<svg .*?</svg>", html, re.S):
        fromstring(found.group(0))
    assert "<script" not in html.split("</footer>")[0].split("<main")[1]
