"""publishing: put a finished, checked build in place of the published one
(atomically), roll it back, and deploy it to a static host."""
