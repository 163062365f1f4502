with {}; "cr
lf"