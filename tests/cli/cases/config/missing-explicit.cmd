adx --config nowhere.toml config show
