with {}; ''
	a
	b
''