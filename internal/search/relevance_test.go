package search_test

import (
	"cmp"
	"context"
	"maps"
	"math"
	"regexp"
	"slices"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/jobpath/jobpath/internal/jobpath"
	"github.com/jobpath/jobpath/internal/shareddata"
	"github.com/jobpath/jobpath/internal/skills"
)

// relSeed is one job of the relevance corpus. age is how long before the
// expiring job it was published (searches run four hours after that); last
// jobs are published at search time. hide says how a job leaves the board.
type relSeed struct {
	key      string
	company  string
	title    string
	desc     string
	req      []string
	pref     []string
	level    string
	degree   string
	remote   string
	loc      *jobpath.Location
	salary   *jobpath.Salary
	employ   string
	age      time.Duration
	hide     string // "", "draft", "closed" or "expired"
	expireIn time.Duration
	last     bool // posted after the expiry, at the time every search runs
}

const (
	relHour = time.Hour
	relDay  = 24 * time.Hour
)

func relPlace(city, country string) *jobpath.Location {
	return &jobpath.Location{City: city, Country: country}
}

func relPay(lo, hi int64, cur, period string) *jobpath.Salary {
	return &jobpath.Salary{Min: lo, Max: hi, Currency: cur, Period: period}
}

func relYearly(lo, hi int64, cur string) *jobpath.Salary { return relPay(lo, hi, cur, "year") }

// relCorpus is a small board of back-end jobs, written for these tests. Every
// salary maximum differs, so that a sort by salary has one right order.
var relCorpus = []relSeed{
	{key: "go-payments", company: "Ledgerline", title: "Senior Go Engineer, Payments Ledger",
		desc: "You will extend our double-entry ledger written in Golang. Money movements are published as events and stored in PostgreSQL. We value careful reviews and boring, reliable releases.",
		req:  []string{"golang", "postgres"}, pref: []string{"kafka"}, level: "senior", degree: "equivalent_experience", remote: "remote",
		loc: relPlace("Berlin", "Germany"), salary: relYearly(90_000, 120_000, "EUR"), age: 2 * relHour},
	{key: "go-platform", company: "Cirrusworks", title: "Platform Engineer (Go and Kubernetes)",
		desc: "Own the internal developer platform that runs hundreds of services on Kubernetes. You will write controllers in Go and manage clusters with Terraform. A degree is not required.",
		req:  []string{"go", "kubernetes", "terraform"}, pref: []string{"aws"}, level: "senior", degree: "not_required", remote: "remote",
		salary: relYearly(140_000, 180_000, "USD"), age: 26 * relHour},
	{key: "go-streaming", company: "Riverbed Data", title: "Backend Engineer, Event Streaming",
		desc: "Build consumers and producers that move clickstream data through Kafka. Our services are written in Golang and cache hot keys in Redis. You will pair with analysts to shape the event schemas.",
		req:  []string{"go", "kafka"}, pref: []string{"redis"}, level: "mid", degree: "unspecified", remote: "hybrid",
		loc: relPlace("Amsterdam", "Netherlands"), salary: relYearly(70_000, 95_000, "EUR"), age: 3 * relDay},
	{key: "go-junior", company: "Tallyho", title: "Junior Go Developer",
		desc: "Join a small team that keeps our inventory service healthy. You will write SQL queries, small HTTP handlers and tests. A computer science degree is preferred but we read every application.",
		req:  []string{"go", "sql"}, pref: []string{"docker"}, level: "junior", degree: "preferred", remote: "onsite",
		loc: relPlace("London", "United Kingdom"), salary: relYearly(45_000, 55_000, "GBP"), age: 10 * relDay},
	{key: "go-search", company: "Findly", title: "Search Infrastructure Lead",
		desc: "Lead the team that runs our product search on Elasticsearch. Indexing pipelines are written in Go and fed from Kafka topics. You will set the technical direction for relevance work.",
		req:  []string{"go", "elasticsearch"}, pref: []string{"kafka"}, level: "lead", degree: "required", remote: "remote",
		salary: relYearly(170_000, 210_000, "USD"), age: 20 * relDay},
	{key: "kafka-title", company: "Northwind", title: "Kafka Platform Engineer",
		desc: "Run the message backbone used by every product team. You will operate brokers, tune partitions and help teams design topics. Our tooling is written in Java.",
		req:  []string{"kafka", "java"}, pref: []string{"kubernetes"}, level: "senior", degree: "required", remote: "hybrid",
		loc: relPlace("Toronto", "Canada"), salary: relYearly(130_000, 160_000, "CAD"), age: 5 * relDay},
	{key: "kafka-desc", company: "Northwind", title: "Java Backend Developer",
		desc: "Develop order management services with Spring Boot. Some services consume events from Kafka, so experience with messaging helps. A bachelor's degree is preferred.",
		req:  []string{"java", "spring boot"}, pref: []string{"kafka"}, level: "mid", degree: "preferred", remote: "onsite",
		loc: relPlace("Toronto", "Canada"), salary: relYearly(95_000, 115_000, "CAD"), age: 6 * relDay},
	{key: "billing-title", company: "Paywise", title: "Billing Systems Engineer",
		desc: "Own invoices, subscriptions and dunning for thousands of customers. The stack is Python with a PostgreSQL database. No degree needed, just solid engineering habits.",
		req:  []string{"python", "postgresql"}, level: "mid", degree: "not_required", remote: "remote",
		salary: relYearly(100_000, 130_000, "USD"), age: 4 * relDay},
	{key: "billing-desc", company: "Sprout", title: "Backend Engineer, Growth",
		desc: "Ship experiments across signup and onboarding on a Ruby on Rails monolith. You will occasionally touch the billing code when pricing tests need it. We care about measurement and clean rollbacks.",
		req:  []string{"ruby on rails", "postgresql"}, level: "mid", degree: "unspecified", remote: "remote",
		salary: relYearly(105_000, 125_000, "USD"), age: 8 * relDay},
	{key: "py-django", company: "Mapleleaf Health", title: "Python Developer (Django)",
		desc: "Build the patient scheduling portal with Django and PostgreSQL. Background jobs run on Celery. A degree in computer science is required for this role.",
		req:  []string{"python", "django", "postgresql"}, pref: []string{"celery"}, level: "mid", degree: "required", remote: "onsite",
		loc: relPlace("Berlin", "Germany"), salary: relYearly(60_000, 80_000, "EUR"), age: 2 * relDay},
	{key: "py-fastapi", company: "Brightpath", title: "Senior Python Engineer, APIs",
		desc: "Design public APIs with FastAPI and keep them fast under load. We deploy to AWS and review each other's designs in writing. Equivalent practical experience counts as much as a degree.",
		req:  []string{"python", "fastapi"}, pref: []string{"aws"}, level: "senior", degree: "equivalent_experience", remote: "remote",
		salary: relYearly(150_000, 175_000, "USD"), age: 12 * relDay},
	{key: "py-data", company: "Quarry Analytics", title: "Data Engineer",
		desc: "Maintain batch pipelines orchestrated by Airflow and heavy jobs on Spark. You will model warehouse tables and keep data contracts honest. A degree in a quantitative field is required.",
		req:  []string{"python", "airflow", "apache spark"}, pref: []string{"aws"}, level: "mid", degree: "required", remote: "hybrid",
		loc: relPlace("New York", "United States"), salary: relYearly(120_000, 150_000, "USD"), age: 15 * relDay},
	{key: "py-ml", company: "Cirrusworks", title: "Machine Learning Platform Engineer",
		desc: "Provide training and serving infrastructure for research teams. Workloads run on Kubernetes with GPUs, and models are mostly PyTorch. A graduate degree is preferred.",
		req:  []string{"python", "k8s"}, pref: []string{"pytorch"}, level: "senior", degree: "preferred", remote: "remote",
		salary: relYearly(180_000, 230_000, "USD"), age: 25 * relDay},
	{key: "rust-storage", company: "Ironclad DB", title: "Rust Engineer, Storage Engine",
		desc: "Work on the write path of a distributed key-value store. You will reason about durability, compaction and crash recovery on Linux. We hire on ability, not diplomas.",
		req:  []string{"rust"}, pref: []string{"linux"}, level: "senior", degree: "not_required", remote: "remote",
		salary: relYearly(160_000, 200_000, "USD"), age: 30 * relHour},
	{key: "rust-edge", company: "Alpenfunk", title: "Systems Engineer (Rust)",
		desc: "Build the edge proxy that terminates traffic for our customers. Async networking uses Tokio, and the control plane runs on Kubernetes.",
		req:  []string{"rust", "tokio"}, pref: []string{"kubernetes"}, level: "mid", degree: "unspecified", remote: "hybrid",
		loc: relPlace("Zurich", "Switzerland"), salary: relYearly(120_000, 140_000, "CHF"), age: 40 * relDay},
	{key: "java-bank", company: "Harbour Bank", title: "Senior Java Engineer",
		desc: "Modernise the core banking platform with Spring Boot on Oracle. Trade events are streamed between systems. A university degree is required.",
		req:  []string{"java", "spring boot", "oracle"}, pref: []string{"kafka"}, level: "senior", degree: "required", remote: "onsite",
		loc: relPlace("London", "United Kingdom"), salary: relYearly(85_000, 105_000, "GBP"), age: 9 * relDay},
	{key: "java-lead", company: "Trailhead", title: "Lead Backend Engineer (JVM)",
		desc: "Guide six engineers building our logistics platform in Java and Kotlin. You will balance delivery with mentoring. Equivalent experience is as good as a degree.",
		req:  []string{"java", "kotlin"}, pref: []string{"kubernetes"}, level: "lead", degree: "equivalent_experience", remote: "hybrid",
		loc: relPlace("Berlin", "Germany"), salary: relYearly(110_000, 135_000, "EUR"), age: 18 * relDay},
	{key: "kotlin-api", company: "Trailhead", title: "Kotlin API Developer",
		desc: "Write the partner API in Kotlin on top of PostgreSQL. Builds run with Gradle and ship several times a day.",
		req:  []string{"kotlin", "postgresql"}, pref: []string{"gradle"}, level: "mid", degree: "not_required", remote: "remote",
		salary: relYearly(90_000, 110_000, "EUR"), age: 6*relDay + 19*relHour + 30*time.Minute}, // searched half an hour inside 7d
	{key: "node-api", company: "Lumen Apps", title: "Node.js Backend Developer",
		desc: "Build REST endpoints for our mobile apps in TypeScript on Node. Documents live in MongoDB. Self-taught engineers are welcome.",
		req:  []string{"node.js", "typescript", "mongodb"}, level: "mid", degree: "not_required", remote: "remote",
		salary: relYearly(80_000, 100_000, "USD"), age: 3*relDay + 6*relHour},
	{key: "node-junior", company: "Lumen Apps", title: "Junior Backend Developer (TypeScript)",
		desc: "Learn the ropes on a friendly team that builds APIs in TypeScript. You will write tests, fix bugs and grow into owning features.",
		req:  []string{"typescript", "node.js"}, pref: []string{"postgresql"}, level: "junior", degree: "not_required", remote: "hybrid",
		loc: relPlace("Lisbon", "Portugal"), salary: relYearly(30_000, 40_000, "EUR"), age: 18 * relHour},
	{key: "ruby-rails", company: "Sprout", title: "Ruby on Rails Engineer",
		desc: "Keep our marketplace fast and friendly. You will profile slow pages, tune PostgreSQL queries and move work into background jobs backed by Redis.",
		req:  []string{"ruby on rails", "postgresql"}, pref: []string{"redis"}, level: "senior", degree: "unspecified", remote: "remote",
		salary: relYearly(130_000, 145_000, "USD"), age: 11 * relDay},
	{key: "php-laravel", company: "Vistula Soft", title: "PHP Developer (Laravel)",
		desc: "Maintain e-commerce shops built with Laravel and MySQL. You will talk to clients directly and estimate your own tasks. A degree is preferred.",
		req:  []string{"php", "laravel", "mysql"}, level: "mid", degree: "preferred", remote: "onsite",
		loc: relPlace("Warsaw", "Poland"), salary: relYearly(25_000, 35_000, "EUR"), age: 14 * relDay},
	{key: "dotnet", company: "Emerald Insurance", title: ".NET Backend Engineer",
		desc: "Build claims processing services in C# on SQL Server. We are moving workloads to Azure step by step. A degree in computing is required.",
		req:  []string{"c#", ".net", "sql server"}, pref: []string{"azure"}, level: "senior", degree: "required", remote: "hybrid",
		loc: relPlace("Dublin", "Ireland"), salary: relYearly(75_000, 92_000, "EUR"), age: 16 * relDay},
	{key: "elixir", company: "Chorus", title: "Elixir Engineer",
		desc: "Scale real-time chat for millions of users with Phoenix. Presence and history are stored in PostgreSQL. We do not ask for a degree.",
		req:  []string{"elixir", "phoenix", "postgresql"}, level: "senior", degree: "not_required", remote: "remote",
		salary: relYearly(120_000, 155_000, "USD"), age: 22 * relDay},
	{key: "sre-k8s", company: "Findly", title: "Site Reliability Engineer",
		desc: "Keep our k8s clusters boring. You will improve alerting with Prometheus, codify infrastructure with Terraform and write small tools in Go. Equivalent experience is accepted instead of a degree.",
		req:  []string{"kubernetes", "terraform", "prometheus"}, pref: []string{"go"}, level: "senior", degree: "equivalent_experience", remote: "remote",
		salary: relYearly(150_000, 170_000, "USD"), age: 13 * relDay},
	{key: "devops-k8s", company: "Stahlwerk Digital", title: "DevOps Engineer (k8s)",
		desc: "Automate deployments for a manufacturing software suite. Containers are built with Docker and deployed to clusters in AWS. A relevant degree is preferred.",
		req:  []string{"kubernetes", "docker", "aws"}, pref: []string{"ansible"}, level: "mid", degree: "preferred", remote: "onsite",
		loc: relPlace("Berlin", "Germany"), salary: relYearly(65_000, 82_000, "EUR"), age: 19 * relDay},
	{key: "dba-pg", company: "Harbour Bank", title: "Database Reliability Engineer",
		desc: "Run dozens of Postgres clusters with strict uptime targets. You will plan upgrades, tune vacuum and automate failover with Ansible. A degree is required.",
		req:  []string{"postgresql", "linux"}, pref: []string{"ansible"}, level: "senior", degree: "required", remote: "hybrid",
		loc: relPlace("Austin", "United States"), salary: relYearly(140_000, 165_000, "USD"), age: 21 * relDay},
	{key: "mysql-dba", company: "Quarry Analytics", title: "MySQL Database Administrator",
		desc: "Look after replicated MySQL servers for our reporting product. You will handle backups, schema changes and capacity planning on Linux.",
		req:  []string{"mysql"}, pref: []string{"linux"}, level: "mid", degree: "preferred", remote: "onsite",
		loc: relPlace("Austin", "United States"), salary: relYearly(90_000, 104_000, "USD"), age: 29 * relDay},
	{key: "scala-spark", company: "Quarry Analytics", title: "Scala Data Engineer",
		desc: "Write streaming jobs in Scala on Spark that read from Kafka. You will own data quality checks end to end. A degree in a technical field is required.",
		req:  []string{"scala", "apache spark", "kafka"}, level: "senior", degree: "required", remote: "remote",
		salary: relYearly(160_000, 190_000, "USD"), age: 35 * relDay},
	{key: "grpc-go", company: "Riverbed Data", title: "Go Microservices Developer",
		desc: "Split a monolith into services that talk over gRPC. Everything runs on Kubernetes and is written in Golang. Degrees are not required.",
		req:  []string{"go", "grpc", "kubernetes"}, level: "mid", degree: "not_required", remote: "hybrid",
		loc: relPlace("Amsterdam", "Netherlands"), salary: relYearly(75_000, 90_000, "EUR"), age: 4*relDay + 3*relHour},
	{key: "intern", company: "Mapleleaf Health", title: "Backend Engineering Intern",
		desc: "Spend six months building internal tools in Python with a mentor at your side. You must be enrolled in a degree programme.",
		req:  []string{"python"}, pref: []string{"git"}, level: "junior", degree: "required", remote: "onsite",
		loc: relPlace("Berlin", "Germany"), salary: relPay(2_000, 2_500, "EUR", "month"), employ: "internship", age: 6*relDay + 2*relHour},
	{key: "contract", company: "Ledgerline", title: "Freelance Go Contractor",
		desc: "Help us migrate reporting jobs to Go services on AWS over three months. Day rate negotiable for the right person.",
		req:  []string{"go", "aws"}, level: "senior", degree: "not_required", remote: "remote",
		salary: relPay(600, 800, "EUR", "day"), employ: "contract", age: 2*relDay + 4*relHour},
	{key: "haskell", company: "Lambda Freight", title: "Haskell Engineer",
		desc: "Write the pricing engine for a freight exchange in Haskell. Strong typing catches most of our mistakes before review does.",
		req:  []string{"haskell"}, level: "senior", degree: "equivalent_experience", remote: "remote",
		salary: relYearly(140_000, 162_000, "USD"), age: 45 * relDay},
	{key: "no-salary", company: "Tallyho", title: "Backend Developer, Logistics",
		desc: "Write services that route parcels across warehouses, in Go on PostgreSQL with RabbitMQ between them.",
		req:  []string{"go", "postgresql"}, pref: []string{"rabbitmq"}, level: "mid", degree: "unspecified", remote: "remote",
		age: 17 * relDay},
	{key: "no-level", company: "Brightpath", title: "Software Engineer, Backend",
		desc: "Work across our Java services and the PostgreSQL database behind them. We ship small changes often.",
		req:  []string{"java", "postgresql"}, remote: "remote", age: 23 * relDay},
	{key: "long-expiry", company: "Northwind", title: "Go Backend Engineer, Maps",
		desc: "Serve routing and geocoding from Go services backed by PostgreSQL. This posting stays open for two months.",
		req:  []string{"go", "postgresql"}, level: "mid", degree: "not_required", remote: "remote",
		salary: relYearly(100_000, 128_000, "USD"), age: 9 * relHour, expireIn: 60 * relDay},
	{key: "fresh", company: "Tallyho", title: "Go Backend Engineer, Notifications",
		desc: "Send e-mail and push notifications at scale from Go services, with Redis for rate limits.",
		req:  []string{"go", "redis"}, level: "mid", degree: "not_required", remote: "remote",
		salary: relYearly(70_000, 87_000, "EUR"), last: true},

	// Never public: each names a word no public job uses, so that a search
	// for it can only find the job it must not show.
	{key: "draft-go", company: "Ledgerline", title: "Staff Go Engineer, Telemetry",
		desc: "Design the telemetry pipeline in Golang with Kafka, Kubernetes and PostgreSQL.",
		req:  []string{"go", "kafka", "kubernetes", "postgresql"}, level: "lead", degree: "not_required", remote: "remote",
		salary: relYearly(200_000, 260_000, "USD"), age: 1 * relDay, hide: "draft"},
	{key: "draft-rust", company: "Ironclad DB", title: "Rust Compiler Engineer",
		desc: "Work on our query compiler in Rust.", req: []string{"rust"}, level: "senior", degree: "not_required", remote: "remote",
		age: 3 * relDay, hide: "draft"},
	{key: "closed-k8s", company: "Cirrusworks", title: "Kubernetes Autoscaling Engineer",
		desc: "Write the autoscaling controller in Go that sizes PostgreSQL replicas.",
		req:  []string{"kubernetes", "go", "postgresql"}, level: "senior", degree: "not_required", remote: "remote",
		salary: relYearly(150_000, 195_000, "USD"), age: 8 * relDay, hide: "closed"},
	{key: "expired-kafka", company: "Riverbed Data", title: "Kafka Connectors Engineer",
		desc: "Build Kafka connectors in Golang that land data in PostgreSQL.",
		req:  []string{"kafka", "go", "postgresql"}, level: "senior", degree: "not_required", remote: "remote",
		salary: relYearly(150_000, 185_000, "USD"), hide: "expired", expireIn: 3 * relHour},
}

// relBoard is the corpus as posted: jobs by key, and the way back from ids.
type relBoard struct {
	fx    *fixture
	jobs  map[string]*jobpath.Job
	keyOf map[string]string // job id -> key
	seeds map[string]relSeed
}

// postRelCorpus posts the corpus oldest first, advancing the clock between
// posts, then closes one job and lets another expire, and syncs the index.
func postRelCorpus(t *testing.T) *relBoard {
	t.Helper()
	fx := newFixture(t)
	b := &relBoard{fx: fx, jobs: map[string]*jobpath.Job{}, keyOf: map[string]string{}, seeds: map[string]relSeed{}}
	post := func(s relSeed) {
		t.Helper()
		if _, dup := b.seeds[s.key]; dup {
			t.Fatalf("fixture key %q twice", s.key)
		}
		in := jobpath.JobInput{Title: s.title, Description: s.desc, Skills: &jobpath.Skills{Required: s.req, Preferred: s.pref},
			Level: jobpath.Level(s.level), Degree: jobpath.Degree(s.degree), Remote: jobpath.RemoteMode(s.remote), Location: s.loc, Salary: s.salary, EmploymentType: s.employ}
		if s.hide == "draft" {
			in.Status = jobpath.StatusDraft
		}
		// The corpus spans more than a role's default validity: every job
		// stays open for the test unless it is the one that expires.
		at := fx.clock.Now().Add(365 * relDay)
		if s.expireIn > 0 {
			at = fx.clock.Now().Add(s.expireIn)
		}
		in.ExpiresAt = &at
		j := fx.post(in, s.company)
		b.jobs[s.key], b.keyOf[j.ID], b.seeds[s.key] = j, s.key, s
	}
	var order, last []relSeed
	for _, s := range relCorpus {
		if s.last {
			last = append(last, s)
		} else {
			order = append(order, s)
		}
	}
	sort.SliceStable(order, func(i, j int) bool { return order[i].age > order[j].age })
	prev := order[0].age
	for _, s := range order {
		fx.clock.Advance(prev - s.age)
		prev = s.age
		post(s)
	}
	fx.sync()

	// The jobs about to close and expire are found while they are open, so
	// that not finding them later means something.
	for _, key := range []string{"closed-k8s", "expired-kafka"} {
		if !slices.Contains(b.keys(b.search(jobpath.JobQuery{Text: b.jobs[key].Title})), key) {
			t.Fatalf("%s is not found while it is open", key)
		}
	}
	closed := b.jobs["closed-k8s"]
	if !closed.Close(fx.clock.Now()) {
		t.Fatal("closing an open job changed nothing")
	}
	if err := fx.st.UpdateJob(context.Background(), closed); err != nil {
		t.Fatal(err)
	}
	fx.sync()
	fx.clock.Advance(4 * relHour) // past the expiry of expired-kafka
	if got := b.jobs["expired-kafka"].EffectiveStatus(fx.clock.Now()); got != jobpath.StatusExpired {
		t.Fatalf("expired-kafka is %s, want expired", got)
	}
	for _, s := range last {
		post(s)
	}
	fx.sync()
	return b
}

// in returns the board with its fixture reporting to t, for use in subtests.
func (b *relBoard) in(t *testing.T) *relBoard {
	fx := *b.fx
	fx.t = t
	c := *b
	c.fx = &fx
	return &c
}

// noHidden fails t if any of keys names a job that is not public, or a job
// the corpus does not know.
func (b *relBoard) noHidden(t *testing.T, keys []string) {
	t.Helper()
	for _, k := range keys {
		if s, ok := b.seeds[k]; !ok || s.hide != "" {
			t.Fatalf("hit %s must never be found; hits %v", k, keys)
		}
	}
}

// search runs q with room for every job on one page unless q says otherwise.
func (b *relBoard) search(q jobpath.JobQuery) *jobpath.JobResults {
	b.fx.t.Helper()
	if q.PerPage == 0 {
		q.PerPage = jobpath.MaxPerPage
	}
	return b.fx.search(q)
}

// keys names the hits of res by fixture key; an id the corpus does not know
// shows as "?id".
func (b *relBoard) keys(res *jobpath.JobResults) []string {
	out := make([]string, 0, len(res.Hits))
	for _, h := range res.Hits {
		k, ok := b.keyOf[h.ID]
		if !ok {
			k = "?" + h.ID
		}
		out = append(out, k)
	}
	return out
}

// public lists the keys of the jobs anyone may see now, in corpus order.
func (b *relBoard) public() []string {
	var out []string
	for _, s := range relCorpus {
		if b.jobs[s.key].EffectiveStatus(b.fx.clock.Now()) == jobpath.StatusPublished {
			out = append(out, s.key)
		}
	}
	return out
}

// relPred says whether a posted job belongs in a result.
type relPred func(b *relBoard, j *jobpath.Job) bool

func relHasSkill(id string) relPred {
	return func(_ *relBoard, j *jobpath.Job) bool {
		return slices.Contains(j.Skills.Required, id) || slices.Contains(j.Skills.Preferred, id)
	}
}

// relSays matches a job whose title or description has a word matching the
// regular expression re, case aside.
func relSays(re string) relPred {
	rx := regexp.MustCompile(`(?i)\b(` + re + `)\b`)
	return func(_ *relBoard, j *jobpath.Job) bool { return rx.MatchString(j.Title + "\n" + j.Description) }
}

func relKeys(keys ...string) relPred {
	return func(b *relBoard, j *jobpath.Job) bool { return slices.Contains(keys, b.keyOf[j.ID]) }
}

func relAll(ps ...relPred) relPred {
	return func(b *relBoard, j *jobpath.Job) bool {
		for _, p := range ps {
			if !p(b, j) {
				return false
			}
		}
		return true
	}
}

func relAny(ps ...relPred) relPred {
	return func(b *relBoard, j *jobpath.Job) bool {
		for _, p := range ps {
			if p(b, j) {
				return true
			}
		}
		return false
	}
}

func relField(get func(j *jobpath.Job) string, vals ...string) relPred {
	return func(_ *relBoard, j *jobpath.Job) bool { return slices.Contains(vals, get(j)) }
}

func relLevel(l ...string) relPred {
	return relField(func(j *jobpath.Job) string { return string(cmp.Or(j.Level, jobpath.LevelUnspecified)) }, l...)
}
func relRemote(r string) relPred {
	return relField(func(j *jobpath.Job) string { return string(j.Remote) }, r)
}
func relDegree(d ...string) relPred {
	return relField(func(j *jobpath.Job) string { return string(j.Degree) }, d...)
}
func relCompany(c string) relPred {
	return relField(func(j *jobpath.Job) string { return j.Company }, c)
}
func relCity(c ...string) relPred {
	return relField(func(j *jobpath.Job) string {
		if j.Location == nil {
			return ""
		}
		return j.Location.City
	}, c...)
}

func relSalaryAtLeast(n int64) relPred {
	return func(_ *relBoard, j *jobpath.Job) bool { return j.SalaryYear != nil && j.SalaryYear.Max >= n }
}

func relPostedWithin(d time.Duration) relPred {
	return func(b *relBoard, j *jobpath.Job) bool { return !relPostedAt(j).Before(relSince(b.fx.clock.Now(), d)) }
}

// relSince is where "posted within d" starts: the start of the hour d ago,
// the granularity the API documents.
func relSince(now time.Time, d time.Duration) time.Time { return now.Add(-d).Truncate(time.Hour) }

func relPostedAt(j *jobpath.Job) time.Time {
	if j.PostedAt != nil {
		return *j.PostedAt
	}
	return j.CreatedAt
}

// matching lists the public jobs p accepts.
func (b *relBoard) matching(p relPred) []string {
	var out []string
	for _, k := range b.public() {
		if p(b, b.jobs[k]) {
			out = append(out, k)
		}
	}
	return out
}

type relCase struct {
	name string
	q    jobpath.JobQuery
	// want is the exact result: every public job it accepts, no other.
	want relPred
	// same is a query that must find exactly what q finds.
	same *jobpath.JobQuery
	// top are the first hits, in any order among themselves.
	top []string
	// sorted checks the order of the hits: "newest" or "salary".
	sorted string
	fuzzy  bool
	// dym is the suggestion expected with a fuzzy result; "*" is any.
	dym string
	// marks maps a hit to a word its highlights must mark.
	marks map[string]string
}

func relCases() []relCase {
	goJobs := relAny(relHasSkill("go"), relSays("golang|go-lang"))
	k8sJobs := relAny(relHasSkill("kubernetes"), relSays("kubernetes|k8s|kube"))
	pgJobs := relAny(relHasSkill("postgresql"), relSays("postgres|postgresql|psql"))
	q := func(q jobpath.JobQuery) *jobpath.JobQuery { return &q }
	return []relCase{
		// Synonyms: an alias finds exactly what the canonical name finds.
		{name: "golang", q: jobpath.JobQuery{Text: "golang"}, want: goJobs, same: q(jobpath.JobQuery{Text: "go"})},
		{name: "go", q: jobpath.JobQuery{Text: "Go"}, want: goJobs, same: q(jobpath.JobQuery{Text: "GoLang"})},
		{name: "k8s", q: jobpath.JobQuery{Text: "k8s"}, want: k8sJobs, same: q(jobpath.JobQuery{Text: "kubernetes"}),
			marks: map[string]string{"go-platform": "Kubernetes"}},
		{name: "kubernetes", q: jobpath.JobQuery{Text: "kubernetes"}, want: k8sJobs, same: q(jobpath.JobQuery{Text: "kube"})},
		{name: "postgres", q: jobpath.JobQuery{Text: "postgres"}, want: pgJobs, same: q(jobpath.JobQuery{Text: "postgresql"}),
			marks: map[string]string{"dba-pg": "Postgres", "kotlin-api": "PostgreSQL"}},
		{name: "postgresql", q: jobpath.JobQuery{Text: "PostgreSQL"}, want: pgJobs, same: q(jobpath.JobQuery{Text: "pgsql"})},
		{name: "kafka", q: jobpath.JobQuery{Text: "kafka"}, want: relHasSkill("kafka")},
		{name: "node.js", q: jobpath.JobQuery{Text: "node.js"}, want: relHasSkill("node.js"), same: q(jobpath.JobQuery{Text: "nodejs"})},
		{name: "c#", q: jobpath.JobQuery{Text: "c#"}, want: relHasSkill("c#")},

		// Title above description.
		{name: "platform", q: jobpath.JobQuery{Text: "platform"}, want: relSays("platform"), top: []string{"go-platform", "kafka-title", "py-ml"},
			marks: map[string]string{"go-platform": "Platform", "java-bank": "platform", "java-lead": "platform"}},
		{name: "java", q: jobpath.JobQuery{Text: "java"}, want: relAny(relHasSkill("java"), relSays("java")), top: []string{"kafka-desc", "java-bank"},
			marks: map[string]string{"kafka-desc": "Java"}},
		{name: "ledger", q: jobpath.JobQuery{Text: "payments ledger"}, want: relKeys("go-payments"),
			marks: map[string]string{"go-payments": "Ledger"}},
		{name: "data engineer", q: jobpath.JobQuery{Text: "data engineer"}, want: relAll(relSays("data"), relSays("engineers?|engineering|engine")),
			top: []string{"py-data", "scala-spark"}},

		// Several words: every one must match.
		{name: "python django", q: jobpath.JobQuery{Text: "python django"}, want: relAll(relHasSkill("python"), relHasSkill("django")), top: []string{"py-django"}},
		{name: "remote golang", q: jobpath.JobQuery{Text: "remote golang"}, want: relAll(goJobs, relRemote("remote"))},
		{name: "company name", q: jobpath.JobQuery{Text: "Northwind"}, want: relCompany("northwind")},

		// Skills filter: every listed skill, aliases welcome.
		{name: "skills go kafka", q: jobpath.JobQuery{Skills: []string{"go", "kafka"}}, want: relAll(relHasSkill("go"), relHasSkill("kafka"))},
		{name: "skills golang", q: jobpath.JobQuery{Skills: []string{"golang"}}, want: relHasSkill("go"), same: q(jobpath.JobQuery{Skills: []string{"Go"}})},
		{name: "skills k8s postgres", q: jobpath.JobQuery{Skills: []string{"k8s", "postgres"}}, want: relAll(relHasSkill("kubernetes"), relHasSkill("postgresql"))},
		{name: "skills python text api", q: jobpath.JobQuery{Text: "apis", Skills: []string{"python3"}}, want: relKeys("py-fastapi")},

		// Structured filters.
		{name: "level senior", q: jobpath.JobQuery{Level: "senior"}, want: relLevel("senior")},
		{name: "level lead go", q: jobpath.JobQuery{Text: "go", Level: "lead"}, want: relAll(goJobs, relLevel("lead"))},
		{name: "level unspecified", q: jobpath.JobQuery{Level: "unspecified"}, want: relLevel("unspecified")},
		{name: "remote hybrid", q: jobpath.JobQuery{Remote: "hybrid"}, want: relRemote("hybrid")},
		{name: "onsite python", q: jobpath.JobQuery{Remote: "onsite", Skills: []string{"python"}}, want: relAll(relRemote("onsite"), relHasSkill("python"))},
		{name: "degree required", q: jobpath.JobQuery{Degree: "required"}, want: relDegree("required")},
		{name: "degree equivalent", q: jobpath.JobQuery{Degree: "equivalent_experience"}, want: relDegree("equivalent_experience")},
		{name: "no degree", q: jobpath.JobQuery{NoDegree: true}, want: relDegree("not_required", "equivalent_experience")},
		{name: "no degree python", q: jobpath.JobQuery{Text: "python", NoDegree: true}, want: relAll(relHasSkill("python"), relDegree("not_required", "equivalent_experience"))},
		{name: "location berlin", q: jobpath.JobQuery{Location: "berlin"}, want: relCity("Berlin")},
		{name: "location two words", q: jobpath.JobQuery{Location: "United States"}, want: relCity("Austin", "New York")},
		{name: "location and skill", q: jobpath.JobQuery{Location: "Toronto", Skills: []string{"kafka"}}, want: relAll(relCity("Toronto"), relHasSkill("kafka"))},
		{name: "salary 150k", q: jobpath.JobQuery{SalaryMin: 150_000}, want: relSalaryAtLeast(150_000)},
		{name: "salary 100k remote", q: jobpath.JobQuery{SalaryMin: 100_000, Remote: "remote"}, want: relAll(relSalaryAtLeast(100_000), relRemote("remote"))},
		{name: "posted 24h", q: jobpath.JobQuery{PostedWithin: 24 * relHour}, want: relPostedWithin(24 * relHour)},
		{name: "posted 7d postgres", q: jobpath.JobQuery{Text: "postgres", PostedWithin: 7 * relDay}, want: relAll(pgJobs, relPostedWithin(7*relDay))},
		{name: "everything", q: jobpath.JobQuery{}, want: func(*relBoard, *jobpath.Job) bool { return true }},

		// Sorts.
		{name: "newest go", q: jobpath.JobQuery{Skills: []string{"go"}, Sort: "newest"}, want: relHasSkill("go"), sorted: "newest"},
		{name: "newest all", q: jobpath.JobQuery{Sort: "newest"}, want: func(*relBoard, *jobpath.Job) bool { return true }, sorted: "newest"},
		{name: "salary remote", q: jobpath.JobQuery{Remote: "remote", Sort: "salary"}, want: relRemote("remote"), sorted: "salary"},
		{name: "salary python", q: jobpath.JobQuery{Text: "python", Sort: "salary"}, want: relHasSkill("python"), sorted: "salary"},

		// Typos: a retry that says so, reading a misspelt skill as the skill
		// (so jobs listing it under any alias are found).
		{name: "kuberntes", q: jobpath.JobQuery{Text: "kuberntes"}, want: relAny(relHasSkill("kubernetes"), relSays("kubernetes|k8s")), fuzzy: true, dym: "kubernetes",
			marks: map[string]string{"go-platform": "Kubernetes"}},
		{name: "terrafrom", q: jobpath.JobQuery{Text: "terrafrom"}, want: relAny(relHasSkill("terraform"), relSays("terraform")), fuzzy: true, dym: "terraform"},
		{name: "postgrsql", q: jobpath.JobQuery{Text: "postgrsql"}, want: pgJobs, fuzzy: true, dym: "postgresql"},
		{name: "postgress", q: jobpath.JobQuery{Text: "postgress"}, want: pgJobs, fuzzy: true, dym: "postgres"},
		// A skill written as its id, not its display name ("Apache Kafka").
		{name: "kafka by id", q: jobpath.JobQuery{Text: "kafka"}, want: relAny(relHasSkill("kafka"), relSays("kafka"))},
		// A rare but correctly spelt word stays exact.
		{name: "billing stays exact", q: jobpath.JobQuery{Text: "billing"}, want: relSays("billing")},
		// Stop words do not empty the results; free text also reads places.
		{name: "stop words", q: jobpath.JobQuery{Text: "engineer for payments"}, want: relAll(relSays("engineers?"), relSays("payments?"))},
		{name: "place in free text", q: jobpath.JobQuery{Text: "Berlin"}, want: relAny(relCity("Berlin"), relSays("berlin"))},

		// Words only jobs that are not public use.
		{name: "draft word", q: jobpath.JobQuery{Text: "telemetry"}, want: relKeys()},
		{name: "draft title", q: jobpath.JobQuery{Text: "rust compiler"}, want: relKeys()},
		{name: "closed word", q: jobpath.JobQuery{Text: "autoscaling"}, want: relKeys()},
		{name: "expired word", q: jobpath.JobQuery{Text: "connectors"}, want: relKeys()},
		{name: "rust", q: jobpath.JobQuery{Text: "rust"}, want: relHasSkill("rust")},
	}
}

func TestRelevance(t *testing.T) {
	board := postRelCorpus(t)
	cases := relCases()
	if len(cases) < 30 {
		t.Fatalf("only %d queries", len(cases))
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			b := board.in(t)
			res := b.search(c.q)
			got := b.keys(res)
			b.noHidden(t, got)
			if res.Total != uint64(len(res.Hits)) {
				t.Fatalf("total %d but %d hits on a page of %d", res.Total, len(res.Hits), jobpath.MaxPerPage)
			}
			want := b.matching(c.want)
			if !relSameSet(got, want) {
				t.Fatalf("hits %v\nwant %v", got, want)
			}
			if c.same != nil {
				if other := b.keys(b.search(*c.same)); !relSameSet(got, other) {
					t.Errorf("%+v finds %v\nbut %+v finds %v", c.q, got, *c.same, other)
				}
			}
			if len(c.top) > 0 {
				if len(got) < len(c.top) || !relSameSet(got[:len(c.top)], c.top) {
					t.Errorf("hits %v, want %v first", got, c.top)
				}
			}
			relCheckSorted(t, b, c.sorted, got)
			if res.Fuzzy != c.fuzzy {
				t.Errorf("fuzzy %v, want %v", res.Fuzzy, c.fuzzy)
			}
			switch {
			case c.dym == "*" && res.DidYouMean == "":
				t.Error("no suggestion with a fuzzy result")
			case c.dym != "*" && res.DidYouMean != c.dym:
				t.Errorf("did you mean %q, want %q", res.DidYouMean, c.dym)
			}
			for key, word := range c.marks {
				relCheckMarked(t, b, res, key, word)
			}
			relCheckFacets(t, res, b.jobsOf(want), b.fx.clock.Now())
		})
	}

	t.Run("pagination", func(t *testing.T) {
		b := board.in(t)
		for _, q := range []jobpath.JobQuery{{Text: "engineer"}, {Sort: "newest"}, {Sort: "salary", Remote: "remote"}} {
			all := b.search(q)
			b.noHidden(t, b.keys(all))
			if all.Total < 12 {
				t.Fatalf("%+v: only %d hits; the test needs a few pages", q, all.Total)
			}
			var pages []string
			seen := map[string]bool{}
			for page := 1; ; page++ {
				if page > 20 {
					t.Fatalf("%+v: pages of 5 never end", q)
				}
				p := q
				p.Page, p.PerPage = page, 5
				res := b.search(p)
				if res.Total != all.Total || res.Page != page || res.PerPage != 5 {
					t.Fatalf("%+v page %d: total %d page %d per page %d, want total %d", q, page, res.Total, res.Page, res.PerPage, all.Total)
				}
				if len(res.Hits) == 0 {
					break
				}
				for _, k := range b.keys(res) {
					if seen[k] {
						t.Fatalf("%+v: %s on two pages", q, k)
					}
					seen[k] = true
					pages = append(pages, k)
				}
				if want := min(5, int(all.Total)-(page-1)*5); len(res.Hits) != want {
					t.Fatalf("%+v page %d: %d hits, want %d", q, page, len(res.Hits), want)
				}
				relCheckFacets(t, res, b.jobsOf(b.keys(all)), b.fx.clock.Now())
			}
			if !slices.Equal(pages, b.keys(all)) {
				t.Errorf("%+v: pages of 5 give %v\none page gives %v", q, pages, b.keys(all))
			}
		}
	})
}

// relSameSet reports whether a and b hold the same keys, order aside.
func relSameSet(a, b []string) bool {
	x, y := slices.Clone(a), slices.Clone(b)
	slices.Sort(x)
	slices.Sort(y)
	return slices.Equal(x, y)
}

func (b *relBoard) jobsOf(keys []string) []*jobpath.Job {
	out := make([]*jobpath.Job, 0, len(keys))
	for _, k := range keys {
		out = append(out, b.jobs[k])
	}
	return out
}

// relCheckSorted checks the order of hits: newest first, ties by id; or the
// highest salary maximum first, jobs without a salary last.
func relCheckSorted(t *testing.T, b *relBoard, by string, got []string) {
	t.Helper()
	switch by {
	case "":
		return
	case "newest":
		want := slices.Clone(got)
		slices.SortStableFunc(want, func(x, y string) int {
			jx, jy := b.jobs[x], b.jobs[y]
			return cmp.Or(relPostedAt(jy).Compare(relPostedAt(jx)), cmp.Compare(jx.ID, jy.ID))
		})
		if !slices.Equal(got, want) {
			t.Errorf("newest first: got %v\nwant %v", got, want)
		}
	case "salary":
		var paid, unpaid []string
		for _, k := range got {
			if b.jobs[k].SalaryYear != nil {
				paid = append(paid, k)
			} else {
				unpaid = append(unpaid, k)
			}
		}
		want := slices.Clone(paid)
		slices.SortStableFunc(want, func(x, y string) int { return cmp.Compare(b.jobs[y].SalaryYear.Max, b.jobs[x].SalaryYear.Max) })
		if !slices.Equal(got[:len(paid)], want) || !relSameSet(got[len(paid):], unpaid) {
			t.Errorf("highest salary first, then jobs without one: got %v\nwant %v then %v", got, want, unpaid)
		}
	default:
		t.Fatalf("unknown order %q", by)
	}
}

// relCheckMarked checks that the hit of key marks word in its title or description.
func relCheckMarked(t *testing.T, b *relBoard, res *jobpath.JobResults, key, word string) {
	t.Helper()
	for _, h := range res.Hits {
		if b.keyOf[h.ID] != key {
			continue
		}
		for _, frags := range h.Highlights {
			for _, f := range frags {
				if strings.Contains(f, "<mark>"+word+"</mark>") {
					return
				}
			}
		}
		t.Errorf("%s: highlights %q do not mark %q", key, h.Highlights, word)
		return
	}
	t.Errorf("%s is not among the hits to check its highlights", key)
}

// Term facet sizes, as the search asks for them, and range facet bands.
var (
	relFacetSizes = map[string]int{"skills": 20, "level": 10, "degree": 10, "remote": 5, "employment_type": 10}
	relBands      = map[string][]string{"salary": {"<50k", "50k-100k", "100k-150k", "150k-200k", "200k+"}, "posted": {"24h", "7d", "30d"}}
)

// relFacetsOf counts jobs the way the search's facets do.
func relFacetsOf(jobs []*jobpath.Job, now time.Time) map[string]map[string]int {
	out := map[string]map[string]int{"salary": {}, "posted": {}}
	for f := range relFacetSizes {
		out[f] = map[string]int{}
	}
	bands := []struct {
		name   string
		lo, hi int64
	}{{"<50k", 0, 50_000}, {"50k-100k", 50_000, 100_000}, {"100k-150k", 100_000, 150_000}, {"150k-200k", 150_000, 200_000}, {"200k+", 200_000, math.MaxInt64}}
	ages := []struct {
		name string
		age  time.Duration
	}{{"24h", 24 * relHour}, {"7d", 7 * relDay}, {"30d", 30 * relDay}}
	for _, j := range jobs {
		out["level"][string(cmp.Or(j.Level, jobpath.LevelUnspecified))]++
		out["degree"][string(j.Degree)]++
		out["remote"][string(j.Remote)]++
		out["employment_type"][j.EmploymentType]++
		for _, s := range slices.Concat(j.Skills.Required, j.Skills.Preferred) {
			out["skills"][s]++
		}
		for _, b := range bands {
			if j.SalaryYear != nil && j.SalaryYear.Max >= b.lo && j.SalaryYear.Max < b.hi {
				out["salary"][b.name]++
			}
		}
		for _, a := range ages {
			if p := relPostedAt(j); !p.Before(relSince(now, a.age)) && p.Before(now.Add(time.Minute)) {
				out["posted"][a.name]++
			}
		}
	}
	return out
}

// relCheckFacets compares every facet of res with counts over jobs, the jobs
// the query matches.
func relCheckFacets(t *testing.T, res *jobpath.JobResults, jobs []*jobpath.Job, now time.Time) {
	t.Helper()
	want := relFacetsOf(jobs, now)
	for name, counts := range want {
		vals, ok := res.Facets[name]
		if !ok {
			t.Errorf("no facet %s", name)
			continue
		}
		got := map[string]int{}
		for _, v := range vals {
			if _, dup := got[v.Value]; dup {
				t.Errorf("facet %s: %q twice", name, v.Value)
			}
			got[v.Value] = v.Count
		}
		size, terms := relFacetSizes[name]
		if !terms {
			// Range facets list every band in order, empty ones too.
			var names []string
			for _, v := range vals {
				names = append(names, v.Value)
			}
			if !slices.Equal(names, relBands[name]) {
				t.Errorf("facet %s lists %v, want %v", name, names, relBands[name])
			}
			for _, band := range relBands[name] {
				if got[band] != counts[band] {
					t.Errorf("facet %s[%s] = %d, want %d", name, band, got[band], counts[band])
				}
			}
			continue
		}
		if len(counts) <= size {
			if !maps.Equal(got, counts) {
				t.Errorf("facet %s = %v, want %v", name, got, counts)
			}
			continue
		}
		// Too many values to list: the most frequent ones, counted right.
		if len(got) != size {
			t.Errorf("facet %s has %d values, want the top %d of %d", name, len(got), size, len(counts))
		}
		least := math.MaxInt
		for v, n := range got {
			if counts[v] != n {
				t.Errorf("facet %s[%s] = %d, want %d", name, v, n, counts[v])
			}
			least = min(least, n)
		}
		for v, n := range counts {
			if _, listed := got[v]; !listed && n > least {
				t.Errorf("facet %s leaves out %s (%d) but lists one of %d", name, v, n, least)
			}
		}
	}
}

// TestFacetCountsMatchStore checks facets against the store itself: every
// job read back, the query's filters applied here, the jobs counted.
func TestFacetCountsMatchStore(t *testing.T) {
	b := postRelCorpus(t)
	fx := b.fx
	for _, q := range []jobpath.JobQuery{
		{},
		{Remote: "remote"},
		{Skills: []string{"postgres"}},
		{NoDegree: true, SalaryMin: 100_000},
		{Level: "senior", PostedWithin: 14 * relDay},
		{Location: "berlin"},
		{Text: "k8s"},
		{Text: "python", Degree: "required"},
		{Skills: []string{"golang"}, Remote: "hybrid", Sort: "salary"},
	} {
		now := fx.clock.Now()
		var jobs []*jobpath.Job
		err := fx.st.EachJob(context.Background(), func(j *jobpath.Job) error {
			if j.EffectiveStatus(now) == jobpath.StatusPublished && relStoreMatches(t, fx.tax, q, j, now) {
				jobs = append(jobs, j)
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
		res := b.search(q)
		if res.Total != uint64(len(jobs)) {
			t.Errorf("%+v: total %d, the store has %d matching jobs", q, res.Total, len(jobs))
		}
		relCheckFacets(t, res, jobs, now)
	}
}

// relStoreMatches applies q to a job read from the store: the filters as the
// API documents them, and free text made of skill names only.
func relStoreMatches(t *testing.T, tax *skills.Taxonomy, q jobpath.JobQuery, j *jobpath.Job, now time.Time) bool {
	t.Helper()
	all := slices.Concat(j.Skills.Required, j.Skills.Preferred)
	for _, s := range q.Skills {
		if id, _ := tax.Normalise(s); !slices.Contains(all, id) {
			return false
		}
	}
	ids, rest := tax.QuerySkills(q.Text)
	if len(rest) > 0 {
		t.Fatalf("storeMatches reads skill names only, not %q", rest)
	}
	for _, id := range ids {
		sk, _ := tax.Skill(id)
		if !slices.Contains(all, id) && !relMentions(j.Title+"\n"+j.Description, tax.Forms(id)) && !relMentions(j.Title, []string{sk.Name}) {
			return false
		}
	}
	loc := ""
	if j.Location != nil {
		loc = strings.Join([]string{j.Location.City, j.Location.Region, j.Location.Country}, " ")
	}
	for _, w := range strings.Fields(q.Location) {
		if !relMentions(loc, []string{w}) {
			return false
		}
	}
	switch {
	case q.Level != "" && cmp.Or(j.Level, "unspecified") != q.Level,
		q.Remote != "" && j.Remote != q.Remote,
		q.Degree != "" && j.Degree != q.Degree,
		q.NoDegree && j.Degree != "not_required" && j.Degree != "equivalent_experience",
		q.SalaryMin > 0 && (j.SalaryYear == nil || j.SalaryYear.Max < q.SalaryMin),
		q.PostedWithin > 0 && relPostedAt(j).Before(relSince(now, q.PostedWithin)):
		return false
	}
	return true
}

// relMentions reports whether text names any of forms as a whole word, case,
// spaces and hyphens aside.
func relMentions(text string, forms []string) bool {
	var alts []string
	for _, f := range forms {
		f = regexp.QuoteMeta(strings.ToLower(f))
		alts = append(alts, strings.NewReplacer(" ", `[\s_-]+`, "-", `[\s_-]+`).Replace(f))
	}
	if len(alts) == 0 {
		return false
	}
	rx := regexp.MustCompile(`(?i)(^|[^\pL\pN])(` + strings.Join(alts, "|") + `)($|[^\pL\pN])`)
	return rx.MatchString(text)
}

// relHNPosting is a real posting as a job input, and the company it names.
type relHNPosting struct {
	in      jobpath.JobInput
	company string
}

// relHNSample reads every "Who is hiring" posting (each id's latest run wins)
// and turns n of them, spread evenly over the ids, into job inputs.
func relHNSample(t *testing.T, n int) []relHNPosting {
	t.Helper()
	texts := shareddata.HNPostings(t)
	ids := slices.Sorted(maps.Keys(texts))
	if len(ids) < n {
		t.Fatalf("only %d postings, want %d", len(ids), n)
	}
	out := make([]relHNPosting, 0, n)
	for i := 0; i < n; i++ {
		text := texts[ids[i*len(ids)/n]]
		first, _, _ := strings.Cut(text, "\n")
		title := strings.TrimSpace(strings.NewReplacer("<", "", ">", "").Replace(relTrunc(first, 200)))
		company := "HN"
		if name, _, ok := strings.Cut(first, "|"); ok && jobpath.CompanyID(name) != "" {
			company = strings.TrimSpace(name)
		}
		out = append(out, relHNPosting{in: jobpath.JobInput{Title: title, Description: relTrunc(text, 50_000)}, company: company})
	}
	return out
}

func relTrunc(s string, n int) string {
	if r := []rune(s); len(r) > n {
		return string(r[:n])
	}
	return s
}

// TestRealPostingsRealism searches real postings: for common queries, the
// best hits must name what was asked for.
func TestRealPostingsRealism(t *testing.T) {
	sample := relHNSample(t, 300)
	fx := newFixture(t)
	text := map[string]string{} // job id -> title and description as indexed
	for _, p := range sample {
		if _, err := jobpath.NewJob(p.in, &jobpath.Company{ID: jobpath.CompanyID(p.company), Name: p.company}, fx.clock.Now()); err != nil {
			continue // a first line that is no title: not a posting this board would take
		}
		j := fx.post(p.in, p.company)
		text[j.ID] = j.Title + "\n" + j.Description
	}
	if len(text) < 250 {
		t.Fatalf("only %d of %d postings indexed", len(text), len(sample))
	}
	fx.sync()
	t.Logf("%d of %d postings indexed", len(text), len(sample))
	for _, q := range []string{"golang postgres", "rust", "python django", "kubernetes aws", "react typescript"} {
		res := fx.search(jobpath.JobQuery{Text: q, PerPage: 10})
		if res.Total < 3 || len(res.Hits) < 3 {
			t.Errorf("%q: %d results, want at least 3", q, res.Total)
			continue
		}
		t.Logf("%q: %d results", q, res.Total)
		ids, rest := fx.tax.QuerySkills(q)
		if len(rest) > 0 || len(ids) == 0 {
			t.Fatalf("%q is not all skills: %v, %v", q, ids, rest)
		}
		for rank, h := range res.Hits[:3] {
			body, ok := text[h.ID]
			if !ok {
				t.Fatalf("%q: hit %s was never posted", q, h.ID)
			}
			for _, id := range ids {
				sk, _ := fx.tax.Skill(id)
				if !relMentions(body, slices.Concat([]string{id, sk.Name}, sk.Aliases)) {
					t.Errorf("%q: hit %d (%q) does not mention %s", q, rank+1, h.Title, sk.Name)
				}
			}
		}
	}
}
