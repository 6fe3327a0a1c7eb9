"""The renderers: one module per area page, and the blocks they share (Markdown out)."""
