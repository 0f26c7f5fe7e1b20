// Package data embeds the board's data files: the demo board, the skill
// taxonomy, the career trajectory and the gazetteer.
package data

import (
	"bytes"
	_ "embed"
	"encoding/json"
	"errors"
	"fmt"
	"strings"

	"gopkg.in/yaml.v3"

	"github.com/jobpath/jobpath/internal/jobpath"
	"github.com/jobpath/jobpath/internal/places"
)

// demoYAML is a string rather than a []byte so that no caller can change the
// embedded file for everyone else.
//
//go:embed demo.yaml
var demoYAML string

//go:embed skills.yaml
var skillsYAML []byte

//go:embed trajectory.yaml
var trajectoryYAML []byte

//go:embed rates.tsv
var ratesTSV []byte

// RatesTSV returns the dated exchange-rate table (rates.tsv); a copy.
func RatesTSV() []byte { return append([]byte(nil), ratesTSV...) }

//go:embed places.tsv
var placesTSV []byte

//go:embed countries.tsv
var countriesTSV []byte

//go:embed regions.tsv
var regionsTSV []byte

//go:embed place-aliases.tsv
var placeAliasesTSV []byte

// PlaceSources returns the gazetteer's files (places.tsv, countries.tsv,
// regions.tsv, place-aliases.tsv); copies.
func PlaceSources() places.Sources {
	c := func(b []byte) []byte { return append([]byte(nil), b...) }
	return places.Sources{Cities: c(placesTSV), Countries: c(countriesTSV), Regions: c(regionsTSV), Aliases: c(placeAliasesTSV)}
}

// TrajectoryYAML returns the career trajectory (trajectory.yaml); a copy.
func TrajectoryYAML() []byte { return append([]byte(nil), trajectoryYAML...) }

// SkillsYAML returns the skill taxonomy (skills.yaml); a copy, so that no
// caller can change it for others.
func SkillsYAML() []byte { return append([]byte(nil), skillsYAML...) }

// Demo is the demo board seeded into an empty store.
type Demo struct {
	Companies  []DemoCompany   `yaml:"companies" json:"companies"`
	Jobs       []DemoJob       `yaml:"jobs" json:"jobs"`
	Candidates []DemoCandidate `yaml:"candidates" json:"candidates"`
}

// DemoAccount is the account a demo company's employer or a demo candidate
// signs in with.
type DemoAccount struct {
	Name  string `yaml:"name" json:"name"`
	Email string `yaml:"email" json:"email"`
}

// DemoCompany is a demo company and the employer account that registers it.
type DemoCompany struct {
	Name     string      `yaml:"name" json:"name"`
	Employer DemoAccount `yaml:"employer" json:"employer"`
}

// DemoJob is a posting of the company named Company. In demo.yaml its job
// fields sit beside company rather than under a key of their own, which is
// why parseDemo decodes jobs through demoJobFile.
type DemoJob struct {
	Company string           `yaml:"company" json:"company"`
	Job     jobpath.JobInput `yaml:",inline" json:"job"`
}

// DemoCandidate is a candidate account and the profile it fills in.
type DemoCandidate struct {
	Account DemoAccount          `yaml:"account" json:"account"`
	Profile jobpath.ProfileInput `yaml:"profile" json:"profile"`
}

// demoFile is the shape of demo.yaml as encoding/json sees it: embedding
// JobInput flattens its fields next to company, the way the file writes them.
type demoFile struct {
	Companies  []DemoCompany   `json:"companies"`
	Jobs       []demoJobFile   `json:"jobs"`
	Candidates []DemoCandidate `json:"candidates"`
}

type demoJobFile struct {
	Company string `json:"company"`
	jobpath.JobInput
}

// LoadDemo parses the embedded demo board and checks that it hangs together.
func LoadDemo() (*Demo, error) {
	d, err := parseDemo([]byte(demoYAML))
	if err != nil {
		return nil, fmt.Errorf("data: demo.yaml: %w", err)
	}
	return d, nil
}

// parseDemo decodes src by the domain types' JSON names. yaml.v3 would match
// fields by their lower-cased Go names (employmenttype, not employment_type),
// so the YAML is first turned into plain values and then decoded as JSON,
// strictly, so that a misspelt field is an error rather than a silent gap.
func parseDemo(src []byte) (*Demo, error) {
	var doc any
	if err := yaml.Unmarshal(src, &doc); err != nil {
		return nil, fmt.Errorf("parse YAML: %w", err)
	}
	if doc == nil {
		return nil, errors.New("the document is empty")
	}
	doc, err := jsonValue(doc, "")
	if err != nil {
		return nil, err
	}
	raw, err := json.Marshal(doc)
	if err != nil {
		return nil, fmt.Errorf("convert to JSON: %w", err)
	}
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.DisallowUnknownFields()
	var f demoFile
	if err := dec.Decode(&f); err != nil {
		return nil, fmt.Errorf("decode: %w", err)
	}
	d := &Demo{
		Companies:  f.Companies,
		Jobs:       make([]DemoJob, len(f.Jobs)),
		Candidates: f.Candidates,
	}
	for i, j := range f.Jobs {
		d.Jobs[i] = DemoJob{Company: j.Company, Job: j.JobInput}
	}
	if err := d.check(); err != nil {
		return nil, err
	}
	return d, nil
}

// jsonValue makes a decoded YAML value encodable as JSON. yaml.v3 yields
// map[any]any for any mapping with a non-string key, which encoding/json
// refuses; such keys cannot name a field anyway, so they are rejected with
// their path rather than stringified.
func jsonValue(v any, path string) (any, error) {
	switch v := v.(type) {
	case map[string]any:
		for k, e := range v {
			c, err := jsonValue(e, path+"."+k)
			if err != nil {
				return nil, err
			}
			v[k] = c
		}
		return v, nil
	case map[any]any:
		m := make(map[string]any, len(v))
		for k, e := range v {
			s, ok := k.(string)
			if !ok {
				return nil, fmt.Errorf("%s: mapping key %v is not a string", pathOrRoot(path), k)
			}
			c, err := jsonValue(e, path+"."+s)
			if err != nil {
				return nil, err
			}
			m[s] = c
		}
		return m, nil
	case []any:
		for i, e := range v {
			c, err := jsonValue(e, fmt.Sprintf("%s[%d]", path, i))
			if err != nil {
				return nil, err
			}
			v[i] = c
		}
		return v, nil
	default:
		return v, nil
	}
}

func pathOrRoot(path string) string {
	if path == "" {
		return "document root"
	}
	return strings.TrimPrefix(path, ".")
}

// check reports every broken reference at once, so that one run of the tests
// lists everything to fix in demo.yaml. Field values are left to the domain's
// own validation, which runs when the board is seeded.
func (d *Demo) check() error {
	var errs []error
	emails := make(map[string]string)
	account := func(where string, a DemoAccount) {
		if strings.TrimSpace(a.Name) == "" {
			errs = append(errs, fmt.Errorf("%s: name is required", where))
		}
		e := jobpath.NormaliseEmail(a.Email)
		if e == "" {
			errs = append(errs, fmt.Errorf("%s: email is required", where))
			return
		}
		if prev, ok := emails[e]; ok {
			errs = append(errs, fmt.Errorf("%s: email %q is already used by %s", where, a.Email, prev))
			return
		}
		emails[e] = where
	}

	// Companies are keyed by the id derived from their name, so two names
	// that differ only in case or punctuation would collide in the store.
	names := make(map[string]bool, len(d.Companies))
	ids := make(map[string]string, len(d.Companies))
	for i, c := range d.Companies {
		where := fmt.Sprintf("companies[%d]", i)
		id := jobpath.CompanyID(c.Name)
		switch prev, dup := ids[id]; {
		case id == "":
			errs = append(errs, fmt.Errorf("%s: name %q has no letters or digits", where, c.Name))
		case dup:
			errs = append(errs, fmt.Errorf("%s: name %q collides with %q", where, c.Name, prev))
		default:
			ids[id] = c.Name
			names[c.Name] = true
		}
		account(where+".employer", c.Employer)
	}
	for i, j := range d.Jobs {
		if !names[j.Company] {
			errs = append(errs, fmt.Errorf("jobs[%d] (%q): company %q is not one of the companies", i, j.Job.Title, j.Company))
		}
	}
	for i, c := range d.Candidates {
		account(fmt.Sprintf("candidates[%d].account", i), c.Account)
	}
	return errors.Join(errs...)
}
