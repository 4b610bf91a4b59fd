"""Generators of synthetic source files with exact ground truth, for measuring how the readers generalise."""
