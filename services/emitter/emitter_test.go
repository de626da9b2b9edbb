package emitter

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"os"
	"reflect"
	"sync/atomic"
	"testing"
	"time"

	"github.com/sirupsen/logrus"
	"github.com/sirupsen/logrus/hooks/test"
)

// TestListenerOrderMatchesEventEmitter2 replays orders recorded from eventemitter2@6.4.9 (testdata/record-order.js).
func TestListenerOrderMatchesEventEmitter2(t *testing.T) {
	f, err := os.Open("testdata/eventemitter2-order.jsonl")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		var c struct {
			Subs  []string `json:"subs"`
			Event string   `json:"event"`
			Order []string `json:"order"`
		}
		if err := json.Unmarshal(sc.Bytes(), &c); err != nil {
			t.Fatal(err)
		}
		e := New(logrus.NewEntry(logrus.New()))
		for _, s := range c.Subs {
			e.On(Filter, &Listener{Pattern: s})
		}
		got := []string{}
		for _, l := range e.Listeners(Filter, c.Event) {
			got = append(got, l.Pattern)
		}
		if !reflect.DeepEqual(got, c.Order) && !(len(got) == 0 && len(c.Order) == 0) {
			t.Errorf("subs %v event %q: got %v, eventemitter2 gives %v", c.Subs, c.Event, got, c.Order)
		}
	}
}

func TestEmitFilterChainsPayloadAndStopsOnError(t *testing.T) {
	e := New(logrus.NewEntry(logrus.New()))
	var seen []string
	add := func(pattern string, h Handler) { e.On(Filter, &Listener{Pattern: pattern, Handle: h}) }
	add("items.create", func(_ context.Context, p any, meta map[string]any, _ any) (Result, error) {
		seen = append(seen, meta["event"].(string))
		return Result{Value: p.(int) + 1}, nil
	})
	add("*.items.create", func(_ context.Context, p any, meta map[string]any, _ any) (Result, error) {
		seen = append(seen, meta["event"].(string))
		return Result{Keep: true}, nil
	})
	add("**", func(_ context.Context, p any, meta map[string]any, _ any) (Result, error) {
		return Result{Value: p.(int) * 10}, nil
	})
	got, err := e.EmitFilter(context.Background(), []string{"items.create", "articles.items.create"}, 1, map[string]any{"collection": "articles"}, nil)
	if err != nil {
		t.Fatal(err)
	}
	// items.create: +1 → 2, ** → 20; articles.items.create: *.items.create keeps, ** → 200.
	if got != 200 {
		t.Fatalf("payload = %v, want 200", got)
	}
	if want := []string{"items.create", "articles.items.create"}; !reflect.DeepEqual(seen, want) {
		t.Fatalf("events seen %v, want %v", seen, want)
	}
	boom := errors.New("boom")
	add("stop", func(context.Context, any, map[string]any, any) (Result, error) { return Result{}, boom })
	if _, err := e.EmitFilter(context.Background(), []string{"stop"}, 1, nil, nil); !errors.Is(err, boom) {
		t.Fatalf("err = %v, want boom", err)
	}
}

func TestEmitActionLogsFailuresAndRunsAll(t *testing.T) {
	log, hook := test.NewNullLogger()
	e := New(logrus.NewEntry(log))
	var ran atomic.Int32
	e.On(Action, &Listener{Pattern: "a.*", Handle: func(context.Context, any, map[string]any, any) (Result, error) {
		ran.Add(1)
		return Result{}, errors.New("bad")
	}})
	e.On(Action, &Listener{Pattern: "a.b", Handle: func(context.Context, any, map[string]any, any) (Result, error) {
		ran.Add(1)
		panic("worse")
	}})
	e.EmitAction([]string{"a.b"}, nil, nil)
	deadline := time.Now().Add(2 * time.Second)
	for (ran.Load() < 2 || len(hook.AllEntries()) < 2) && time.Now().Before(deadline) {
		time.Sleep(5 * time.Millisecond)
	}
	if ran.Load() != 2 || len(hook.AllEntries()) != 2 {
		t.Fatalf("ran %d listeners, logged %d warnings; want 2 and 2", ran.Load(), len(hook.AllEntries()))
	}
	if msg := hook.AllEntries()[0].Message; msg != `An error was thrown while executing action "a.b"` {
		t.Fatalf("message %q", msg)
	}
}

func TestOffOwnerAndCount(t *testing.T) {
	e := New(logrus.NewEntry(logrus.New()))
	a, b := new(int), new(int)
	e.On(Filter, &Listener{Pattern: "x", Owner: a})
	e.On(Action, &Listener{Pattern: "x.*", Owner: a})
	keep := &Listener{Pattern: "x", Owner: b}
	e.On(Filter, keep)
	e.OffOwner(a)
	if n := e.Count(Filter, "x"); n != 1 {
		t.Fatalf("filter count %d, want 1", n)
	}
	if n := e.Count(Action, "x.y"); n != 0 {
		t.Fatalf("action count %d, want 0", n)
	}
	e.Off(Filter, keep)
	if n := e.Count(Filter, "x"); n != 0 {
		t.Fatalf("after Off: %d", n)
	}
}
