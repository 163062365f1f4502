with {}; ''


  a''