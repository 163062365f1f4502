x:

  y