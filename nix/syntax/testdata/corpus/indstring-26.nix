with {}; ''
  a
''