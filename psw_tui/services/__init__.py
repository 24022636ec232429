"""Domain logic with no UI: never imports Textual, never touches TinyDB directly."""
