package auth

import (
	"errors"
	"strings"
	"testing"
	"time"
)

// cheap returns fast parameters so tests do not spend DefaultParams' cost.
func cheap() Params {
	return Params{Memory: 64, Time: 1, Threads: 1, SaltLen: 16, KeyLen: 32}
}

func mustHash(t *testing.T, password string, p Params) string {
	t.Helper()
	encoded, err := HashPassword(password, p)
	if err != nil {
		t.Fatalf("HashPassword: %v", err)
	}
	return encoded
}

func TestHashVerifyRoundTrip(t *testing.T) {
	encoded := mustHash(t, "correct horse battery", DefaultParams())
	if !strings.HasPrefix(encoded, "$argon2id$v=19$m=32768,t=2,p=1$") {
		t.Errorf("encoded = %q, want the PHC argon2id prefix with default params", encoded)
	}
	parts := strings.Split(encoded, "$")
	if len(parts[4]) != 22 || len(parts[5]) != 43 {
		t.Errorf("salt/key lengths %d/%d, want 22/43 base64 characters (16/32 bytes)", len(parts[4]), len(parts[5]))
	}
	ok, rehash, err := VerifyPassword("correct horse battery", encoded)
	if err != nil || !ok || rehash {
		t.Errorf("VerifyPassword(right) = %v, %v, %v; want true, false, nil", ok, rehash, err)
	}
	ok, rehash, err = VerifyPassword("correct horse battery!", encoded)
	if err != nil || ok || rehash {
		t.Errorf("VerifyPassword(wrong) = %v, %v, %v; want false, false, nil", ok, rehash, err)
	}
}

func TestHashesDiffer(t *testing.T) {
	a, b := mustHash(t, "same password", cheap()), mustHash(t, "same password", cheap())
	if a == b {
		t.Errorf("two hashes of one password are equal: %q", a)
	}
}

func TestNeedsRehash(t *testing.T) {
	for _, p := range []Params{
		cheap(),
		{Memory: 19456, Time: 2, Threads: 1, SaltLen: 16, KeyLen: 32},
		func() Params { p := DefaultParams(); p.KeyLen = 16; return p }(),
		func() Params { p := DefaultParams(); p.SaltLen = 32; return p }(),
	} {
		encoded := mustHash(t, "some password", p)
		ok, rehash, err := VerifyPassword("some password", encoded)
		if err != nil || !ok || !rehash {
			t.Errorf("%+v: VerifyPassword = %v, %v, %v; want true, true, nil", p, ok, rehash, err)
		}
	}
}

func TestFullWidthMatchesHalfWidth(t *testing.T) {
	encoded := mustHash(t, "ABC123xyz!", cheap())
	ok, _, err := VerifyPassword("ＡＢＣ１２３ｘｙｚ！", encoded)
	if err != nil || !ok {
		t.Errorf("full-width password: ok=%v err=%v, want it to match its half-width form", ok, err)
	}
	ok, _, _ = VerifyPassword("abc123xyz!", encoded)
	if ok {
		t.Error("lower-case password matched: NFKC must not fold case")
	}
}

// flip changes one base64 character of field i (4 = salt, 5 = key).
func flip(encoded string, i int) string {
	parts := strings.Split(encoded, "$")
	c := byte('A')
	if parts[i][0] == 'A' {
		c = 'B'
	}
	parts[i] = string(c) + parts[i][1:]
	return strings.Join(parts, "$")
}

func TestTamperedHashFails(t *testing.T) {
	encoded := mustHash(t, "tamper proof pw", cheap())
	for name, bad := range map[string]string{
		"salt":   flip(encoded, 4),
		"key":    flip(encoded, 5),
		"memory": strings.Replace(encoded, "m=64,", "m=72,", 1),
		"time":   strings.Replace(encoded, "t=1,", "t=2,", 1),
	} {
		ok, _, err := VerifyPassword("tamper proof pw", bad)
		if err != nil || ok {
			t.Errorf("%s tampered: ok=%v err=%v, want false, nil", name, ok, err)
		}
	}
}

func TestMalformedHashes(t *testing.T) {
	good := mustHash(t, "whatever pw", cheap())
	parts := strings.Split(good, "$")
	salt, key := parts[4], parts[5]
	with := func(head, s, k string) string { return head + "$" + s + "$" + k }
	cases := map[string]string{
		"empty":            "",
		"bcrypt":           "$2a$10$abcdefghijklmnopqrstuuABCDEFGHIJKLMNOPQRSTUVWXYZ01234",
		"argon2i":          with("$argon2i$v=19$m=64,t=1,p=1", salt, key),
		"no leading $":     strings.TrimPrefix(good, "$"),
		"version 16":       with("$argon2id$v=16$m=64,t=1,p=1", salt, key),
		"missing key":      "$argon2id$v=19$m=64,t=1,p=1$" + salt,
		"extra field":      good + "$extra",
		"params order":     with("$argon2id$v=19$t=1,m=64,p=1", salt, key),
		"params missing":   with("$argon2id$v=19$m=64,t=1", salt, key),
		"params negative":  with("$argon2id$v=19$m=64,t=-1,p=1", salt, key),
		"m=1<<40":          with("$argon2id$v=19$m=1099511627776,t=1,p=1", salt, key),
		"m too big":        with("$argon2id$v=19$m=4294967295,t=1,p=1", salt, key),
		"m below 8p":       with("$argon2id$v=19$m=8,t=1,p=2", salt, key),
		"t=0":              with("$argon2id$v=19$m=64,t=0,p=1", salt, key),
		"t huge":           with("$argon2id$v=19$m=64,t=4000000000,p=1", salt, key),
		"p=0":              with("$argon2id$v=19$m=64,t=1,p=0", salt, key),
		"p=256":            with("$argon2id$v=19$m=4096,t=1,p=256", salt, key),
		"salt bad base64":  with("$argon2id$v=19$m=64,t=1,p=1", "!!!!"+salt[4:], key),
		"key padded":       with("$argon2id$v=19$m=64,t=1,p=1", salt, key+"="),
		"key with newline": with("$argon2id$v=19$m=64,t=1,p=1", salt, key[:10]+"\n"+key[10:]),
		"key not strict":   with("$argon2id$v=19$m=64,t=1,p=1", salt, key[:42]+"B"),
		"salt too short":   with("$argon2id$v=19$m=64,t=1,p=1", "c2FsdA", key),
		"key too short":    with("$argon2id$v=19$m=64,t=1,p=1", salt, "a2V5a2V5"),
		"empty salt":       with("$argon2id$v=19$m=64,t=1,p=1", "", key),
		"too long":         with("$argon2id$v=19$m=64,t=1,p=1", salt, strings.Repeat("A", 600)),
	}
	for name, encoded := range cases {
		ok, rehash, err := VerifyPassword("whatever pw", encoded)
		if !errors.Is(err, ErrMalformedHash) || ok || rehash {
			t.Errorf("%s: VerifyPassword(%q) = %v, %v, %v; want ErrMalformedHash", name, encoded, ok, rehash, err)
		}
	}
}

func TestHashPasswordRejectsBadParams(t *testing.T) {
	for _, p := range []Params{
		{},
		{Memory: 64, Time: 0, Threads: 1, SaltLen: 16, KeyLen: 32},
		{Memory: 4, Time: 1, Threads: 1, SaltLen: 16, KeyLen: 32},
		{Memory: 1 << 30, Time: 1, Threads: 1, SaltLen: 16, KeyLen: 32},
		{Memory: 64, Time: 1, Threads: 1, SaltLen: 4, KeyLen: 32},
		{Memory: 64, Time: 1, Threads: 1, SaltLen: 16, KeyLen: 8},
	} {
		if _, err := HashPassword("pw", p); !errors.Is(err, ErrInvalidParams) {
			t.Errorf("HashPassword(%+v) err = %v, want ErrInvalidParams", p, err)
		}
	}
}

func FuzzVerifyPassword(f *testing.F) {
	valid, err := HashPassword("pw", cheap())
	if err != nil {
		f.Fatal(err)
	}
	f.Add("pw", valid)
	f.Add("pw", "$argon2id$v=19$m=1099511627776,t=1,p=1$c2FsdHNhbHQ$a2V5a2V5a2V5a2V5")
	f.Add("", "$argon2id$v=19$m=,t=,p=$$")
	f.Add("x", "$$$$$$$")
	f.Fuzz(func(t *testing.T, password, encoded string) {
		p, salt, key, err := decodeHash(encoded)
		if err != nil {
			if !errors.Is(err, ErrMalformedHash) {
				t.Fatalf("decodeHash error %v does not wrap ErrMalformedHash", err)
			}
			return
		}
		if p.validate() != nil || int(p.SaltLen) != len(salt) || int(p.KeyLen) != len(key) {
			t.Fatalf("decodeHash(%q) accepted inconsistent %+v", encoded, p)
		}
		// Re-encoding what was parsed must parse to the same thing.
		if p2, _, _, err := decodeHash(encodeHash(p, salt, key)); err != nil || p2 != p {
			t.Fatalf("re-encoded %q: %+v, %v", encoded, p2, err)
		}
		// Run the full verification only where it is cheap.
		if uint64(p.Memory)*uint64(p.Time) <= 4096 {
			if _, _, err := VerifyPassword(password, encoded); err != nil {
				t.Fatalf("VerifyPassword after successful parse: %v", err)
			}
		}
	})
}

func BenchmarkHashPassword(b *testing.B) {
	p := DefaultParams()
	start := time.Now()
	for b.Loop() {
		if _, err := HashPassword("correct horse battery staple", p); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(time.Since(start))/float64(time.Millisecond)/float64(b.N), "ms/hash")
}
