package server

import (
	"net/http"

	"github.com/gofiber/fiber/v2"

	"github.com/jobpath/jobpath/internal/jobpath"
	"github.com/jobpath/jobpath/internal/profiles"
)

func handleProfileGet(ps *profiles.Service) fiber.Handler {
	return func(c *fiber.Ctx) error {
		p, err := ps.Find(c.UserContext(), caller(c))
		if err != nil {
			return err
		}
		setETag(c, p.Version)
		return c.JSON(p)
	}
}

// handleProfilePut replaces the caller's profile. With If-Match the write is
// conditional; without it the last writer wins.
func handleProfilePut(ps *profiles.Service) fiber.Handler {
	return func(c *fiber.Ctx) error {
		var in jobpath.ProfileInput
		if err := decodeJSON(c, &in); err != nil {
			return err
		}
		p, created, err := ps.Put(c.UserContext(), caller(c), in, ifMatch(c))
		if err != nil {
			return err
		}
		setETag(c, p.Version)
		if created {
			c.Status(http.StatusCreated)
		}
		return c.JSON(p)
	}
}
