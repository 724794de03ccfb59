"""Errors meant for users: one clear sentence, never a traceback."""

from __future__ import annotations


class UserError(Exception):
    """A foreseeable problem the user can act on; its message is shown as is."""


class DatabaseError(UserError):
    """The workspace database cannot be opened or used."""
