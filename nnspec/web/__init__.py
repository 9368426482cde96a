"""the findings as web pages: the report as one self-contained html file, and a static site of the annotated posts.

model: the entries as the pages show them; marks: where each entry sits in its post's text;
pages: the jinja2 templates rendered; site: the files written.
"""
