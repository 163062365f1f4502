with {}; ''
  a
 b''