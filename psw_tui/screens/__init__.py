"""Screens: one per file. They call services, never TinyDB."""
