"""The curriculum website: an MkDocs plugin that generates pages from the curriculum."""
