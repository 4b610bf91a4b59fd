"""One module per kind of record: its model and its :class:`~opcc.core.registry.Kind` declaration."""
