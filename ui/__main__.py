"""``python -m ui``: the program, window by default (see ui/launch.py)."""

from ui.launch import main

main()
