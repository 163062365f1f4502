with {}; ''
  a
  b
''