from blueprint_editor.core.model import Step
from blueprint_editor.core.step_numbers import step_numbers
from factories import canvas_blueprint


def test_numbers_are_phase_column_position_top_to_bottom():
    bp = canvas_blueprint()
    numbers = step_numbers(bp)
    assert numbers["arrive"] == "1.1.1"  # phase 1, its first column, top card
    assert numbers["greet"] == "1.1.2"
    assert numbers["checkin"] == "1.2.1"
    assert numbers["desk"] == "1.2.2"
    assert numbers["desk2"] == "1.2.3"  # stacked below "desk" in the same lane
    assert numbers["pms"] == "1.2.4"
    assert numbers["prep"] == "2.1.1"  # first column of the second phase


def test_a_column_outside_every_phase_counts_among_all_columns():
    bp = canvas_blueprint()
    bp.steps.append(Step(id="late", lane="support", column="c4", title="Late"))
    bp.steps.append(Step(id="early", lane="customer", column="c4", title="Early"))
    numbers = step_numbers(bp)
    assert numbers["early"] == "4.1"  # lanes decide the order, not the file
    assert numbers["late"] == "4.2"


def test_phase_summaries_are_the_reports_totals():
    from blueprint_editor.core.interchange.report import to_markdown
    from blueprint_editor.core.model import Comment
    from blueprint_editor.core.phase_summary import phase_summaries

    bp = canvas_blueprint()
    bp.steps[0].duration_minutes = 20  # arrive: customer, visible
    bp.steps[1].duration_minutes = 5  # checkin: a wait point, visible
    bp.comments = [
        Comment(id="q", target="desk", kind="question", text="Who?"),
        Comment(id="d", target="desk", kind="question", text="Done", done=True),
    ]
    summaries = phase_summaries(bp)
    assert summaries["arrival"] == (
        "Customer-visible time 25 min \u00b7 waiting 5 min \u00b7 1 fail point \u00b7 1 open question"
    )
    assert summaries["stay"].endswith("0 fail points \u00b7 0 open questions")
    report = to_markdown(bp)
    assert "Customer-visible time 25 min · waiting 5 min · 1 fail point(s) · 1 open question(s)" in report
