package main

import (
	"bytes"
	"context"
	"strings"
	"testing"
)

func TestMunicipalityAdd(t *testing.T) {
	dir := t.TempDir()
	env := map[string]string{"TSUNAGU_DATA": dir}
	getenv := func(k string) string { return env[k] }
	run1 := func(args ...string) (string, string, error) {
		var out, errOut bytes.Buffer
		err := run(context.Background(), append([]string{"tsunagu"}, args...), getenv, strings.NewReader(""), &out, &errOut)
		return out.String(), errOut.String(), err
	}
	// A wrong check digit is named, with the right one.
	if _, _, err := run1("municipality", "add", "--lgcode", "131114"); err == nil || !strings.Contains(err.Error(), "131113") {
		t.Errorf("wrong check digit: %v", err)
	}
	if _, _, err := run1("municipality", "add", "--lgcode", "99999"); err == nil {
		t.Error("a five-digit code was accepted")
	}
	out, _, err := run1("municipality", "add", "--lgcode", "152137", "--slug", "tsubame", "--name-en", "Tsubame City",
		"--accent", "#1a6b8f", "--admin", "mayor-office@city.tsubame.example.jp", "--base-url", "https://hub.example.jp")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(out, "燕市") || !strings.Contains(out, "https://hub.example.jp/invite?token=") {
		t.Errorf("add: %q", out)
	}
	if _, _, err := run1("municipality", "add", "--lgcode", "152137"); err == nil || !strings.Contains(err.Error(), "already") {
		t.Errorf("adding twice: %v", err)
	}
	out, _, err = run1("municipality", "list")
	if err != nil || !strings.Contains(out, "152137\ttsubame\t燕市\tTsubame City") {
		t.Errorf("list: %q %v", out, err)
	}
}
