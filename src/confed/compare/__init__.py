"""Render the `confed compare` comparison as Markdown and as one self-contained HTML file."""
