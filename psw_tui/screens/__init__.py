"""Screens: one per file. They call services, never TinyDB.

Importing this package imports nothing else, so the app can show its home screen before
the rest is loaded; :mod:`psw_tui.screens.registry` imports every screen module (each
registers its command palette entries, see :mod:`psw_tui.commands`).
"""
