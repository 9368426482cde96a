"""frozen python 3 ports of the tutorials' listings.

one module per listing, named after the post and the listing. each has a
`run(...)` that returns what the listing computes (no printing) and a
`main()` that prints what the listing prints, in the listing's format.
the only changes from the posts are the python 3 ones, each marked `# py3:`.
"""
