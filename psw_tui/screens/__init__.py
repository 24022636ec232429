"""Screens: one per file. They call services, never TinyDB.

Importing this package imports nothing else, so the app can show its home screen before
the rest is loaded; the command palette (:mod:`psw_tui.palette`, above the screens) imports a
screen module when one of its commands opens it.
"""
