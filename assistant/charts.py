"""Comparable figures an answer cites, as a bar chart: a table for Gradio's native plot and a
PNG (matplotlib) for the exports."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from .documents import Answer
from .language import rows

if TYPE_CHECKING:
    import pandas as pd

MAX_BARS = 10


class FigureLike(Protocol):
    """What a chart needs of one cited figure (``assistant.answering.figures.Figure`` has it)."""

    @property
    def label(self) -> str: ...
    @property
    def value(self) -> float: ...
    @property
    def unit(self) -> str: ...
    @property
    def n(self) -> int: ...


@dataclass(frozen=True)
class CitedFigure:
    """A figure read from a cited quote, for answers that carry no figures of their own."""

    label: str
    value: float
    unit: str
    n: int


@cache
def _units() -> dict[str, str]:
    """The units a chart compares figures in: written form -> unit shown."""
    return {row[0]: row[1] for row in rows("figure_units.tsv") if "chart" in row[2].split()}


@cache
def _pattern() -> re.Pattern[str]:
    units = "|".join(sorted(map(re.escape, _units()), key=len, reverse=True))
    # "NTB: 12,91 persen", "Provinsi Maluku (28,4 persen)", "seluas 534 ha"
    return re.compile(
        r"(?:(?P<name>[A-Z][\w.-]*(?:\s+[A-Z][\w.-]*){0,3})\s*(?::|\(|;)\s*)?"
        rf"(?P<number>-?\d{{1,3}}(?:\.\d{{3}})*(?:,\d+)?|-?\d+(?:,\d+)?)\s*(?P<unit>{units})(?!\w)")


def _number(text: str) -> float:
    return float(text.replace(".", "").replace(",", "."))


def derive_figures(answer: Answer) -> list[CitedFigure]:
    """Figures with a unit in the answer's cited quotes, each named by the place or item the
    quote puts before it (else by the citation's document and location)."""
    found: list[CitedFigure] = []
    for c in answer.citations:
        for m in _pattern().finditer(c.quote):
            unit = _units()[m.group("unit")]
            name = m.group("name") or f"{c.label or c.title} {c.location}".strip()
            found.append(CitedFigure(name.strip(), _number(m.group("number")), unit, c.n))
    return found


def comparable(answer: Answer) -> list[FigureLike]:
    """The answer's figures that share the most common unit, when two or more do.

    Uses ``answer.figures`` when the answer stage gives any, else reads them from the quotes.

    Args:
        answer: the answer shown.

    Returns:
        Up to ``MAX_BARS`` figures of one unit, or ``[]`` when there is nothing to compare.
    """
    given = getattr(answer, "figures", None)  # the answer stage's own, once it gives them
    figures: list[FigureLike] = list(given) if given else list(derive_figures(answer))
    if not answer.found or len(figures) < 2:
        return []
    unit, count = Counter(f.unit for f in figures).most_common(1)[0]
    if count < 2:
        return []
    return [f for f in figures if f.unit == unit][:MAX_BARS]


def bar_name(figure: FigureLike) -> str:
    """A bar's label: what it measures and its citation, e.g. ``NTT [2]``."""
    return f"{figure.label} [{figure.n}]"


def frame(figures: list[FigureLike], value_title: str) -> pd.DataFrame:
    """The figures as a table for ``gr.BarPlot``: one row per bar, named with its [n]."""
    import pandas as pd

    names = _unique([bar_name(f) for f in figures])
    return pd.DataFrame({"label": names, value_title: [f.value for f in figures],
                         "source": [f"[{f.n}]" for f in figures]})


def _unique(names: list[str]) -> list[str]:
    """Bar names made distinct (a category axis merges equal names into one bar)."""
    seen: Counter[str] = Counter()
    out = []
    for name in names:
        seen[name] += 1
        out.append(name if seen[name] == 1 else f"{name} ({seen[name]})")
    return out


def save_png(figures: list[FigureLike], path: Path, title: str = "") -> Path:
    """Draw the figures as a bar chart PNG (for the Markdown and Word exports).

    Args:
        figures: the bars, in order.
        path: where to write the image.
        title: the chart's heading.

    Returns:
        The path written.
    """
    import matplotlib

    matplotlib.use("Agg")  # no display; safe in server threads
    import matplotlib.pyplot as plt

    names = _unique([bar_name(f) for f in figures])
    fig, ax = plt.subplots(figsize=(6.4, 0.45 * len(figures) + 1.2), dpi=110)
    try:
        bars = ax.barh(names[::-1], [f.value for f in figures][::-1], color="#2563eb")
        ax.bar_label(bars, labels=[f"{f.value:g} {f.unit}" for f in figures][::-1], padding=3)
        ax.set_xlabel(figures[0].unit)
        ax.set_title(title)
        ax.margins(x=0.2)
        fig.tight_layout()
        fig.savefig(path, format="png")
    finally:
        plt.close(fig)
    return path
