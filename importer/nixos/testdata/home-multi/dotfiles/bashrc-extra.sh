export HISTSIZE=100000
shopt -s histappend
