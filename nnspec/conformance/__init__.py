"""conformance of other ports: run a port as a program, compare what it prints or answers.

one concept a module: cases (the case files), runner (one process per case),
numbers (numbers out of a transcript), tolerance (how close is close),
transcript and answers (the two modes), report (text, json, markdown),
listings and generate (how the case files are made from the reference).
"""
