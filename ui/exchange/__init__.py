"""The exchange with others: the national database (CSDL) and the cells' packages."""
