# A specification given as a path is loaded and checked before any input is
# read: a rule naming an unknown field is exit 78 with the spec's file:line:column.
cat >stat.toml <<'TOML'
[format]
name = "mini-stat"
version = "1"
zh = "小报表"
en = "Mini report"

[[fields]]
key = "revenue"
zh = "营业收入"
en = "Revenue"
type = "decimal"

[[fields]]
key = "main_revenue"
zh = "主营业务收入"
en = "Main revenue"
type = "decimal"

[[rules]]
id = "revenue-main"
expr = 'revenue >= main_revenu'
zh = "营业收入小于主营业务收入"
en = "revenue is less than main revenue"
TOML
printf 'revenue,main_revenue\n10,5\n' >mini.csv
adx validate -f ./stat.toml mini.csv
