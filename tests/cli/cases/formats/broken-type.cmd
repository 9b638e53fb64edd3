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
type = "money"
TOML
adx formats xsd broken.toml
