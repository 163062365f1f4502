package arch

import (
	"fmt"
	"path"
	"slices"
	"strconv"
	"strings"

	"github.com/nixarch/nixarch/model"
)

// The IDs of regular users and groups, as Arch's /etc/login.defs sets
// UID_MIN, UID_MAX, GID_MIN and GID_MAX. Accounts outside them belong to
// the system and its packages and are made again by the other side's.
const (
	MinRegularID = 1000
	MaxRegularID = 59999
)

// nologinShells are the shells of accounts that cannot log in.
var nologinShells = []string{"nologin", "false"}

// readAccounts reads regular users from /etc/passwd and their groups from
// /etc/group. /etc/shadow and /etc/gshadow are never opened: the model
// holds no passwords.
func (r *rootReader) readAccounts() {
	const passwd = "etc/passwd"
	var users []model.User
	homes := make(map[string]string) // home folder to user name
	r.lines(passwd, func(line string, n int) {
		if content(line) == "" {
			return
		}
		f := strings.Split(line, ":")
		if len(f) != 7 {
			r.finding(model.SeverityWarning, origin(passwd, n, 1), "passwd line has %d fields, want 7", len(f))
			return
		}
		uid, err := strconv.Atoi(f[2])
		if err != nil || uid < 0 {
			r.finding(model.SeverityWarning, origin(passwd, n, len(f[0])+len(f[1])+3), "invalid UID %q", f[2])
			return
		}
		if msg := checkAccountName(f[0]); msg != "" {
			r.finding(model.SeverityWarning, origin(passwd, n, 1), "invalid user name %q: %s", f[0], msg)
			return
		}
		shell := f[6]
		if uid < MinRegularID || uid > MaxRegularID || shell == "" || slices.Contains(nologinShells, path.Base(shell)) {
			return
		}
		gecos, _, _ := strings.Cut(f[4], ",")
		users = append(users, model.User{
			Name:        f[0],
			UID:         uid,
			Description: gecos,
			Home:        f[5],
			Shell:       shell,
			Origin:      origin(passwd, n, 1),
		})
		homes[f[5]] = f[0]
	})
	regular := make(map[string]int, len(users))
	for i, u := range users {
		regular[u.Name] = i
	}

	const group = "etc/group"
	var groups []model.Group
	r.lines(group, func(line string, n int) {
		if content(line) == "" {
			return
		}
		f := strings.Split(line, ":")
		if len(f) != 4 {
			r.finding(model.SeverityWarning, origin(group, n, 1), "group line has %d fields, want 4", len(f))
			return
		}
		gid, err := strconv.Atoi(f[2])
		if err != nil || gid < 0 {
			r.finding(model.SeverityWarning, origin(group, n, len(f[0])+len(f[1])+3), "invalid GID %q", f[2])
			return
		}
		if msg := checkAccountName(f[0]); msg != "" {
			r.finding(model.SeverityWarning, origin(group, n, 1), "invalid group name %q: %s", f[0], msg)
			return
		}
		var members []string
		for _, m := range strings.Split(f[3], ",") {
			if i, ok := regular[m]; ok && !slices.Contains(members, m) {
				members = append(members, m)
				users[i].Groups = append(users[i].Groups, f[0])
			}
		}
		g := model.Group{Name: f[0], Members: members, Origin: origin(group, n, 1)}
		switch {
		case gid >= MinRegularID && gid <= MaxRegularID:
			g.GID = gid
		case len(members) == 0:
			return
		}
		groups = append(groups, g)
	})
	r.sys.Users = append(r.sys.Users, users...)
	r.sys.Groups = append(r.sys.Groups, groups...)
	r.homes = homes
}

// userOf returns the user whose home is home, or, when /etc/passwd does not
// say, the folder's name.
func (r *rootReader) userOf(home string) string {
	if u, ok := r.homes["/"+home]; ok {
		return u
	}
	return path.Base(home)
}

// checkAccountName returns why name cannot be a user or group name, or ""
// when it can. The rule is looser than useradd's: only what no tool
// accepts is refused.
func checkAccountName(name string) string {
	if name == "" {
		return "empty"
	}
	for i := 0; i < len(name); i++ {
		if c := name[i]; c <= ' ' || c == 0x7f || c == '/' {
			return fmt.Sprintf("byte %#02x is not allowed", c)
		}
	}
	return ""
}
