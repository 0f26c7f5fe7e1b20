package applications

import (
	"encoding/csv"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"

	"github.com/jobpath/jobpath/internal/skills"
)

// csvHeader names the columns of an applicants export.
var csvHeader = []string{"name", "email", "links", "headline", "stage", "applied_at", "updated_at", "score", "explanation", "skills", "years_experience", "note"}

// WriteCSV writes applicants as CSV for a spreadsheet. A cell a spreadsheet
// would read as a formula (starting with = + - @, a tab or a carriage
// return) is prefixed with an apostrophe, which makes it text: an
// applicant's name or note can never run in the hiring team's spreadsheet.
func WriteCSV(w io.Writer, applicants []Applicant, tax *skills.Taxonomy) error {
	cw := csv.NewWriter(w)
	if err := cw.Write(csvHeader); err != nil {
		return fmt.Errorf("applications: csv: %w", err)
	}
	for _, a := range applicants {
		p := a.Profile
		names := make([]string, 0, len(p.Skills))
		for _, s := range p.Skills {
			if sk, ok := tax.Skill(s.Name); ok {
				names = append(names, sk.Name)
			} else {
				names = append(names, s.Name)
			}
		}
		row := []string{p.Name, p.Contact.Email, strings.Join(p.Contact.Links, " "), p.Headline, string(a.Step),
			a.CreatedAt.UTC().Format(time.RFC3339), a.UpdatedAt.UTC().Format(time.RFC3339),
			strconv.FormatFloat(a.Fit.Score, 'f', 1, 64), a.Explanation, strings.Join(names, ", "),
			strconv.FormatFloat(p.YearsExperience, 'f', -1, 64), a.Note}
		for i := range row {
			row[i] = SafeCell(row[i])
		}
		if err := cw.Write(row); err != nil {
			return fmt.Errorf("applications: csv: %w", err)
		}
	}
	cw.Flush()
	if err := cw.Error(); err != nil {
		return fmt.Errorf("applications: csv: %w", err)
	}
	return nil
}

// SafeCell makes a cell text for a spreadsheet, whatever it starts with.
func SafeCell(s string) string {
	if s != "" && strings.ContainsRune("=+-@\t\r", rune(s[0])) {
		return "'" + s
	}
	return s
}
