"""The linter: rules as data (`rules/*.yaml`), a registry, the checks and one engine that runs them."""
