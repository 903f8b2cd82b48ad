package app

import "time"

// expiryNow is the clock that links, invitations and API tokens expire
// by. The store stamps and checks their expiry with the wall clock, not
// with the application's clock (which tests set to a fixed day), so an
// expiry must be counted from the wall clock too, or a link would be
// made dead. When the store takes the application's clock, this becomes
// a.now().
func (a *App) expiryNow() time.Time { return time.Now() }
