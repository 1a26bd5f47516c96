"""Entry point of the frozen program: the same command as `commune-app` (window by default)."""

from ui.launch import main

if __name__ == "__main__":
    main()
