printf "[defaults\nlog_format = 1\n" > a.toml; adx --config a.toml config show
