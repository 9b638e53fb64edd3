adx --help
