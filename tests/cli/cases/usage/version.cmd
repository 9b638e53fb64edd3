adx --version
