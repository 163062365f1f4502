package model_test

import (
	"fmt"

	"github.com/nixarch/nixarch/model"
)

func ExampleDecode() {
	s, err := model.Decode("system.yaml", []byte(`apiVersion: nixarch/v1
kind: System
source:
  kind: arch
packages:
  - name: git
    repo: extra
    origin: /var/lib/pacman/local:1:1
`))
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(s.Packages[0].Name, s.Packages[0].Origin.Line)

	_, err = model.Decode("system.yaml", []byte(`apiVersion: nixarch/v1
kind: System
source:
  kind: arch
pakages:
  - name: git
users:
  - name: {first: alice}
`))
	fmt.Println(err)
	// Output:
	// git 1
	// system.yaml:5:1: unknown field "pakages" in System (did you mean "packages"?)
	// system.yaml:8:11: users[0].name: expected a string, found a mapping
}

func ExampleEncode() {
	s := model.New(model.Source{Kind: model.SourceNixOS, Path: "/etc/nixos"})
	s.Programs = []model.Program{{
		Name:     "programs.git",
		Enabled:  true,
		Settings: model.Settings{"userName": "Alice", "lfs": map[string]any{"enable": true}},
		Owner:    model.UserOwner("alice"),
	}}
	out, err := model.Encode(s)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Print(string(out))
	// Output:
	// apiVersion: nixarch/v1
	// kind: System
	// source:
	//   kind: nixos
	//   path: /etc/nixos
	// programs:
	//   - name: programs.git
	//     enabled: true
	//     settings:
	//       lfs:
	//         enable: true
	//       userName: Alice
	//     owner: user:alice
}
