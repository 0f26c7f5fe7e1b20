// Package web holds the pages of the board: html/template files under
// templates/ and the static assets (one stylesheet, one small script, the
// icon) under static/, embedded so that the binary is the whole product.
package web

import (
	"embed"
	"io/fs"
)

//go:embed templates static
var files embed.FS

// Templates returns the page templates.
func Templates() fs.FS { return sub("templates") }

// Static returns the assets served under /static/.
func Static() fs.FS { return sub("static") }

func sub(dir string) fs.FS {
	f, err := fs.Sub(files, dir)
	if err != nil {
		// fs.Sub fails only on an invalid path; both are constants.
		panic(err)
	}
	return f
}
