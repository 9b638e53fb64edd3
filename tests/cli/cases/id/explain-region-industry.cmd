adx id explain 310119 C3511 A 05
