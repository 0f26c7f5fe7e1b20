package jobpath

import (
	"net/mail"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"
)

// Roles of an account.
const (
	RoleCandidate = "candidate"
	RoleEmployer  = "employer"
	RoleAdmin     = "admin"
)

// User is an account. Its store key is the normalised e-mail, so that a login
// is one read by key.
type User struct {
	ID           string    `json:"id" bson:"user_id"`
	Email        string    `json:"email" bson:"_id"`
	Name         string    `json:"name" bson:"name"`
	Role         string    `json:"role" bson:"role"`
	CompanyID    string    `json:"company,omitempty" bson:"company,omitempty"`
	PasswordHash string    `json:"-" bson:"password_hash"`
	CreatedAt    time.Time `json:"created_at" bson:"created_at"`
}

// Principal is u acting as themself.
func (u *User) Principal() *Principal {
	return &Principal{UserID: u.ID, Email: u.Email, Name: u.Name, Role: u.Role, CompanyID: u.CompanyID}
}

// Company is a hiring team. Its id is derived from its name, so that the name
// is unique and the first employer who registers it creates it.
type Company struct {
	ID        string    `json:"id" bson:"_id"`
	Name      string    `json:"name" bson:"name"`
	CreatedBy string    `json:"-" bson:"created_by"`
	CreatedAt time.Time `json:"created_at" bson:"created_at"`
	// Owner is the user id of the member who may invite, remove and hand
	// over; the first employer, until they hand it over.
	Owner string `json:"owner,omitempty" bson:"owner,omitempty"`
	// Members are the company's employers by user id: the team.
	Members map[string]Member `json:"-" bson:"members,omitempty"`
}

// Member is one employer of a company's team.
type Member struct {
	UserID   string    `json:"id" bson:"user_id"`
	Email    string    `json:"email" bson:"email"`
	Name     string    `json:"name" bson:"name"`
	JoinedAt time.Time `json:"joined_at" bson:"joined_at"`
}

// Invite asks someone to join a company's team. Only its hash is kept; it
// works once, until it expires.
type Invite struct {
	Hash      string    `bson:"_id"`
	Company   string    `bson:"company"`
	Email     string    `bson:"email"`
	InvitedBy string    `bson:"invited_by"`
	CreatedAt time.Time `bson:"created_at"`
	ExpiresAt time.Time `bson:"expires_at"`
}

// Token is a stored API token: only its hash is kept.
type Token struct {
	Hash      string    `bson:"_id"`
	UserID    string    `bson:"user_id"`
	Email     string    `bson:"email"`
	Name      string    `bson:"name"`
	Role      string    `bson:"role"`
	CompanyID string    `bson:"company,omitempty"`
	CreatedAt time.Time `bson:"created_at"`
	ExpiresAt time.Time `bson:"expires_at"`
}

// Principal is the authenticated caller of a request.
type Principal struct {
	UserID    string `json:"id"`
	Email     string `json:"email"`
	Name      string `json:"name"`
	Role      string `json:"role"`
	CompanyID string `json:"company,omitempty"`
}

// Registration is the input of a new account.
type Registration struct {
	Email    string `json:"email"`
	Password string `json:"password"`
	Name     string `json:"name"`
	Role     string `json:"role"`
	Company  string `json:"company"`
	// Invite joins an existing company's team instead of creating one.
	Invite string `json:"invite"`
}

// Credentials are the input of a login.
type Credentials struct {
	Email    string `json:"email"`
	Password string `json:"password"`
}

// Password length bounds; the upper one keeps hashing cheap and within what
// bcrypt reads (72 bytes).
const (
	MinPassword = 10
	MaxPassword = 72
)

// NormaliseEmail returns the canonical form of an address, used as its key.
func NormaliseEmail(s string) string { return strings.ToLower(strings.TrimSpace(s)) }

// Validate checks a registration. Admin accounts are never self-registered.
func (r *Registration) Validate() error {
	var p Problems
	checkEmail(&p, "email", r.Email)
	checkPassword(&p, "password", r.Password)
	checkText(&p, "name", r.Name, 1, maxShortText, true)
	switch r.Role {
	case RoleCandidate:
		if r.Company != "" {
			p.Add("company", "only employers belong to a company")
		}
		if r.Invite != "" {
			p.Add("invite", "invites are for employers joining a team")
		}
	case RoleEmployer:
		if r.Invite != "" {
			if r.Company != "" {
				p.Add("company", "comes with the invite; leave it out")
			}
			break
		}
		checkText(&p, "company", r.Company, 2, 100, true)
		if r.Company != "" && CompanyID(r.Company) == "" {
			p.Add("company", "must contain letters or digits")
		}
	default:
		p.Add("role", "must be candidate or employer")
	}
	return p.Err()
}

// Validate checks the shape of login input; wrong credentials are a separate, uniform answer.
func (c *Credentials) Validate() error {
	var p Problems
	checkEmail(&p, "email", c.Email)
	if c.Password == "" {
		p.Add("password", "is required")
	} else if len(c.Password) > MaxPassword {
		p.Add("password", "must be at most %d bytes", MaxPassword)
	}
	return p.Err()
}

func checkEmail(p *Problems, field, s string) {
	if s == "" {
		p.Add(field, "is required")
		return
	}
	if len(s) > 254 {
		p.Add(field, "must be at most 254 characters")
		return
	}
	a, err := mail.ParseAddress(s)
	if err != nil || a.Address != strings.TrimSpace(s) || a.Name != "" {
		p.Add(field, "must be an e-mail address such as name@example.com")
	}
}

func checkPassword(p *Problems, field, s string) {
	switch {
	case len(s) > MaxPassword:
		p.Add(field, "must be at most %d bytes", MaxPassword)
	case utf8.RuneCountInString(s) < MinPassword:
		p.Add(field, "must be at least %d characters", MinPassword)
	}
}

// CompanyID derives a company's key from its display name: lower-case letters
// and digits joined by single dashes ("Acme, Inc." -> "acme-inc").
func CompanyID(name string) string {
	var b strings.Builder
	dash := false
	for _, r := range strings.ToLower(name) {
		if r < utf8.RuneSelf && (unicode.IsLetter(r) || unicode.IsDigit(r)) || r >= utf8.RuneSelf && unicode.IsLetter(r) {
			if dash && b.Len() > 0 {
				b.WriteByte('-')
			}
			dash = false
			b.WriteRune(r)
			continue
		}
		dash = true
	}
	return b.String()
}
