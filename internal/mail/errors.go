package mail

import (
	"context"
	"errors"
	"io"
	"net"
	"net/textproto"
	"syscall"

	gomail "github.com/wneessen/go-mail"
)

// SendError is the error SMTP.Send returns when a message was not accepted.
// Temporary failures (an SMTP 4xx reply, a network or time-out problem) may
// succeed when retried later; permanent ones (a 5xx reply, an invalid
// message, a configuration the server refuses) will not.
type SendError struct {
	Temporary bool  // retrying later may succeed
	Code      int   // SMTP reply code such as 450 or 550; 0 when there was none
	Err       error // the underlying error
}

func (e *SendError) Error() string {
	kind := "permanent"
	if e.Temporary {
		kind = "temporary"
	}
	return "mail: " + kind + " send failure: " + e.Err.Error()
}

func (e *SendError) Unwrap() error { return e.Err }

// IsTemporary reports whether err is a delivery failure that may succeed if
// the same message is sent again later: an SMTP 4xx reply, a refused or
// broken connection, a time-out. It reports false for nil, for 5xx replies,
// for invalid messages and for configuration problems (such as a server
// that does not offer STARTTLS when it is required), since retrying will not
// help until someone changes something.
func IsTemporary(err error) bool {
	if err == nil {
		return false
	}
	if se, ok := errors.AsType[*SendError](err); ok {
		return se.Temporary
	}
	temporary, _ := classify(err)
	return temporary
}

// classify decides whether err, as returned by go-mail, is temporary, and
// extracts the SMTP reply code if there is one.
func classify(err error) (temporary bool, code int) {
	if errors.Is(err, ErrInvalidMessage) {
		return false, 0
	}
	// A reply from the server decides: 4xx temporary, 5xx permanent.
	if tp, ok := errors.AsType[*textproto.Error](err); ok && tp.Code >= 400 && tp.Code < 600 {
		return tp.Code < 500, tp.Code
	}
	if ge, ok := errors.AsType[*gomail.SendError](err); ok {
		if c := ge.ErrorCode(); c >= 400 && c < 600 {
			return c < 500, c
		}
		switch ge.Reason {
		case gomail.ErrGetSender, gomail.ErrGetRcpts, gomail.ErrNoUnencoded, gomail.ErrAmbiguous:
			return false, 0
		}
		// go-mail's SendError does not unwrap; without a reply code the
		// failure happened on the wire (connection closed, time-out).
		return true, 0
	}
	if isNetworkError(err) {
		return true, 0
	}
	return false, 0
}

// isNetworkError reports whether err comes from the connection rather than
// from the server's answer.
func isNetworkError(err error) bool {
	if errors.Is(err, context.DeadlineExceeded) || errors.Is(err, context.Canceled) {
		return true
	}
	if errors.Is(err, io.EOF) || errors.Is(err, io.ErrUnexpectedEOF) || errors.Is(err, net.ErrClosed) {
		return true
	}
	for _, errno := range []syscall.Errno{
		syscall.ECONNREFUSED, syscall.ECONNRESET, syscall.ECONNABORTED,
		syscall.EPIPE, syscall.ETIMEDOUT, syscall.EHOSTUNREACH, syscall.ENETUNREACH,
	} {
		if errors.Is(err, errno) {
			return true
		}
	}
	var netErr net.Error
	return errors.As(err, &netErr)
}
