a
  b