with {}; ''
  a ${x} b
    c
''