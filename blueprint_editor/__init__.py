"""blueprint-editor: an offline desktop editor for service blueprints."""

__version__ = "0.1.0"
