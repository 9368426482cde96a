"""conformance of other ports: run a port as a program, compare what it prints or answers.

the engine, one concept a module: cases (the case files), port_process (one process per case), many (a
selection of cases, -j), tolerance (how close is close), outcome (a case's typed verdict), diagnosis
(why a port is off), formats (text, json, markdown, junit), shown (a port's text made safe to show),
networks and mirror (each listing's parameters, its loop in numpy). the two modes are subpackages:
transcript_mode and json_mode. case generation lives apart, in nnspec.generate_cases.
"""
