"""PySide6 presentation layer; talks to upw_ttg services, never to storage."""
