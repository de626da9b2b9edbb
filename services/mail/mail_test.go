package mail_test

import (
	"context"
	"errors"
	"testing"

	"github.com/dxhost/dxhost/services/env"
	"github.com/dxhost/dxhost/services/mail"
)

// TestConfigFromEnv: Directus's EMAIL_* names, nodemailer's defaults (localhost, 587 or 465 with
// SECURE) and EMAIL_TRANSPORT's default sendmail.
func TestConfigFromEnv(t *testing.T) {
	cases := []struct {
		name    string
		environ []string
		want    mail.Config
	}{
		{"defaults", nil, mail.Config{Transport: "sendmail", From: "no-reply@example.com", Host: "localhost", Port: 587}},
		{"secure", []string{"EMAIL_TRANSPORT=SMTP", "EMAIL_SMTP_SECURE=true", "EMAIL_SMTP_HOST=mx.example.com"},
			mail.Config{Transport: "smtp", From: "no-reply@example.com", Host: "mx.example.com", Port: 465, Secure: true}},
		{"everything", []string{"EMAIL_TRANSPORT=smtp", "EMAIL_FROM=me@example.com", "EMAIL_SMTP_PORT=2525", "EMAIL_SMTP_USER=u",
			"EMAIL_SMTP_PASSWORD=p", "EMAIL_SMTP_IGNORE_TLS=true", "EMAIL_SMTP_NAME=host.example.com", "EMAIL_SMTP_TLS_REJECT_UNAUTHORIZED=false"},
			mail.Config{Transport: "smtp", From: "me@example.com", Host: "localhost", Port: 2525, User: "u", Password: "p", IgnoreTLS: true,
				Name: "host.example.com", InsecureSkipVerify: true}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			e, err := env.Load(env.Options{Environ: c.environ, Dir: t.TempDir()})
			if err != nil {
				t.Fatal(err)
			}
			if got := mail.ConfigFromEnv(e); got != c.want {
				t.Fatalf("got %+v\nwant %+v", got, c.want)
			}
		})
	}
}

// TestOtherTransportsRefused: only smtp is there; the others say so instead of pretending.
func TestOtherTransportsRefused(t *testing.T) {
	for _, tr := range []string{"sendmail", "ses", "mailgun", "mailtrap"} {
		err := mail.New(mail.Config{Transport: tr, From: "a@example.com"}).Send(context.Background(), mail.Message{To: "b@example.com"})
		if !errors.Is(err, mail.ErrTransport) {
			t.Errorf("%s: %v, want ErrTransport", tr, err)
		}
	}
}
