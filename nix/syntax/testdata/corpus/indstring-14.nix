with {}; ''
''