"""Entry script of the PyInstaller bundle: both programs in the folder run this.

`blueprint-editor` (console) and `blueprint-editor-gui` (windowed on Windows and macOS) are the
same program, so `blueprint-editor-gui FILE` opens FILE in the editor and
`blueprint-editor validate FILE` prints findings; only the console program has a terminal to
print to on Windows.
"""

import sys

from blueprint_editor.cli import main

if __name__ == "__main__":
    sys.exit(main())
