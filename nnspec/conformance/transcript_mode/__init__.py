"""transcript mode: the port prints what the listing prints; nnspec reads its numbers (numbers, labels),
compares them (compare), and replays the listing from a port's own start (preamble, weights_file, replay,
untrained); printed says which quantity each printed number is."""
