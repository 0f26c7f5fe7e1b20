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
	picWidth  = 800
	picHeight = 250
	picLeft   = 290
	picStep   = 110
	picBase   = 160
	picRise   = 30
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
		years := stageYears(st.Years)
		pic.Stages = append(pic.Stages, stageNode{X: x, Y: y, Label: shortStage(string(st.ID)), Years: years, Done: i < here, Here: i == here})
		if i > 0 {
			prev := pic.Stages[i-1]
			pic.Segments = append(pic.Segments, segment{X1: prev.X, Y1: prev.Y, X2: x, Y2: y, Done: i <= here})
		}
	}
	pic.YouX, pic.YouY = pic.Stages[here].X, pic.Stages[here].Y-28
	// Both routes join the path at its first step, one from above and one
	// from below, mirror images of each other: the same length and weight.
	first := pic.Stages[0]
	for i, r := range m.Routes {
		dy, labelDy := -60, -10
		if i%2 == 1 {
			dy, labelDy = 60, 22
		}
		sx, sy := 16, first.Y+dy
		pic.Routes = append(pic.Routes, routeCurve{
			D:      fmt.Sprintf("M %d %d C %d %d, %d %d, %d %d", sx, sy, first.X-110, sy, first.X-70, first.Y, first.X-14, first.Y),
			LabelX: sx, LabelY: sy + labelDy, Label: r.Name, Taken: r.ID == pl.Route,
		})
	}
	pic.Summary = fmt.Sprintf("The back-end path has %d stages; you are at stage %d, %s.", len(m.Stages), here+1, m.Stages[here].Name)
	return pic
}

func shortStage(id string) string { return capitalise(id) }

// stageYears says how many years of back-end work a stage spans.
func stageYears(y career.Years) string {
	switch {
	case y.Max == 0:
		return "starting out"
	case y.Max >= 40:
		return fmt.Sprintf("%g+ years", y.Min)
	}
	return fmt.Sprintf("%g–%g years", y.Min, y.Max)
}
