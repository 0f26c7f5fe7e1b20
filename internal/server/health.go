package server

import (
	"context"

	"github.com/gofiber/fiber/v2"

	"github.com/jobpath/jobpath/internal/jobpath"
)

func handleHealth(c *fiber.Ctx) error {
	return c.JSON(fiber.Map{"status": "ok"})
}

func handleReady(ready func(ctx context.Context) error) fiber.Handler {
	return func(c *fiber.Ctx) error {
		if ready != nil {
			if err := ready(c.UserContext()); err != nil {
				return &jobpath.Error{Code: jobpath.EUnavailable, Message: "not ready: " + jobpath.ErrorMessage(err), Err: err}
			}
		}
		return c.JSON(fiber.Map{"status": "ready"})
	}
}
