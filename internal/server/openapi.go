package server

import (
	_ "embed"
	"encoding/json"
	"fmt"

	"github.com/gofiber/fiber/v2"

	"github.com/jobpath/jobpath/internal/jobpath"
)

// openAPISource is the OpenAPI 3 description of the API. It is written by
// hand rather than generated from the handlers: fiber keeps no types for
// request and response bodies, and a hand-written document can say what the
// handlers mean (limits, who may call). Its enumerations are not written in
// it: a schema says "x-enum-from": name, and openAPIDoc fills in the
// domain's list of that name, so that the document cannot drift from what
// validation accepts. openapi_test.go keeps the rest honest: it must be
// valid OpenAPI and name exactly the routes routes.go registers.
//
//go:embed openapi.json
var openAPISource []byte

// enumLists are the domain's lists the document may name.
func enumLists() map[string][]string {
	return map[string][]string{
		"levels":             jobpath.Strings(jobpath.Levels),
		"search-levels":      jobpath.Strings(jobpath.SearchLevels),
		"desired-levels":     append([]string{""}, jobpath.Strings(jobpath.Levels)...),
		"stages":             jobpath.Strings(jobpath.Stages),
		"degrees":            jobpath.Strings(jobpath.Degrees),
		"remote-modes":       jobpath.Strings(jobpath.RemoteModes),
		"remote-preferences": jobpath.Strings(jobpath.RemotePreferences),
		"statuses":           jobpath.Strings(jobpath.Statuses),
		"input-statuses":     jobpath.Strings(jobpath.InputStatuses),
		"search-sorts":       jobpath.SearchSorts,
		"employment-types":   jobpath.EmploymentTypes,
		"salary-periods":     jobpath.SalaryPeriods,
		"education-levels":   jobpath.EducationLevels,
		"skill-levels":       jobpath.SkillLevels,
		"inferable-fields":   jobpath.InferableFields,
		"steps":              jobpath.Strings(jobpath.Steps),
		"team-steps":         jobpath.Strings(jobpath.TeamSteps),
		"alert-settings":     jobpath.AlertSettings,
	}
}

// openAPIDoc is the served document: the source with every x-enum-from
// replaced by the list it names.
func openAPIDoc() ([]byte, error) {
	var doc any
	if err := json.Unmarshal(openAPISource, &doc); err != nil {
		return nil, fmt.Errorf("openapi.json: %w", err)
	}
	if err := fillEnums(doc, enumLists()); err != nil {
		return nil, fmt.Errorf("openapi.json: %w", err)
	}
	out, err := json.MarshalIndent(doc, "", "  ")
	if err != nil {
		return nil, fmt.Errorf("openapi.json: %w", err)
	}
	return out, nil
}

func fillEnums(node any, lists map[string][]string) error {
	switch n := node.(type) {
	case map[string]any:
		if name, ok := n["x-enum-from"]; ok {
			list, known := lists[fmt.Sprint(name)]
			if !known {
				return fmt.Errorf("x-enum-from names no list: %v", name)
			}
			if _, written := n["enum"]; written {
				return fmt.Errorf("x-enum-from %v beside a written enum", name)
			}
			delete(n, "x-enum-from")
			n["enum"] = list
		}
		for _, v := range n {
			if err := fillEnums(v, lists); err != nil {
				return err
			}
		}
	case []any:
		for _, v := range n {
			if err := fillEnums(v, lists); err != nil {
				return err
			}
		}
	}
	return nil
}

// handleOpenAPI serves the OpenAPI document, built once with the server.
func handleOpenAPI(doc []byte, err error) fiber.Handler {
	return func(c *fiber.Ctx) error {
		if err != nil {
			return err
		}
		c.Set(fiber.HeaderContentType, fiber.MIMEApplicationJSON)
		return c.Send(doc)
	}
}
