adx --config "$SRC/configs/district.toml" config show > /dev/null && adx --config "$SRC/configs/city.toml" config show > /dev/null && echo "example configurations parse"
