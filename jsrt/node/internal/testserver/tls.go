package testserver

import (
	"crypto/tls"
	_ "embed"
)

// The loopback TLS server's certificate: self-signed for 127.0.0.1 and localhost (test material only).
var (
	//go:embed tls/cert.pem
	certPEM []byte
	//go:embed tls/key.pem
	keyPEM []byte
)

// TLSConfig serves the embedded test certificate.
func TLSConfig() *tls.Config {
	pair, err := tls.X509KeyPair(certPEM, keyPEM)
	if err != nil {
		panic(err) // the embedded pair is fixed; failing here means the files were damaged
	}
	return &tls.Config{Certificates: []tls.Certificate{pair}, MinVersion: tls.VersionTLS12}
}
