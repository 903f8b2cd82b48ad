package mail

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/textproto"
	"os"
	"syscall"
	"testing"

	gomail "github.com/wneessen/go-mail"
)

func TestIsTemporary(t *testing.T) {
	refused := &net.OpError{Op: "dial", Net: "tcp", Err: &os.SyscallError{Syscall: "connect", Err: syscall.ECONNREFUSED}}
	for _, c := range []struct {
		err  error
		want bool
	}{
		{nil, false},
		{&textproto.Error{Code: 421, Msg: "4.3.2 Service not available"}, true},
		{&textproto.Error{Code: 451, Msg: "4.7.1 Greylisted"}, true},
		{&textproto.Error{Code: 550, Msg: "5.1.1 No such user"}, false},
		{&textproto.Error{Code: 535, Msg: "5.7.8 Authentication failed"}, false},
		{fmt.Errorf("dial failed: %w", fmt.Errorf("SMTP AUTH failed: %w", &textproto.Error{Code: 454})), true},
		{refused, true},
		{fmt.Errorf("dial failed: %w", refused), true},
		{context.DeadlineExceeded, true},
		{io.EOF, true},
		{syscall.ECONNRESET, true},
		{&gomail.SendError{Reason: gomail.ErrSMTPDataClose}, true}, // no reply code: lost on the wire
		{&gomail.SendError{Reason: gomail.ErrGetRcpts}, false},
		{&gomail.SendError{Reason: gomail.ErrNoUnencoded}, false},
		{fmt.Errorf("wrapped: %w", ErrInvalidMessage), false},
		{errors.New(`STARTTLS mode set to: "TLSMandatory", but target host does not support STARTTLS`), false},
		{&SendError{Temporary: true, Err: errors.New("x")}, true},
		{&SendError{Temporary: false, Err: io.EOF}, false}, // the SendError's verdict wins
	} {
		if got := IsTemporary(c.err); got != c.want {
			t.Errorf("IsTemporary(%#v) = %v, want %v", c.err, got, c.want)
		}
	}
}
