"""One step of the interview, rendered from the protocol, with its progress.

The screen only renders :class:`intake.flow.Interview`: every answer goes
through ``set_answer`` and every move through ``next``/``back``, which decide.
The draft is saved (encrypted) on every step change and every few seconds
while the interviewer types; nothing is saved until participation is agreed.
"""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.content import Content
from textual.reactive import reactive
from textual.widgets import Static, TextArea

from intake.app.screens.confirm import ConfirmScreen
from intake.app.screens.one_move import OneMoveScreen
from intake.app.widgets.choices import ChoiceList
from intake.app.widgets.fields import FieldBox, FieldChanged
from intake.app.widgets.key_footer import KeyFooter
from intake.app.widgets.step_header import ProtectedBanner, StepHeading
from intake.drafts import KeptReview
from intake.flow import MISSING, FlowError, Interview, Stage
from intake.protocol.model import FieldType
from intake.protocol.translate import in_language

TALL_FIELDS = frozenset({"narrative"})


class InterviewScreen(OneMoveScreen):
    """The current step of an interview."""

    HELP_TITLE = "Interview step"
    TAB_AT_ONCE = True
    PURPOSE = (
        "One step of the interview. Tab moves between questions; in a list, type the "
        "first letters of an answer to find it, and Space or Enter chooses it. The draft "
        "is saved, encrypted, on every step and every few seconds."
    )
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding(
            "ctrl+n",
            "next",
            "Next",
            id="step.next",
            tooltip="Check this step and go on",
            priority=True,
        ),
        Binding(
            "ctrl+b",
            "back",
            "Back",
            id="step.back",
            tooltip="Go to the previous step",
            priority=True,
        ),
        Binding("ctrl+s", "save", "Save", id="step.save", tooltip="Save the draft now"),
        Binding("escape", "home", "Home", id="step.home", tooltip="Save and go to the home screen"),
    ]

    heading: reactive[str] = reactive("")
    """Where the interview is, for the heading."""
    protected: reactive[bool] = reactive(False)
    """Whether the step holds protected identity questions."""

    def __init__(
        self, interview: Interview, draft_id: str | None, kept: KeptReview | None = None
    ) -> None:
        super().__init__(id="interview")
        self.interview = interview
        """The interview as the screen last read it."""
        self.draft_id = draft_id
        """The encrypted draft this interview is saved to, once saved."""
        self.kept = kept
        """The review taken before going back to change an answer: saved with the draft,
        and carried into the next review wherever a text is unchanged."""
        self._dirty = False
        self._shown: tuple[str, ...] = ()
        self._tried_next = False

    def compose(self) -> ComposeResult:
        if self.interview_app.settings.demo:
            yield Static(Content("DEMO STORE - never real testimony"), classes="demo-banner")
        yield StepHeading(id="step-title").data_bind(InterviewScreen.heading)
        yield ProtectedBanner(id="step-protected").data_bind(InterviewScreen.protected)
        yield VerticalScroll(id="step-form")
        yield Static(Content(""), id="step-status")
        yield KeyFooter()

    async def on_mount(self) -> None:
        await self.show_step()
        self.set_interval(self.interview_app.settings.autosave_seconds, self.autosave)

    # Rendering

    async def show_step(self, focus: str | None = None, cursor: int | None = None) -> None:
        """Render the current step, keeping ``focus`` (a field id) and its list's ``cursor``."""
        interview = self.interview
        step = interview.current_step
        assert step is not None
        progress = interview.progress
        # The words in the language the app shows; ids, codes and rules are the same.
        display = in_language(interview.protocol, self.interview_app.settings.display_language)
        step = display.step(step.id)
        self.heading = f"Step {progress.number} of {progress.total} · {step.title}"
        self.protected = step.protected
        self.set_class(step.protected, "protected-step")
        form = self.query_one("#step-form", VerticalScroll)
        kept_scroll = form.scroll_y
        await form.remove_children()
        widgets: list[Static | FieldBox] = []
        if step.intro:
            widgets.append(Static(Content(step.intro), classes="step-intro"))
        fields = interview.visible_fields()
        for field in fields:
            widgets.append(
                FieldBox(
                    display.field(field.id),
                    self._raw(field.id),
                    tall=field.id in TALL_FIELDS or len(fields) == 1,
                )
            )
        await form.mount_all(widgets)
        self._shown = tuple(field.id for field in fields)
        self._show_errors()
        boxes = list(form.query(FieldBox))
        target = next((b for b in boxes if b.field.id == focus), boxes[0] if boxes else None)
        if target is not None:
            self.set_focus(target.control, scroll_visible=False)
            if cursor is not None and isinstance(target.control, ChoiceList):
                target.control.highlighted = cursor
        if focus is None or target is None:
            form.scroll_home(animate=False)
            return
        shown = target

        def keep_in_view() -> None:
            # Once laid out: stay where the interviewer was, and show the question they are on.
            form.scroll_to(y=kept_scroll, animate=False, immediate=True)
            form.scroll_to_widget(shown, animate=False, immediate=True)

        self.call_after_refresh(keep_in_view)

    def _raw(self, field_id: str) -> object:
        interview = self.interview
        if field_id in interview.rejected:
            return interview.rejected[field_id].raw
        if field_id in interview.answers:
            field = interview.protocol.field(field_id)
            value = interview.answers[field_id]
            if field.type is FieldType.DATE:
                return str(value)
            return value
        return None

    def _show_errors(self) -> None:
        """Each question's error beside it, and the count of those left in the status line."""
        problems = self.interview.problems()
        for box in self.query(FieldBox):
            message = problems.get(box.field.id)
            if message == MISSING and not self._tried_next:
                message = None
            box.show_error(message)
        if self._tried_next:
            self._status(_attention(len(problems)))

    # Reading the form

    def collect(self) -> bool:
        """Read every control into the interview; ``True`` if the shown questions changed."""
        interview = self.interview
        step = interview.current_step
        if step is None:
            return False
        for box in self.query(FieldBox):
            if box.field in step.fields and interview.is_visible(box.field.id):
                interview = interview.set_answer(box.field.id, box.value())
        self.interview = interview
        shown = tuple(field.id for field in interview.visible_fields())
        return shown != self._shown

    async def on_field_changed(self, message: FieldChanged) -> None:
        box = next((b for b in self.query(FieldBox) if b.field.id == message.field_id), None)
        if self._moving or box is None or _same(box.value(), self._raw(message.field_id)):
            return
        self._dirty = True
        if self.collect():
            focused = self.focused
            owner = next(
                (b.field.id for b in self.query(FieldBox) if focused in b.walk_children()), None
            )

            cursor = focused.highlighted if isinstance(focused, ChoiceList) else None

            async def redraw() -> None:
                await self.show_step(focus=owner, cursor=cursor)

            await self._one_move(redraw)
        else:
            self._show_errors()

    def on_text_area_changed(self, _event: TextArea.Changed) -> None:
        self._dirty = True
        if self._tried_next and not self._moving:
            self.collect()
            self._show_errors()

    # Saving

    @property
    def may_save(self) -> bool:
        """Nothing is stored before participation is agreed."""
        participation = self.interview.protocol.participation_field.id
        return self.interview.answers.get(participation) is True

    def save(self) -> bool:
        """Collect and save the draft (encrypted) if participation is agreed."""
        self.collect()
        if not self.may_save:
            return False
        kept = self.kept
        self.draft_id = self.interview_app.save_draft(
            self.interview,
            self.draft_id,
            kept.reviews if kept is not None else None,
            edits=kept.edits if kept is not None else (),
        )
        self._dirty = False
        return self.draft_id is not None

    def autosave(self) -> None:
        """Save a changed draft (called every few seconds)."""
        if self._dirty:
            self.save()

    def before_lock(self) -> None:
        self.save()
        self.interview_app.reopen_after_unlock = self.draft_id

    # Moving: one move at a time (see OneMoveScreen)

    async def action_next(self) -> None:
        """Check the step and go on (to review after the last step)."""
        await self._one_move(self._next)

    async def action_back(self) -> None:
        """Go to the previous step (answers on this one are kept)."""
        await self._one_move(self._back)

    async def _next(self) -> None:
        await self._settle()
        self.collect()
        if self._declined():
            if self._answers_beyond_participation() or self.draft_id is not None:
                self._ask_before_declining()
            else:
                await self._moved(Interview(self.interview.protocol, Stage.DECLINED, None))
            return
        problems = self.interview.problems()
        if problems:
            self._tried_next = True
            self._show_errors()
            first = next(b for b in self.query(FieldBox) if b.field.id in problems)
            self.set_focus(first.control)
            self.query_one("#step-form", VerticalScroll).scroll_to_widget(first, animate=False)
            return
        try:
            moved = self.interview.next()
        except FlowError:
            self._status("This step cannot be left yet.")
            return
        await self._moved(moved)

    def _answers_beyond_participation(self) -> list[str]:
        participation = self.interview.protocol.participation_field.id
        return [key for key in self.interview.answers if key != participation]

    def _ask_before_declining(self) -> None:
        """Participation is No after other answers: ending deletes them, so ask (No default)."""
        given = self._answers_beyond_participation()

        async def answered(sure: bool | None) -> None:
            if sure:
                await self._moved(Interview(self.interview.protocol, Stage.DECLINED, None))
            else:
                self._status("Nothing was deleted. Participation is still No: change it to go on.")

        self.app.push_screen(
            ConfirmScreen(
                f"Participation is answered No. End this interview and delete the "
                f"{len(given)} other answers given so far"
                + (" and its saved draft" if self.draft_id is not None else "")
                + "? They cannot be brought back.",
                yes="End and delete",
                no="Keep the interview",
            ),
            answered,
        )

    def _declined(self) -> bool:
        """Participation refused on this step: the other questions need no answer."""
        participation = self.interview.protocol.participation_field
        step = self.interview.current_step
        return (
            step is not None
            and participation in step.fields
            and self.interview.answers.get(participation.id) is False
        )

    async def _back(self) -> None:
        await self._settle()
        self.collect()
        try:
            moved = self.interview.back()
        except FlowError:
            self._status("This is the first step.")
            return
        await self._moved(moved)

    async def _moved(self, moved: Interview) -> None:
        app = self.interview_app
        self._tried_next = False
        if moved.stage is Stage.DECLINED:
            self.interview = moved
            if self.draft_id is not None:
                app.store.delete_draft(self.draft_id)
                self.draft_id = None
            app.go_home("Participation declined: nothing from this interview was kept.")
            return
        self.interview = moved
        self.save()
        if moved.stage is Stage.REVIEW:
            app.start_review(moved, self.draft_id, self.kept)
            return
        self._status("")
        await self.show_step()

    def action_save(self) -> None:
        """Save now."""
        if self.save():
            self._status("Draft saved (encrypted).")
        else:
            self._status("Nothing is saved until participation is agreed.")

    async def action_home(self) -> None:
        """Save and go home."""
        self.save()
        self.interview_app.go_home()

    def _status(self, text: str) -> None:
        self.query_one("#step-status", Static).update(Content(text))


def _attention(count: int) -> str:
    """The status line after a refused step: how many questions still need attention."""
    if not count:
        return "Every question is answered: ctrl+n goes on."
    return "One question needs attention." if count == 1 else f"{count} questions need attention."


def _same(given: object, kept: object) -> bool:
    """Whether a control still holds what the interview already has (e.g. just mounted)."""
    if given in ("", None, []) and kept is None:
        return True
    if isinstance(kept, tuple):
        kept = list(kept)
    if isinstance(given, bool) or isinstance(kept, bool):
        return given is kept
    return given == kept
