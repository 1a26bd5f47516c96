"""Small form widgets shared by the editors: dates typed dd/mm/yyyy, fields with their error, lists."""
