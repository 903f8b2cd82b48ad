package credential

// JSON-LD contexts and type names used by the credentials this package
// issues.
const (
	ContextVC  = "https://www.w3.org/ns/credentials/v2"
	ContextOB3 = "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json"

	TypeVerifiableCredential = "VerifiableCredential"
	TypeOpenBadgeCredential  = "OpenBadgeCredential"
	TypeStatusListCredential = "BitstringStatusListCredential"
	TypeStatusList           = "BitstringStatusList"
	TypeStatusListEntry      = "BitstringStatusListEntry"

	// PurposeRevocation is the only status purpose this package issues
	// and checks.
	PurposeRevocation = "revocation"

	// MediaType is the JOSE typ of a secured credential (VC-JOSE-COSE).
	MediaType = "vc+jwt"
	// ContentType is the JOSE cty of a secured credential.
	ContentType = "vc"
)

// Credential is an Open Badges 3.0 OpenBadgeCredential.
type Credential struct {
	Context           []string           `json:"@context"`
	ID                string             `json:"id"`
	Type              Types              `json:"type"`
	Issuer            Profile            `json:"issuer"`
	ValidFrom         Timestamp          `json:"validFrom"`
	ValidUntil        Timestamp          `json:"validUntil,omitzero"`
	Name              string             `json:"name"`
	CredentialSubject AchievementSubject `json:"credentialSubject"`
	CredentialStatus  *StatusEntry       `json:"credentialStatus,omitempty"`
}

// Profile is the OB3 Profile of an issuer: the municipality.
type Profile struct {
	ID   string `json:"id"`
	Type Types  `json:"type,omitempty"`
	Name string `json:"name,omitempty"`
}

// AchievementSubject says who achieved what, and how.
type AchievementSubject struct {
	ID                string              `json:"id,omitempty"`
	Type              Types               `json:"type"`
	Identifier        []IdentityObject    `json:"identifier,omitempty"`
	Achievement       Achievement         `json:"achievement"`
	ActivityStartDate Timestamp           `json:"activityStartDate,omitzero"`
	ActivityEndDate   Timestamp           `json:"activityEndDate,omitzero"`
	CreditsEarned     float64             `json:"creditsEarned,omitempty"`
	Role              string              `json:"role,omitempty"`
	Result            []AchievementResult `json:"result,omitempty"`
}

// IdentityObject identifies the holder when no id is given. Tsunagu puts
// the talent's display name here in plain text (hashed false,
// identityType "name").
type IdentityObject struct {
	Type         string `json:"type"`
	Hashed       bool   `json:"hashed"`
	IdentityHash string `json:"identityHash"`
	IdentityType string `json:"identityType"`
	Salt         string `json:"salt,omitempty"`
}

// Achievement is the project that was done.
type Achievement struct {
	ID          string      `json:"id"`
	Type        Types       `json:"type"`
	Name        string      `json:"name"`
	Description string      `json:"description"`
	Criteria    Criteria    `json:"criteria"`
	Tag         []string    `json:"tag,omitempty"`
	Alignment   []Alignment `json:"alignment,omitempty"`
}

// Criteria says what earned the achievement.
type Criteria struct {
	ID        string `json:"id,omitempty"`
	Narrative string `json:"narrative,omitempty"`
}

// Alignment points at an external framework, here a UN SDG.
type Alignment struct {
	Type            Types  `json:"type"`
	TargetName      string `json:"targetName"`
	TargetURL       string `json:"targetUrl"`
	TargetFramework string `json:"targetFramework,omitempty"`
	TargetCode      string `json:"targetCode,omitempty"`
}

// AchievementResult is an OB3 Result: one outcome of the work.
type AchievementResult struct {
	Type  Types  `json:"type"`
	Value string `json:"value,omitempty"`
}

// StatusEntry is a BitstringStatusListEntry.
type StatusEntry struct {
	ID                   string `json:"id"`
	Type                 string `json:"type"`
	StatusPurpose        string `json:"statusPurpose"`
	StatusListIndex      string `json:"statusListIndex"`
	StatusListCredential string `json:"statusListCredential"`
}
