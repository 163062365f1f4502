// Package arch reads Arch Linux package lists, and whole Arch systems,
// into nixarch's intermediate model.
//
// A package list is the output of pacman -Qqe, -Qq, -Qe or -Q (one name, or
// a name and a version, per line) or the AddPackage lines of an aconfmgr
// configuration. The format is decided line by line, so one file may mix
// them. ReadPackageList reads one list; ImportPackageLists reads several into
// a model.System, marking the ones the user says are foreign (pacman -Qm, the
// AUR, locally built packages).
//
// Lists are read line by line, never run: an aconfmgr file is not evaluated
// by bash, so an AddPackage inside an if or a loop is imported as if it were
// unconditional. Every line that is not a package is either an error or a
// finding, never dropped in silence:
//
//   - Other aconfmgr commands (CopyFile, RemovePackage, IgnorePath and so on)
//     and lines starting with a bash reserved word (if, else, for, while …)
//     become warnings. A line that only closes a block (fi, done, esac, })
//     is skipped: the line that opened the block gave the warning.
//   - AddPackageGroup becomes a warning, not a package: the model has no
//     package groups, and which packages a group holds depends on the sync
//     database at the time it is installed.
//   - A malformed line is an error at file:line:col, the column pointing at
//     the offending word. Columns count bytes from 1; on the first line they
//     count from after a UTF-8 byte order mark, as editors show them.
//
// Input is bounded: see MaxLineLength, MaxInputSize, MaxPackages and
// MaxErrors.
//
// # Reading a whole system
//
// ImportRoot reads a live or mounted Arch system (nixarch import arch
// --root DIR) into a model.System with Source {Kind: arch, Path: DIR};
// ImportFS does the same from any fs.FS, such as a fstest.MapFS in tests.
// Every file is read through an os.Root, so a symbolic link can never lead
// out of DIR, and every read is bounded (MaxConfigSize, MaxDescSize,
// MaxSyncDBSize, MaxSyncDBUnpacked, MaxPackages). Origins name the path
// inside the Arch system, not on the machine nixarch runs on:
// "/etc/passwd:3:1", "/var/lib/pacman/local/bash-5.2.026-2/desc:2:1", and
// for a sync database entry "/var/lib/pacman/sync/core.db/bash-5.2.026-2/desc".
//
// What is read, and from where:
//
//   - Packages: every var/lib/pacman/local/NAME-VERSION/desc. %REASON% 1
//     sets Dependency. Repo is the first sync database
//     (var/lib/pacman/sync/NAME.db, in the order of etc/pacman.conf's
//     sections, then by name)
//     that has the name, or model.RepoForeign when none has it (the AUR,
//     local builds: pacman -Qm). Sync databases are tar archives, packed
//     with gzip, zstd or xz or not at all, told apart by their first bytes.
//   - Package groups: the model has none, so the packages stay one by one.
//     A group of the sync databases with two or more members, all installed
//     explicitly, gives an info finding "all N packages of group G are
//     installed explicitly (pacman -S G): …" at the sync database, and is
//     listed as a package of its own, G, with Project "group:G" (see
//     GroupProject) and the sync database as its origin, as a package
//     list that says pacman -S G would name it: the mapping table maps a
//     whole group (gnome to the GNOME desktop's option). Its members stay
//     in the model. No G is added when a package is named G.
//   - Host: /etc/hostname, LANG of /etc/locale.conf, the uncommented lines
//     of /etc/locale.gen, KEYMAP of /etc/vconsole.conf, the /etc/localtime
//     link (resolved inside the root), the modules of
//     /etc/modules-load.d/*.conf, the first installed of linux,
//     linux-lts, linux-zen, linux-hardened, linux-rt, linux-rt-lts as the
//     kernel, and the boot loader: systemd-boot when boot/, efi/ or
//     boot/efi/ has loader/loader.conf or loader/entries (kernel parameters
//     from the options lines of the default entry), else GRUB when there is
//     boot/grub/grub.cfg or etc/default/grub (GRUB_CMDLINE_LINUX, then
//     GRUB_CMDLINE_LINUX_DEFAULT). Parameters that name the root file
//     system or its encryption (root=, rw, cryptdevice= …) are left out with
//     a finding. Other variables of these files become info findings.
//   - Findings only: HOOKS and MODULES of /etc/mkinitcpio.conf, every mount
//     of /etc/fstab (password options masked) and every device of
//     /etc/crypttab (a manual step; key files are named, never read).
//   - Services: every unit linked in /etc/systemd/system/*.wants/ and
//     /etc/systemd/user/*.wants/ (systemctl --global enable; owner system)
//     and /home/*/.config/systemd/user/*.wants/ (owner user:NAME), as
//     model.Service{Name: unit, Unit: unit, Enabled: true}, at the link;
//     also a unit enabled under an alias, a link of another unit name
//     beside the .wants folders (/etc/systemd/system/display-manager.service
//     to gdm.service), but not a masked one (a link to /dev/null) or one
//     linked under its own name (systemctl link).
//   - Users: the lines of /etc/passwd with a UID from MinRegularID to
//     MaxRegularID and a login shell; their Groups are the /etc/group
//     entries that list them as members. Groups: those with a GID in the
//     same range (with their GID) and the system groups a regular user is
//     in (without a GID, which the other side chooses). /etc/shadow and
//     /etc/gshadow are never opened.
//
// Missing optional files are skipped in silence. A file that cannot be
// read or a malformed line (a desc entry, /etc/passwd) gives a finding at
// file:line:col and the rest is imported; a folder that has no
// var/lib/pacman/local is an error that wraps ErrNotArchRoot.
//
// # Backends
//
// The pacman databases are read through the Database interface. The
// default build reads them in pure Go (NewGoDatabase, BackendGo). Built
// with -tags alpm (cgo and libalpm, Debian's libalpm-dev), nixarch can
// also ask libalpm through github.com/Jguer/go-alpm/v2 (BackendALPM), and
// then uses it by default; RootOptions.Backend and OpenDatabase choose
// either. Both give the same model, except that libalpm does not say on
// which line of desc a package's name is, so its origins name the file
// alone.
package arch
