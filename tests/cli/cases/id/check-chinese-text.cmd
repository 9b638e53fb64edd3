adx id check 金山区 上海市金山区
