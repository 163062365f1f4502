with {}; ''
  a

  b
  ''