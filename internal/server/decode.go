package server

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"mime"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/gofiber/fiber/v2"

	"github.com/jobpath/jobpath/internal/jobpath"
)

// decodeJSON reads the request body into v strictly: a JSON media type, one
// JSON value, no unknown fields (so that id, company, version, timestamps or
// role can never be mass-assigned), right types. Operator-like keys ("$gt")
// are unknown fields, and operator-like values are plain strings.
func decodeJSON(c *fiber.Ctx, v any, mediaTypes ...string) error {
	if len(mediaTypes) == 0 {
		mediaTypes = []string{fiber.MIMEApplicationJSON}
	}
	mt, _, err := mime.ParseMediaType(c.Get(fiber.HeaderContentType))
	if err != nil || !slices.Contains(mediaTypes, mt) {
		return newProblem(http.StatusUnsupportedMediaType, "send the body as "+strings.Join(mediaTypes, " or "))
	}
	return decodeStrict(c.Body(), v)
}

// decodeStrict decodes body, which comes from outside, into v.
func decodeStrict(body []byte, v any) error {
	trimmed := bytes.TrimSpace(body)
	if len(trimmed) == 0 {
		return newProblem(http.StatusBadRequest, "the request body is empty")
	}
	if trimmed[0] != '{' {
		return newProblem(http.StatusBadRequest, "the body must be a JSON object")
	}
	dec := json.NewDecoder(bytes.NewReader(body))
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		var pe *time.ParseError
		if errors.As(err, &pe) {
			field := fieldWithValue(body, pe.Value)
			return newProblem(http.StatusUnprocessableEntity, "the input is not valid", jobpath.FieldError{Field: field, Message: "must be a time such as 2026-12-31T23:59:59Z"})
		}
		return jsonError(err)
	}
	if _, err := dec.Token(); !errors.Is(err, io.EOF) {
		return newProblem(http.StatusBadRequest, "the body must hold exactly one JSON value")
	}
	return nil
}

// fieldWithValue names the field of a JSON object whose string value is val,
// for errors that do not say where they happened; "" when none is found.
func fieldWithValue(body []byte, val string) string {
	var m map[string]any
	if json.Unmarshal(body, &m) != nil {
		return ""
	}
	var find func(prefix string, m map[string]any) string
	find = func(prefix string, m map[string]any) string {
		for k, v := range m {
			switch v := v.(type) {
			case string:
				if strconv.Quote(v) == val || v == val {
					return prefix + k
				}
			case map[string]any:
				if f := find(prefix+k+".", v); f != "" {
					return f
				}
			}
		}
		return ""
	}
	return find("", m)
}

func jsonError(err error) error {
	var (
		syn *json.SyntaxError
		typ *json.UnmarshalTypeError
	)
	switch {
	case errors.As(err, &syn):
		return newProblem(http.StatusBadRequest, fmt.Sprintf("malformed JSON at byte %d: %s", syn.Offset, syn.Error()))
	case errors.As(err, &typ):
		field := typ.Field
		if field == "" {
			return newProblem(http.StatusBadRequest, "the body must be a JSON object")
		}
		msg := "must be " + jsonType(typ.Type.Kind().String())
		return newProblem(http.StatusUnprocessableEntity, "the input is not valid", jobpath.FieldError{Field: field, Message: msg})
	case errors.Is(err, io.ErrUnexpectedEOF):
		return newProblem(http.StatusBadRequest, "malformed JSON: unexpected end of input")
	case strings.HasPrefix(err.Error(), "json: unknown field "):
		name, _ := strconv.Unquote(strings.TrimPrefix(err.Error(), "json: unknown field "))
		if name == "" {
			name = "(empty name)"
		}
		return newProblem(http.StatusUnprocessableEntity, "the input is not valid", jobpath.FieldError{Field: name, Message: "is not a field of this resource"})
	default:
		// Values whose own parsers failed, such as a malformed timestamp.
		return newProblem(http.StatusBadRequest, "invalid JSON value: "+err.Error())
	}
}

func jsonType(kind string) string {
	switch kind {
	case "string":
		return "a string"
	case "int", "int64", "int32", "uint", "uint64", "float64", "float32":
		return "a number"
	case "bool":
		return "true or false"
	case "slice", "array":
		return "an array"
	case "struct", "map", "ptr":
		return "an object"
	}
	return "of another type"
}

// ifMatch reads the If-Match header as the condition of a write: "*", or a
// list of entity tags of which any may match. Weak or foreign tags match
// nothing, as RFC 9110 asks of a strong comparison.
func ifMatch(c *fiber.Ctx) jobpath.IfMatch {
	h := strings.TrimSpace(c.Get(fiber.HeaderIfMatch))
	if h == "" {
		return jobpath.IfMatch{}
	}
	if h == "*" {
		return jobpath.IfMatch{Set: true, Any: true}
	}
	cond := jobpath.IfMatch{Set: true}
	for _, tag := range strings.Split(h, ",") {
		if v, ok := jobpath.ParseETag(strings.TrimSpace(tag)); ok {
			cond.Versions = append(cond.Versions, v)
		}
	}
	return cond
}

func setETag(c *fiber.Ctx, version int64) {
	c.Set(fiber.HeaderETag, jobpath.ETag(version))
}
