package server

import (
	"context"
	"fmt"
	"net/http"
	"slices"
	"strconv"
	"strings"

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

func handleJobCreate(jobs jobpath.JobService, companies jobpath.CompanyFinder, analyzer jobpath.JobAnalyzer, clock jobpath.Clock) fiber.Handler {
	return func(c *fiber.Ctx) error {
		var in jobpath.JobInput
		if err := decodeJSON(c, &in); err != nil {
			return err
		}
		ctx := c.UserContext()
		co, err := companies.FindCompanyByID(ctx, caller(c).CompanyID)
		if err != nil {
			return fmt.Errorf("company of caller: %w", err)
		}
		j, err := jobpath.NewJob(in, co, clock.Now().UTC())
		if err != nil {
			return err
		}
		j.Enrich(analyzer, in.Explicit())
		if err := jobs.CreateJob(ctx, j); err != nil {
			return err
		}
		c.Location("/api/v1/jobs/" + j.ID)
		setETag(c, j.Version)
		return c.Status(http.StatusCreated).JSON(j)
	}
}

// findJob reads the job named in the path as the caller may see it: jobs the
// caller may not see are indistinguishable from missing ones.
func findJob(c *fiber.Ctx, jobs jobpath.JobService, clock jobpath.Clock) (*jobpath.Job, error) {
	id := c.Params("id")
	if len(id) > 64 {
		return nil, jobpath.Errorf(jobpath.ENotFound, "job not found")
	}
	j, err := jobs.FindJobByID(c.UserContext(), id)
	if err != nil {
		return nil, err
	}
	if !j.VisibleTo(caller(c), clock.Now()) {
		return nil, jobpath.Errorf(jobpath.ENotFound, "job not found")
	}
	return j, nil
}

// findOwnJob is findJob for changes: a visible job of another company is 403.
func findOwnJob(c *fiber.Ctx, jobs jobpath.JobService, clock jobpath.Clock) (*jobpath.Job, error) {
	j, err := findJob(c, jobs, clock)
	if err != nil {
		return nil, err
	}
	if !j.OwnedBy(caller(c)) {
		return nil, jobpath.Errorf(jobpath.EForbidden, "only the job's company may change it")
	}
	return j, nil
}

func handleJobGet(jobs jobpath.JobService, clock jobpath.Clock) fiber.Handler {
	return func(c *fiber.Ctx) error {
		j, err := findJob(c, jobs, clock)
		if err != nil {
			return err
		}
		j.Status = j.EffectiveStatus(clock.Now())
		setETag(c, j.Version)
		return c.JSON(j)
	}
}

func handleJobPatch(jobs jobpath.JobService, analyzer jobpath.JobAnalyzer, clock jobpath.Clock) fiber.Handler {
	return func(c *fiber.Ctx) error {
		j, err := findOwnJob(c, jobs, clock)
		if err != nil {
			return err
		}
		if err := checkIfMatch(c, j.Version, true); err != nil {
			return err
		}
		var patch jobpath.JobPatch
		if err := decodeJSON(c, &patch, fiber.MIMEApplicationJSON, "application/merge-patch+json"); err != nil {
			return err
		}
		if err := j.Apply(patch, clock.Now().UTC()); err != nil {
			return err
		}
		j.Enrich(analyzer, patch.Explicit())
		if err := jobs.UpdateJob(c.UserContext(), j); err != nil {
			return err
		}
		setETag(c, j.Version)
		return c.JSON(j)
	}
}

func handleJobClose(jobs jobpath.JobService, clock jobpath.Clock) fiber.Handler {
	return func(c *fiber.Ctx) error {
		j, err := findOwnJob(c, jobs, clock)
		if err != nil {
			return err
		}
		if err := checkIfMatch(c, j.Version, false); err != nil {
			return err
		}
		if j.Close(clock.Now().UTC()) {
			if err := jobs.UpdateJob(c.UserContext(), j); err != nil {
				return err
			}
		}
		return c.SendStatus(http.StatusNoContent)
	}
}

func handleMyJobs(jobs jobpath.JobService, clock jobpath.Clock) fiber.Handler {
	return func(c *fiber.Ctx) error {
		status := c.Query("status")
		if status != "" && !slices.Contains(jobpath.JobStatuses, status) {
			return &jobpath.Error{Code: jobpath.EInvalid, Message: "the query is not valid", Fields: []jobpath.FieldError{{Field: "status", Message: "must be one of " + strings.Join(jobpath.JobStatuses, ", ")}}}
		}
		list, err := jobs.FindJobs(c.UserContext(), jobpath.JobFilter{Company: caller(c).CompanyID, Status: status, Limit: 1000})
		if err != nil {
			return err
		}
		now := clock.Now()
		for _, j := range list {
			j.Status = j.EffectiveStatus(now)
		}
		return c.JSON(fiber.Map{"total": len(list), "jobs": list})
	}
}

func handleProfileGet(profiles jobpath.ProfileService) fiber.Handler {
	return func(c *fiber.Ctx) error {
		p, err := profiles.FindProfile(c.UserContext(), caller(c).UserID)
		if err != nil {
			return err
		}
		setETag(c, p.Version)
		return c.JSON(p)
	}
}

// handleProfilePut replaces the caller's profile. With If-Match the write is
// conditional; without it the last writer wins.
func handleProfilePut(profiles jobpath.ProfileService, analyzer jobpath.JobAnalyzer, clock jobpath.Clock) fiber.Handler {
	return func(c *fiber.Ctx) error {
		var in jobpath.ProfileInput
		if err := decodeJSON(c, &in); err != nil {
			return err
		}
		if err := in.Validate(); err != nil {
			return err
		}
		in.Normalise()
		in.CanonicaliseSkills(analyzer)
		ctx := c.UserContext()
		me := caller(c)
		for attempt := 0; ; attempt++ {
			now := clock.Now().UTC()
			p, err := profiles.FindProfile(ctx, me.UserID)
			switch {
			case jobpath.ErrorCode(err) == jobpath.ENotFound:
				p = &jobpath.Profile{UserID: me.UserID, CreatedAt: now}
			case err != nil:
				return err
			}
			if p.Version == 0 && strings.TrimSpace(c.Get(fiber.HeaderIfMatch)) == "*" {
				// "*" asks for an existing profile (RFC 9110 13.1.1).
				return &jobpath.Error{Code: jobpath.EPrecondition, Message: "there is no profile yet to match If-Match: *"}
			}
			if err := checkIfMatch(c, p.Version, false); err != nil {
				return err
			}
			created := p.Version == 0
			p.ProfileInput = in
			p.UpdatedAt = now
			err = profiles.PutProfile(ctx, p)
			if jobpath.ErrorCode(err) == jobpath.EPrecondition && c.Get(fiber.HeaderIfMatch) == "" && attempt < 3 {
				continue
			}
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
}

func setETag(c *fiber.Ctx, version int64) {
	c.Set(fiber.HeaderETag, `"`+strconv.FormatInt(version, 10)+`"`)
}

// checkIfMatch compares the If-Match header with the current version: 412 when
// stale, 428 when required and absent.
func checkIfMatch(c *fiber.Ctx, version int64, required bool) error {
	h := strings.TrimSpace(c.Get(fiber.HeaderIfMatch))
	if h == "" {
		if required {
			return newHTTPError(http.StatusPreconditionRequired, "send If-Match with the ETag of the version you read")
		}
		return nil
	}
	if h == "*" {
		return nil
	}
	want := `"` + strconv.FormatInt(version, 10) + `"`
	for _, tag := range strings.Split(h, ",") {
		if strings.TrimSpace(tag) == want {
			return nil
		}
	}
	return &jobpath.Error{Code: jobpath.EPrecondition, Message: fmt.Sprintf("the resource changed: its ETag is now %s; read it again", want)}
}
