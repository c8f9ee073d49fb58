"""The window's actions, menus and toolbar, wired to its controllers.

:class:`WindowActions` owns every QAction of one :class:`MainWindow`; it holds no state of
its own beyond enabling actions: File actions call the window's ``files`` controller,
Edit/Insert actions its ``commands`` (MenuCommands), View actions its ``view``.
"""

from __future__ import annotations

import importlib.util
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QAction, QActionGroup, QKeySequence
from PySide6.QtWidgets import QMenu, QToolBar

from blueprint_editor.core.cards import TEXT_SIZES
from blueprint_editor.core.model import DEFAULT_LANE_TITLES, LANE_KINDS
from blueprint_editor.qt.app.icons import icon
from blueprint_editor.qt.app.presentation import toggle_full_screen
from blueprint_editor.qt.canvas.themes import CHOICES, THEMES
from blueprint_editor.qt.editing.plain_text import one_line, tooltip


def _keys(*items: str) -> list[QKeySequence]:
    """Key sequences from portable text ("Ctrl" is Cmd on macOS), without duplicates."""
    unique: dict[str, QKeySequence] = {}
    for item in items:
        seq = QKeySequence(item)
        if not seq.isEmpty():
            unique.setdefault(seq.toString(), seq)
    return list(unique.values())


def export_available() -> bool:
    return importlib.util.find_spec("blueprint_editor.qt.export.dialog") is not None


class WindowActions(QObject):
    def __init__(self, window):
        super().__init__(window)
        self.window = window
        files, commands = window.files, window.commands

        def act(
            text: str,
            slot: Callable,
            keys=(),
            icon_name: str | None = None,
            tip: str | None = None,
            checkable: bool = False,
        ) -> QAction:
            action = QAction(text, window)
            if icon_name:
                action.setIcon(icon(icon_name))
            shortcuts = _keys(*keys)
            if shortcuts:
                action.setShortcuts(shortcuts)
            action.setCheckable(checkable)
            plain = text.replace("&", "").rstrip(".\u2026")
            action.setToolTip(tip or plain)
            action.setStatusTip(tip or plain)
            if checkable:
                action.toggled.connect(slot)
            else:
                action.triggered.connect(lambda _checked=False: slot())
            window.addAction(action)  # shortcuts work even with the menu bar hidden
            return action

        # ---------------------------------------------------------------- file
        self.new = act("&New", files.new, ["Ctrl+N"], "new", "New blueprint")
        self.new_from_template = act(
            "New from &Template\u2026",
            window.show_start_screen,
            ["Ctrl+Shift+N"],
            None,
            "Start from a template, an example or a recent file",
        )
        self.open = act("&Open\u2026", files.open, ["Ctrl+O"], "open", "Open a blueprint")
        self.save = act("&Save", files.save, ["Ctrl+S"], "save", "Save the blueprint")
        self.save_as = act(
            "Save &As\u2026", files.save_as, ["Ctrl+Shift+S"], None, "Save the blueprint under another name"
        )
        self.save_as_template = act(
            "Save as Te&mplate\u2026",
            window.save_as_template,
            [],
            None,
            "Keep this blueprint as a template of your own",
        )
        self.import_file = act(
            "&Import\u2026",
            self._import,
            ["Ctrl+Shift+I"],
            None,
            "Import a spreadsheet (CSV, TSV, XLSX) or a draw.io diagram as a new blueprint",
        )
        self.compare_with = act(
            "&Compare With\u2026",
            lambda: window.compare_ui.compare_with(),
            [],
            None,
            "Show what changed against another blueprint file",
        )
        self.compare_with_saved = act(
            "Compare With &Last Saved Version",
            lambda: window.compare_ui.compare_with_saved(),
            [],
            None,
            "Show what changed since the file was last saved",
        )
        self.export = act(
            "&Export\u2026",
            self._export,
            ["Ctrl+E"],
            None,
            "Export as PNG, SVG, PDF, JSON, a spreadsheet, draw.io, Mermaid or a Markdown report",
        )
        self.export.setEnabled(export_available())
        self.print = act(
            "&Print\u2026",
            self._print,
            ["Ctrl+P"],
            None,
            "Print on the printer's paper, fitted, as tiles of a poster or a phase per sheet",
        )
        self.print_preview = act(
            "Print Pre&view\u2026",
            self._print_preview,
            [],
            None,
            "See the printed sheets and choose their layout",
        )
        self.quit = act("&Quit", window.close, ["Ctrl+Q"], None, "Close the window")
        self.quit.setMenuRole(QAction.MenuRole.QuitRole)

        # ---------------------------------------------------------------- edit
        stack = window.undo_stack
        self.undo = stack.createUndoAction(window, "&Undo")
        self.undo.setShortcuts(_keys("Ctrl+Z"))
        self.undo.setIcon(icon("undo"))
        self.redo = stack.createRedoAction(window, "&Redo")
        self.redo.setShortcuts(_keys("Ctrl+Shift+Z", "Ctrl+Y"))
        self.redo.setIcon(icon("redo"))
        for action in (self.undo, self.redo):
            window.addAction(action)
        self.cut = act("Cu&t", commands.cut, ["Ctrl+X"], "cut", "Cut the selected steps")
        self.copy = act("&Copy", commands.copy, ["Ctrl+C"], "copy", "Copy the selected steps")
        self.paste = act("&Paste", commands.paste, ["Ctrl+V"], "paste", "Paste steps")
        self.paste_text = act(
            "Paste &Text as Steps\u2026",
            lambda: commands.paste_text(window),
            ["Ctrl+Shift+V"],
            None,
            "Each line of the copied text becomes a step; a spreadsheet block a grid",
        )
        self.duplicate = act(
            "D&uplicate", commands.duplicate, ["Ctrl+D"], "duplicate", "Duplicate the selected steps"
        )
        self.delete = act(
            "&Delete",
            commands.delete,
            ["Delete", "Backspace"],
            "delete",
            "Delete the selection (steps take their handoffs along)",
        )
        self.select_all = act(
            "Select &All", commands.select_all, ["Ctrl+A"], None, "Select every step and handoff"
        )
        self.rename = act(
            "&Rename Step", commands.rename, ["F2"], None, "Edit the title of the selected step"
        )
        self.find = act(
            "&Find\u2026",
            lambda: window.find_bar.open_find(),
            ["Ctrl+F"],
            None,
            "Find steps by title, description, owner or tags",
        )
        self.find_next = act(
            "Find &Next", lambda: window.find_bar.step(1), ["F3"], None, "Go to the next match"
        )
        self.find_previous = act(
            "Find Pre&vious", lambda: window.find_bar.step(-1), ["Shift+F3"], None, "Go to the previous match"
        )
        self.connect_mode = act(
            "&Connect Mode",
            self._set_connect_mode,
            ["C"],
            "connect",
            "Connect mode: drag from one step to another to add a handoff",
            checkable=True,
        )

        # ---------------------------------------------------------------- insert
        self.insert_lane = {
            kind: act(DEFAULT_LANE_TITLES[kind], lambda k=kind: commands.insert_lane(k))
            for kind in LANE_KINDS
        }
        self.insert_column = act("&Column", commands.insert_column, [], "column", "Add a column at the end")
        self.insert_phase = act(
            "&Phase\u2026",
            lambda: window.phase_ui.insert_phase(),
            [],
            None,
            "Group the chosen columns (click their headers) into a new "
            "phase, or add a phase with one new column at the end",
        )

        # -------------------------------------------- keyboard editing (the canvas's keys)
        # the keys are the canvas's own (Tab, Enter, Ins stay with text fields elsewhere):
        # the menus show them after a tab, without claiming them as window shortcuts
        keyboard = window.scene.keyboard
        self.insert_step_here = act(
            "&Step Here\tIns",
            lambda: keyboard.add_step(None),
            [],
            None,
            "Add a step in the cell cursor's cell",
        )
        self.insert_step_right = act(
            "Step to the &Right\tTab",
            lambda: keyboard.add_step("right"),
            [],
            None,
            "Add a step in the next cell of the selected step's lane",
        )
        self.insert_step_below = act(
            "Step &Below\tEnter",
            lambda: keyboard.add_step("down"),
            [],
            None,
            "Add a step in the lane below the selected step",
        )
        self.connect_to = act(
            "Connect to a Step by &Name\u2026\tCtrl+L",
            keyboard.open_connect_popup,
            [],
            None,
            "Connect the selected step to a step found by its title",
        )

        # ---------------------------------------------------------------- view
        view = window.view
        self.zoom_in = act("Zoom &In", lambda: self._zoom(view.zoom_in), ["Ctrl++", "Ctrl+="], "zoom_in")
        self.zoom_out = act("Zoom &Out", lambda: self._zoom(view.zoom_out), ["Ctrl+-"], "zoom_out")
        self.actual_size = act(
            "&Actual Size", lambda: self._zoom(view.reset_zoom), ["Ctrl+0"], "actual_size", "Zoom to 100%"
        )
        self.fit = act(
            "&Fit to Window",
            lambda: self._zoom(view.fit_all),
            ["Ctrl+9", "Ctrl+Shift+F"],
            "fit",
            "Show the whole blueprint",
        )

        # text size: one checked choice, for the canvas and the exports
        self.text_size_group = QActionGroup(window)
        self.text_size_group.setExclusive(True)
        self.text_sizes: dict[str, QAction] = {}
        current = window.text_size()
        for size in TEXT_SIZES:
            action = QAction(f"&{size.label} ({round(size.factor * 100)}%)", window)
            action.setCheckable(True)
            action.setChecked(size.key == current)
            action.setData(size.key)
            action.setStatusTip(f"Text and cards at {size.label.lower()} size, on the canvas and in exports")
            action.triggered.connect(lambda _c=False, k=size.key: window.set_text_size(k))
            self.text_size_group.addAction(action)
            self.text_sizes[size.key] = action

        # screen: presentation, full screen, focus canvas
        self.present = act(
            "&Present",
            window.presentation.enter,
            ["F5"],
            None,
            "Presentation mode: full screen, phase by phase (PgDn/PgUp, "
            "Home: all, click a card: details, Esc: back to editing)",
        )
        self.full_screen = act(
            "F&ull Screen", lambda: toggle_full_screen(window), ["F11"], None, "Full screen on or off"
        )
        self.focus_canvas = act(
            "F&ocus Canvas",
            window.canvas_focus.set_active,
            ["F10"],
            None,
            "Hide every panel and the toolbar (again: show them)",
            checkable=True,
        )

        # theme: one checked choice, for the canvas, presentation mode and exports
        self.theme_group = QActionGroup(window)
        self.theme_group.setExclusive(True)
        self.themes: dict[str, QAction] = {}
        for key in CHOICES:
            label = "&System (light or dark)" if key == "system" else f"&{THEMES[key].label}"
            action = QAction(label, window)
            action.setCheckable(True)
            action.setChecked(key == window.theme_choice())
            action.setData(key)
            action.setStatusTip("Colours of the canvas, presentation mode and exports")
            action.triggered.connect(lambda _c=False, k=key: window.set_theme(k))
            self.theme_group.addAction(action)
            self.themes[key] = action

        # ---------------------------------------------------------------- help
        self.shortcuts = act("&Keyboard Shortcuts", window.show_shortcuts, ["F1"])
        self.about = act("&About blueprint-editor", window.show_about)
        self.about.setMenuRole(QAction.MenuRole.AboutRole)

        self.recent_menu: QMenu | None = None
        self.panels_menu: QMenu | None = None
        self.view_menu: QMenu | None = None
        self.selection_actions = (self.cut, self.copy, self.duplicate, self.delete)

    # ------------------------------------------------------------------ slots
    def _zoom(self, fn: Callable) -> None:
        fn()
        self.window.update_zoom_label()

    def _set_connect_mode(self, on: bool) -> None:
        self.window.scene.set_connect_mode(bool(on))

    def _import(self) -> None:
        from blueprint_editor.qt.files.import_dialog import import_from_window

        import_from_window(self.window)

    def _export(self) -> None:
        from blueprint_editor.qt.export.dialog import export_from_window

        export_from_window(self.window)

    def sync_theme(self, key: str) -> None:
        """Check the theme action of ``key`` (the others uncheck: one group)."""
        self.themes[key].setChecked(True)

    def sync_text_size(self, key: str) -> None:
        """Check the text size action of ``key`` (the others uncheck: one group)."""
        self.text_sizes[key].setChecked(True)

    def _print(self) -> None:
        from blueprint_editor.qt.export.print_dialog import print_from_window

        print_from_window(self.window)

    def _print_preview(self) -> None:
        from blueprint_editor.qt.export.print_dialog import print_preview_from_window

        print_preview_from_window(self.window)

    def sync_connect_mode(self, on: bool) -> None:
        """The scene left or entered connect mode on its own (Esc, context menu)."""
        if self.connect_mode.isChecked() != bool(on):
            blocked = self.connect_mode.blockSignals(True)
            self.connect_mode.setChecked(bool(on))
            self.connect_mode.blockSignals(blocked)

    def extend_context_menu(self, menu: QMenu, kind: str, ids) -> None:
        """Add the clipboard commands to the canvas context menus."""
        self.update_edit_state()
        if kind == "step":
            if menu.actions():
                first = menu.actions()[0]
                for action in (self.cut, self.copy, self.duplicate):
                    menu.insertAction(first, action)
                menu.insertSeparator(first)
            else:
                for action in (self.cut, self.copy, self.duplicate):
                    menu.addAction(action)
                menu.addSeparator()
        elif kind in ("cell", "canvas"):
            menu.addSeparator()
            menu.addActions([self.paste, self.select_all])

    def update_edit_state(self) -> None:
        """Enable the actions that need a selection or a fragment on the clipboard."""
        has = self.window.commands.has_selection()
        steps = bool(self.window.commands.selected_step_ids())
        for action in self.selection_actions:
            action.setEnabled(has)
        self.rename.setEnabled(steps)
        self.paste.setEnabled(self.window.commands.can_paste())

    def all(self) -> list[tuple[str, QAction]]:
        """(menu title, action) of every menu action, for the shortcuts help."""
        result = []
        for menu in self.window.menuBar().findChildren(QMenu):
            for action in menu.actions():
                if not action.isSeparator() and action.menu() is None:
                    result.append((menu.title().replace("&", ""), action))
        return result

    # ------------------------------------------------------------------ menus
    def build_menus(self) -> None:
        bar = self.window.menuBar()
        file = bar.addMenu("&File")
        file.addActions([self.new, self.new_from_template, self.open])
        self.recent_menu = file.addMenu("Open &Recent")
        self.recent_menu.aboutToShow.connect(self.fill_recent_menu)
        self.window.files.recent_changed.connect(lambda _paths: self.fill_recent_menu())
        self.fill_recent_menu()
        file.addSeparator()
        file.addActions([self.save, self.save_as, self.save_as_template])
        file.addSeparator()
        file.addActions([self.compare_with, self.compare_with_saved])
        file.addSeparator()
        file.addActions([self.import_file, self.export])
        file.addActions([self.print_preview, self.print])
        file.addSeparator()
        file.addAction(self.quit)

        edit = bar.addMenu("&Edit")
        edit.addActions([self.undo, self.redo])
        edit.addSeparator()
        edit.addActions([self.cut, self.copy, self.paste, self.paste_text, self.duplicate, self.delete])
        edit.addSeparator()
        edit.addActions([self.select_all, self.rename])
        edit.addSeparator()
        edit.addActions([self.find, self.find_next, self.find_previous])
        edit.addSeparator()
        edit.addAction(self.connect_mode)
        edit.addAction(self.connect_to)

        insert = bar.addMenu("&Insert")
        insert.addActions([self.insert_step_here, self.insert_step_right, self.insert_step_below])
        insert.addSeparator()
        lanes = insert.addMenu(icon("lane"), "&Lane")
        lanes.addActions(list(self.insert_lane.values()))
        insert.addActions([self.insert_column, self.insert_phase])

        view = bar.addMenu("&View")
        view.addActions([self.zoom_in, self.zoom_out, self.actual_size, self.fit])
        view.addSeparator()
        sizes = view.addMenu("&Text Size")
        sizes.addActions(list(self.text_sizes.values()))
        theme = view.addMenu("T&heme")
        theme.addActions(list(self.themes.values()))
        view.addSeparator()
        view.addActions([self.present, self.full_screen, self.focus_canvas])
        view.addSeparator()
        self.panels_menu = view.addMenu("&Panels")
        self.view_menu = view

        help_menu = bar.addMenu("&Help")
        help_menu.addActions([self.shortcuts, self.about])

    def fill_recent_menu(self) -> None:
        menu = self.recent_menu
        if menu is None:
            return
        menu.clear()
        paths = self.window.files.recent_files()
        for n, path in enumerate(paths, 1):
            p = Path(path)
            shown = one_line(f"{p.name}  \u2014  {p.parent}", 200).replace("&", "&&")
            action = menu.addAction(f"&{n % 10} {shown}")
            action.setToolTip(tooltip(path))
            action.setStatusTip(one_line(path))
            action.setData(path)
            action.triggered.connect(lambda _c=False, x=path: self.window.files.open(x))
        if paths:
            menu.addSeparator()
            menu.addAction("&Clear Menu", self.window.files.clear_recent)
        else:
            empty = menu.addAction("No recent files")
            empty.setEnabled(False)

    def build_toolbar(self) -> QToolBar:
        bar = QToolBar("Main toolbar", self.window)
        bar.setObjectName("mainToolbar")
        bar.setMovable(False)
        bar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonIconOnly)
        bar.addActions([self.new, self.open, self.save])
        bar.addSeparator()
        bar.addActions([self.undo, self.redo])
        bar.addSeparator()
        bar.addActions([self.copy, self.paste, self.duplicate, self.delete])
        bar.addSeparator()
        bar.addAction(self.connect_mode)
        bar.addSeparator()
        bar.addActions([self.zoom_out, self.zoom_in, self.fit])
        return bar
