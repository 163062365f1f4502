with {}; ''
  ${x}
  y
''