"""axe-core, best-practice rules included, finds nothing on the pages readers use most.

The pages readers meet first (home, an item, joining, signing up, search, the Spanish home) must
have no violation at all; elsewhere serious and critical problems fail and minor ones warn.
"""

import warnings

import pytest
from axe_playwright_python.sync_playwright import Axe

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

BLOCKING_IMPACTS = {"serious", "critical"}
AXE_OPTIONS = {
    "runOnly": {
        "type": "tag",
        "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"],
    }
}
SPOTLESS = {"home", "Spanish home", "news item", "search results", "join form", "subscribe"}


def pages_to_scan(demo):
    search_word = max(demo.news_item_with_topic().title.split(), key=len)
    return {
        "home": "/",
        "Spanish home": "/es/",
        "news index": demo.path(demo.news_index()),
        "news item": demo.path(demo.news_item_with_topic()),
        "search results": f"/search/?q={search_word}",
        "publication": demo.path(demo.publication()),
        "join form": "/members/join/",
        "Spanish join form": "/es/members/join/",
        "members' sign-in": "/members/sign-in/",
        "bulletin archive": "/bulletins/",
        "bulletin": demo.latest_bulletin_path(),
        "subscribe": "/subscribe/",
    }


def describe(violations):
    lines = []
    for violation in violations:
        targets = "; ".join(" ".join(node["target"]) for node in violation["nodes"][:5])
        lines.append(f"  {violation['id']} ({violation['impact']}): {violation['help']} -> {targets}")
    return "\n".join(lines)


def test_no_accessibility_violations(page, demo):
    """One test for every page, so a single run reports all the problems at once."""
    axe = Axe()
    problems = []
    for name, path in pages_to_scan(demo).items():
        response = page.goto(path)
        if not response.ok:
            problems.append(f"{name} {path}: HTTP {response.status}")
            continue
        violations = axe.run(page, options=AXE_OPTIONS).response["violations"]
        if name in SPOTLESS:
            blocking, minor = violations, []
        else:
            blocking = [v for v in violations if v["impact"] in BLOCKING_IMPACTS]
            minor = [v for v in violations if v["impact"] not in BLOCKING_IMPACTS]
        if minor:
            warnings.warn(f"{name} {path}, minor accessibility problems:\n{describe(minor)}", stacklevel=1)
        if blocking:
            problems.append(f"{name} {path}:\n{describe(blocking)}")
    assert not problems, "Accessibility problems:\n" + "\n".join(problems)


def test_no_accessibility_violations_in_the_dark_scheme(page, demo):
    """Dark mode recolours every text and the brand colours, so contrast is checked there too."""
    page.emulate_media(color_scheme="dark")
    axe = Axe()
    problems = []
    for name, path in pages_to_scan(demo).items():
        if name not in SPOTLESS:
            continue
        page.goto(path)
        violations = axe.run(page, options=AXE_OPTIONS).response["violations"]
        if violations:
            problems.append(f"{name} {path}:\n{describe(violations)}")
    assert not problems, "Accessibility problems in the dark scheme:\n" + "\n".join(problems)
