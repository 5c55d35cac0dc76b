"""Questions: reading what a person typed into one Query (spelling, speakers, places, roles, lay
words)."""
