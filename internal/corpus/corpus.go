// Package corpus generates deterministic, realistic job postings and
// candidate profiles for benchmarks: lengths, skill mixes, levels, degree
// rules and salaries like a real back-end job board's. The same seed gives
// the same corpus on every machine.
package corpus

import (
	"fmt"
	"math/rand/v2"
	"strconv"
	"strings"

	"github.com/jobpath/jobpath/internal/jobpath"
)

// stack is a primary language with the frameworks that go with it.
type stack struct {
	lang       string
	weight     int
	frameworks []string
}

var (
	stacks = []stack{
		{"python", 25, []string{"django", "flask", "fastapi"}},
		{"java", 15, []string{"spring-boot", "spring", "hibernate"}},
		{"go", 12, []string{"grpc", "gin"}},
		{"node.js", 10, []string{"express", "nestjs"}},
		{"typescript", 8, []string{"nestjs", "express"}},
		{"ruby", 6, []string{"ruby-on-rails", "sidekiq"}},
		{"php", 6, []string{"laravel", "symfony", "wordpress"}},
		{"c#", 6, []string{".net", "asp.net"}},
		{"kotlin", 4, []string{"spring-boot", "ktor"}},
		{"rust", 3, []string{"tokio", "axum"}},
		{"scala", 3, []string{"akka", "apache-spark"}},
		{"elixir", 2, []string{"phoenix"}},
	}
	databases = []string{"postgresql", "postgresql", "postgresql", "mysql", "mysql", "mongodb", "redis", "redis", "elasticsearch", "dynamodb", "cassandra", "clickhouse", "snowflake"}
	messaging = []string{"kafka", "kafka", "rabbitmq", "aws-sqs", "nats", "google-cloud-pub/sub"}
	cloud     = []string{"aws", "aws", "aws", "gcp", "azure", "docker", "docker", "kubernetes", "kubernetes", "terraform", "linux", "ci/cd", "github-actions", "helm"}
	practice  = []string{"rest", "rest", "graphql", "microservices", "distributed-systems", "unit-testing", "tdd", "code-review", "observability", "api-design", "system-design"}
	soft      = []string{"communication", "mentoring", "collaboration", "ownership", "problem-solving"}
	roles     = []string{"Backend Engineer", "Software Engineer", "Backend Developer", "Platform Engineer", "API Engineer", "Data Engineer", "Full Stack Engineer", "Site Reliability Engineer"}
	domains   = []string{"payments", "logistics", "healthcare", "search", "billing", "identity", "messaging", "analytics", "marketplace", "insurance", "energy", "education", "travel", "media", "security"}
	cities    = []struct{ city, country string }{{"Berlin", "Germany"}, {"London", "United Kingdom"}, {"New York", "United States"}, {"San Francisco", "United States"}, {"Toronto", "Canada"}, {"Lisbon", "Portugal"}, {"Amsterdam", "Netherlands"}, {"Bangalore", "India"}, {"Sydney", "Australia"}, {"Austin", "United States"}, {"Warsaw", "Poland"}, {"Nairobi", "Kenya"}, {"São Paulo", "Brazil"}, {"Singapore", "Singapore"}}
	levelWord = map[string]string{"junior": "Junior", "mid": "", "senior": "Senior", "lead": "Lead"}
	sentences = []string{
		"You will design, build and run %s services that handle %s for customers around the world.",
		"Our %s team owns the APIs behind %s and ships to production several times a day.",
		"Day to day you will write %s, review pull requests, and pair with colleagues on hard problems in %s.",
		"We store our data in %s and care a lot about schema design, migrations and query performance in %s.",
		"Events flow through %s, and you will help us keep the %s pipeline fast and correct.",
		"Everything runs on %s; we deploy with %s and expect engineers to own what they build.",
		"We value clear written communication, thoughtful code review and %s done well for %s.",
		"You will mentor others, write design documents and make trade-offs between speed and reliability in %s and %s.",
		"Our on-call is humane: good alerts, runbooks and a blameless culture around %s and %s.",
		"We are a remote-friendly team spread over several time zones, working on %s with %s.",
	}
)

func pick[T any](r *rand.Rand, xs []T) T { return xs[r.IntN(len(xs))] }

// Job is a generated posting and the company posting it.
type Job struct {
	Company string
	Input   jobpath.JobInput
}

// Jobs returns n postings generated from seed.
func Jobs(n int, seed uint64) []Job {
	r := rand.New(rand.NewPCG(seed, 0x6a6f6270617468))
	total := 0
	for _, s := range stacks {
		total += s.weight
	}
	out := make([]Job, n)
	for i := range out {
		w := r.IntN(total)
		st := stacks[0]
		for _, s := range stacks {
			if w < s.weight {
				st = s
				break
			}
			w -= s.weight
		}
		level := pick(r, []string{"junior", "mid", "mid", "mid", "senior", "senior", "senior", "lead"})
		req := []string{st.lang, pick(r, st.frameworks), pick(r, databases)}
		pref := []string{}
		for k := 0; k < 1+r.IntN(3); k++ {
			req = appendNew(req, pick(r, cloud))
		}
		if r.IntN(2) == 0 {
			pref = appendNew(pref, pick(r, messaging))
		}
		pref = appendNew(pref, pick(r, practice))
		if level == "senior" || level == "lead" {
			req = appendNew(req, pick(r, []string{"distributed-systems", "system-design", "mentoring"}))
		}
		domain := pick(r, domains)
		role := pick(r, roles)
		title := strings.TrimSpace(levelWord[level] + " " + role)
		if r.IntN(3) == 0 {
			title += " (" + displayName(st.lang) + ")"
		}
		var desc strings.Builder
		all := append(append([]string{}, req...), pref...)
		for k := 0; k < 8+r.IntN(12); k++ {
			tmpl := pick(r, sentences)
			fmt.Fprintf(&desc, tmpl+" ", displayName(pick(r, all)), domain)
		}
		degree := pick(r, []jobpath.Degree{jobpath.DegreeUnspecified, jobpath.DegreeUnspecified, jobpath.DegreeUnspecified, jobpath.DegreeRequired,
			jobpath.DegreePreferred, jobpath.DegreeEquivalent, jobpath.DegreeEquivalent, jobpath.DegreeNotRequired})
		remote := pick(r, []jobpath.RemoteMode{jobpath.RemoteRemote, jobpath.RemoteRemote, jobpath.RemoteHybrid, jobpath.RemoteHybrid, jobpath.RemoteOnsite})
		c := pick(r, cities)
		base := map[string]int64{"junior": 55_000, "mid": 85_000, "senior": 125_000, "lead": 155_000}[level]
		lo := base + int64(r.IntN(30))*1000
		years := map[string]int{"junior": 0, "mid": 2, "senior": 5, "lead": 8}[level]
		in := jobpath.JobInput{
			Title: title, Description: strings.TrimSpace(desc.String()),
			Skills: &jobpath.Skills{Required: req, Preferred: pref},
			Level:  jobpath.Level(level), MinYears: &years, Degree: degree, Remote: remote,
			Location:       &jobpath.Location{City: c.city, Country: c.country},
			Salary:         &jobpath.Salary{Min: lo, Max: lo + 20_000 + int64(r.IntN(40))*1000, Currency: "USD", Period: "year"},
			EmploymentType: pick(r, []string{"full_time", "full_time", "full_time", "contract"}),
		}
		if r.IntN(4) == 0 {
			in.Salary = nil
		}
		out[i] = Job{Company: fmt.Sprintf("Company %03d", r.IntN(400)), Input: in}
	}
	return out
}

// Profiles returns n candidate profiles generated from seed.
func Profiles(n int, seed uint64) []jobpath.ProfileInput {
	r := rand.New(rand.NewPCG(seed, 0x63616e646964))
	out := make([]jobpath.ProfileInput, n)
	for i := range out {
		st := pick(r, stacks)
		years := float64(r.IntN(15))
		skills := []jobpath.SkillClaim{{Name: st.lang, Years: years}, {Name: pick(r, st.frameworks), Years: years / 2}, {Name: pick(r, databases)}}
		for k := 0; k < r.IntN(5); k++ {
			skills = append(skills, jobpath.SkillClaim{Name: pick(r, append(append([]string{}, cloud...), practice...))})
		}
		if r.IntN(3) == 0 {
			skills = append(skills, jobpath.SkillClaim{Name: pick(r, soft)})
		}
		edu := pick(r, []string{"bachelor", "bachelor", "master", "self_taught", "bootcamp", "none"})
		c := pick(r, cities)
		out[i] = jobpath.ProfileInput{
			Name:            fmt.Sprintf("Candidate %d", i),
			Headline:        displayName(st.lang) + " developer",
			Summary:         fmt.Sprintf("%.0f years building %s services for %s.", years, displayName(st.lang), pick(r, domains)),
			Skills:          dedupe(skills),
			YearsExperience: years,
			Education:       []jobpath.Education{{Level: edu}},
			Locations:       []jobpath.Location{{City: c.city, Country: c.country}},
			Remote:          jobpath.RemoteMode(pick(r, []string{"remote", "hybrid", "onsite", "any"})),
			DesiredLevel:    jobpath.Level(pick(r, []string{"junior", "mid", "senior", "lead"})),
			Discoverable:    r.IntN(10) < 8,
		}
	}
	return out
}

func appendNew(xs []string, x string) []string {
	for _, v := range xs {
		if v == x {
			return xs
		}
	}
	return append(xs, x)
}

func dedupe(cs []jobpath.SkillClaim) []jobpath.SkillClaim {
	seen := map[string]bool{}
	out := cs[:0]
	for _, c := range cs {
		if !seen[c.Name] {
			seen[c.Name] = true
			out = append(out, c)
		}
	}
	return out
}

// displayName is how a skill id reads in prose.
func displayName(id string) string {
	names := map[string]string{"python": "Python", "java": "Java", "go": "Go", "node.js": "Node.js", "typescript": "TypeScript", "ruby": "Ruby",
		"php": "PHP", "c#": "C#", "kotlin": "Kotlin", "rust": "Rust", "scala": "Scala", "elixir": "Elixir", "postgresql": "PostgreSQL",
		"mysql": "MySQL", "mongodb": "MongoDB", "redis": "Redis", "kafka": "Kafka", "aws": "AWS", "gcp": "Google Cloud", "kubernetes": "Kubernetes",
		"docker": "Docker", "terraform": "Terraform", "django": "Django", "ruby-on-rails": "Ruby on Rails", "spring-boot": "Spring Boot"}
	if n, ok := names[id]; ok {
		return n
	}
	return strings.ReplaceAll(id, "-", " ")
}

// DefaultSize is how many postings and profiles a benchmark generates
// unless told otherwise.
const DefaultSize = 100_000

// Size reads a benchmark's corpus size from the value of JOBPATH_BENCH_JOBS
// (empty for DefaultSize).
func Size(v string) (int, error) {
	if v == "" {
		return DefaultSize, nil
	}
	n, err := strconv.Atoi(v)
	if err != nil || n < 1 {
		return 0, fmt.Errorf("corpus: JOBPATH_BENCH_JOBS=%q: want a positive whole number", v)
	}
	return n, nil
}
