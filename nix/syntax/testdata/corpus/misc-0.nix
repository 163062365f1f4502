# comment
1