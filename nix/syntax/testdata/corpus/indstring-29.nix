with {}; ''${x}
  a''