# nixarch — see README.md. Every target works on a fresh clone.
GO        ?= go
BIN       := bin/nixarch
VERSION   ?= $(shell git describe --tags --always --dirty 2>/dev/null || echo devel)
LDFLAGS   := -X github.com/nixarch/nixarch/cmd/nixarch/commands.version=$(VERSION)
FUZZTIME  ?= 10s
DEMO_OUT  ?= out/demo

# Programs the tests use as oracles, and the Debian packages that have them.
DEBIAN_PACKAGES := nix-bin pacman-package-manager libalpm-dev libarchive-dev libarchive-tools zstd xz-utils gzip shellcheck stow zsh fish git vim gcc time

.PHONY: all build test demo bench fuzz lint deps ci clean

all: build

build:
	$(GO) build -trimpath -ldflags '$(LDFLAGS)' -o $(BIN) ./cmd/nixarch

## test: vet and run every test, and the libalpm backend's with -tags alpm
## (CI=true turns missing oracles into failures)
test:
	$(GO) vet ./...
	$(GO) test -count=1 ./...
	@if [ "$$CI" = true ] || [ -f /usr/include/alpm.h ]; then \
		echo "go test -tags alpm ./importer/... (the libalpm backend)"; \
		$(GO) vet -tags alpm ./importer/... && $(GO) test -count=1 -tags alpm ./importer/...; \
	else echo "!!! libalpm-dev is missing: the go-alpm backend was NOT built or tested (make deps)"; fi

## demo: the main job on the example NixOS flake (examples/nixos: a laptop
## with home-manager): the dry-run report, then migrate to an Arch output
## folder, checked by pacman, bash, shellcheck, stow, git, zsh, fish and
## parsers; then the other way, the example Arch package lists to NixOS
demo: build
	@rm -rf $(DEMO_OUT)
	@echo '$$ nixarch report examples/nixos#laptop   (a dry run: writes nothing)'
	@./$(BIN) report 'examples/nixos#laptop'
	@echo
	@echo '$$ nixarch migrate examples/nixos#laptop --to arch -o $(DEMO_OUT)/arch'
	@./$(BIN) migrate 'examples/nixos#laptop' --to arch -o $(DEMO_OUT)/arch
	@echo
	@echo "The Arch output folder:"
	@cd $(DEMO_OUT)/arch && find . -type f | sort | sed 's|^\./|  |'
	@echo
	@echo '$$ nixarch debug check-arch $(DEMO_OUT)/arch   (the real programs read the output)'
	@./$(BIN) debug check-arch $(DEMO_OUT)/arch
	@echo
	@echo '$$ nixarch migrate examples/arch/pkglist.txt --foreign examples/arch/aur.txt --to nixos -o $(DEMO_OUT)/nixos'
	@./$(BIN) migrate examples/arch/pkglist.txt --foreign examples/arch/aur.txt --to nixos -o $(DEMO_OUT)/nixos
	@sed -n '1,25p' $(DEMO_OUT)/nixos/configuration.nix
	@if command -v nix-instantiate >/dev/null; then \
		nix-instantiate --parse $(DEMO_OUT)/nixos/configuration.nix >/dev/null && \
		echo "nix-instantiate --parse accepts $(DEMO_OUT)/nixos/configuration.nix"; \
	else echo "(install nix-bin to check it with nix-instantiate --parse)"; fi

## bench: run the benchmarks; with CORPUS=DIR (e.g. nixpkgs) also time the whole
## process of nixarch debug parse against nix-instantiate --parse on DIR's .nix files
bench: build
	$(GO) test -run '^$$' -bench . -benchmem ./...
	@if [ -n "$(CORPUS)" ]; then \
		find "$(CORPUS)" -name '*.nix' -type f | sort > /tmp/nixarch-bench-files; \
		echo "$$(wc -l < /tmp/nixarch-bench-files) files in $(CORPUS), in batches of 500"; \
		echo "nixarch debug parse:"; \
		/usr/bin/time -f '  %es wall, %MKB peak' sh -c 'xargs -n 500 ./$(BIN) debug parse < /tmp/nixarch-bench-files >/dev/null 2>&1'; \
		if command -v nix-instantiate >/dev/null; then \
			echo "nix-instantiate --parse:"; \
			/usr/bin/time -f '  %es wall, %MKB peak' sh -c 'xargs -n 500 nix-instantiate --parse < /tmp/nixarch-bench-files >/dev/null 2>&1'; \
		fi; \
	else echo "(set CORPUS=DIR to compare nixarch debug parse with nix-instantiate --parse)"; fi

## fuzz: run every fuzz target for FUZZTIME (default 10s); a bare deadline
## failure of Go's fuzz coordinator (golang/go#75804) is tried again
fuzz:
	GO=$(GO) FUZZTIME=$(FUZZTIME) .ci/fuzz

## lint: formatting and vet
lint:
	@out=$$(gofmt -l $$(git ls-files '*.go')); if [ -n "$$out" ]; then echo "gofmt would change:"; echo "$$out"; exit 1; fi
	$(GO) vet ./...
	$(GO) vet -tags alpm ./importer/...

## deps: install the programs the tests need (Debian/Ubuntu, with apt-get)
deps:
	@missing=""; for p in $(DEBIAN_PACKAGES); do \
		dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; \
	done; \
	if [ -n "$$missing" ]; then \
		echo "installing:$$missing"; \
		SUDO=""; [ "$$(id -u)" = 0 ] || SUDO=sudo; \
		$$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq $$missing; \
	else echo "all test programs are installed"; fi

## ci: what CI runs
ci: deps lint
	CI=true $(MAKE) fuzz FUZZTIME=5s
	CI=true $(MAKE) test

clean:
	rm -rf bin out
