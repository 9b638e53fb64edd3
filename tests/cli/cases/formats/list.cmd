adx formats list
