"""The window's frame: start, sign-in, the main window, tasks, errors, actions, settings, help."""
