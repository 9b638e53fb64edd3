echo data > doc.txt
adx sign doc.txt
