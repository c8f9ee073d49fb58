"""The Qt-free core: model, document and operations, layout, load/save, validation.

Nothing under this package may import Qt (tests/core/test_no_qt.py checks it).
"""
