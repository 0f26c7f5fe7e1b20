package jobpath

import (
	"slices"
	"strings"
)

// The board's enumerated values. Each is a named type with one list of its
// valid values; validation, the OpenAPI document and the search index all
// read these lists, so that adding a value is a change in one place.

// Level is the seniority a role asks for.
type Level string

// Levels of a role.
const (
	LevelJunior Level = "junior"
	LevelMid    Level = "mid"
	LevelSenior Level = "senior"
	LevelLead   Level = "lead"
	// LevelUnspecified is the search filter for roles that state no level;
	// a job never stores it (its level is then empty).
	LevelUnspecified Level = "unspecified"
)

// Levels lists the levels a job may state, lowest first.
var Levels = []Level{LevelJunior, LevelMid, LevelSenior, LevelLead}

// SearchLevels lists the levels a search may filter by: a stated level, or
// none stated.
var SearchLevels = append([]Level{LevelUnspecified}, Levels...)

// Stage is a step of the back-end career trajectory. The stages from junior
// up share their ids with the job levels they are ready for.
type Stage string

// Stages of the trajectory.
const (
	StageAspiring Stage = "aspiring"
	StageJunior   Stage = "junior"
	StageMid      Stage = "mid"
	StageSenior   Stage = "senior"
	StageLead     Stage = "lead"
)

// Stages lists the stages in the order they are climbed; the trajectory in
// data/trajectory.yaml must name exactly these, in this order.
var Stages = []Stage{StageAspiring, StageJunior, StageMid, StageSenior, StageLead}

// Stage is the stage whose people a role of level l is for; "" for no level.
func (l Level) Stage() Stage {
	if !slices.Contains(Levels, l) {
		return ""
	}
	return Stage(l)
}

// Level is the job level of stage s; "" for a stage before the first level.
func (s Stage) Level() Level {
	if l := Level(s); slices.Contains(Levels, l) {
		return l
	}
	return ""
}

// Rank is the position of s on the trajectory, from 0; -1 when unknown.
func (s Stage) Rank() int { return slices.Index(Stages, s) }

// Degree is what a role says about a degree.
type Degree string

// Degree rules of a role.
const (
	DegreeRequired    Degree = "required"
	DegreePreferred   Degree = "preferred"
	DegreeEquivalent  Degree = "equivalent_experience"
	DegreeNotRequired Degree = "not_required"
	DegreeUnspecified Degree = "unspecified"
)

// Degrees lists the degree rules.
var Degrees = []Degree{DegreeRequired, DegreePreferred, DegreeEquivalent, DegreeNotRequired, DegreeUnspecified}

// OpenWithoutDegree reports whether the rule lets in people without a degree:
// it needs none, or takes experience instead.
func (d Degree) OpenWithoutDegree() bool { return d == DegreeNotRequired || d == DegreeEquivalent }

// RemoteMode is how a role is worked, or how a candidate wants to work.
type RemoteMode string

// Remote modes.
const (
	RemoteOnsite RemoteMode = "onsite"
	RemoteHybrid RemoteMode = "hybrid"
	RemoteRemote RemoteMode = "remote"
	// RemoteAny is a candidate's preference only: any arrangement suits.
	RemoteAny RemoteMode = "any"
)

// RemoteModes lists how a role may be worked.
var RemoteModes = []RemoteMode{RemoteOnsite, RemoteHybrid, RemoteRemote}

// RemotePreferences lists what a candidate may prefer.
var RemotePreferences = []RemoteMode{RemoteOnsite, RemoteHybrid, RemoteRemote, RemoteAny}

// Status is where a job is in its life.
type Status string

// Job statuses.
const (
	StatusDraft     Status = "draft"
	StatusPublished Status = "published"
	StatusClosed    Status = "closed"
	StatusExpired   Status = "expired"
)

// Statuses lists the job statuses.
var Statuses = []Status{StatusDraft, StatusPublished, StatusClosed, StatusExpired}

// InputStatuses lists the statuses an author may give a job; it is closed
// by its own request and expires by itself.
var InputStatuses = []Status{StatusDraft, StatusPublished}

// SearchSorts lists the orders a search may ask for; relevance when none.
var SearchSorts = []string{"relevance", "newest", "salary"}

// Valid reports whether v is one of the values in list.
func Valid[T ~string](v T, list []T) bool { return slices.Contains(list, v) }

// Strings converts a list of values to plain strings, for the adapters
// that speak only strings (the index, the OpenAPI document).
func Strings[T ~string](list []T) []string {
	out := make([]string, len(list))
	for i, v := range list {
		out[i] = string(v)
	}
	return out
}

// Join lists values for a message: "junior, mid, senior, lead".
func Join[T ~string](list []T) string { return strings.Join(Strings(list), ", ") }
