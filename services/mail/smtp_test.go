package mail_test

import (
	"context"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/tls"
	"crypto/x509"
	"crypto/x509/pkix"
	"errors"
	"io"
	"math/big"
	"net"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/emersion/go-sasl"
	"github.com/emersion/go-smtp"

	"github.com/dxhost/dxhost/services/mail"
)

// server is an in-process SMTP server (emersion/go-smtp) that offers STARTTLS and AUTH PLAIN
// (user "mailer", password "secret") and keeps what it receives.
type server struct {
	mu       sync.Mutex
	from     string
	to       []string
	data     string
	authUser string
	tls      bool
}

type session struct {
	s    *server
	conn *smtp.Conn
}

func (s *server) NewSession(c *smtp.Conn) (smtp.Session, error) { return &session{s: s, conn: c}, nil }
func (x *session) Reset()                                       {}
func (x *session) Logout() error                                { return nil }
func (x *session) AuthMechanisms() []string                     { return []string{sasl.Plain} }
func (x *session) Auth(string) (sasl.Server, error) {
	return sasl.NewPlainServer(func(_, user, pass string) error {
		if user != "mailer" || pass != "secret" {
			return errors.New("bad credentials")
		}
		x.s.mu.Lock()
		x.s.authUser = user
		x.s.mu.Unlock()
		return nil
	}), nil
}
func (x *session) Mail(from string, _ *smtp.MailOptions) error {
	_, isTLS := x.conn.TLSConnectionState()
	x.s.mu.Lock()
	defer x.s.mu.Unlock()
	x.s.from, x.s.tls = from, isTLS
	return nil
}
func (x *session) Rcpt(to string, _ *smtp.RcptOptions) error {
	x.s.mu.Lock()
	defer x.s.mu.Unlock()
	x.s.to = append(x.s.to, to)
	return nil
}
func (x *session) Data(r io.Reader) error {
	b, err := io.ReadAll(r)
	x.s.mu.Lock()
	defer x.s.mu.Unlock()
	x.s.data = string(b)
	return err
}

func selfSigned(t *testing.T) tls.Certificate {
	t.Helper()
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	tmpl := &x509.Certificate{SerialNumber: big.NewInt(1), Subject: pkix.Name{CommonName: "127.0.0.1"},
		IPAddresses: []net.IP{net.ParseIP("127.0.0.1")}, NotBefore: time.Now().Add(-time.Hour), NotAfter: time.Now().Add(time.Hour),
		KeyUsage: x509.KeyUsageDigitalSignature, ExtKeyUsage: []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth}}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, &key.PublicKey, key)
	if err != nil {
		t.Fatal(err)
	}
	return tls.Certificate{Certificate: [][]byte{der}, PrivateKey: key}
}

// start serves on a loopback port; implicit = TLS from the first byte (EMAIL_SMTP_SECURE).
func start(t *testing.T, implicit bool) (*server, int) {
	t.Helper()
	s := &server{}
	srv := smtp.NewServer(s)
	srv.Domain = "localhost"
	srv.TLSConfig = &tls.Config{Certificates: []tls.Certificate{selfSigned(t)}, MinVersion: tls.VersionTLS12}
	var l net.Listener
	var err error
	if implicit {
		l, err = tls.Listen("tcp", "127.0.0.1:0", srv.TLSConfig)
	} else {
		l, err = net.Listen("tcp", "127.0.0.1:0")
	}
	if err != nil {
		t.Fatal(err)
	}
	go func() { _ = srv.Serve(l) }()
	t.Cleanup(func() { srv.Close() })
	port, _ := strconv.Atoi(l.Addr().(*net.TCPAddr).AddrPort().String()[len("127.0.0.1:"):])
	return s, port
}

// TestSendOverSMTP: the smtp transport as nodemailer uses it for Directus — STARTTLS when offered,
// implicit TLS with EMAIL_SMTP_SECURE, plain with EMAIL_SMTP_IGNORE_TLS, AUTH with USER/PASSWORD,
// the certificate check off with EMAIL_SMTP_TLS_REJECT_UNAUTHORIZED=false — and the message:
// "name <EMAIL_FROM>", recipient, subject, HTML body.
func TestSendOverSMTP(t *testing.T) {
	cases := []struct {
		name     string
		implicit bool
		cfg      mail.Config
		wantTLS  bool
		wantAuth string
		wantErr  bool
	}{
		{"starttls and auth", false, mail.Config{User: "mailer", Password: "secret", InsecureSkipVerify: true}, true, "mailer", false},
		{"implicit tls", true, mail.Config{Secure: true, InsecureSkipVerify: true, User: "mailer", Password: "secret"}, true, "mailer", false},
		{"ignore tls", false, mail.Config{IgnoreTLS: true}, false, "", false},
		{"untrusted certificate refused", false, mail.Config{}, false, "", true},
		{"wrong password refused", false, mail.Config{User: "mailer", Password: "nope", InsecureSkipVerify: true}, false, "", true},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			srv, port := start(t, c.implicit)
			cfg := c.cfg
			cfg.Transport, cfg.From, cfg.Host, cfg.Port = "smtp", "no-reply@example.com", "127.0.0.1", port
			ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
			defer cancel()
			err := mail.New(cfg).Send(ctx, mail.Message{FromName: "My Project", To: "user@example.com", Subject: "Password Reset Request",
				HTML: `<p><a href="http://x/reset?token=abc">Reset</a></p>`})
			if c.wantErr {
				if err == nil {
					t.Fatal("sent, want an error")
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			srv.mu.Lock()
			defer srv.mu.Unlock()
			if srv.from != "no-reply@example.com" || strings.Join(srv.to, ",") != "user@example.com" || srv.tls != c.wantTLS || srv.authUser != c.wantAuth {
				t.Fatalf("from %q to %q tls %v auth %q", srv.from, srv.to, srv.tls, srv.authUser)
			}
			for _, want := range []string{`From: "My Project" <no-reply@example.com>`, "To: <user@example.com>", "Subject: Password Reset Request", "text/html", "token=3Dabc" /* quoted-printable */} {
				if !strings.Contains(srv.data, want) {
					t.Errorf("message lacks %q:\n%s", want, srv.data)
				}
			}
		})
	}
}
