"""careergraph: career-guide text in, a typed, queryable knowledge graph out."""

__version__ = "0.1.0"
