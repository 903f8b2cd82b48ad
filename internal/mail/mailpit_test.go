package mail

// A real SMTP server for the tests: Mailpit, built from its Go module with
// `go install` the first time and cached outside the repository. A cold
// build takes minutes on two cores, so the binary is kept under
// os.UserCacheDir()/tsunagu-test; later runs start it in well under a second.

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"testing"
	"time"
)

const mailpitModule = "github.com/axllent/mailpit@v1.27.11"

// mailpitBinary returns the path of the cached Mailpit binary, building it
// on first use. Under -short it skips rather than build.
func mailpitBinary(t *testing.T) string {
	t.Helper()
	cache, err := os.UserCacheDir()
	if err != nil {
		cache = os.TempDir()
	}
	dir := filepath.Join(cache, "tsunagu-test")
	name := strings.NewReplacer("/", "_", "@", "-").Replace(mailpitModule) + "-" + runtime.GOOS + "-" + runtime.GOARCH
	bin := filepath.Join(dir, name)
	if _, err := os.Stat(bin); err == nil {
		return bin
	}
	if testing.Short() {
		t.Skipf("-short: Mailpit is not built yet (%s)", bin)
	}
	goTool, err := exec.LookPath("go")
	if err != nil {
		t.Fatalf("building Mailpit needs the go command: %v", err)
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	tmp, err := os.MkdirTemp(dir, "build-")
	if err != nil {
		t.Fatal(err)
	}
	defer os.RemoveAll(tmp)
	// Stop in time to say why, rather than be killed by go test's -timeout.
	ctx, cancel := context.WithCancel(t.Context())
	if d, ok := t.Deadline(); ok {
		ctx, cancel = context.WithDeadline(t.Context(), d.Add(-30*time.Second))
	}
	defer cancel()
	start := time.Now()
	cmd := exec.CommandContext(ctx, goTool, "install", mailpitModule)
	cmd.Dir = tmp // outside any module: `go install pkg@version` ignores go.mod anyway
	cmd.Env = append(os.Environ(), "GOBIN="+tmp, "GOFLAGS=", "GOWORK=off", "GOTOOLCHAIN=local", "CGO_ENABLED=0")
	if out, err := cmd.CombinedOutput(); err != nil {
		if ctx.Err() != nil {
			t.Fatalf("building Mailpit took longer than this test may run (%v so far); "+
				"build it first with `go test ./internal/mail` or a longer -timeout", time.Since(start).Round(time.Second))
		}
		t.Fatalf("go install %s: %v\n%s", mailpitModule, err, out)
	}
	// Rename is atomic, so a concurrent run sees either no binary or a whole one.
	if err := os.Rename(filepath.Join(tmp, "mailpit"), bin); err != nil {
		t.Fatal(err)
	}
	t.Logf("built Mailpit in %v, cached as %s", time.Since(start).Round(time.Second), bin)
	return bin
}

// mailpit is one running Mailpit: an SMTP port and its HTTP API.
type mailpit struct {
	smtpPort int
	api      string // http://127.0.0.1:PORT
}

// startMailpit runs Mailpit on free loopback ports with extra flags and
// stops it when the test ends.
func startMailpit(t *testing.T, bin string, extra ...string) *mailpit {
	t.Helper()
	smtpPort, httpPort := freePort(t), freePort(t)
	args := append([]string{
		"--smtp", "127.0.0.1:" + strconv.Itoa(smtpPort),
		"--listen", "127.0.0.1:" + strconv.Itoa(httpPort),
		"--database", filepath.Join(t.TempDir(), "mailpit.db"),
		"--smtp-disable-rdns", "--disable-version-check",
	}, extra...)
	var logs bytes.Buffer
	cmd := exec.Command(bin, args...)
	cmd.Stdout, cmd.Stderr = &logs, &logs
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	exited := make(chan error, 1)
	go func() { exited <- cmd.Wait() }()
	t.Cleanup(func() {
		_ = cmd.Process.Kill() // the process this test started, by its own handle
		<-exited
		if t.Failed() {
			t.Logf("mailpit %v log:\n%s", args, logs.String())
		}
	})
	mp := &mailpit{smtpPort: smtpPort, api: "http://127.0.0.1:" + strconv.Itoa(httpPort)}
	deadline := time.Now().Add(30 * time.Second)
	for {
		select {
		case err := <-exited:
			exited <- err
			t.Fatalf("mailpit exited: %v\n%s", err, logs.String())
		default:
		}
		if resp, err := http.Get(mp.api + "/readyz"); err == nil {
			resp.Body.Close()
			if c, err := net.Dial("tcp", "127.0.0.1:"+strconv.Itoa(smtpPort)); resp.StatusCode == http.StatusOK && err == nil {
				c.Close()
				return mp
			}
		}
		if time.Now().After(deadline) {
			t.Fatalf("mailpit not ready after 30 s\n%s", logs.String())
		}
		time.Sleep(50 * time.Millisecond)
	}
}

func freePort(t *testing.T) int {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	return l.Addr().(*net.TCPAddr).Port
}

// call sends an API request and decodes the JSON answer into out (if set).
func (mp *mailpit) call(t *testing.T, method, path string, body, out any) {
	t.Helper()
	var r io.Reader
	if body != nil {
		b, err := json.Marshal(body)
		if err != nil {
			t.Fatal(err)
		}
		r = bytes.NewReader(b)
	}
	req, err := http.NewRequestWithContext(t.Context(), method, mp.api+path, r)
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Content-Type", "application/json")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("%s %s: %s: %s", method, path, resp.Status, b)
	}
	if out != nil {
		if s, ok := out.(*string); ok {
			*s = string(b)
		} else if err := json.Unmarshal(b, out); err != nil {
			t.Fatalf("%s %s: %v: %s", method, path, err, b)
		}
	}
}

type mpAddress struct{ Name, Address string }

// mpMessage is the part of Mailpit's message JSON the tests read.
type mpMessage struct {
	ID, MessageID, Subject, Text, HTML, Username string
	From                                         mpAddress
	To, Cc, Bcc                                  []mpAddress
}

// messages lists the summaries of all stored messages, newest first.
func (mp *mailpit) messages(t *testing.T) []mpMessage {
	t.Helper()
	var list struct{ Messages []mpMessage }
	mp.call(t, http.MethodGet, "/api/v1/messages", nil, &list)
	return list.Messages
}

// message finds the stored message with the given Message-ID (without
// brackets) and returns it in full with its headers.
func (mp *mailpit) message(t *testing.T, messageID string) (mpMessage, map[string][]string) {
	t.Helper()
	for _, s := range mp.messages(t) {
		if strings.Trim(s.MessageID, "<>") == messageID {
			var m mpMessage
			mp.call(t, http.MethodGet, "/api/v1/message/"+s.ID, nil, &m)
			var h map[string][]string
			mp.call(t, http.MethodGet, "/api/v1/message/"+s.ID+"/headers", nil, &h)
			return m, h
		}
	}
	t.Fatalf("no message with Message-ID %q in Mailpit", messageID)
	return mpMessage{}, nil
}

// header returns the values of a header, whatever the case of its name.
func header(h map[string][]string, name string) []string {
	for k, v := range h {
		if strings.EqualFold(k, name) {
			return v
		}
	}
	return nil
}

func (mp *mailpit) raw(t *testing.T, id string) string {
	t.Helper()
	var s string
	mp.call(t, http.MethodGet, "/api/v1/message/"+id+"/raw", nil, &s)
	return s
}

func (mp *mailpit) String() string {
	return fmt.Sprintf("mailpit smtp :%d api %s", mp.smtpPort, mp.api)
}
