"""The outline: the blueprint as a table, a second editor of the one document.

:mod:`.models` holds the two item models (grid of cells, one row per step), :mod:`.view`
the table view with keyboard capture, :mod:`.panel` the panel (mode switch, full window).
"""
