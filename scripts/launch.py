"""Entry point of the frozen program: the same command as `commune-app` (window by default)."""

from commune_app.cli.main import main

if __name__ == "__main__":
    main()
