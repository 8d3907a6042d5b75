"""Releases: the manifest of what every entry said, and the comparison of two manifests."""
