with {}; ''
  a
  ${x}''