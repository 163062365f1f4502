with {}; '' 
  x''