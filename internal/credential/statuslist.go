package credential

import (
	"bytes"
	"compress/gzip"
	"encoding/base64"
	"errors"
	"fmt"
	"io"
	"strings"
)

const (
	// MinStatusListEntries is the Bitstring Status List minimum length
	// (16 KiB of bits), which gives holders herd privacy.
	MinStatusListEntries = 131072
	// MaxStatusListEntries bounds what DecodeStatusList inflates
	// (16 MiB of bits), against gzip bombs.
	MaxStatusListEntries = 1 << 27
)

// StatusList is a W3C Bitstring Status List: bit i is 1 when the
// credential at index i is revoked. Bit 0 is the most significant bit of
// the first byte.
type StatusList struct {
	bits []byte
}

// NewStatusList returns an all-clear list of at least entries bits (and
// never fewer than MinStatusListEntries), rounded up to whole bytes.
func NewStatusList(entries int) (StatusList, error) {
	if entries > MaxStatusListEntries {
		return StatusList{}, fmt.Errorf("credential: status list of %d entries is too long", entries)
	}
	entries = max(entries, MinStatusListEntries)
	return StatusList{bits: make([]byte, (entries+7)/8)}, nil
}

// Len is the number of entries.
func (l StatusList) Len() int { return len(l.bits) * 8 }

// Set sets or clears the bit at index.
func (l *StatusList) Set(index int, revoked bool) error {
	if index < 0 || index >= l.Len() {
		return fmt.Errorf("credential: status index %d out of range [0,%d)", index, l.Len())
	}
	mask := byte(0x80) >> (index % 8)
	if revoked {
		l.bits[index/8] |= mask
	} else {
		l.bits[index/8] &^= mask
	}
	return nil
}

// Revoked reports the bit at index. An index outside the list is an
// error, never a silent "not revoked".
func (l StatusList) Revoked(index int) (bool, error) {
	if index < 0 || index >= l.Len() {
		return false, fmt.Errorf("credential: status index %d out of range [0,%d)", index, l.Len())
	}
	return l.bits[index/8]&(byte(0x80)>>(index%8)) != 0, nil
}

// Encode returns the encodedList value: multibase base64url (prefix "u",
// no padding) of the GZIP-compressed bitstring.
func (l StatusList) Encode() (string, error) {
	if l.Len() < MinStatusListEntries {
		return "", errors.New("credential: status list shorter than the minimum")
	}
	var buf bytes.Buffer
	zw, err := gzip.NewWriterLevel(&buf, gzip.BestCompression)
	if err != nil {
		return "", err
	}
	if _, err := zw.Write(l.bits); err != nil {
		return "", err
	}
	if err := zw.Close(); err != nil {
		return "", err
	}
	return "u" + base64.RawURLEncoding.EncodeToString(buf.Bytes()), nil
}

// DecodeStatusList reads an encodedList value, enforcing the minimum
// length and a maximum inflated size.
func DecodeStatusList(s string) (StatusList, error) {
	rest, ok := strings.CutPrefix(s, "u")
	if !ok {
		return StatusList{}, errors.New("credential: encodedList is not multibase base64url (prefix \"u\")")
	}
	zipped, err := base64.RawURLEncoding.Strict().DecodeString(rest)
	if err != nil {
		return StatusList{}, fmt.Errorf("credential: encodedList: %w", err)
	}
	zr, err := gzip.NewReader(bytes.NewReader(zipped))
	if err != nil {
		return StatusList{}, fmt.Errorf("credential: encodedList gzip: %w", err)
	}
	const maxBytes = MaxStatusListEntries / 8
	bits, err := io.ReadAll(io.LimitReader(zr, maxBytes+1))
	if err != nil {
		return StatusList{}, fmt.Errorf("credential: encodedList gzip: %w", err)
	}
	if len(bits) > maxBytes {
		return StatusList{}, errors.New("credential: encodedList inflates past the maximum size")
	}
	if len(bits)*8 < MinStatusListEntries {
		return StatusList{}, fmt.Errorf("credential: status list has %d entries, fewer than %d", len(bits)*8, MinStatusListEntries)
	}
	return StatusList{bits: bits}, nil
}
