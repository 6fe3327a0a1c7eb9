"""Generate a practice-model handbook for children's social care from structured YAML."""
