package keyring

import (
	"encoding/base64"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"strings"
)

// fileHeader explains a key file to whoever opens it.
const fileHeader = `# Tsunagu key file. It seals the municipalities' signing keys kept in the
# database. Keep it secret and back it up apart from the database: without
# it the signing keys cannot be opened. Every instance that shares the
# database needs a copy of this same file.
`

// Load reads a key file: one line with the key in standard base64, and
// optional comment lines starting with '#'.
func Load(path string) (*Ring, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("keyring: read key file: %w", err)
	}
	key, err := parseKeyFile(string(b))
	if err != nil {
		return nil, fmt.Errorf("keyring: %s: %w", path, err)
	}
	return New(key)
}

func parseKeyFile(text string) ([]byte, error) {
	var lines []string
	for line := range strings.Lines(text) {
		line = strings.TrimSpace(line)
		if line != "" && !strings.HasPrefix(line, "#") {
			lines = append(lines, line)
		}
	}
	if len(lines) != 1 {
		return nil, errors.New("a key file holds exactly one line with the key in base64")
	}
	key, err := base64.StdEncoding.Strict().DecodeString(lines[0])
	if err != nil || len(key) != KeySize {
		return nil, fmt.Errorf("the key must be %d bytes in standard base64", KeySize)
	}
	return key, nil
}

// Create writes a new random key file readable by its owner only (0600)
// and returns its ring. It never overwrites a file.
func Create(path string) (*Ring, error) {
	key := Generate()
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
	if err != nil {
		if errors.Is(err, fs.ErrExist) {
			return nil, fmt.Errorf("keyring: %s already exists; a key file is never overwritten", path)
		}
		return nil, fmt.Errorf("keyring: create key file: %w", err)
	}
	_, err = f.WriteString(fileHeader + base64.StdEncoding.EncodeToString(key) + "\n")
	if err == nil {
		err = f.Sync()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		os.Remove(path)
		return nil, fmt.Errorf("keyring: write key file: %w", err)
	}
	return New(key)
}

// LoadOrCreate loads the key file at path, or creates it when there is
// none; created reports which.
func LoadOrCreate(path string) (r *Ring, created bool, err error) {
	r, err = Load(path)
	if err == nil || !errors.Is(err, fs.ErrNotExist) {
		return r, false, err
	}
	r, err = Create(path)
	return r, err == nil, err
}
