with {}; "multi
line"