"""The static site: generated from data/ through the publication gate, built with MkDocs."""
