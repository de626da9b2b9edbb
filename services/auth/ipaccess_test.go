package auth_test

import (
	"testing"

	"github.com/dxhost/dxhost/services/auth"
)

// TestIPInNetworks: expected values printed by @directus/utils/node ipInNetworks (Directus 12.4.1)
// for the same inputs.
func TestIPInNetworks(t *testing.T) {
	cases := []struct {
		ip   string
		nets []string
		want bool
	}{
		{"127.0.0.1", []string{"127.0.0.1"}, true},
		{"127.0.0.2", []string{"127.0.0.1"}, false},
		{"10.1.2.3", []string{"10.0.0.0/8"}, true},
		{"11.1.2.3", []string{"10.0.0.0/8"}, false},
		{"::ffff:10.1.2.3", []string{"10.0.0.0/8"}, true},
		{"192.168.1.50", []string{"192.168.1.10-192.168.1.100"}, true},
		{"192.168.1.150", []string{"192.168.1.10-192.168.1.100"}, false},
		{"::1", []string{"::1"}, true},
		{"2001:db8::1", []string{"2001:db8::/32"}, true},
		{"2001:db9::1", []string{"2001:db8::/32"}, false},
		{"10.0.0.1", []string{" 10.0.0.1 "}, true},
		{"10.0.0.1", []string{"1.1.1.1", "10.0.0.0/24"}, true},
	}
	for _, c := range cases {
		got, err := auth.IPInNetworks(c.ip, c.nets)
		if err != nil || got != c.want {
			t.Errorf("IPInNetworks(%q, %q) = %v, %v; want %v", c.ip, c.nets, got, err, c.want)
		}
	}
}
