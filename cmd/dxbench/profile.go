package main

import (
	"fmt"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"time"
)

// profileDuring starts a CPU profile of dxhost covering the measured part of the next load (after the
// warm-up) and returns a func that waits for it and then saves an allocation profile too.
func profileDuring(pprofAddr, dir string, warmup, d time.Duration) func() {
	check(os.MkdirAll(dir, 0o755))
	done := make(chan struct{})
	go func() {
		defer close(done)
		time.Sleep(warmup)
		secs := int(d / time.Second)
		if secs < 1 {
			secs = 1
		}
		save(fmt.Sprintf("http://%s/debug/pprof/profile?seconds=%d", pprofAddr, secs), filepath.Join(dir, "cpu.prof"))
	}()
	return func() {
		<-done
		save("http://"+pprofAddr+"/debug/pprof/allocs", filepath.Join(dir, "allocs.prof"))
		fmt.Printf("dxbench: profiles of dxhost under load in %s (go tool pprof -top %s)\n\n", dir, filepath.Join(dir, "cpu.prof"))
	}
}

func save(url, file string) {
	resp, err := http.Get(url)
	if err != nil {
		fmt.Fprintln(os.Stderr, "dxbench: profile:", err)
		return
	}
	defer resp.Body.Close()
	f, err := os.Create(file)
	check(err)
	defer f.Close()
	_, err = io.Copy(f, resp.Body)
	check(err)
}
