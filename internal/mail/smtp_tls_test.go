package mail

import (
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/tls"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/pem"
	"math/big"
	"net"
	"os"
	"path/filepath"
	"testing"
	"time"
)

// TestSMTPWithMailpitTLS covers STARTTLS with authentication and implicit
// TLS, with a certificate made for the test.
func TestSMTPWithMailpitTLS(t *testing.T) {
	bin := mailpitBinary(t)
	dir := t.TempDir()
	certFile, keyFile, roots := testCertificate(t, dir)
	authFile := filepath.Join(dir, "auth")
	if err := os.WriteFile(authFile, []byte("tsunagu:correct-horse\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	tlsBase := &tls.Config{RootCAs: roots, MinVersion: tls.VersionTLS12}
	msg := func() Message {
		return Message{To: "hanako@example.jp", Lang: LangJA, Subject: "暗号化のテスト", Text: "本文", MessageID: NewMessageID("example.jp")}
	}

	starttls := startMailpit(t, bin, "--smtp-tls-cert", certFile, "--smtp-tls-key", keyFile,
		"--smtp-require-starttls", "--smtp-auth-file", authFile)
	cfg := SMTPConfig{Host: "127.0.0.1", Port: starttls.smtpPort, From: testFrom, TLS: TLSStartTLS,
		Username: "tsunagu", Password: "correct-horse", Timeout: 10 * time.Second}

	t.Run("STARTTLS with password", func(t *testing.T) {
		s, err := newSMTP(cfg, tlsBase)
		if err != nil {
			t.Fatal(err)
		}
		m := msg()
		if err := s.Send(t.Context(), m); err != nil {
			t.Fatal(err)
		}
		// With --smtp-auth-file Mailpit accepts mail only after AUTH, so the
		// stored message shows that the login worked. (It records the user
		// name for AUTH LOGIN only; go-mail chose PLAIN here.)
		if got, _ := starttls.message(t, m.MessageID); got.Subject != m.Subject {
			t.Errorf("Subject %q", got.Subject)
		}
	})
	permanent := map[string]func() (*SMTP, error){
		"wrong password": func() (*SMTP, error) {
			c := cfg
			c.Password = "wrong"
			return newSMTP(c, tlsBase)
		},
		"no credentials": func() (*SMTP, error) {
			c := cfg
			c.Username, c.Password = "", ""
			return newSMTP(c, tlsBase)
		},
		"untrusted certificate": func() (*SMTP, error) { return NewSMTP(cfg) },
		"no TLS where the server requires it": func() (*SMTP, error) {
			c := cfg
			c.TLS, c.Username, c.Password = TLSNone, "", ""
			return newSMTP(c, tlsBase)
		},
	}
	for name, build := range permanent {
		t.Run(name+" is permanent", func(t *testing.T) {
			s, err := build()
			if err != nil {
				t.Fatal(err)
			}
			err = s.Send(t.Context(), msg())
			if err == nil || IsTemporary(err) {
				t.Fatalf("Send = %v, want a permanent error", err)
			}
			t.Log(err)
		})
	}

	t.Run("implicit TLS", func(t *testing.T) {
		implicit := startMailpit(t, bin, "--smtp-tls-cert", certFile, "--smtp-tls-key", keyFile, "--smtp-require-tls")
		s, err := newSMTP(SMTPConfig{Host: "127.0.0.1", Port: implicit.smtpPort, From: testFrom, TLS: TLSImplicit,
			Timeout: 10 * time.Second}, tlsBase)
		if err != nil {
			t.Fatal(err)
		}
		m := msg()
		if err := s.Send(t.Context(), m); err != nil {
			t.Fatal(err)
		}
		if got, _ := implicit.message(t, m.MessageID); got.Subject != m.Subject {
			t.Errorf("Subject = %q", got.Subject)
		}
	})
}

// testCertificate writes a self-signed certificate for 127.0.0.1 and
// localhost and returns its files and a pool that trusts it.
func testCertificate(t *testing.T, dir string) (certFile, keyFile string, roots *x509.CertPool) {
	t.Helper()
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	tmpl := &x509.Certificate{
		SerialNumber:          big.NewInt(1),
		Subject:               pkix.Name{CommonName: "tsunagu test SMTP"},
		NotBefore:             time.Now().Add(-time.Hour),
		NotAfter:              time.Now().Add(24 * time.Hour),
		KeyUsage:              x509.KeyUsageDigitalSignature | x509.KeyUsageCertSign,
		ExtKeyUsage:           []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth},
		BasicConstraintsValid: true,
		IsCA:                  true,
		IPAddresses:           []net.IP{net.IPv4(127, 0, 0, 1)},
		DNSNames:              []string{"localhost"},
	}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, &key.PublicKey, key)
	if err != nil {
		t.Fatal(err)
	}
	keyDER, err := x509.MarshalPKCS8PrivateKey(key)
	if err != nil {
		t.Fatal(err)
	}
	certFile, keyFile = filepath.Join(dir, "cert.pem"), filepath.Join(dir, "key.pem")
	if err := os.WriteFile(certFile, pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: der}), 0o600); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(keyFile, pem.EncodeToMemory(&pem.Block{Type: "PRIVATE KEY", Bytes: keyDER}), 0o600); err != nil {
		t.Fatal(err)
	}
	cert, err := x509.ParseCertificate(der)
	if err != nil {
		t.Fatal(err)
	}
	roots = x509.NewCertPool()
	roots.AddCert(cert)
	return certFile, keyFile, roots
}
