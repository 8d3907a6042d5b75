"""话术手册 — customer-service script handbook generator."""

__version__ = "0.1.0"
