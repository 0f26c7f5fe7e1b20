package server

import (
	"net/http"

	"github.com/gofiber/fiber/v2"

	"github.com/jobpath/jobpath/internal/jobpath"
	"github.com/jobpath/jobpath/internal/posting"
	"github.com/jobpath/jobpath/internal/skills"
)

func handleJobCreate(jobs *posting.Service) fiber.Handler {
	return func(c *fiber.Ctx) error {
		var in jobpath.JobInput
		if err := decodeJSON(c, &in); err != nil {
			return err
		}
		j, err := jobs.Create(c.UserContext(), caller(c), in)
		if err != nil {
			return err
		}
		c.Location("/api/v1/jobs/" + j.ID)
		setETag(c, j.Version)
		return c.Status(http.StatusCreated).JSON(j)
	}
}

func handleJobGet(jobs *posting.Service) fiber.Handler {
	return func(c *fiber.Ctx) error {
		j, err := jobs.Find(c.UserContext(), caller(c), c.Params("id"))
		if err != nil {
			return err
		}
		setETag(c, j.Version)
		return c.JSON(j)
	}
}

func handleJobPatch(jobs *posting.Service) fiber.Handler {
	return func(c *fiber.Ctx) error {
		var patch jobpath.JobPatch
		if err := decodeJSON(c, &patch, fiber.MIMEApplicationJSON, "application/merge-patch+json"); err != nil {
			return err
		}
		j, err := jobs.Patch(c.UserContext(), caller(c), c.Params("id"), ifMatch(c), patch)
		if err != nil {
			return err
		}
		setETag(c, j.Version)
		return c.JSON(j)
	}
}

func handleJobClose(jobs *posting.Service) fiber.Handler {
	return func(c *fiber.Ctx) error {
		if err := jobs.Close(c.UserContext(), caller(c), c.Params("id"), ifMatch(c)); err != nil {
			return err
		}
		return c.SendStatus(http.StatusNoContent)
	}
}

func handleMyJobs(jobs *posting.Service) fiber.Handler {
	return func(c *fiber.Ctx) error {
		list, err := jobs.CompanyJobs(c.UserContext(), caller(c), jobpath.Status(c.Query("status")))
		if err != nil {
			return err
		}
		return c.JSON(fiber.Map{"total": len(list), "jobs": list})
	}
}

// handleJobPreview answers what jobpath reads from a posting without
// posting it: the job as it would be stored, and the display names of its
// skills. The live preview of the post-a-role page calls it.
func handleJobPreview(jobs *posting.Service, tax *skills.Taxonomy) fiber.Handler {
	return func(c *fiber.Ctx) error {
		var in jobpath.JobInput
		if err := decodeJSON(c, &in); err != nil {
			return err
		}
		j, err := jobs.Preview(in)
		if err != nil {
			return err
		}
		names := map[string]string{}
		for _, id := range append(append([]string{}, j.Skills.Required...), j.Skills.Preferred...) {
			names[id] = skillName(tax, id)
		}
		return c.JSON(fiber.Map{"job": j, "skill_names": names})
	}
}

// handleJobRenew opens a job for another default validity.
func handleJobRenew(jobs *posting.Service) fiber.Handler {
	return func(c *fiber.Ctx) error {
		j, err := jobs.Renew(c.UserContext(), caller(c), c.Params("id"))
		if err != nil {
			return err
		}
		setETag(c, j.Version)
		return c.JSON(j)
	}
}
