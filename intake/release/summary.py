"""What the steward reads about a release: one summary for the command line and the app.

Figures and field names only, never a value from a record.
"""

from __future__ import annotations

from intake.release.plan import ReleasePlan, WrittenRelease


def plan_summary(plan: ReleasePlan) -> list[str]:
    """The plan before anything is written: what would go, the disclosure report, what was left."""
    lines = [
        f"{len(plan.dataset.rows)} record(s) of {plan.protocol.id} {plan.protocol.version} "
        "would be exported",
        *plan.report.lines(),
        plan.texts.line(),
    ]
    if plan.search is not None:
        lines.append(plan.search.line())
        if plan.search.shared_by_all:
            shared = ", ".join(plan.search.shared_by_all)
            lines.append(f"shared by every record, left as answered: {shared}")
    if plan.skipped_unreviewed:
        lines.append(f"{plan.skipped_unreviewed} unreviewed record(s) left out")
    if plan.left_out_no_archiving:
        lines.append(f"{plan.left_out_no_archiving} record(s) left out: archiving was not agreed")
    if plan.texts_withheld_no_quotation:
        lines.append(
            f"free text of {plan.texts_withheld_no_quotation} record(s) withheld: "
            "quotation was not agreed"
        )
    if plan.report.refused:
        lines.append("REFUSED at these settings: writing needs a reason for accepting the risk")
    return lines


def written_line(result: WrittenRelease) -> str:
    """One line saying what a release wrote and where."""
    plan = result.plan
    risk = ", below the threshold, risk accepted" if plan.report.refused else ""
    return (
        f"Exported {len(plan.dataset.rows)} record(s) as {', '.join(plan.settings.formats)} "
        f"to {result.folder}{risk} (export {result.export_id})."
    )
