"""case generation, maintainer tooling: writes spec/cases from the reference (trask_json, transcripts,
miniflow, shamdasani). nnspec check never imports it; run each module with python3 -m in a checkout."""
