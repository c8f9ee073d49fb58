"""The Qt layer: a thin view and controller over the core document."""
