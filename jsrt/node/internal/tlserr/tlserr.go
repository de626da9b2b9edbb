// Package tlserr names certificate failures the way Node reports them (OpenSSL's codes and messages).
package tlserr

import (
	"bytes"
	"crypto/x509"
	"errors"
)

// Describe gives OpenSSL's code and message for a certificate Go rejected; ok is false otherwise.
func Describe(err error) (code, message string, ok bool) {
	var unknown x509.UnknownAuthorityError
	var hostErr x509.HostnameError
	var invalid x509.CertificateInvalidError
	switch {
	case errors.As(err, &unknown):
		if c := unknown.Cert; c != nil && bytes.Equal(c.RawIssuer, c.RawSubject) {
			return "DEPTH_ZERO_SELF_SIGNED_CERT", "self-signed certificate", true
		}
		return "UNABLE_TO_GET_ISSUER_CERT_LOCALLY", "unable to get local issuer certificate", true
	case errors.As(err, &hostErr):
		return "ERR_TLS_CERT_ALTNAME_INVALID", "Hostname/IP does not match certificate's altnames: " + hostErr.Error(), true
	case errors.As(err, &invalid) && invalid.Reason == x509.Expired:
		return "CERT_HAS_EXPIRED", "certificate has expired", true
	case errors.As(err, &invalid):
		return "UNABLE_TO_VERIFY_LEAF_SIGNATURE", "unable to verify the first certificate", true
	}
	return "", "", false
}
