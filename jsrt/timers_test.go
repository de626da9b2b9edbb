package jsrt_test

import (
	"testing"

	"github.com/dxhost/dxhost/jsrt/jsrttest"
)

func TestTimerOrdering(t *testing.T) {
	// Expected order recorded with the machine's Node 20.20.2 (3 runs, identical):
	//   node order.js  →  sync,promise1,microtask,promise2,promise3,immediate,timeout0
	// Run from inside a timer callback, where Node's order is deterministic.
	inst := jsrttest.New(t)
	got := jsrttest.Run(t, inst, `new Promise(done => {
		const out = [];
		setTimeout(() => {
			setTimeout(() => out.push('timeout0'), 0);
			setImmediate(() => out.push('immediate'));
			Promise.resolve().then(() => out.push('promise1'));
			queueMicrotask(() => out.push('microtask'));
			Promise.resolve().then(() => out.push('promise2')).then(() => out.push('promise3'));
			out.push('sync');
			setTimeout(() => done(out.join(',')), 20);
		}, 1);
	})`).String()
	want := "sync,promise1,microtask,promise2,promise3,immediate,timeout0"
	if got != want {
		t.Fatalf("order\n got %s\nwant %s", got, want)
	}
}

func TestTimeoutObjects(t *testing.T) {
	// node order2.js (Node 20.20.2) printed: I,B,C,I number true true false
	inst := jsrttest.New(t)
	got := jsrttest.Run(t, inst, `new Promise(done => {
		const out = [];
		const t = setTimeout(() => out.push('A'), 10);
		setTimeout(() => out.push('B'), 5);
		setTimeout(() => out.push('C'), 5);
		const iv = setInterval(() => { out.push('I'); if (out.filter(x => x === 'I').length === 2) clearInterval(iv) }, 3);
		clearTimeout(Number(t));
		setTimeout(() => done([out.join(','), typeof t[Symbol.toPrimitive](), t.hasRef(), t.unref() === t, t.hasRef()].join(' ')), 30);
	})`).String()
	if want := "I,B,C,I number true true false"; got != want {
		t.Fatalf("got %q want %q", got, want)
	}
}

func TestTimerArgsThisAndRefresh(t *testing.T) {
	inst := jsrttest.New(t)
	got := jsrttest.Run(t, inst, `new Promise(done => {
		const start = Date.now();
		const t = setTimeout(function (a, b) { done([a + b, this === t, Date.now() - start >= 40].join(',')) }, 30, 1, 2);
		setTimeout(() => t.refresh(), 15);
	})`).String()
	if got != "3,true,true" {
		t.Fatalf("got %q", got)
	}
}

func TestInvalidCallback(t *testing.T) {
	inst := jsrttest.New(t)
	// Node 20: TypeError [ERR_INVALID_ARG_TYPE]: The "callback" argument must be of type function. Received undefined
	got := jsrttest.Run(t, inst, `
		const r = [];
		for (const f of [setTimeout, setInterval, setImmediate, queueMicrotask]) {
			try { f() } catch (e) { r.push(e.name + ':' + e.code + ':' + e.message) }
		}
		r.join('|')`).String()
	one := `TypeError:ERR_INVALID_ARG_TYPE:The "callback" argument must be of type function. Received undefined`
	if want := one + "|" + one + "|" + one + "|" + one; got != want {
		t.Fatalf("got %q", got)
	}
}

func TestClearImmediateAndUnref(t *testing.T) {
	inst := jsrttest.New(t)
	got := jsrttest.Run(t, inst, `new Promise(done => {
		const out = [];
		const im = setImmediate(() => out.push('cleared'));
		clearImmediate(im);
		const im2 = setImmediate(() => out.push('ran'));
		out.push(String(im2.hasRef()), String(im2.unref().hasRef()));
		setTimeout(() => done(out.join(',')), 5);
	})`).String()
	if got != "true,false,ran" {
		t.Fatalf("got %q", got)
	}
}

func TestRefreshReactivatesFiredTimeout(t *testing.T) {
	// node -e (Node 20.20.2): a fired timeout refreshed fires again; a cleared one does not.
	//   fired 1 / fired 2 / end 2
	inst := jsrttest.New(t)
	got := jsrttest.Run(t, inst, `new Promise(done => {
		let n = 0; const out = [];
		const t = setTimeout(() => { n++; out.push('fired ' + n) }, 5);
		setTimeout(() => { t.refresh() }, 20);
		const c = setTimeout(() => out.push('cleared fired'), 5); clearTimeout(c); setTimeout(() => c.refresh(), 1);
		setTimeout(() => { out.push('end ' + n); done(out.join(' / ')) }, 60);
	})`).String()
	if got != "fired 1 / fired 2 / end 2" {
		t.Fatalf("got %q", got)
	}
}
