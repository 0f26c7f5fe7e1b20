package match

import (
	"strings"

	"github.com/jobpath/jobpath/internal/jobpath"
)

// voice is whom a result's sentences speak to: the candidate, about
// themselves ("you have 3 of 4 required skills"), or the hiring team, about
// the candidate ("Marcus has 3 of 4 required skills").
type voice struct {
	name string // the candidate's first name; "" speaks to the candidate
}

// teamVoice speaks of the candidate of p to a hiring team.
func teamVoice(p *jobpath.Profile) voice {
	name, _, _ := strings.Cut(strings.TrimSpace(p.Name), " ")
	if name == "" {
		name = "The candidate"
	}
	return voice{name: name}
}

func (v voice) team() bool { return v.name != "" }

// has is "You have" or "Marcus has", as a sentence opens.
func (v voice) has() string {
	if v.team() {
		return v.name + " has"
	}
	return "You have"
}

// hasIn is "you have" or "Marcus has" within a sentence.
func (v voice) hasIn() string {
	if v.team() {
		return v.name + " has"
	}
	return "you have"
}

// whose is "your" or "Marcus's".
func (v voice) whose() string {
	if v.team() {
		return v.name + "'s"
	}
	return "your"
}

// who is "you" or "Marcus" within a sentence.
func (v voice) who() string {
	if v.team() {
		return v.name
	}
	return "you"
}

// verb is "you prefer" or "Marcus prefers".
func (v voice) verb(base string) string {
	if v.team() {
		return v.name + " " + base + "s"
	}
	return "you " + base
}

// doesNot is "you do" or "Marcus does", before "not".
func (v voice) doesNot() string {
	if v.team() {
		return v.name + " does"
	}
	return "you do"
}
