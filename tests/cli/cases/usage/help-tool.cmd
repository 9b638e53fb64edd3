adx help id > page.txt; echo "exit $?"; grep -c "adx id check" page.txt > /dev/null && echo "the page names adx id check"; adx help nosuch
