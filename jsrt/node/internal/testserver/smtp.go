package testserver

import (
	"bufio"
	"net"
	"strings"
)

// ServeSMTP runs a minimal SMTP sink on ln until it closes: it accepts every message (AUTH PLAIN/LOGIN
// with any credentials) and refuses recipients whose address contains "reject".
func ServeSMTP(ln net.Listener) {
	for {
		c, err := ln.Accept()
		if err != nil {
			return
		}
		go smtpSession(c)
	}
}

func smtpSession(c net.Conn) {
	defer c.Close()
	r := bufio.NewReader(c)
	say := func(lines ...string) { _, _ = c.Write([]byte(strings.Join(lines, "\r\n") + "\r\n")) }
	say("220 dxhost-test ESMTP sink")
	for {
		line, err := r.ReadString('\n')
		if err != nil {
			return
		}
		cmd := strings.ToUpper(strings.TrimSpace(line))
		switch {
		case strings.HasPrefix(cmd, "EHLO"):
			say("250-dxhost-test", "250-SIZE 10485760", "250-8BITMIME", "250-AUTH PLAIN LOGIN", "250 SMTPUTF8")
		case strings.HasPrefix(cmd, "HELO"):
			say("250 dxhost-test")
		case strings.HasPrefix(cmd, "AUTH PLAIN"):
			say("235 2.7.0 Authentication successful")
		case strings.HasPrefix(cmd, "AUTH LOGIN"):
			say("334 VXNlcm5hbWU6")
			_, _ = r.ReadString('\n')
			say("334 UGFzc3dvcmQ6")
			_, _ = r.ReadString('\n')
			say("235 2.7.0 Authentication successful")
		case strings.HasPrefix(cmd, "MAIL FROM"):
			say("250 2.1.0 Ok")
		case strings.HasPrefix(cmd, "RCPT TO"):
			if strings.Contains(cmd, "REJECT") {
				say("550 5.1.1 Recipient address rejected")
			} else {
				say("250 2.1.5 Ok")
			}
		case cmd == "DATA":
			say("354 End data with <CR><LF>.<CR><LF>")
			for {
				l, err := r.ReadString('\n')
				if err != nil {
					return
				}
				if l == ".\r\n" || l == ".\n" {
					break
				}
			}
			say("250 2.0.0 Ok: queued")
		case cmd == "RSET", cmd == "NOOP":
			say("250 2.0.0 Ok")
		case cmd == "QUIT":
			say("221 2.0.0 Bye")
			return
		default:
			say("502 5.5.2 Error: command not recognized")
		}
	}
}
