package server

import (
	_ "embed"

	"github.com/gofiber/fiber/v2"
)

// openAPIDoc is the OpenAPI 3 description of the API. It is written by hand
// rather than generated from the handlers: fiber keeps no types for request
// and response bodies, and a hand-written document can say what the
// handlers mean (enums, limits, who may call). openapi_test.go keeps it
// honest: it must be valid OpenAPI and name exactly the routes routes.go
// registers.
//
//go:embed openapi.json
var openAPIDoc []byte

// handleOpenAPI serves the OpenAPI document.
func handleOpenAPI(c *fiber.Ctx) error {
	c.Set(fiber.HeaderContentType, fiber.MIMEApplicationJSON)
	return c.Send(openAPIDoc)
}
