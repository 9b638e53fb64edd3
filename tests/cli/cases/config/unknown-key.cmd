printf "[profiles.city]\nurll = \"https://city.example/\"\n" > adx.toml; adx config show
