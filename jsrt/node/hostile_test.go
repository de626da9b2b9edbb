package node_test

import (
	"testing"

	"github.com/dxhost/dxhost/jsrt/jsrttest"
)

// TestHostileInput feeds the Go-backed modules arguments no sane extension passes: each call must
// fail as a JS error (or succeed), never panic the process or hang.
func TestHostileInput(t *testing.T) {
	calls := []string{
		`require('fs').readSync(require('fs').openSync('/dev/null', 'r'), Buffer.alloc(4), 0, -5, 0)`,
		`require('fs').readFileSync(12345678)`,
		`require('fs').writeFileSync('/dev/null', { not: 'data' })`,
		`require('fs').promises.readFile(null)`,
		`require('crypto').scryptSync('p', 's', 16, { N: 1 << 30 })`,
		`require('crypto').scryptSync('p', 's', -1)`,
		`require('crypto').pbkdf2Sync('p', 's', 0, -1, 'sha256')`,
		`require('crypto').createHash('sha256').update(undefined)`,
		`require('crypto').createCipheriv('aes-256-gcm', Buffer.alloc(3), Buffer.alloc(0))`,
		`require('crypto').createPrivateKey('-----BEGIN PRIVATE KEY-----\ngarbage\n-----END PRIVATE KEY-----')`,
		`require('crypto').sign('sha256', Buffer.from('x'), 'not a key')`,
		`require('crypto').randomBytes(-1)`,
		`require('zlib').inflateSync(Buffer.from([1, 2, 3, 4, 5]))`,
		`require('zlib').brotliDecompressSync(Buffer.alloc(10, 255))`,
		`Buffer.from('zz', 'hex').readUInt32BE(10)`,
		`Buffer.alloc(2).write('x', 5)`,
		`new TextDecoder('utf-16le', { fatal: true }).decode(new Uint8Array([0, 0xd8]))`,
		`atob('%%%')`,
		`require('http').request('ftp://example.invalid/')`,
		`new Promise((resolve) => require('http').get('http://[::1', resolve).on('error', resolve))`,
		`new Promise((resolve) => require('net').connect(70000, '127.0.0.1').on('error', resolve))`,
		`new Promise((resolve) => require('dns').lookup('', resolve))`,
		`structuredClone(new Proxy({}, {}))`,
		`require('util').inspect(new Proxy({}, { get() { throw new Error('trap'); } }))`,
	}
	inst := jsrttest.New(t)
	for _, src := range calls {
		_, _ = jsrttest.Eval(inst, src) // an error is fine; a panic or a hang is not
	}
	// The instance still works afterwards.
	if v := jsrttest.Run(t, inst, `require('crypto').createHash('md5').update('ok').digest('hex')`); v.String() != "444bcb3a3fcf8389296c49467f27e1d6" {
		t.Fatalf("instance broken after hostile input: %v", v)
	}
}
