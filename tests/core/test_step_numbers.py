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
