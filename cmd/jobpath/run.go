package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"strings"
	"time"
)

const usage = `jobpath: a job board and career-path matcher for back-end developers

Usage:
  jobpath serve [flags]   serve the API on an embedded store, or on MONGODB_URI
  jobpath reindex [flags] rebuild the search index from the store (stop serve first)
  jobpath help            show this text

Run "jobpath serve -h" for the flags of serve.
`

// run is the whole program: main only supplies the process's context,
// arguments, environment and output.
func run(ctx context.Context, args []string, getenv func(string) string, stdout io.Writer) error {
	if len(args) < 2 {
		fmt.Fprint(stdout, usage)
		return errors.New("missing command")
	}
	switch args[1] {
	case "serve":
		return serve(ctx, args[2:], getenv, stdout)
	case "reindex":
		return reindex(ctx, args[2:], getenv, stdout)
	case "help", "-h", "--help":
		fmt.Fprint(stdout, usage)
		return nil
	default:
		fmt.Fprint(stdout, usage)
		return fmt.Errorf("unknown command %q", args[1])
	}
}

// envFlags defines flags whose defaults come from the environment, so that
// a flag beats its variable and the variable beats the built-in default.
type envFlags struct {
	fs     *flag.FlagSet
	getenv func(string) string
	err    error
}

func (e *envFlags) String(name, env, def, help string) *string {
	if v := e.getenv(env); v != "" {
		def = v
	}
	return e.fs.String(name, def, help+" ($"+env+")")
}

func (e *envFlags) Bool(name, env string, def bool, help string) *bool {
	v := e.getenv(env)
	switch strings.ToLower(v) {
	case "":
	case "1", "true", "yes", "on":
		def = true
	case "0", "false", "no", "off":
		def = false
	default:
		e.err = errors.Join(e.err, fmt.Errorf("$%s: %q is not a boolean", env, v))
	}
	return e.fs.Bool(name, def, help+" ($"+env+")")
}

func (e *envFlags) Int(name, env string, def int, help string) *int {
	if v := e.getenv(env); v != "" {
		if _, err := fmt.Sscan(v, &def); err != nil {
			e.err = errors.Join(e.err, fmt.Errorf("$%s: %q is not a number", env, v))
		}
	}
	return e.fs.Int(name, def, help+" ($"+env+")")
}

func (e *envFlags) Duration(name, env string, def time.Duration, help string) *time.Duration {
	if v := e.getenv(env); v != "" {
		d, err := time.ParseDuration(v)
		if err != nil {
			e.err = errors.Join(e.err, fmt.Errorf("$%s: %w", env, err))
		}
		def = d
	}
	return e.fs.Duration(name, def, help+" ($"+env+")")
}
