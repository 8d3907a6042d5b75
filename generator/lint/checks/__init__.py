"""The checks the engine runs over the model, one module per family of rules."""
