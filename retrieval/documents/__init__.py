"""Documents: reading each file format as text, parsing it into speaker turns and passages, and
loading a corpus."""
