adx id check --tpye uscc 1
