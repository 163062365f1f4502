module github.com/nixarch/nixarch

go 1.25

require (
	github.com/BurntSushi/toml v1.5.0
	github.com/Jguer/go-alpm/v2 v2.2.0
	github.com/klauspost/compress v1.17.11
	github.com/rogpeppe/go-internal v1.14.1
	github.com/ulikunitz/xz v0.5.12
	github.com/urfave/cli/v2 v2.27.7
	gopkg.in/yaml.v3 v3.0.1
)

require (
	github.com/cpuguy83/go-md2man/v2 v2.0.7 // indirect
	github.com/russross/blackfriday/v2 v2.1.0 // indirect
	github.com/xrash/smetrics v0.0.0-20240521201337-686a1a2994c1 // indirect
	golang.org/x/sys v0.26.0 // indirect
	golang.org/x/tools v0.26.0 // indirect
)
