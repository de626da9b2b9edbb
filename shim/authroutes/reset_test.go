package authroutes_test

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"mime"
	"mime/quotedprintable"
	"net"
	"net/http/httptest"
	"net/mail"
	"os"
	"path/filepath"
	"regexp"
	"runtime"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/emersion/go-smtp"

	"github.com/dxhost/dxhost/services/auth/authtest"
	"github.com/dxhost/dxhost/services/db"
)

// resetRecording is testdata/recording-reset.json (record-reset.mjs).
type resetRecording struct {
	Secret    string                      `json:"secret"`
	Env       []string                    `json:"env"`
	Settings  map[string]any              `json:"settings"`
	Tables    map[string][]map[string]any `json:"tables"`
	Exchanges []struct {
		authtest.Exchange
		MailsSent int `json:"mailsSent"`
	} `json:"exchanges"`
	Mails []struct {
		From, To, Subject, Link string
	} `json:"mails"`
}

// smtpSink is an in-process SMTP server (emersion/go-smtp) keeping every message it receives.
type smtpSink struct {
	mu   sync.Mutex
	msgs [][]byte
}

type sinkSession struct{ sink *smtpSink }

func (s *sinkSession) Reset()                                   {}
func (s *sinkSession) Logout() error                            { return nil }
func (s *sinkSession) Mail(string, *smtp.MailOptions) error     { return nil }
func (s *sinkSession) Rcpt(string, *smtp.RcptOptions) error     { return nil }
func (s *sinkSession) Data(r io.Reader) error                   { return s.sink.add(r) }
func (s *smtpSink) NewSession(*smtp.Conn) (smtp.Session, error) { return &sinkSession{sink: s}, nil }
func (s *smtpSink) add(r io.Reader) error {
	b, err := io.ReadAll(r)
	s.mu.Lock()
	s.msgs = append(s.msgs, b)
	s.mu.Unlock()
	return err
}
func (s *smtpSink) count() int           { s.mu.Lock(); defer s.mu.Unlock(); return len(s.msgs) }
func (s *smtpSink) message(i int) []byte { s.mu.Lock(); defer s.mu.Unlock(); return s.msgs[i] }

func startSMTPSink(t *testing.T) (*smtpSink, string) {
	t.Helper()
	sink := &smtpSink{}
	srv := smtp.NewServer(sink)
	srv.Domain = "localhost"
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	go func() { _ = srv.Serve(l) }()
	t.Cleanup(func() { srv.Close() })
	_, port, _ := net.SplitHostPort(l.Addr().String())
	return sink, port
}

var hrefToken = regexp.MustCompile(`href="([^"]*)"`)

// TestPasswordResetMatchesDirectus replays record-reset.mjs: the answers of
// /auth/password/request and /auth/password/reset, and the e-mail (sender, recipient, subject and
// the link with its token) received by an in-process SMTP server through dxhost's smtp transport.
// The reset token of the e-mail is then used as Directus's was. The e-mail's HTML is dxhost's own.
func TestPasswordResetMatchesDirectus(t *testing.T) {
	raw, err := os.ReadFile(filepath.Join(testdataDir(), "recording-reset.json"))
	if err != nil {
		t.Fatal(err)
	}
	var rec resetRecording
	if err := json.Unmarshal(raw, &rec); err != nil {
		t.Fatal(err)
	}
	for _, client := range []string{db.ClientSQLite, db.ClientPostgres, db.ClientMySQL} {
		t.Run(client, func(t *testing.T) {
			sink, port := startSMTPSink(t)
			d := authtest.BootstrapForRecording(t, client)
			authtest.InsertRows(t, d, "directus_users", rec.Tables["directus_users"])
			for _, u := range rec.Tables["directus_users"] {
				email := u["email"].(string)
				cheapPassword(t, d, "directus_users", "email = '"+email+"'", "pw-"+strings.TrimSuffix(email, "@example.com"))
			}
			if _, err := d.ExecContext(context.Background(), d.Rebind(`UPDATE directus_settings SET auth_password_policy = ?`), rec.Settings["auth_password_policy"]); err != nil {
				t.Fatal(err)
			}
			s := newAuthStack(t, d, append([]string{"SECRET=" + rec.Secret, "EMAIL_TRANSPORT=smtp", "EMAIL_SMTP_HOST=127.0.0.1",
				"EMAIL_SMTP_PORT=" + port, "EMAIL_SMTP_IGNORE_TLS=true"}, rec.Env...))
			saved := map[string]*savedTokens{}
			var mailTokens []string
			for _, x := range rec.Exchanges {
				before := sink.count()
				got := s.replayReset(t, x.Exchange, saved, mailTokens)
				for deadline := time.Now().Add(5 * time.Second); sink.count() < before+x.MailsSent && time.Now().Before(deadline); {
					time.Sleep(10 * time.Millisecond)
				}
				time.Sleep(20 * time.Millisecond) // a mail that should not come has had its chance
				if n := sink.count() - before; n != x.MailsSent {
					t.Errorf("%s: %d e-mails sent, Directus %d", x.Name, n, x.MailsSent)
				}
				for i := before; i < sink.count(); i++ {
					mailTokens = append(mailTokens, checkMail(t, x.Name, sink.message(i), rec.Mails[len(mailTokens)]))
				}
				want := shape(compact(x.Body))
				gotBody := shape(got.body)
				if got.status == 204 && got.body == "" {
					gotBody = "null"
				}
				if got.status != x.Status || gotBody != want {
					t.Errorf("%s: got %d %s\nwant %d %s", x.Name, got.status, got.body, x.Status, compact(x.Body))
				}
			}
			t.Logf("%d recorded exchanges and %d e-mails compared", len(rec.Exchanges), len(mailTokens))
		})
	}
}

// checkMail compares a received e-mail with the recorded one and returns its reset token.
func checkMail(t *testing.T, name string, raw []byte, want struct{ From, To, Subject, Link string }) string {
	t.Helper()
	msg, err := mail.ReadMessage(bytes.NewReader(raw))
	if err != nil {
		t.Fatalf("%s: e-mail: %v", name, err)
	}
	addr := func(s string) string {
		a, err := mail.ParseAddress(s)
		if err != nil {
			return "unparsable " + s
		}
		return a.String()
	}
	dec := new(mime.WordDecoder)
	subject, _ := dec.DecodeHeader(msg.Header.Get("Subject"))
	if addr(msg.Header.Get("From")) != addr(want.From) || addr(msg.Header.Get("To")) != addr(want.To) || subject != want.Subject {
		t.Errorf("%s: e-mail from %q to %q subject %q, Directus %q %q %q", name, msg.Header.Get("From"), msg.Header.Get("To"), subject, want.From, want.To, want.Subject)
	}
	var body []byte
	if strings.EqualFold(msg.Header.Get("Content-Transfer-Encoding"), "quoted-printable") {
		body, err = io.ReadAll(quotedprintable.NewReader(msg.Body))
	} else {
		body, err = io.ReadAll(msg.Body)
	}
	if err != nil {
		t.Fatal(err)
	}
	m := hrefToken.FindStringSubmatch(string(body))
	if m == nil {
		t.Fatalf("%s: no link in the e-mail: %s", name, body)
	}
	link := strings.ReplaceAll(m[1], "&amp;", "&")
	i := strings.Index(link, "token=")
	if i < 0 || link[:i+len("token=")]+"<token>" != want.Link {
		t.Errorf("%s: e-mail link %s, Directus %s", name, link, want.Link)
	}
	return link[i+len("token="):]
}

func (s *sharesStack) replayReset(t *testing.T, x authtest.Exchange, saved map[string]*savedTokens, mailTokens []string) answer {
	t.Helper()
	var body io.Reader
	if len(x.Request) > 0 && string(x.Request) != "null" {
		var v map[string]any
		if err := json.Unmarshal(x.Request, &v); err != nil {
			t.Fatal(err)
		}
		for k, e := range v {
			str, _ := e.(string)
			switch {
			case strings.HasPrefix(str, "$mail:"):
				n := int(str[len("$mail:")] - '0')
				if n >= len(mailTokens) {
					t.Fatalf("%s: e-mail %d was never received", x.Name, n)
				}
				v[k] = mailTokens[n]
			case strings.HasPrefix(str, "$access:"):
				v[k] = saved[strings.TrimPrefix(str, "$access:")].access
			case strings.HasPrefix(str, "$refresh:"):
				v[k] = saved[strings.TrimPrefix(str, "$refresh:")].refresh
			}
		}
		b, _ := json.Marshal(v)
		body = bytes.NewReader(b)
	}
	req := httptest.NewRequest(x.Method, x.Path, body)
	req.RemoteAddr = "127.0.0.1:5000"
	req.Header.Set("User-Agent", "dxhost-recorder")
	if body != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	w := httptest.NewRecorder()
	s.engine.ServeHTTP(w, req)
	got := answer{status: w.Code, body: w.Body.String(), cookies: w.Result().Header.Values("Set-Cookie")}
	if x.Save != "" && got.status == 200 {
		access, refresh := accessToken(t, got.body)
		saved[x.Save] = &savedTokens{access: access, refresh: refresh}
	}
	return got
}

func testdataDir() string {
	_, file, _, _ := runtime.Caller(0)
	return filepath.Join(filepath.Dir(file), "..", "..", "services", "auth", "testdata")
}
