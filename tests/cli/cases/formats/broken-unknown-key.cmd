cat >broken.toml <<'TOML'
[format]
name = "broken"
version = "1"
zh = "坏"
en = "Broken"

[[fields]]
key = "revenue"
zh = "营业收入"
en = "Revenue"
type = "decimal"
mx = 3
TOML
adx formats show ./broken.toml
