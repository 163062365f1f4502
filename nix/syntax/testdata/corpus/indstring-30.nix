with {}; ''
  ${x} 
''