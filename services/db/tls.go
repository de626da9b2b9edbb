package db

import (
	"crypto/tls"
	"crypto/x509"
	"fmt"
	"os"
)

// tlsFromEnv builds the TLS settings of DB_SSL / DB_SSL__* the way node's pg and mysql2 read their
// `ssl` option: absent or false = no TLS; true = TLS with certificate checks; an object may set
// rejectUnauthorized (false = accept any certificate), ca / cert / key (PEM text) and caFile
// (DB_SSL__CA_FILE, a path to a PEM file).
func tlsFromEnv(ssl any, serverName string) (*tls.Config, error) {
	switch v := ssl.(type) {
	case nil:
		return nil, nil
	case map[string]any:
		cfg := &tls.Config{ServerName: serverName, MinVersion: tls.VersionTLS12}
		if r, ok := v["rejectUnauthorized"]; ok && !asBool(r) {
			cfg.InsecureSkipVerify = true
		}
		ca := []byte(asString(v["ca"]))
		if file := asString(v["caFile"]); file != "" {
			b, err := os.ReadFile(file)
			if err != nil {
				return nil, fmt.Errorf("db: DB_SSL__CA_FILE: %w", err)
			}
			ca = append(ca, b...)
		}
		if len(ca) > 0 {
			pool := x509.NewCertPool()
			if !pool.AppendCertsFromPEM(ca) {
				return nil, fmt.Errorf("db: DB_SSL__CA holds no PEM certificate")
			}
			cfg.RootCAs = pool
		}
		cert, key := asString(v["cert"]), asString(v["key"])
		if cert != "" || key != "" {
			pair, err := tls.X509KeyPair([]byte(cert), []byte(key))
			if err != nil {
				return nil, fmt.Errorf("db: DB_SSL__CERT / DB_SSL__KEY: %w", err)
			}
			cfg.Certificates = []tls.Certificate{pair}
		}
		return cfg, nil
	default:
		if !asBool(v) {
			return nil, nil
		}
		return &tls.Config{ServerName: serverName, MinVersion: tls.VersionTLS12}, nil
	}
}
