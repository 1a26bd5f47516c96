"""Cell packages: one cell's work carried to the cell secretary and back, encrypted (docs/exchange.md)."""
