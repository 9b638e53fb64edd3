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

[[rules]]
id = "positive"
expr = 'revenue >= 0 and revenue < main_revenue'
zh = "营业收入 {revenue} 为负"
en = "revenue {revenue} is negative"
TOML
adx formats show ./broken.toml
