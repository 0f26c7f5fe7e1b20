package skills

import (
	"regexp"
	"strings"
	"unicode"
)

// A posting names skills it does not ask for: in who backs the company and
// whom it serves ("backed by the CEO of Hugging Face"), in how to apply
// ("send us your GitHub"), in what the company sells ("we're building AI
// agents for lawyers"), and in what the role is not ("without Docker",
// "Kotlin for Android is not part of this role"). These passages are set
// aside before skills are read.

var (
	// backers are sentences about the company's people, money and clients.
	backers = regexp.MustCompile(`(?i)\b(?:backed by|investors?\b|funded by|founded by|co-?founders? (?:of|from)|alumni|trusted by|used by|customers (?:include|like|such as)|clients (?:include|like|such as)|partners (?:include|like|such as)|(?:work|working|partner|partnering) with (?:some |many |several |leading |top )?(?:amazing |great |incredible |world-class |big |large )?(?:companies|customers|clients|brands|organi[sz]ations|enterprises))\b|\b(?:CEO|CTO|[Ff]ounder|[Cc]ofounder) of [A-Z]`)
	// applying is a sentence that says how to apply.
	applying = regexp.MustCompile(`(?i)\b(?:email|e-mail|send|apply|reply|dm|write to|reach out)\b.*\b(?:your|a link|links? to)\b|\b(?:include|attach|share) (?:your|a link|links?|any)\b`)
	// product opens a sentence about what the company makes or does.
	product = regexp.MustCompile(`(?i)^\W*(?:we(?:'re|’re| are)?(?: now| currently)? (?:building|build|make|offer|provide|developing|develop|created?|pioneered|help|helping|automate|automating|turn|turning)\b|(?:our|the) (?:product|platform|mission|company|customers|app|software|first product|goal|vision)\b|(?:[A-Z][\w.]*(?: [A-Z][\w.]*)?) (?:is|are|builds|offers|provides|helps|makes|enables|pioneered|automates)\b)`)
	// pronouns open sentences about anything, not a company's name.
	pronoun = regexp.MustCompile(`^\W*(?:We|You|They|It|This|That|There|Here|Our|Your|Their|I|He|She)\b`)
	// weBuild opens a sentence on what "we" make.
	weBuild = regexp.MustCompile(`(?i)^\W*we(?:'re|’re| are)?(?: now| currently)? (?:building|build|make|offer|provide|developing|develop|created?|pioneered|help|helping|automate|automating|turn|turning)\b`)
	// workCue in a product sentence says it is about the work after all.
	workCue = regexp.MustCompile(`(?i)\b(?:you|your|you'll|experience|stack|use|using|uses|leverag\w+|with|written in|built (?:with|in|on)|familiar\w*|knowledge|proficien\w*|role|engineer|engineers)\b`)
	// ourValues opens what a company says of its own culture: the human
	// skills in it are described, not asked for.
	ourValues = regexp.MustCompile(`(?i)\b(?:we value|we believe|we care about|we prize|we celebrate|we foster|we encourage|our (?:culture|values)|we(?:'re| are) a team (?:of|that|who))\b`)
	// connectsTo names what a product works with, in a sentence about it.
	connectsTo = regexp.MustCompile(`(?i)\b(?:connects? (?:to|with)|integrates? (?:with|into)|plugs? into|connectors? (?:for|to)|(?:works|syncs) with (?:your|their|any)|supports? (?:all|any|every|major)|compatible with)\b`)
	// negators before a skill say the role goes without it.
	negatedSkill = regexp.MustCompile(`(?i)\b(?:without|instead of|rather than|no more|not using)\s+(?:\w+\s+){0,1}$`)
	// notPart after a skill says it is outside the role.
	notPart = regexp.MustCompile(`(?i)^(?:\s+for\s+\w+)?\s+(?:is|are)\s+not\s+(?:part of|used|needed|in scope|involved)`)
)

// productCategories are the skills a sentence about the company's product
// names as what it sells rather than what it is built with.
var productCategories = map[string]bool{"ml": true, "security": true}

// aside reports whether the mention h of text is one the posting does not
// ask for.
func (t *Taxonomy) aside(text string, h Hit) bool {
	sent := sentenceAt(text, h.Start)
	switch {
	case backers.MatchString(sent), applying.MatchString(sent):
		return true
	case product.MatchString(sent) && !workCue.MatchString(sent) && (!pronoun.MatchString(sent) || weBuild.MatchString(sent)):
		if s, ok := t.byID[h.ID]; ok && productCategories[s.Category] {
			return true
		}
	}
	// A human skill named in one word counts only where the posting asks
	// for it ("strong communication", a line of a list of requirements),
	// never where it describes itself ("we value ownership"). A phrase
	// ("written communication", "attention to detail") says it is a skill
	// by itself. A profile, describing its owner, is read without this.
	if t.soft(h.ID) && (ourValues.MatchString(sent) || !strings.ContainsAny(h.Text, " -") && !humanCued(sent) && !listItem.MatchString(lineAt(text, h.Start))) {
		return true
	}
	// "Our BI tool connects to Snowflake and BigQuery": what a product
	// connects to is its customers' stack, not the role's.
	if m := connectsTo.FindStringIndex(sent); m != nil && strings.Index(text, sent)+m[1] <= h.Start {
		return true
	}
	before := text[max(0, h.Start-30):h.Start]
	if i := strings.LastIndexAny(before, ".;:\n"); i >= 0 {
		before = before[i+1:]
	}
	return negatedSkill.MatchString(before) || notPart.MatchString(text[h.End:min(len(text), h.End+60)])
}

// sentenceAt is the sentence of text around position pos: from the last
// sentence end or line break before it to the next one.
func sentenceAt(text string, pos int) string {
	from := pos
	for from > 0 {
		c := text[from-1]
		if c == '\n' || (c == ' ' && from >= 2 && strings.ContainsRune(".!?", rune(text[from-2]))) {
			break
		}
		from--
	}
	to := pos
	for to < len(text) {
		c := text[to]
		if c == '\n' || (strings.ContainsRune(".!?", rune(c)) && (to+1 == len(text) || text[to+1] == ' ')) {
			break
		}
		to++
	}
	return text[from:to]
}

// humanCued reports whether a sentence asks for a human skill: a word such
// as "strong", "excellent" or "skills" in it.
func humanCued(sent string) bool {
	for _, w := range strings.FieldsFunc(strings.ToLower(sent), func(r rune) bool { return !unicode.IsLetter(r) }) {
		if humanCues[w] {
			return true
		}
	}
	return false
}

// listItem opens a line of a list.
var listItem = regexp.MustCompile(`^\s*(?:[-*•·–]|\d{1,2}[.)])\s`)

// lineAt is the line of text around pos.
func lineAt(text string, pos int) string {
	from := strings.LastIndexByte(text[:pos], '\n') + 1
	to := strings.IndexByte(text[pos:], '\n')
	if to < 0 {
		return text[from:]
	}
	return text[from : pos+to]
}
