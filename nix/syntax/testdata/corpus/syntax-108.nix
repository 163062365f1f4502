a	b
  c d)