LANG=zh_CN.UTF-8 adx formats show enterprise-filing | sed "s|$SRC|SRC|g"
