package jobpath

import (
	"fmt"
	"slices"
	"strconv"
)

// IfMatch is the condition a write of a versioned document (a job, a
// profile) is made on: the versions the writer read. The zero value sets no
// condition, and the last writer wins.
type IfMatch struct {
	// Set says the writer states a condition; a condition naming no version
	// it can recognise matches nothing.
	Set bool
	// Any accepts every existing version, but not a missing document.
	Any bool
	// Versions lists the versions the writer read.
	Versions []int64
}

// Check returns nil when a document at version (0: none yet) satisfies the
// condition, else EPrecondition saying what the version is now.
func (m IfMatch) Check(version int64) error {
	switch {
	case !m.Set:
		return nil
	case m.Any && version > 0:
		return nil
	case m.Any:
		return Errorf(EPrecondition, "there is nothing yet to match If-Match: *")
	case slices.Contains(m.Versions, version):
		return nil
	}
	return Errorf(EPrecondition, "the resource changed: its ETag is now %s; read it again", ETag(version))
}

// ETag is the entity tag of a version: the version number, quoted.
func ETag(version int64) string { return `"` + strconv.FormatInt(version, 10) + `"` }

// ParseETag reads an entity tag made by ETag; ok is false for any other.
func ParseETag(tag string) (version int64, ok bool) {
	s, err := strconv.Unquote(tag)
	if err != nil || len(tag) < 3 || tag[0] != '"' {
		return 0, false
	}
	v, err := strconv.ParseInt(s, 10, 64)
	if err != nil || v < 0 || fmt.Sprint(v) != s {
		return 0, false
	}
	return v, true
}
