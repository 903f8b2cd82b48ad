package app

// Accounts is the service for sign-up, sign-in, passwords, sessions, API tokens, and a person's data and its deletion.
type Accounts struct {
	app *App
	pw  passwords // the cap on password hashing, and the hash to check against when there is no account
}
