package server

import (
	"bytes"
	"net/http"
	"strings"
	"unicode"

	"github.com/gofiber/fiber/v2"

	"github.com/jobpath/jobpath/internal/applications"
	"github.com/jobpath/jobpath/internal/jobpath"
	"github.com/jobpath/jobpath/internal/skills"
)

func handleApply(apps *applications.Service) fiber.Handler {
	return func(c *fiber.Ctx) error {
		var in jobpath.ApplicationInput
		if len(c.Body()) > 0 {
			if err := decodeJSON(c, &in); err != nil {
				return err
			}
		}
		a, err := apps.Apply(c.UserContext(), caller(c), c.Params("id"), in)
		if err != nil {
			return err
		}
		c.Location("/api/v1/applications/" + a.ID)
		setETag(c, a.Version)
		return c.Status(http.StatusCreated).JSON(a)
	}
}

func handleApplicationGet(apps *applications.Service) fiber.Handler {
	return func(c *fiber.Ctx) error {
		a, err := apps.Find(c.UserContext(), caller(c), c.Params("id"))
		if err != nil {
			return err
		}
		setETag(c, a.Version)
		c.Set(fiber.HeaderCacheControl, "no-store")
		return c.JSON(a)
	}
}

func handleApplicationMove(apps *applications.Service) fiber.Handler {
	return func(c *fiber.Ctx) error {
		var in jobpath.MoveInput
		if err := decodeJSON(c, &in); err != nil {
			return err
		}
		a, err := apps.Move(c.UserContext(), caller(c), c.Params("id"), ifMatch(c), in)
		if err != nil {
			return err
		}
		setETag(c, a.Version)
		return c.JSON(a)
	}
}

func handleApplicationWithdraw(apps *applications.Service) fiber.Handler {
	return func(c *fiber.Ctx) error {
		a, err := apps.Withdraw(c.UserContext(), caller(c), c.Params("id"))
		if err != nil {
			return err
		}
		setETag(c, a.Version)
		return c.JSON(a)
	}
}

func handleMyApplications(apps *applications.Service) fiber.Handler {
	return func(c *fiber.Ctx) error {
		list, err := apps.Mine(c.UserContext(), caller(c))
		if err != nil {
			return err
		}
		c.Set(fiber.HeaderCacheControl, "no-store")
		return c.JSON(fiber.Map{"total": len(list), "applications": list})
	}
}

func handleJobApplications(apps *applications.Service) fiber.Handler {
	return func(c *fiber.Ctx) error {
		j, list, err := apps.ForJob(c.UserContext(), caller(c), c.Params("id"))
		if err != nil {
			return err
		}
		c.Set(fiber.HeaderCacheControl, "no-store")
		return c.JSON(fiber.Map{"job_id": j.ID, "total": len(list), "applicants": list})
	}
}

func handleJobApplicationsCSV(apps *applications.Service, tax *skills.Taxonomy) fiber.Handler {
	return func(c *fiber.Ctx) error {
		j, list, err := apps.ForJob(c.UserContext(), caller(c), c.Params("id"))
		if err != nil {
			return err
		}
		var buf bytes.Buffer
		if err := applications.WriteCSV(&buf, list, tax); err != nil {
			return err
		}
		c.Set(fiber.HeaderContentType, "text/csv; charset=utf-8")
		c.Set(fiber.HeaderContentDisposition, `attachment; filename="applicants-`+fileSafe(j.ID)+`.csv"`)
		c.Set(fiber.HeaderCacheControl, "no-store")
		return c.Send(buf.Bytes())
	}
}

// fileSafe keeps the letters, digits, dashes and underscores of s, for a
// file name in a header.
func fileSafe(s string) string {
	return strings.Map(func(r rune) rune {
		if r < 128 && (unicode.IsLetter(r) || unicode.IsDigit(r) || r == '-' || r == '_') {
			return r
		}
		return -1
	}, s)
}
