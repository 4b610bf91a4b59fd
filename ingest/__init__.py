"""Ingest: source documents in, validated records out.

:func:`ingest.extract.extract` is the entry point; the modules beside it are the
steps (reading PDFs, OCR, parsing decisions, spend returns and panel papers).
"""
