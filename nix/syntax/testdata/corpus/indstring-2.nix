with {}; ''
    a
  b
''