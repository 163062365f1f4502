with {}; ''   
''