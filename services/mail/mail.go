// Package mail sends the e-mails Directus's MailService sends (password reset), over the SMTP
// transport configured with Directus's EMAIL_* variables. Only EMAIL_TRANSPORT=smtp is supported:
// sendmail (Directus's default), ses, mailgun and mailtrap are not supported by dxhost yet, and a
// message for them is refused with an error saying so (Directus logs a failed send the same way:
// the request that caused it still succeeds).
//
// SMTP is github.com/wneessen/go-mail: maintained, RFC 5321/5322 and MIME compliant, STARTTLS
// policies, implicit TLS and SMTP AUTH discovery — what nodemailer does for Directus — where the
// standard library's net/smtp is frozen and has no message building.
package mail

import (
	"context"
	"crypto/tls"
	"errors"
	"fmt"
	"strings"
	"time"

	gomail "github.com/wneessen/go-mail"

	"github.com/dxhost/dxhost/services/env"
)

// Config is Directus's EMAIL_* settings for the smtp transport.
type Config struct {
	Transport string // EMAIL_TRANSPORT, lower-cased
	From      string // EMAIL_FROM
	Host      string // EMAIL_SMTP_HOST (nodemailer's default: localhost)
	Port      int    // EMAIL_SMTP_PORT (default 587, or 465 with SECURE)
	User      string // EMAIL_SMTP_USER
	Password  string // EMAIL_SMTP_PASSWORD
	Secure    bool   // EMAIL_SMTP_SECURE: implicit TLS
	IgnoreTLS bool   // EMAIL_SMTP_IGNORE_TLS: no STARTTLS even when offered
	Name      string // EMAIL_SMTP_NAME: the HELO name
	// InsecureSkipVerify is EMAIL_SMTP_TLS_REJECT_UNAUTHORIZED=false.
	InsecureSkipVerify bool
}

// ConfigFromEnv reads Config with Directus's names and defaults.
func ConfigFromEnv(e *env.Env) Config {
	get := func(k string) any { v, _ := e.Get(k); return v }
	str := func(k string) string {
		if v := get(k); v != nil {
			return env.ToJSString(v)
		}
		return ""
	}
	c := Config{
		Transport: strings.ToLower(str("EMAIL_TRANSPORT")),
		From:      str("EMAIL_FROM"),
		Host:      str("EMAIL_SMTP_HOST"),
		User:      str("EMAIL_SMTP_USER"),
		Password:  str("EMAIL_SMTP_PASSWORD"),
		Secure:    env.Truthy(get("EMAIL_SMTP_SECURE")),
		IgnoreTLS: env.Truthy(get("EMAIL_SMTP_IGNORE_TLS")),
		Name:      str("EMAIL_SMTP_NAME"),
		Port:      int(e.Number("EMAIL_SMTP_PORT", 0)),
	}
	if v, ok := e.Get("EMAIL_SMTP_TLS_REJECT_UNAUTHORIZED"); ok && v != nil && !env.Truthy(v) {
		c.InsecureSkipVerify = true
	}
	if c.Host == "" {
		c.Host = "localhost"
	}
	if c.Port == 0 {
		c.Port = 587
		if c.Secure {
			c.Port = 465
		}
	}
	return c
}

// Message is one e-mail: HTML body, sent from "FromName <EMAIL_FROM>".
type Message struct {
	FromName string
	To       string
	Subject  string
	HTML     string
}

// Sender sends messages with one Config.
type Sender struct {
	cfg Config
}

// New returns a Sender for cfg.
func New(cfg Config) *Sender { return &Sender{cfg: cfg} }

// ErrTransport is returned for a transport dxhost does not have.
var ErrTransport = errors.New("mail: transport not supported")

// Send delivers m over SMTP, one connection per message (EMAIL_SMTP_POOL is not used).
func (s *Sender) Send(ctx context.Context, m Message) error {
	if s.cfg.Transport != "smtp" {
		return fmt.Errorf("%w: EMAIL_TRANSPORT=%s is not supported by dxhost yet (only smtp)", ErrTransport, s.cfg.Transport)
	}
	msg := gomail.NewMsg()
	if err := msg.FromFormat(m.FromName, s.cfg.From); err != nil {
		return fmt.Errorf("mail: EMAIL_FROM %q: %w", s.cfg.From, err)
	}
	if err := msg.To(m.To); err != nil {
		return fmt.Errorf("mail: recipient %q: %w", m.To, err)
	}
	msg.Subject(m.Subject)
	msg.SetBodyString(gomail.TypeTextHTML, m.HTML)
	opts := []gomail.Option{gomail.WithPort(s.cfg.Port), gomail.WithTimeout(30 * time.Second),
		gomail.WithTLSConfig(&tls.Config{ServerName: s.cfg.Host, InsecureSkipVerify: s.cfg.InsecureSkipVerify, MinVersion: tls.VersionTLS12})} //nolint:gosec // EMAIL_SMTP_TLS_REJECT_UNAUTHORIZED=false asks for it
	switch {
	case s.cfg.Secure:
		opts = append(opts, gomail.WithSSL())
	case s.cfg.IgnoreTLS:
		opts = append(opts, gomail.WithTLSPolicy(gomail.NoTLS))
	default:
		opts = append(opts, gomail.WithTLSPolicy(gomail.TLSOpportunistic))
	}
	if s.cfg.User != "" || s.cfg.Password != "" {
		opts = append(opts, gomail.WithSMTPAuth(gomail.SMTPAuthAutoDiscover), gomail.WithUsername(s.cfg.User), gomail.WithPassword(s.cfg.Password))
	}
	if s.cfg.Name != "" {
		opts = append(opts, gomail.WithHELO(s.cfg.Name))
	}
	client, err := gomail.NewClient(s.cfg.Host, opts...)
	if err != nil {
		return fmt.Errorf("mail: %w", err)
	}
	if err := client.DialAndSendWithContext(ctx, msg); err != nil {
		return fmt.Errorf("mail: sending to %s via %s:%d: %w", m.To, s.cfg.Host, s.cfg.Port, err)
	}
	return nil
}
