"""Production installs only requirements.txt: the application must import nothing that is not listed there."""

import ast
import functools
import importlib.metadata
import sys
from pathlib import Path

from django.conf import settings
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

ROOT = Path(__file__).resolve().parent.parent
CHASQUI = ROOT / "chasqui"
TEST_ONLY_DIRS = {"tests", "testing", "migrations"}


def pinned(filename):
    """{canonical name: version} of the `name==version` lines of a requirements file."""
    packages = {}
    for line in (ROOT / filename).read_text(encoding="utf-8").splitlines():
        line = line.split("#", 1)[0].strip()
        if line and not line.startswith("-"):
            name, _, version = line.partition("==")
            packages[canonicalize_name(name)] = version
    return packages


def production_modules():
    return [
        path
        for path in CHASQUI.rglob("*.py")
        if not TEST_ONLY_DIRS & set(path.relative_to(CHASQUI).parts[:-1])
    ]


def imported_top_levels(path):
    """Top-level names of the absolute imports in a module, at any depth, with their line numbers."""
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield alias.name.partition(".")[0], node.lineno
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            yield node.module.partition(".")[0], node.lineno


def configured_top_levels():
    """Apps and middleware are imported by name from the settings, not by an import statement."""
    return {dotted.partition(".")[0] for dotted in [*settings.INSTALLED_APPS, *settings.MIDDLEWARE]}


@functools.cache
def installed_distributions():
    """{top-level module: distributions}; reading every installed package's metadata takes a while."""
    return importlib.metadata.packages_distributions()


def distributions_of(top_level):
    return {canonicalize_name(name) for name in installed_distributions().get(top_level, [])}


def test_requirements_files_pin_every_package():
    for filename in ("requirements.txt", "requirements-dev.txt"):
        lines = (ROOT / filename).read_text(encoding="utf-8").splitlines()
        loose = [line for line in lines if line and not line.startswith(("#", "-")) and "==" not in line]
        assert not loose, f"{filename} has unpinned lines: {loose}"


def test_development_requirements_start_from_the_production_ones():
    lines = [line for line in (ROOT / "requirements-dev.txt").read_text().splitlines() if line.strip()]
    assert "-r requirements.txt" in lines
    assert not pinned("requirements.txt").keys() & pinned("requirements-dev.txt").keys()


def test_production_code_imports_only_production_requirements():
    production = pinned("requirements.txt")
    missing = []
    for path in production_modules():
        for top_level, line in imported_top_levels(path):
            if top_level in sys.stdlib_module_names or top_level == "chasqui":
                continue
            if not distributions_of(top_level) & production.keys():
                missing.append(f"{path.relative_to(ROOT)}:{line} imports {top_level}")
    for top_level in configured_top_levels() - {"chasqui"}:
        if not distributions_of(top_level) & production.keys():
            missing.append(f"settings name {top_level} in INSTALLED_APPS or MIDDLEWARE")
    assert not missing, "Not in requirements.txt:\n" + "\n".join(missing)


def test_production_requirements_include_every_dependency_of_theirs():
    production = pinned("requirements.txt")
    unlisted = []
    for name in production:
        for spec in importlib.metadata.requires(name) or []:
            requirement = Requirement(spec)
            if requirement.marker and not requirement.marker.evaluate({"extra": ""}):
                continue
            if canonicalize_name(requirement.name) not in production:
                unlisted.append(f"{requirement.name} (needed by {name})")
    assert not unlisted, "requirements.txt misses: " + ", ".join(unlisted)
