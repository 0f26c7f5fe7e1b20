package server

import (
	"net/http"
	"strings"

	"github.com/gofiber/fiber/v2"

	"github.com/jobpath/jobpath/internal/jobpath"
)

func handleRegister(a jobpath.AuthService) fiber.Handler {
	return func(c *fiber.Ctx) error {
		var r jobpath.Registration
		if err := decodeJSON(c, &r); err != nil {
			return err
		}
		u, err := a.Register(c.UserContext(), r)
		if err != nil {
			return err
		}
		c.Location("/api/v1/me")
		return c.Status(http.StatusCreated).JSON(u)
	}
}

func handleLogin(a jobpath.AuthService) fiber.Handler {
	return func(c *fiber.Ctx) error {
		var cr jobpath.Credentials
		if err := decodeJSON(c, &cr); err != nil {
			return err
		}
		token, exp, err := a.Login(c.UserContext(), cr)
		if err != nil {
			return err
		}
		c.Set(fiber.HeaderCacheControl, "no-store")
		return c.JSON(fiber.Map{"token": token, "token_type": "Bearer", "expires_at": exp})
	}
}

func handleLogout(a jobpath.AuthService) fiber.Handler {
	return func(c *fiber.Ctx) error {
		_, token, _ := strings.Cut(c.Get(fiber.HeaderAuthorization), " ")
		if err := a.Logout(c.UserContext(), strings.TrimSpace(token)); err != nil {
			return err
		}
		return c.SendStatus(http.StatusNoContent)
	}
}

func handleMe(c *fiber.Ctx) error {
	return c.JSON(caller(c))
}
