adx idd check 1
