from commune_app.cli.main import main

main()
