adx formats xsd e-license
