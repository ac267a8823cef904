"""Treaty files: the schema, loading with located errors, `extends:` variants, checks."""
