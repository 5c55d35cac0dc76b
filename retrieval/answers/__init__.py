"""Answers: ranking, the relevance check, quotes, and evaluation on question files."""
