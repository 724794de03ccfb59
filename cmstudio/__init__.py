"""CM Studio: a local-first desktop studio for community managers."""

__version__ = "0.1.0"
