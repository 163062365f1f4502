a # b
c