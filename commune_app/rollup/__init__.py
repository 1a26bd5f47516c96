"""The province roll-up: report workbooks carry their figures; a province adds many communes up."""
