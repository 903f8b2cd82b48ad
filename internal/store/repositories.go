package store

// The repositories, one per capability. Each is a view of the Store it
// came from: one taken from the store of an InTx reads and writes in that
// transaction. They are small values, made on every call of the Store's
// accessor.

// Accounts keeps people: users and their memberships, passwords, one-time
// tokens, API tokens, sessions, failed logins and invitations.
type Accounts struct{ *core }

// Directory keeps the municipalities, the organizations and the programs
// they host.
type Directory struct{ *core }

// Projects keeps projects: their writing, review and status, the public
// list with its facets, and the search index.
type Projects struct{ *core }

// Talents keeps talents' profiles and the shared talent pool with its
// scout offers.
type Talents struct{ *core }

// Entries keeps entries to programs and their screening: reviewers,
// reviews, interviews and decisions.
type Entries struct{ *core }

// Agreements keeps the terms of each placement and their acceptances.
type Agreements struct{ *core }

// Workspaces keeps engagements and their workspaces: team, goals,
// milestones, meetings, reports, messages, outcomes and team leaders.
type Workspaces struct{ *core }

// Issuance keeps the credentials issued to talents, the issuer's signing
// keys and the issuers trusted for verification.
type Issuance struct{ *core }

// Community keeps events, ideas, bookmarks and the stories of completed
// projects.
type Community struct{ *core }

// Insights computes the dashboard, the public figures and the mobility
// between municipalities.
type Insights struct{ *core }

// Messaging keeps the mail outbox and the in-app notifications.
type Messaging struct{ *core }

// Compliance keeps the audit log, the legal documents and the consents.
type Compliance struct{ *core }

// Personal gathers and erases a person's or a municipality's data.
type Personal struct{ *core }

// Accounts returns the repository of people and their access.
func (s *Store) Accounts() Accounts { return Accounts{&s.core} }

// Directory returns the repository of municipalities, organizations and
// programs.
func (s *Store) Directory() Directory { return Directory{&s.core} }

// Projects returns the repository of projects.
func (s *Store) Projects() Projects { return Projects{&s.core} }

// Talents returns the repository of talents and the pool.
func (s *Store) Talents() Talents { return Talents{&s.core} }

// Entries returns the repository of entries and their screening.
func (s *Store) Entries() Entries { return Entries{&s.core} }

// Agreements returns the repository of agreements.
func (s *Store) Agreements() Agreements { return Agreements{&s.core} }

// Workspaces returns the repository of engagements and their workspaces.
func (s *Store) Workspaces() Workspaces { return Workspaces{&s.core} }

// Issuance returns the repository of issued credentials and issuers.
func (s *Store) Issuance() Issuance { return Issuance{&s.core} }

// Community returns the repository of events, ideas, bookmarks and stories.
func (s *Store) Community() Community { return Community{&s.core} }

// Insights returns the repository of figures.
func (s *Store) Insights() Insights { return Insights{&s.core} }

// Messaging returns the repository of mail and notifications.
func (s *Store) Messaging() Messaging { return Messaging{&s.core} }

// Compliance returns the repository of the audit log, legal documents and
// consents.
func (s *Store) Compliance() Compliance { return Compliance{&s.core} }

// Personal returns the repository of data exports and erasure.
func (s *Store) Personal() Personal { return Personal{&s.core} }
