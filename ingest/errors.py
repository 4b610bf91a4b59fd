"""The one error a source file can raise: it is refused, with a reason a person can act on."""


class RefusedInput(Exception):
    """The file cannot be ingested; ``str(exc)`` is the one-line reason (without the file name)."""
