with {}; ''
  a
   ''