package server_test

import (
	"bufio"
	"encoding/json"
	"fmt"
	"math"
	"math/rand/v2"
	"net/url"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/jobpath/jobpath/internal/shareddata"
)

// The second judged set: twelve candidate profiles of the first judged set
// (internal/match/testdata/judged.json) against real postings from
// ../shared/data, posted as imports give them, a title and a description
// only, so that what jobpath reads from the text feeds its matches. Every
// posting was graded 0-3 against every profile by the rubric
// (internal/match/testdata/RUBRIC.md) before any ranking was looked at;
// the postings were pooled from the matcher's and a plain keyword search's
// top results and shuffled. Grades are by posting id, never text.

// realProfiles are the judged profiles the set uses: every stage, with and
// without a degree, remote only, career changers.
var realProfiles = []string{"p01", "p03", "p05", "p08", "p09", "p11", "p14", "p16", "p17", "p19", "p24", "p28"}

type judgedProfile struct {
	ID      string         `json:"id"`
	Profile map[string]any `json:"profile"`
}

func loadJudgedProfiles(t *testing.T) map[string]judgedProfile {
	t.Helper()
	raw, err := os.ReadFile("../match/testdata/judged.json")
	if err != nil {
		t.Fatal(err)
	}
	var f struct {
		Profiles []judgedProfile `json:"profiles"`
	}
	if err := json.Unmarshal(raw, &f); err != nil {
		t.Fatal(err)
	}
	out := map[string]judgedProfile{}
	for _, p := range f.Profiles {
		out[p.ID] = p
	}
	return out
}

// postingInput is a posting as an import gives it: its first line as the
// title, the whole text as the description.
func postingInput(text string) map[string]any {
	title := strings.TrimSpace(text)
	if i := strings.IndexByte(title, '\n'); i >= 0 {
		title = title[:i]
	}
	if utf8.RuneCountInString(title) > 180 {
		r := []rune(title)[:180]
		title = string(r)
		if i := strings.LastIndexByte(title, ' '); i > 60 {
			title = title[:i]
		}
	}
	if utf8.RuneCountInString(strings.TrimSpace(title)) < 3 {
		title = "Software engineer"
	}
	return map[string]any{"title": strings.TrimSpace(title), "description": text}
}

// realBoard posts postings and the judged profiles to a fresh app; it
// returns the app, the job id of each posting id, and each profile's token.
func realBoard(t *testing.T, posts map[int64]string, ids []int64, profiles map[string]judgedProfile) (*app, map[int64]string, map[string]string) {
	t.Helper()
	a := newApp(t)
	emp := a.account("hiring@real.example", "employer", "Real Postings")
	jobOf := map[int64]string{}
	for _, id := range ids {
		res := a.do(req{method: "POST", path: "/api/v1/jobs", token: emp, body: postingInput(posts[id])})
		if res.status != 201 {
			continue // a posting the board refuses (too long, empty) is left out
		}
		jobOf[id] = res.str("id")
	}
	tokens := map[string]string{}
	for _, pid := range realProfiles {
		p := profiles[pid]
		body := map[string]any{}
		for k, v := range p.Profile {
			body[k] = v
		}
		body["discoverable"] = true
		tok := a.account(pid+"@candidates.example", "candidate", "")
		a.do(req{method: "PUT", path: "/api/v1/me/profile", token: tok, body: body}).must(t, 201)
		tokens[pid] = tok
	}
	a.sync()
	return a, jobOf, tokens
}

// TestPoolRealJudgedSet writes the pool to grade when JOBPATH_POOL names a
// directory: the top ten of the matcher and of a keyword search for every
// profile, filled up at random to 150 postings, shuffled. It runs by hand,
// once, before grading; the grades are never written from its output.
func TestPoolRealJudgedSet(t *testing.T) {
	dir := os.Getenv("JOBPATH_POOL")
	if dir == "" {
		t.Skip("set JOBPATH_POOL to a directory to pool the real judged set")
	}
	posts := shareddata.HNPostings(t)
	var ids []int64
	for id, text := range posts {
		if len(strings.TrimSpace(text)) > 200 {
			ids = append(ids, id)
		}
	}
	slices.Sort(ids)
	profiles := loadJudgedProfiles(t)
	a, jobOf, tokens := realBoard(t, posts, ids, profiles)
	postingOf := map[string]int64{}
	for pid, jid := range jobOf {
		postingOf[jid] = pid
	}
	pool := map[int64]bool{}
	for _, pid := range realProfiles {
		res := a.do(req{method: "GET", path: "/api/v1/me/matches?per_page=10", token: tokens[pid]}).must(t, 200)
		for _, h := range res.json["hits"].([]any) {
			pool[postingOf[h.(map[string]any)["job"].(map[string]any)["id"].(string)]] = true
		}
		var words []string
		for _, s := range profiles[pid].Profile["skills"].([]any)[:min(3, len(profiles[pid].Profile["skills"].([]any)))] {
			words = append(words, s.(map[string]any)["name"].(string))
		}
		res = a.do(req{method: "GET", path: "/api/v1/jobs?per_page=10&q=" + url.QueryEscape(strings.Join(words, " ")), token: tokens[pid]}).must(t, 200)
		for _, h := range res.json["hits"].([]any) {
			pool[postingOf[h.(map[string]any)["id"].(string)]] = true
		}
	}
	r := rand.New(rand.NewPCG(2026, 12))
	for len(pool) < 150 {
		pool[ids[r.IntN(len(ids))]] = true
	}
	var out []int64
	for id := range pool {
		if _, ok := jobOf[id]; ok {
			out = append(out, id)
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i] < out[j] })
	r.Shuffle(len(out), func(i, j int) { out[i], out[j] = out[j], out[i] })
	raw, err := json.Marshal(out)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "pool.json"), raw, 0o644); err != nil {
		t.Fatal(err)
	}
	t.Logf("pooled %d postings", len(out))
}

type realGrade struct {
	Posting int64  `json:"posting"`
	Profile string `json:"profile"`
	Grade   int    `json:"grade"`
}

func loadRealGrades(t *testing.T) []realGrade {
	t.Helper()
	f, err := os.Open("testdata/hn-grades.jsonl")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var out []realGrade
	sc := bufio.NewScanner(f)
	for n := 1; sc.Scan(); n++ {
		var g realGrade
		if err := json.Unmarshal(sc.Bytes(), &g); err != nil {
			t.Fatalf("hn-grades.jsonl:%d: %v", n, err)
		}
		if g.Grade < 0 || g.Grade > 3 {
			t.Fatalf("hn-grades.jsonl:%d: grade %d", n, g.Grade)
		}
		out = append(out, g)
	}
	return out
}

// ndcg10 is nDCG@10 of a ranking's grades against the ideal order of all
// graded items; ok is false when nothing is graded above 0.
func ndcg10(ranked []int, all []int) (float64, bool) {
	dcg := func(gs []int) float64 {
		s := 0.0
		for i, g := range gs[:min(10, len(gs))] {
			s += (math.Pow(2, float64(g)) - 1) / math.Log2(float64(i)+2)
		}
		return s
	}
	ideal := slices.Clone(all)
	sort.Sort(sort.Reverse(sort.IntSlice(ideal)))
	if id := dcg(ideal); id > 0 {
		return dcg(ranked) / id, true
	}
	return 0, false
}

// TestRealPostingsJudged ranks the judged real postings for each profile
// and the profiles for each posting, and compares with the grades.
func TestRealPostingsJudged(t *testing.T) {
	grades := loadRealGrades(t)
	posts := shareddata.HNPostings(t)
	profiles := loadJudgedProfiles(t)
	grade := map[string]map[int64]int{}
	var ids []int64
	seen := map[int64]bool{}
	for _, g := range grades {
		if grade[g.Profile] == nil {
			grade[g.Profile] = map[int64]int{}
		}
		grade[g.Profile][g.Posting] = g.Grade
		if !seen[g.Posting] {
			seen[g.Posting] = true
			ids = append(ids, g.Posting)
		}
	}
	if len(ids) < 150 || len(grade) != len(realProfiles) {
		t.Fatalf("%d postings and %d profiles graded, want at least 150 and %d", len(ids), len(grade), len(realProfiles))
	}
	for _, pid := range realProfiles {
		if len(grade[pid]) != len(ids) {
			t.Fatalf("profile %s has %d grades for %d postings", pid, len(grade[pid]), len(ids))
		}
	}
	slices.Sort(ids)
	a, jobOf, tokens := realBoard(t, posts, ids, profiles)
	postingOf := map[string]int64{}
	for pid, jid := range jobOf {
		postingOf[jid] = pid
	}
	// Jobs for candidates.
	var sum1 float64
	var n1 int
	var per []string
	for _, pid := range realProfiles {
		res := a.do(req{method: "GET", path: "/api/v1/me/matches?per_page=10", token: tokens[pid]}).must(t, 200)
		var ranked []int
		var top []string
		for _, h := range res.json["hits"].([]any) {
			hm := h.(map[string]any)
			pid2 := postingOf[hm["job"].(map[string]any)["id"].(string)]
			ranked = append(ranked, grade[pid][pid2])
			top = append(top, fmt.Sprintf("%d:%d:%.0f", pid2, grade[pid][pid2], hm["score"].(float64)))
		}
		// JOBPATH_SHOW=1 prints each profile's top ten and where its best
		// graded postings rank, with their explanations.
		if os.Getenv("JOBPATH_SHOW") != "" {
			t.Logf("%s top: %v", pid, top)
			full := a.do(req{method: "GET", path: "/api/v1/me/matches?per_page=100", token: tokens[pid]}).must(t, 200)
			var best []string
			for i, h := range full.json["hits"].([]any) {
				hm := h.(map[string]any)
				if p := postingOf[hm["job"].(map[string]any)["id"].(string)]; grade[pid][p] == 3 {
					best = append(best, fmt.Sprintf("%d@%d:%.0f %s", p, i+1, hm["score"].(float64), hm["explanation"]))
				}
			}
			t.Logf("%s graded 3: %v", pid, best)
		}
		var all []int
		for id := range jobOf {
			all = append(all, grade[pid][id])
		}
		if v, ok := ndcg10(ranked, all); ok {
			sum1 += v
			n1++
			per = append(per, fmt.Sprintf("%s %.2f %v", pid, v, ranked))
		}
	}
	// Candidates for jobs.
	var sum2 float64
	var n2 int
	profileOf := map[string]string{}
	for pid := range tokens {
		res := a.do(req{method: "GET", path: "/api/v1/me/profile", token: tokens[pid]}).must(t, 200)
		profileOf[res.str("id")] = pid
	}
	emp := a.login("hiring@real.example")
	for id, jid := range jobOf {
		var all []int
		for _, pid := range realProfiles {
			all = append(all, grade[pid][id])
		}
		res := a.do(req{method: "GET", path: "/api/v1/jobs/" + jid + "/matches?per_page=10", token: emp}).must(t, 200)
		var ranked []int
		for _, h := range res.json["hits"].([]any) {
			ranked = append(ranked, grade[profileOf[h.(map[string]any)["candidate"].(map[string]any)["id"].(string)]][id])
		}
		if v, ok := ndcg10(ranked, all); ok {
			sum2 += v
			n2++
		}
	}
	jobs, cands := sum1/float64(max(1, n1)), sum2/float64(max(1, n2))
	t.Logf("real postings (%d posted of %d graded): nDCG@10 jobs for candidates %.3f (%d profiles), candidates for jobs %.3f (%d postings with a grade above 0)",
		len(jobOf), len(ids), jobs, n1, cands, n2)
	t.Logf("per profile: %s", strings.Join(per, "; "))
	if len(jobOf) < 150 {
		t.Errorf("only %d of the graded postings could be posted", len(jobOf))
	}
}
