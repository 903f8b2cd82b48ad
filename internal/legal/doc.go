// Package legal holds the documents Japan's personal information law
// (個人情報保護法) asks a service to publish: the privacy notice
// (個人情報の取扱い), the terms of use (利用規約) and the contact page
// (お問い合わせ). It embeds the defaults, written here in plain Japanese
// and English, and reads the small text format municipalities write their
// own versions in. It is pure: no I/O beyond its embedded files.
package legal
