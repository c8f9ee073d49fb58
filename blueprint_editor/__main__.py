from blueprint_editor.cli import main

raise SystemExit(main())
