"""Demo content for a fresh Chasqui site: a small advocacy charity's news, background pages and a report."""
