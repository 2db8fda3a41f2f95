"""Which language the app shows a protocol's texts in, given what the terminal can draw.

Arabic (like Persian, Urdu and Hebrew) is written right to left and its letters
join. The app draws each character in its own cell; most terminals then show
Arabic letters unjoined and in the order they are stored, so a label reads
backwards. Terminals that shape and order right-to-left text (mlterm, Konsole,
GNOME Terminal and other VTE terminals from VTE 0.58) show it readably. The app
shows a right-to-left language only in those, or when ``TESTIMONY_BIDI=1`` says
the terminal can; otherwise it keeps the protocol's own language and says why.
"""

from __future__ import annotations

from collections.abc import Mapping

#: Languages written right to left (primary tags).
RIGHT_TO_LEFT = frozenset(["ar", "fa", "ur", "ps", "ckb", "he", "yi", "dv"])
#: Set to 1 when the terminal shapes and orders right-to-left text.
BIDI_ENV = "TESTIMONY_BIDI"
#: VTE (GNOME Terminal, Tilix, ...) orders right-to-left text from version 0.58.
VTE_WITH_BIDI = 5800


def terminal_draws_right_to_left(environ: Mapping[str, str]) -> bool:
    """True in terminals known to shape and order right-to-left text, or when told so."""
    told = environ.get(BIDI_ENV, "").strip()
    if told in ("0", "1"):
        return told == "1"
    if environ.get("MLTERM") or environ.get("KONSOLE_VERSION"):
        return True
    vte = environ.get("VTE_VERSION", "")
    return vte.isdigit() and int(vte) >= VTE_WITH_BIDI


def display_language(
    requested: str | None, own: str, available: tuple[str, ...], environ: Mapping[str, str]
) -> tuple[str, str | None]:
    """The language to show (``requested`` if the protocol has it and the terminal can draw
    it, else ``own``) and a one-line note when the request could not be met."""
    if requested is None or requested == own:
        return own, None
    if requested not in available:
        offered = ", ".join(available)
        return own, f"the protocol has no texts in {requested!r} (it has: {offered})"
    primary = requested.split("-")[0].lower()
    if primary in RIGHT_TO_LEFT and not terminal_draws_right_to_left(environ):
        return own, (
            f"this terminal may not draw {requested!r} right to left; showing {own!r} "
            f"(set {BIDI_ENV}=1 in a terminal that does: mlterm, Konsole, GNOME Terminal)"
        )
    return requested, None
