package server

import (
	"fmt"

	"github.com/jobpath/jobpath/internal/career"
)

// trajectoryPicture is the career path drawn as inline SVG: the stages as
// steps rising left to right, the candidate's stage marked, and the two
// routes in (a degree, or equivalent experience) drawn alike, as equal ways
// onto the path.
type trajectoryPicture struct {
	Width, Height int
	Stages        []stageNode
	Segments      []segment
	Routes        []routeCurve
	YouX, YouY    int
	Summary       string
}

type stageNode struct {
	X, Y       int
	Label      string
	Years      string
	Done, Here bool
}

type segment struct {
	X1, Y1, X2, Y2 int
	Done           bool
}

type routeCurve struct {
	D              string
	LabelX, LabelY int
	Label          string
	Taken          bool
}

// Geometry of the picture, in SVG user units.
const (
	picWidth  = 760
	picHeight = 250
	picLeft   = 190
	picStep   = 135
	picBase   = 200
	picRise   = 32
)

func drawTrajectory(m *career.Model, pl *career.Placement) trajectoryPicture {
	pic := trajectoryPicture{Width: picWidth, Height: picHeight}
	here := 0
	for i, st := range m.Stages {
		if st.ID == pl.Stage {
			here = i
		}
	}
	for i, st := range m.Stages {
		x, y := picLeft+i*picStep, picBase-i*picRise
		years := fmt.Sprintf("%g+ yrs", st.Years.Min)
		if st.Years.Min == 0 {
			years = "starting out"
		}
		pic.Stages = append(pic.Stages, stageNode{X: x, Y: y, Label: shortStage(string(st.ID)), Years: years, Done: i < here, Here: i == here})
		if i > 0 {
			prev := pic.Stages[i-1]
			pic.Segments = append(pic.Segments, segment{X1: prev.X, Y1: prev.Y, X2: x, Y2: y, Done: i <= here})
		}
	}
	pic.YouX, pic.YouY = pic.Stages[here].X, pic.Stages[here].Y-28
	// Both routes join the path at its first step, one from above and one
	// from below, the same length and weight.
	first := pic.Stages[0]
	for i, r := range m.Routes {
		dy := -70
		if i%2 == 1 {
			dy = 40
		}
		sx, sy := 20, first.Y+dy
		pic.Routes = append(pic.Routes, routeCurve{
			D:      fmt.Sprintf("M %d %d C %d %d, %d %d, %d %d", sx, sy, first.X-80, sy, first.X-60, first.Y, first.X-12, first.Y),
			LabelX: sx, LabelY: sy - 8, Label: r.Name, Taken: r.ID == pl.Route,
		})
	}
	pic.Summary = fmt.Sprintf("The back-end path has %d stages; you are at stage %d, %s.", len(m.Stages), here+1, m.Stages[here].Name)
	return pic
}

func shortStage(id string) string { return capitalise(id) }
