"""PySide6 presentation layer; talks to upw_ttg services, never to storage."""

from ui.pyside_imports import scan_imports_without_keeping_source

# Before anything else is imported after PySide6 (the application starts in this package).
scan_imports_without_keeping_source()
