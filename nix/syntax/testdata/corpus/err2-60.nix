
x