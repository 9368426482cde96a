"""json mode: the case on stdin, the port's answer on stdout: trask's networks (trask, with restart segments
for the sensitive runs) and the other posts' cases (kinds: MiniFlow graphs, Shamdasani's loop)."""
