"""Whether a notice, or a part of it, may be published: read from every passage, failing closed.

A notice can say it is withheld anywhere: a banner on every page, a grid cell
("Status: Exempt - not for publication"), a question and its answer ("Can this record
be published? No"), a row of check boxes, a sentence in the body ("This record is not
for publication"), or a Part B printed at the back. The steps:

1. :func:`passages` - cut the notice into passages, each the smallest unit that can be
   read on its own: a row of check boxes, a label with its answer, a short line (a
   marking, a heading), and the sentences of every paragraph (joined across line
   wraps, so a statement broken over two lines is still one statement);
2. :func:`read_passage` - read each passage that mentions publication at all
   (``triggers`` in ``ingest/vocab/confidentiality.yml``) as one :class:`Reading`:
   the whole notice withheld, a part withheld (named as printed), the notice open,
   nothing said, or unclear;
3. :func:`read_confidentiality` - combine them: anything withheld withholds the notice;
   an unclear passage withholds it too, with a review flag saying why, so that the gate
   shows only the stub until a person decides; otherwise the notice is open.

Failing closed must not cost transparency, so a passage is first cleared of what is
about something else ("a confidential reporting line", "exempt from VAT") and a form's
instructions to its author ("If the report is not for publication, ...") are not
statements about the notice.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache

from opcc.core.text import comparable

from .dates import MONTHS
from .decision_layout import Row, checkboxes, ends_sentence, join_lines, without_boxes
from .decision_sections import starts_paragraph
from .decision_vocab import load_vocabulary, match_labels

SHORT_LINE_WORDS = 8
"""A line of this many words or fewer, standing alone, is read as a marking or heading."""
LABEL_MAX_WORDS = 14
"""A label or question is at most this long; a longer line is a sentence."""
CUE_LABEL_MAX_WORDS = 6
"""A label known only by its words, with no colon or question mark to show it is a label, is this short."""
ANSWER_MAX_ROWS = 6
"""Rows under a label or question read as its answer."""

WITHHELD, OPEN, NOTHING, UNCLEAR, HINT = "withheld", "open", "nothing", "unclear", "hint"
"""What a passage says of the notice: it is withheld; it is open; nothing; something withholding
that cannot be pinned to the notice or to a part (``UNCLEAR``); or only a hint, such as a reason
for non-publication given beside a question that decides (``HINT``). An open statement
outweighs the last two; nothing else does. Withheld parts are named beside the verdict."""


@dataclass
class Passage:
    text: str  # as printed, lines joined
    rows: list[Row]
    label: str | None = None  # a label or question, when the passage is one with its answer
    boxes: list[tuple[str, bool]] = field(default_factory=list)


@dataclass
class Reading:
    verdict: str  # WITHHELD, OPEN, NOTHING, UNCLEAR or HINT
    passage: Passage
    why: str = ""
    parts: list[str] = field(default_factory=list)  # withheld parts, named as printed
    doubt: bool = False  # withheld because the notice contradicts itself: a person should look


@dataclass
class Confidentiality:
    """What the notice says about its publication, all readings considered."""

    classification: str  # "open" or "confidential"
    for_publication: bool
    withheld_parts: list[str]
    readings: list[Reading]
    unclear: list[Reading]  # readings that withhold because they could not be read for sure: to be flagged
    conflicting: bool  # some passages withhold the notice and others publish it

    @property
    def evidence(self) -> Reading | None:
        """The reading the classification rests on."""
        for verdict in (WITHHELD, UNCLEAR, HINT, OPEN):
            found = [r for r in self.readings if r.verdict == verdict]
            if found:
                return found[0]
        return None


# -- vocabulary --------------------------------------------------------------------------------


@cache
def _words() -> dict:
    return load_vocabulary("confidentiality.yml")


def fold(text: str) -> str:
    """The form passages and phrases are compared in: comparable, with hyphens and dashes as spaces
    ("OFFICIAL - SENSITIVE" and "official-sensitive" read alike)."""
    return re.sub(r"[\s\-]+", " ", comparable(text)).strip()


def _phrase_pattern(phrase: str) -> str:
    """A vocabulary phrase as a pattern of whole words; ``[word]`` is an optional word."""
    pattern = ""
    for token in fold(phrase).split():
        if token.startswith("[") and token.endswith("]"):
            pattern += rf"(?:{re.escape(token[1:-1])}\s+)?"
        else:
            pattern += re.escape(token) + r"\s+"
    return pattern.removesuffix(r"\s+")


@cache
def _pattern(name: str) -> re.Pattern[str]:
    phrases = sorted(_words()[name], key=len, reverse=True)
    return re.compile(r"(?<![\w-])(?:" + "|".join(_phrase_pattern(p) for p in phrases) + r")(?![\w-])")


def _has(name: str, text: str) -> bool:
    return bool(_pattern(name).search(fold(text)))


@cache
def _part_pattern() -> re.Pattern[str]:
    """A part as printed: its word, an identifier, and perhaps a title and bracketed notes.

    The name ends where the sentence goes on to say what happens to it ("... is not for
    publication", "... (not for publication)").
    """
    words = "|".join(re.escape(w) for w in sorted(_words()["part_words"] + ["part"], key=len, reverse=True))
    return re.compile(
        rf"\b(?P<name>(?P<word>{words})\b\s*(?P<id>[A-Z]\b|\d+[A-Za-z]?\b|[IVX]+\b)?"
        rf"(?P<title>\s*[-–—:]?\s*[^.;:()]+?)??(?P<notes>(?:\s*\([^()]*(?:\([^()]*\)[^()]*)*\))*))"
        rf"(?=\s*(?:\)|[.;:,]|\b(?:is|are|not|will|has|have|should|must|cannot|may|which|to be|also)\b|$))",
        re.IGNORECASE,
    )


DASHES = "-–—:"
"""What sets a part's title off from its name ("Appendix B – Supplier pricing", "Annex 2: Costs")."""
_LEGAL_SCHEDULE = re.compile(r"^schedule\s+\d+[a-z]?\s+(?:to|of)\b", re.IGNORECASE)
"""'Schedule 12A to the Local Government Act 1972': a schedule of an Act, not of the notice."""


def _says_withheld(title: str) -> bool:
    """A 'title' that only says what happens to the part ("NOT FOR PUBLICATION", "exempt under paragraph 3")."""
    first = " ".join(fold(title).split()[:3])
    return bool(re.match(r"(?:not |non |do not |exempt|confidential|restricted|withheld|private|embargo)", first))


_NOTE = re.compile(r"\(((?:[^()]|\([^()]*\))*)\)")
_WITHHOLDING_NOTE = re.compile(r"not for publication|exempt|withheld|confidential|not published", re.IGNORECASE)
"""A bracketed note that only says the part is withheld, not what it is."""


def named_parts(text: str) -> list[tuple[str, bool]]:
    """The parts a text names, as printed, each with whether it is the form's own exempt part
    ("Part B", with no title of its own) rather than a named part ("Appendix A - Grant agreement",
    "Part 2 - Pricing schedule"). Bracketed notes saying what a part is stay ("(contains personal
    data)"); those saying only that it is withheld ("(not for publication)") do not."""
    found = []
    for match in _part_pattern().finditer(text):
        notes = _NOTE.findall(match["notes"] or "")
        if notes and not match["id"] and not match["title"] and _part_pattern().search(notes[0]):
            found += named_parts(notes[0])  # "the enclosure (Appendix B - ...)": the part inside the brackets
            continue
        if _LEGAL_SCHEDULE.match(match["name"]):
            continue
        title = (match["title"] or "").strip()
        if not match["id"] and _part_pattern().match(title.strip(" " + DASHES)):
            found += named_parts(text[match.start("title"):match.end("name")])  # "Exempt appendices: Appendix 1 ..."
            continue
        dashed = title[:1] in DASHES
        title = title.strip(" " + DASHES)
        if title and (_says_withheld(title) or not dashed and (match["id"] or not title[:1].isupper())):
            title = ""  # "PART B - NOT FOR PUBLICATION", "Part 1 of Schedule 12A": no title of its own
        if not match["id"] and not title:
            continue  # "the appendix", "appendices": a word, not a part's name
        printed = text[match.start("name"):match.end("title") if title else match.end("id")]
        if title:
            printed += "".join(f" ({note})" for note in notes if not _WITHHOLDING_NOTE.search(note))
        found.append((printed.strip(" ," + DASHES), match["word"].lower() == "part" and not title))
    return found


def _answer(text: str) -> str | None:
    """``yes`` or ``no`` when a text starts with one ("No. The whole of this record can be published")."""
    folded = comparable(text).strip(" .:-–")
    for key, name in (("yes", "answers_yes"), ("no", "answers_no")):
        for word in sorted(_words()[name], key=len, reverse=True):
            if folded == word or re.match(rf"{re.escape(word)}(?![\w/])", folded):
                return key
    return None


def _label_kind(label: str, *, cues: bool = True) -> str | None:
    """``publish``, ``withhold``, ``detail`` or ``marking``: what kind of question a label asks, if any.

    A label the lists do not hold still asks about publication when it uses one of the
    words of ``label_cues`` ("Publish on the website?", "Contains exempt information?"), if
    ``cues``: for a line standing alone, only when a colon or question mark shows it is a label.
    """
    folded = fold(label).strip(" :?.()").strip()
    folded = re.sub(r"^(?:\d+(?:\.\d+)*\.?|[a-z]\d*[.)]|\(?[a-z]\))\s+", "", folded)
    for kind, name in (("marking", "marking_labels"), ("detail", "detail_questions"),
                       ("withhold", "withhold_questions"), ("publish", "publish_questions")):
        if folded in {fold(p) for p in _words()[name]}:
            return kind
    delimited = label.rstrip().endswith((":", "?"))
    if not cues or len(folded.split()) > (LABEL_MAX_WORDS if delimited else CUE_LABEL_MAX_WORDS):
        return None
    words = _cleared(folded).split()
    for kind, sets in _words()["label_cues"].items():
        if any(all(any(word.startswith(cue) for word in words) for cue in cues) for cues in sets):
            return kind
    return None


def marking_of(text: str) -> str | None:
    """``open`` or ``confidential`` for a protective marking or classification, or ``None``."""
    folded = fold(text)
    for verdict, name in (("open", "unmarked"), ("confidential", "confidential_markings"), ("open", "open_markings")):
        if _pattern(name).search(folded):
            return verdict
    return None


# -- 1. passages ---------------------------------------------------------------------------------


def passages(rows: list[Row]) -> list[Passage]:
    """The notice cut into passages, each row read in the most structured passage it belongs to."""
    found: list[Passage] = []
    taken: set[int] = set()
    for i, row in enumerate(rows):
        if i in taken:
            continue
        boxes = checkboxes(row.text, ocr=row.ocr)
        if boxes:
            found.append(Passage(row.text, [row], label=without_boxes(row.text), boxes=boxes))
            taken.add(i)
            continue
        if i + 1 < len(rows) and _part_heading(row.text) and _marks_part(row, rows[i + 1]):
            # 'Appendix B - Supplier pricing' over 'NOT FOR PUBLICATION': the marking is the part's
            found.append(Passage(f"{row.text} ({rows[i + 1].text})", [row, rows[i + 1]]))
            taken.update({i, i + 1})
            continue
        labelled = _labelled(rows, i)
        if labelled is not None:
            passage, used = labelled
            found.append(passage)
            taken.update(used)
    rest = [i for i in range(len(rows)) if i not in taken]
    for group in _paragraphs(rows, rest):
        lines = [rows[i] for i in group]
        text = join_lines([row.text for row in lines])
        if len(lines) == 1 and len(text.split()) <= SHORT_LINE_WORDS:
            found.append(Passage(text, lines))
            continue
        found += [Passage(sentence, lines) for sentence in _sentences(text)]
    return found


def _labelled(rows: list[Row], i: int) -> tuple[Passage, set[int]] | None:
    """A label about publication with its answer: in the next cell, after a colon or question
    mark on the same line, or on the lines below it (a stacked form, a question heading)."""
    row = rows[i]
    candidates = []
    if len(row.cells) > 1:
        # A four-column grid pairs each label with the cell after it ("Open or confidential: | Open |
        # Ref. no.: | WMPCC 14/98"): the value is the next cell alone when a label follows it.
        rest = row.cells[1:2] if len(row.cells) > 2 and _is_label_cell(row.cells[2].text) else row.cells[1:]
        candidates.append((row.cells[0].text, " ".join(c.text for c in rest)))
        # ...and so each later label with the cell after it ("Date submitted | 09/06/2023 | Publication | No").
        candidates += [(label.text, value.text) for label, value in zip(row.cells[2:-1], row.cells[3:], strict=False)
                       if _label_kind(label.text) is not None]
        if _label_kind(row.cells[0].text) is None:  # a right-hand label column: "Open ..... Open or confidential"
            candidates.append((row.cells[-1].text, " ".join(c.text for c in row.cells[:-1])))
    split = re.match(r"^(?P<label>(?:[^:?.]|\.(?!\s)){2,80}[:?])\s*(?P<value>.*)$", row.text)
    if split:
        candidates.append((split["label"], split["value"]))
    known = _known_label_prefix(row.text)
    if known:
        candidates.append(known)  # "Exempt information None": a known label run into its answer
    # A line that is only a label ("PUBLICATION", "Is any of this information confidential?")
    # starts a line of its own, not the end of a sentence run on from the line above.
    alone = i == 0 or rows[i - 1].furniture or starts_paragraph(rows[i - 1], row) or ends_sentence(rows[i - 1].text)
    if alone and not row.text.rstrip().endswith(".") and len(row.text.split()) <= LABEL_MAX_WORDS:
        candidates.append((row.text, ""))
    below = _stacked_values(rows, i)
    if below is not None:
        candidates = [(cell.text, value) for cell, value in zip(row.cells, below, strict=True)] + candidates
    for label, value in candidates:
        kind = _label_kind(label, cues=bool(value.strip()) or label.rstrip().endswith((":", "?")))
        if kind is None or not _is_label_cell(label) or named_parts(label):
            continue
        used = {i}
        if not value.strip():
            below = []
            for j in range(i + 1, min(len(rows), i + 1 + ANSWER_MAX_ROWS)):
                if rows[j].page != row.page and below:
                    break
                if below and starts_paragraph(rows[j - 1], rows[j]):
                    break
                if _label_kind(rows[j].cells[0].text, cues=False) or _starts_label(rows[j]) \
                        or checkboxes(rows[j].text, ocr=rows[j].ocr):
                    break
                below.append(rows[j])
                used.add(j)
            value = join_lines([r.text for r in below])
            text_rows = [row, *below]
        else:
            text_rows = [row]
        return Passage(value, text_rows, label=label), used
    return None


def _stacked_values(rows: list[Row], i: int) -> list[str] | None:
    """For a row of labels only ("EXEMPT INFORMATION | REPORT AUTHOR"), the cell printed under each
    label on the next line; ``None`` if the row is not such a row."""
    row = rows[i]
    if len(row.cells) < 2 or i + 1 >= len(rows) or rows[i + 1].page != row.page:
        return None
    if not all((_label_kind(cell.text, cues=False) or _starts_label(Row(row.line, [cell]))
                or _names_a_field(cell.text))
               and not (marking_of(cell.text) and _is_marking(fold(cell.text)))
               and not (_mentions_withholding(cell.text) and _label_kind(cell.text, cues=False) is None)
               for cell in row.cells):
        # "Classification | Confidential", "Publication | Not for publication - commercially
        # sensitive": a label and its answer, not two labels.
        return None
    under = rows[i + 1]
    return [" ".join(c.text for c in under.cells if min(c.x1, label.x1 + 12) > max(c.x0, label.x0 - 12))
            for label in row.cells]


def _names_a_field(text: str) -> bool:
    """Whether a cell is a label of the notice's vocabulary ('Approved by', 'Ref. No.')."""
    return any(m.group == "labels" and not m.value
               for variant in (text, text.replace(".", "")) for m in match_labels(variant, cues=True))


def _is_label_cell(text: str) -> bool:
    """Shaped like a label or question: starts with a capital, short, not a sentence ending in a full stop."""
    words = text.split()
    sentence = text.rstrip().endswith(".") and len(words) > 3
    return bool(re.match(r"^[\W\d]*[A-Z]", text)) and len(words) <= LABEL_MAX_WORDS and not sentence


def _known_label_prefix(text: str) -> tuple[str, str] | None:
    """A publication label of the lists that a line starts with (of two words or more), and the rest."""
    folded = fold(text)
    for name in ("withhold_questions", "publish_questions", "marking_labels", "detail_questions"):
        for phrase in sorted(_words()[name], key=len, reverse=True):
            key = fold(phrase)
            if len(key.split()) >= 2 and folded.startswith(key + " "):
                count = len(key.split())
                return " ".join(text.split()[:count]), " ".join(text.split()[count:])
    return None


def _starts_label(row: Row) -> bool:
    """A row that opens with another label of the notice ('Date decision taken: 1 July 2014')."""
    return any(m.group == "labels" and (m.delimited or not m.value) for m in match_labels(row.cells[0].text))


def _paragraphs(rows: list[Row], indexes: list[int]) -> list[list[int]]:
    groups: list[list[int]] = []
    for i in indexes:
        if groups and groups[-1][-1] == i - 1 and not starts_paragraph(rows[i - 1], rows[i]) \
                and not rows[i].furniture and not rows[i - 1].furniture:
            groups[-1].append(i)
        else:
            groups.append([i])
    return groups


_SENTENCE_END = re.compile(r"(?<=[.!?;])\s+(?=[(\"'A-Z0-9])|(?<=[.!?])\s+(?=[a-z])(?<!\b[A-Za-z]\.\s)")


def _sentences(text: str) -> list[str]:
    return [s.strip() for s in _SENTENCE_END.split(text) if s.strip()]


# -- 2. readings -----------------------------------------------------------------------------------


def read_passage(passage: Passage) -> Reading:
    """What one passage says about publication."""
    if passage.boxes:
        return _read_boxes(passage)
    if passage.label is not None:
        return _read_answer(passage)
    return _read_statement(passage, passage.text)


def _cleared(text: str) -> str:
    """The text without what is about something else ("a confidential helpline", "exempt from VAT")."""
    return _pattern("about_something_else").sub(" ", fold(text))


def _mentions_withholding(text: str) -> bool:
    cleared = _cleared(text)
    return bool(_pattern("triggers").search(cleared) or _pattern("withholding").search(cleared))


def _read_boxes(passage: Passage) -> Reading:
    """A row of check boxes: OPEN/CONFIDENTIAL ticked, or a publication question ticked yes or no."""
    ticked = [comparable(option) for option, checked in passage.boxes if checked]
    words = _words()
    markings = {marking_of(option) for option in ticked} - {None}
    if markings == {"open", "confidential"}:
        return Reading(WITHHELD, passage, "more than one box ticked (open and confidential)", doubt=True)
    if markings:
        verdict = WITHHELD if "confidential" in markings else OPEN
        return Reading(verdict, passage, f"the '{ticked[0]}' box is ticked")
    question = re.sub(r"\b(?:yes|no)\b", " ", comparable(passage.label or "")).strip()
    kind = _label_kind(question)
    if kind not in ("publish", "withhold") or _has("part_words", question):
        return Reading(NOTHING, passage)  # a box question about something else, or about an appendix
    yes = any(o in words["answers_yes"] for o in ticked)
    no = any(o in words["answers_no"] for o in ticked)
    if yes and no:
        return Reading(WITHHELD, passage, f"more than one box ticked for '{question}'", doubt=True)
    if not yes and not no:
        return Reading(UNCLEAR, passage, f"no box ticked for '{question}'")
    publishes = yes if kind == "publish" else no
    return Reading(OPEN if publishes else WITHHELD, passage, f"'{question}' is answered {'yes' if yes else 'no'}")


def _read_answer(passage: Passage) -> Reading:
    """A label about publication with its answer: a marking, yes or no, a named part, or a statement."""
    label, value = passage.label or "", passage.text
    kind = _label_kind(label)
    shown = f"'{label.strip()}' is answered '{value.strip()[:60]}'"
    boxes = checkboxes(value)
    if boxes:  # "Status" over "Public ☒ Not for publication ☐": the boxes answer the label
        return _read_boxes(Passage(value, passage.rows, label=f"{label} {without_boxes(value)}", boxes=boxes))
    marking = marking_of(value)
    if marking and (kind == "marking" or len(value.split()) <= 3 and _is_marking(fold(value))):
        return Reading(OPEN if marking == "open" else WITHHELD, passage, f"marked '{value.strip()[:40]}'")
    if kind == "marking" and not _mentions_withholding(value):
        return Reading(NOTHING, passage)  # "Status: Approved": not a marking
    statements = [_read_statement(passage, sentence) for sentence in _sentences(value)]
    parts = [part for r in statements for part in r.parts]
    if kind == "withhold" and not parts:
        parts = [name for name, form_part in named_parts(value.split(",")[0]) if not form_part]
    told = [r for r in statements if r.verdict == WITHHELD]
    if told:
        return Reading(WITHHELD, passage, told[0].why, parts)
    opened = [r for r in statements if r.verdict == OPEN and r.parts]
    if opened:
        return Reading(OPEN, passage, opened[0].why, parts)  # "Publish in full, except Appendix B"
    if kind == "detail":
        if _answer(value) == "no" or not value.strip():
            return Reading(NOTHING, passage, parts=parts)
        return Reading(HINT, passage, f"a reason or detail is given: {shown}", parts)
    if kind == "withhold" and value.strip() and not parts and _answer(value) is None:
        if _says_withheld(label):
            return Reading(WITHHELD, passage, shown)  # "Do not publish: this decision relates to ..."
        return Reading(HINT, passage, f"a reason or detail is given: {shown}")
    answer = _answer(value)
    if answer is None and kind == "publish":
        answer = "yes" if _is_one_of(value, "answers_publish") else "no" if _is_one_of(value, "answers_withhold") else None
    if answer is not None and kind != "marking":
        if parts and kind == "withhold" and answer == "yes":
            return Reading(NOTHING, passage, parts=parts)  # "Yes - Appendix A ...": the part, not the notice
        withholds = (answer == "no") if kind == "publish" else (answer == "yes")
        return Reading(WITHHELD if withholds else OPEN, passage, f"'{label.strip()}' is answered {answer}", parts)
    for verdict in (OPEN, UNCLEAR, HINT):
        found = [r for r in statements if r.verdict == verdict]
        if found:
            return Reading(verdict, passage, found[0].why, parts)
    if not label.rstrip().endswith((":", "?")) and not parts:
        own = _read_statement(Passage(label, passage.rows[:1]), label)
        if own.verdict != NOTHING:
            return own  # the label is a marking on a line of its own ("CONFIDENTIAL"), not a question
    if parts or not _mentions_withholding(value) and (kind != "marking" or not value.strip()):
        return Reading(NOTHING, passage, parts=parts)  # a section heading that says nothing of publication
    return Reading(UNCLEAR, passage, shown, parts)


def _is_one_of(text: str, name: str) -> bool:
    folded = comparable(text).strip(" .:-–()")
    return any(folded == comparable(word) or folded.startswith(comparable(word) + " ")
               or folded.startswith(comparable(word) + ",") for word in _words()[name])


def _read_statement(passage: Passage, sentence: str) -> Reading:
    """A sentence or a short line: what it is about (the notice, a part of it) and whether it withholds that."""
    text = _cleared(sentence)
    banner = all(row.furniture for row in passage.rows)  # a running header or footer: where markings go
    short = (len(sentence.split()) <= SHORT_LINE_WORDS or banner) and passage.label is None
    answering = passage.label is not None and _label_kind(passage.label) in ("publish", "withhold")
    parts = named_parts(sentence)
    named = [name for name, form_part in parts if not form_part]
    form_part = any(form for _, form in parts) or bool(_pattern("form_parts").search(text))
    if short and sentence.rstrip().endswith(":"):
        return Reading(NOTHING, passage)  # a label, its answer printed elsewhere
    if short and not parts and _pattern("marking_triggers").search(text) and _is_marking(text):
        marking = marking_of(text)
        return Reading(OPEN if marking == "open" else WITHHELD, passage, f"marked '{sentence.strip()[:40]}'")
    if _is_instruction(text):
        return Reading(NOTHING, passage)
    if named and (_excepted(text) or _mentions_withholding(sentence)) and (
            _excepted(text) or not _whole_subject(text, before=_part_pattern().search(sentence).start())):
        verdict = OPEN if _pattern("publishing").search(text) or _is_one_of(sentence, "answers_publish") else NOTHING
        return Reading(verdict, passage, "a part is withheld", named)
    if _pattern("publishing").search(text) and not _mentions_withholding(sentence):
        if _whole_subject(text) or answering:
            return Reading(OPEN, passage, f"'{sentence.strip()[:80]}'")
        return Reading(NOTHING, passage)
    if not _mentions_withholding(sentence):
        return Reading(NOTHING, passage)
    if form_part:
        if _pattern("held_elsewhere").search(text):
            return Reading(NOTHING, passage)
        if short or _pattern("held_here").search(text):
            return Reading(WITHHELD, passage, f"the notice holds its exempt part ('{sentence.strip()[:60]}')")
        return Reading(UNCLEAR, passage, f"an exempt part is mentioned: '{sentence.strip()[:80]}'")
    if _negated(text) or _unnamed_part(text):
        return Reading(NOTHING, passage)
    if short and marking_of(text) == "confidential" and _is_marking(text):
        return Reading(WITHHELD, passage, f"marked '{sentence.strip()[:40]}'")
    if _pattern("withholding").search(text) and (_whole_subject(text) or answering):
        return Reading(WITHHELD, passage, f"'{sentence.strip()[:80]}'")
    if short:
        return Reading(HINT, passage, f"'{sentence.strip()[:80]}'")
    return Reading(UNCLEAR, passage, f"it is not clear what is withheld: '{sentence.strip()[:80]}'")


def _unnamed_part(text: str) -> bool:
    """'... on the terms set out in the confidential annex': a part said to be withheld, not the notice."""
    words = "|".join(re.escape(fold(w)) for w in _words()["part_words"])
    return bool(re.search(rf"\b(?:confidential|exempt|restricted|withheld|private)\s+(?:{words})\b", text)) \
        and not _whole_subject(text)


def _excepted(text: str) -> bool:
    """'Publish in full, except Appendix B': a part kept back from an open notice."""
    return bool(re.search(r"\b(?:except|excepting|excluding|other than|apart from|with the exception of|save for)\b", text))


def _is_marking(text: str) -> bool:
    """A short line that is only a marking, perhaps with a reference or page number ('[RESTRICTED]',
    'NOT PROTECTIVELY MARKED 2021/042 - page 1'), not a heading that uses the word ('Protecting victims')."""
    rest = _pattern("unmarked").sub(" ", text)
    for name in ("confidential_markings", "open_markings"):
        rest = _pattern(name).sub(" ", rest)
    rest = re.sub(r"\b(?:page|of|and|the|marking|classification|until|by|virtue|paragraph|\w*\d\w*)\b", " ", rest)
    rest = re.sub(rf"\b(?:{'|'.join(MONTHS)})\b", " ", rest)
    return not re.search(r"[a-z]{3,}", rest)


def _whole_subject(text: str, before: int | None = None) -> bool:
    return _pattern("whole_subjects").search(text if before is None else text[:before]) is not None


def _negated(text: str) -> bool:
    """A sentence that withholds nothing: 'there is no confidential information', 'nothing is exempt'."""
    return bool(re.search(r"\b(?:no|nothing|none|not any|neither)\b[^.]{0,40}\b(?:confidential|exempt|restricted|withheld)", text))


def _is_instruction(text: str) -> bool:
    opening = text.strip(" ([-–•*").split(",")[0]
    return any(re.match(rf"{re.escape(comparable(word))}\b", opening) for word in _words()["instruction_openings"])


# -- 3. the notice ---------------------------------------------------------------------------------


def _marks_part(heading: Row, row: Row) -> bool:
    """A line straight under a part's heading that only says it is withheld."""
    height = heading.line.bottom - heading.line.top
    close = row.page == heading.page and row.top - heading.bottom < 2 * height
    return close and len(row.text.split()) <= SHORT_LINE_WORDS and not named_parts(row.text) and _says_withheld(row.text)


def _part_heading(text: str) -> bool:
    """A line that is a part's name and nothing else ('Appendix B - Supplier pricing')."""
    parts = named_parts(text)
    return len(parts) == 1 and not parts[0][1] and fold(parts[0][0]) == fold(text) and not _mentions_withholding(text)


def read_confidentiality(rows: list[Row]) -> Confidentiality:
    """Open or confidential, for publication or not, and the withheld parts, from every passage.

    Anything that withholds the notice withholds it. Failing that, an unclear passage or a
    hint withholds it too (and is flagged, so a person decides) unless the notice also says,
    in so many words, that it is open.
    """
    readings = [reading for p in passages(rows) if (reading := read_passage(p)).verdict != NOTHING or reading.parts]
    withheld = [r for r in readings if r.verdict == WITHHELD]
    doubtful = [r for r in readings if r.verdict in (UNCLEAR, HINT)]
    opened = [r for r in readings if r.verdict == OPEN]
    parts = list(dict.fromkeys(part for r in readings for part in r.parts))
    closed = bool(withheld or (doubtful and not opened))
    return Confidentiality(
        classification="confidential" if closed else "open",
        for_publication=not closed,
        withheld_parts=parts,
        readings=readings,
        unclear=(doubtful if not withheld else []) + [r for r in withheld if r.doubt] if closed else [],
        conflicting=bool(withheld and opened),
    )
