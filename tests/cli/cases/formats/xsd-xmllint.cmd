# The derived XSD is a schema xmllint accepts, and it accepts a filing and
# refuses a mistyped code and a capital with seven decimals.
command -v xmllint >/dev/null || { echo "skipped: xmllint (libxml2-utils) not installed"; exit 125; }
adx formats xsd enterprise-filing -o filing.xsd
cat > good.xml <<'XML'
<?xml version="1.0" encoding="UTF-8"?>
<filings xmlns="urn:adx:format:enterprise-filing:1" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
  <filing>
    <uscc>91310116MA709BE16X</uscc>
    <name>上海金山源卓食品有限公司</name>
    <entity_type>company</entity_type>
    <legal_rep>黄华</legal_rep>
    <legal_rep_id_type>resident-id</legal_rep_id_type>
    <legal_rep_id>31022819841217942X</legal_rep_id>
    <registered_capital>200.000000</registered_capital>
    <established_on>2021-01-23</established_on>
    <region>310116</region>
    <address>上海市金山区亭林镇</address>
    <industry>C1311</industry>
    <filing_type>change</filing_type>
    <deregistered_on/>
    <filed_at>2026-01-05T08:38:16+08:00</filed_at>
    <phone>19107418740</phone>
    <email xsi:nil="true"/>
  </filing>
</filings>
XML
xmllint --noout --schema filing.xsd good.xml
sed 's/>company</>compny</; s/200.000000/200.0000001/' good.xml >bad.xml
if xmllint --noout --schema filing.xsd bad.xml 2>errors.txt; then echo "bad.xml: accepted"; fi
sed 's/^\(bad.xml:[0-9]*\): .*Element .{[^}]*}\([a-z_]*\).*/\1 \2/' errors.txt
