{
  # comment
  a = 1; # x
}