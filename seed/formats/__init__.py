"""Readers, one per format: a `Document` in, an `Outline` out (see `seed.outline`).

- `seed.formats.text`: plain text (the bundled guides), headings found by the shape of lines.
- `seed.formats.markdown`: CommonMark with GFM tables and YAML front matter (markdown-it-py).
- `seed.formats.html`: a saved web page, boilerplate dropped (the standard library's tokenizer).

Each module also has ``render_to_text(fragment)``: how that format's source turns
into the text a person reads; ``render_to_text(text[start:end]) == block.text``
for every block the reader returns.
"""
