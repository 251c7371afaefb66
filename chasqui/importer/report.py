"""What an import is asked to do, and what it reports back to the editor."""

from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from .choices import Outcome
from .entries import UndatedSection

MAX_LISTED = 500


@dataclass
class ImportOptions:
    dry_run: bool = False
    as_drafts: bool = False
    topics: tuple = ()
    language: str = "en"
    include_drafts: bool = False
    undated_as_pages: bool = False
    media_dir: Path | None = None
    base_url: str = ""
    user: object = None


@dataclass
class EntryProblem:
    position: str
    title: str
    reason: str
    outcome: str = Outcome.FAILED


@dataclass
class ImportReport:
    source_name: str
    source_kind: str = ""
    dry_run: bool = False
    counts: Counter = field(default_factory=Counter)
    problems: list[EntryProblem] = field(default_factory=list)
    undated: list[UndatedSection] = field(default_factory=list)
    missing_files: list[str] = field(default_factory=list)

    def record(self, outcome, position="", title="", reason=""):
        self.counts[outcome] += 1
        if reason and len(self.problems) < MAX_LISTED:
            self.problems.append(EntryProblem(position, title, reason, outcome))

    @property
    def failures(self):
        return [problem for problem in self.problems if problem.outcome == Outcome.FAILED]

    @property
    def processed(self):
        return sum(self.counts.values())

    def summary(self):
        return {outcome.value: self.counts.get(outcome.value, 0) for outcome in Outcome}


class EntryRejected(Exception):
    """An entry that cannot become a page; its message is the reason shown to the editor."""
