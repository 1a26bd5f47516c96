"""Chi bộ: the cells page, its dialogs and the cells' awards."""
