# XML in the shape adx formats xsd describes: problems at the line of the
# field's element (no column); an empty optional element with xsi:nil.
cp "$DATA/validate/filings.xml" .
adx validate -f enterprise-filing filings.xml | sed -E 's/[0-9]+\.[0-9]+ s$/T s/'
