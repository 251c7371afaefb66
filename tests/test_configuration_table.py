"""Every environment variable the settings read is in the README's configuration table."""

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SETTINGS = ROOT / "chasqui" / "settings"
# env("NAME", env.bool("NAME", env.db_url("NAME", os.environ.get("NAME", across line breaks too.
READ = re.compile(r"""\b(?:env(?:\.\w+)?|os\.environ\.get|os\.getenv)\(\s*["']([A-Z][A-Z0-9_]*)["']""")
# Read as a family (every ANYMAIL_<NAME> becomes an anymail setting): the table has a row for the family.
PREFIX_READ = re.compile(r"""name\.startswith\(["']([A-Z][A-Z0-9_]*_)["']\)""")


def variables_read():
    names = set()
    for path in SETTINGS.glob("*.py"):
        text = path.read_text()
        names |= set(READ.findall(text))
        names |= {f"{prefix}<NAME>" for prefix in PREFIX_READ.findall(text)}
    return names


def configuration_table():
    """The variables named in the first column of the table under "## Configuration"."""
    section = ROOT.joinpath("README.md").read_text().split("\n## Configuration\n", 1)[1].split("\n## ", 1)[0]
    names = set()
    for line in section.splitlines():
        if line.startswith("| `"):
            names |= set(re.findall(r"`([A-Z][A-Z0-9_]*(?:<NAME>)?)`", line.split(" | ")[0]))
    return names


def test_the_scan_finds_what_the_settings_read():
    found = variables_read()
    assert {"SECRET_KEY", "DATABASE_URL", "CHASQUI_MAIL_PROVIDER", "LOG_LEVEL", "ANYMAIL_<NAME>"} <= found


def test_every_variable_the_settings_read_is_in_the_readme_table():
    missing = variables_read() - configuration_table()
    assert not missing, f"Add these to the README's configuration table: {sorted(missing)}"
