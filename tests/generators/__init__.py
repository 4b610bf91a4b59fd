"""Generators of test documents with exact ground truth (independent of the parsers)."""
