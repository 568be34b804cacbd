"""Tables kept as tables: Markdown pipe tables, tables that PDF or OCR text flattened into one
line ("Tabel 8.1 … 1 Penguatan Sentra IKM (sentra) 1.090 1.305 2285 2 …"), and the Markdown that
every table becomes, so each row travels with its column headers and no row is ever cut."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

_NUMBER = re.compile(r"^[-–]?(?:\d{1,3}(?:[.,]\d{3})+(?:,\d+)?|\d+(?:[.,]\d+)?)%?$")
_CAPTION = re.compile(r"\bTabel\s+\d{1,2}(?:\.\d{1,2})*\.?\s")
_ROMAN = re.compile(r"^[IVX]{1,4}\.?$")
# a cell of figures written with what each is of, made by _labelled_cells: "Gas : 7,30"
_LABELLED = re.compile(r"^(?:[^\W\d_]+ ){1,2}: \S+(?: (?:[^\W\d_]+ ){1,2}: \S+)*$")
_SEPARATOR = re.compile(r"^\|?\s*:?-{3,}:?\s*(?:\|\s*:?-{3,}:?\s*)*\|?$")
MIN_ROWS = 2
MAX_LABELS = 6  # labelled figures one cell holds at most ("Gas : 7,30 Batubara : 12,40" holds 2)


@dataclass(frozen=True)
class Table:
    """A table: its caption, column headers and rows of cells (each row as long as the header)."""

    header: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    caption: str = ""

    def blocks(self, size: int) -> list[str]:
        """The table as Markdown pieces of about ``size`` characters, each with the caption and
        header, cut only between rows."""
        head = ([self.caption] if self.caption else []) + [row_line(self.header),
                                                             separator(len(self.header))]
        out: list[str] = []
        current = list(head)
        length = sum(len(x) + 1 for x in head)
        for row in self.rows:
            line = row_line(row)
            if len(current) > len(head) and length + len(line) > size:
                out.append("\n".join(current))
                current, length = list(head), sum(len(x) + 1 for x in head)
            current.append(line)
            length += len(line) + 1
        if len(current) > len(head):
            out.append("\n".join(current))
        return out


def cell(text: str) -> str:
    """A cell's text on one line, with pipes escaped so the row stays a row."""
    return re.sub(r"\s+", " ", str(text)).strip().replace("|", "\\|")


def row_line(cells: tuple[str, ...] | list[str]) -> str:
    """One Markdown table row."""
    return "| " + " | ".join(cell(c) for c in cells) + " |"


def separator(width: int) -> str:
    """The Markdown line under a header of ``width`` columns."""
    return "| " + " | ".join(["---"] * width) + " |"


def is_row_line(line: str) -> bool:
    """Whether a line is a Markdown table row (or its separator)."""
    line = line.strip()
    return len(line) > 1 and line.startswith("|") and line.endswith("|")


def is_separator(line: str) -> bool:
    return bool(_SEPARATOR.match(line.strip())) and "-" in line


def split_row(line: str) -> tuple[str, ...]:
    """The cells of a Markdown row, escaped pipes kept inside their cell; linear."""
    body = line.strip()
    body = body[1:] if body.startswith("|") else body
    body = body[:-1] if body.endswith("|") and not body.endswith("\\|") else body
    cells: list[str] = []
    current: list[str] = []
    escaped = False
    for char in body:
        if char == "|" and not escaped:
            cells.append("".join(current).strip())
            current = []
        else:
            current.append(char)
        escaped = char == "\\" and not escaped
    cells.append("".join(current).strip())
    return tuple(cells)


def from_rows(rows: list[list[str]], caption: str = "") -> Table | None:
    """A table from a header row and data rows (HTML, DOCX, CSV): rows are padded or trimmed to
    the header's width, empty rows dropped; ``None`` when there is no data row."""
    rows = [[cell(c) for c in r] for r in rows if any(str(c).strip() for c in r)]
    if len(rows) < 2:
        return None
    width = max(max((i + 1 for i, c in enumerate(r) if c), default=0) for r in rows)
    header = tuple(c or f"({i + 1})" for i, c in enumerate(rows[0] + [""] * (width - len(rows[0]))))
    body = tuple(tuple((r + [""] * width)[:width]) for r in rows[1:])
    return Table(header, body, cell(caption))


def parse_markdown(lines: list[str], caption: str = "") -> Table | None:
    """A Markdown pipe table (header line, separator, rows) as a Table, else ``None``."""
    if len(lines) < 3 or not is_separator(lines[1]):
        return None
    return from_rows([list(split_row(line)) for line in [lines[0], *lines[2:]]], caption)


def is_figure(token: str) -> bool:
    """Whether a cell or token is one figure ("1.090", "9,7", "-3", "65,4%")."""
    return bool(_NUMBER.match(token))


def _numeric(token: str) -> bool:
    return is_figure(token) or bool(_LABELLED.match(token))


def _labelled_cells(tokens: list[tuple[str, int]]) -> list[tuple[str, int]]:
    """Tokens with each figure written with what it is of ("Gas : 7,30 Batubara : 12,40") made
    one cell: a label of one or two words, a colon and a figure join one token, and labelled
    figures that follow it join its cell until a label repeats ("Gas : 13,50" opens the next
    column's cell, as does a cell that holds ``MAX_LABELS`` already). One pass; a label looks
    back at most two words, and a cell grows by at most ``MAX_LABELS`` joins."""
    out: list[tuple[str, int]] = []
    labels: set[str] = set()  # the labels of the cell at ``cell``, the last labelled one
    cell = -1
    i = 0
    while i < len(tokens):
        word = tokens[i][0]
        colon = word == ":" or (len(word) > 1 and word.endswith(":") and word[:-1].isalpha())
        if not (colon and i + 1 < len(tokens) and is_figure(tokens[i + 1][0])):
            out.append(tokens[i])
            i += 1
            continue
        words = [] if word == ":" else [word[:-1]]
        while len(words) < 2 and len(out) - 1 > cell and out[-1][0].isalpha():
            words.insert(0, out.pop()[0])
        if not words:  # a colon with no label before it
            out.append(tokens[i])
            i += 1
            continue
        label = " ".join(words)
        text = f"{label} : {tokens[i + 1][0]}"
        if cell == len(out) - 1 and cell >= 0 and label not in labels \
                and len(labels) < MAX_LABELS:
            text = f"{out.pop()[0]} {text}"  # the same column's next labelled figure
        else:
            labels = set()
        labels.add(label)
        out.append((text, tokens[i + 1][1]))
        cell = len(out) - 1
        i += 2
    return out


def find_flattened(text: str) -> list[str | Table]:
    """Split a paragraph into prose and the numeric tables flattened into it.

    A table starts at a caption ("Tabel 8.1 …"); its rows are words followed by the same number
    of figures (a lone number before the words is the row's number; a roman numeral with capitals
    is a group heading, kept as a column). A paragraph without such a table comes back whole.

    Args:
        text: one paragraph, on one line.

    Returns:
        Prose strings and tables, in reading order.
    """
    captions = list(_CAPTION.finditer(text))
    if not captions:
        return [text]
    out: list[str | Table] = []
    start = 0
    for index, match in enumerate(captions):
        if match.start() < start:
            continue
        end = captions[index + 1].start() if index + 1 < len(captions) else len(text)
        found = _flattened_table(text[match.start():end])
        if found is None:
            continue
        table, used = found
        if text[start:match.start()].strip():
            out.append(text[start:match.start()].strip())
        out.append(table)
        start = match.start() + used
    if text[start:].strip():
        out.append(text[start:].strip())
    return out or [text]


def _flattened_table(text: str) -> tuple[Table, int] | None:
    """The table at the start of ``text`` (which begins with its caption) and the characters it
    spans, or ``None`` when fewer than two rows of figures follow."""
    tokens = _labelled_cells([(m.group(), m.end()) for m in re.finditer(r"\S+", text)])
    kinds = [_numeric(t) for t, _ in tokens]
    runs: list[tuple[int, int]] = []  # [start, end) of runs of two or more figures
    i = 0
    while i < len(tokens):
        if kinds[i]:
            j = i
            while j < len(tokens) and kinds[j]:
                j += 1
            if j - i >= 2 and i > 2:  # the caption's own number is no run
                runs.append((i, j))
            i = j
        else:
            i += 1
    if len(runs) < MIN_ROWS:
        return None
    lengths = Counter(b - a for a, b in runs)
    width = max(lengths, key=lambda k: (lengths[k] + lengths.get(k + 1, 0), k))
    rows: list[tuple[str, str, str, list[str]]] = []  # (number, group, label, figures)
    header_words: list[str] = []
    years: list[str] = []
    group = ""
    prev_end = 0
    end_char = 0
    for a, b in runs:
        if b - a not in (width, width + 1):
            if rows:
                break
            continue
        # a bounded look back: a row's words (or a header) are never this long, and many
        # failed runs must not rescan the text from the caption each time
        words = [t for t, _ in tokens[max(prev_end, a - 120):a]]
        if not rows and prev_end == 0:
            words = _drop_caption(words)
        if not rows and not years:
            header_run = _year_run(words, width)
            if header_run is not None:
                head = words[:header_run]
                digits = [i for i, w in enumerate(head) if any(c.isdigit() for c in w)]
                header_words = head[digits[-1] + 1:] if digits else head
                years = words[header_run:header_run + width]
                words = words[header_run + width:]
        number, pre, label = _split_label(words)
        if not label or len(label) > 30:
            if rows:
                break
            continue
        figures = [t for t, _ in tokens[a:a + width]]
        if not rows and all(re.fullmatch(r"(?:19|20)\d{2}", f) for f in figures):
            header_words, years = pre + label, figures  # "Satuan 2015 2020 2025 2035": the header
        else:
            if not rows:
                pre, heading = _split_group(pre)
                header_words = header_words or pre
                group = heading or group
            else:
                group = _split_group(pre)[1] or group
            rows.append((number, group, " ".join(label), figures))
        prev_end = a + width
        end_char = tokens[a + width - 1][1]
    if len(rows) < MIN_ROWS:
        return None
    caption = _caption_text(text, tokens)
    header = _header(header_words, years, width, any(r[0] for r in rows), any(r[1] for r in rows))
    body: list[tuple[str, ...]] = []
    for number, grp, name, figures in rows:
        cells = ([number] if header[0] == "No" else []) + ([grp] if "Kelompok" in header else [])
        body.append(tuple([*cells, name, *figures]))
    return Table(tuple(header), tuple(body), caption), end_char


def _year_run(words: list[str], width: int) -> int | None:
    """Where ``width`` years or periods ("2015-2019") in a row start: a header inside the words."""
    period = re.compile(r"(?:19|20)\d{2}(?:[-–](?:19|20)\d{2})?")
    count = 0
    for i, word in enumerate(words):
        count = count + 1 if period.fullmatch(word) else 0
        if count == width and i + 1 < len(words):
            return i + 1 - width
    return None


def _drop_caption(words: list[str]) -> list[str]:
    """The words after the caption: a caption ends where "No"/"NO" opens the header."""
    for i, word in enumerate(words[:40]):
        if i > 1 and word.rstrip(".").lower() == "no":
            return words[i:]
    return words[2:]


def _caption_text(text: str, tokens: list[tuple[str, int]]) -> str:
    words = [t for t, _ in tokens[:40]]
    stop = next((i for i, w in enumerate(words) if i > 1 and w.rstrip(".").lower() == "no"),
                min(len(words), 12))
    return " ".join(words[:stop]).rstrip(".")


def _split_label(words: list[str]) -> tuple[str, list[str], list[str]]:
    """(row number, words before it, the row's label) from the words before a row's figures."""
    for i in range(len(words) - 1, -1, -1):
        if re.fullmatch(r"\d{1,3}\.?", words[i]) and i < len(words) - 1:
            return words[i].rstrip("."), words[:i], words[i + 1:]
    return "", [], words


def _split_group(words: list[str]) -> tuple[list[str], str]:
    """(header words, group heading) where a roman numeral opens a run of capitals."""
    for i, word in enumerate(words):
        rest = words[i + 1:]
        if _ROMAN.match(word) and rest and all(w.isupper() or not w.isalpha() for w in rest):
            return words[:i], " ".join(words[i:])
    return words, ""


def _header(words: list[str], years: list[str], width: int, numbered: bool,
            grouped: bool) -> list[str]:
    words = [w for w in words if w.rstrip(".").lower() != "no"]
    if years:
        label, values = " ".join(words) or "Uraian", years
    elif len(words) >= 2:
        label, values = " ".join(words[:-1]), [f"{words[-1]} ({i})" for i in range(1, width + 1)]
    else:
        label = words[0] if words else "Uraian"
        values = [f"({i})" for i in range(1, width + 1)]
    return (["No"] if numbered else []) + (["Kelompok"] if grouped else []) + [label, *values]
