"""Search: tokens into an index (in memory with rank-bm25, or persisted with tantivy) and what
answering reads from it."""
