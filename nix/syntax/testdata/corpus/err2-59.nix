# a
# b
  x