"""Checks over data/ and the built site: the leak scan, the review rules and the duty checker."""
