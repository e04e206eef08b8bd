"""Translation: segments, PO catalogs, review states, lookup, QA and statistics."""
