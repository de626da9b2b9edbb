# dxhost — the two commands a newcomer needs: `make run` and `make test`.
GO       ?= go
BIN      := bin/dxhost
VERSION  ?= $(shell git describe --tags --always --dirty 2>/dev/null || echo dev)
LDFLAGS  := -s -w -X main.version=$(VERSION)

.PHONY: all build run test vet fmt-check bench bench-compare generate clean

all: build

build:
	$(GO) build -ldflags "$(LDFLAGS)" -o $(BIN) ./cmd/dxhost

## run: serve the example extensions in ./extensions on http://127.0.0.1:8055 with embedded SQLite (./data)
run: build
	HOST=$${HOST:-127.0.0.1} ./$(BIN) serve

## test: formatting, vet and every test with the race detector (PostgreSQL, MariaDB, Redis used when reachable)
test: fmt-check vet
	$(GO) test -race -timeout 9m ./...

vet:
	$(GO) vet ./...

fmt-check:
	@out=$$(gofmt -l $$(git ls-files '*.go' 2>/dev/null || find . -name '*.go' -not -path './node_modules/*')); \
	if [ -n "$$out" ]; then echo "gofmt needed:"; echo "$$out"; exit 1; fi

## bench: dxhost's hello endpoint against a raw Gin handler, same load generator, same run (wrk when
## installed: apt-get install wrk), then the comparisons with Node + express and the real Directus
bench: build
	$(GO) run ./cmd/dxbench -dxhost $(BIN)
	$(MAKE) bench-compare

## bench-compare: the same extension under Node + express 4, auth cost, /items against the real
## Directus 12.4.1 (needs node and npm; installs Directus into /tmp/peer-compare the first time, minutes)
bench-compare: build
	$(GO) run ./cmd/dxcompare -dxhost $(BIN)

## generate: rebuild the embedded JS assets (needs node/npm; the results are committed)
generate:
	$(GO) generate ./...

clean:
	rm -rf bin
