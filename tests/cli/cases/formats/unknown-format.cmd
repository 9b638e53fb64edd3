adx formats show enterprise-filng
