"""The national party-member database: its standardisation sheet written and compared (docs/exchange.md)."""
