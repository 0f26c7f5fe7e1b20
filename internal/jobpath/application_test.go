package jobpath

import (
	"errors"
	"testing"
	"time"
)

// TestApplicationMoves: every move a hiring team may ask for, from every
// step, against the pipeline's rule: one step forward, any step back,
// rejection from any open step, nothing out of a final step.
func TestApplicationMoves(t *testing.T) {
	legal := map[Step][]Step{
		StepApplied:   {StepScreening, StepRejected},
		StepScreening: {StepApplied, StepInterview, StepRejected},
		StepInterview: {StepApplied, StepScreening, StepOffer, StepRejected},
		StepOffer:     {StepApplied, StepScreening, StepInterview, StepHired, StepRejected},
		StepHired:     nil,
		StepRejected:  nil,
		StepWithdrawn: nil,
	}
	who := &Principal{UserID: "u1", Name: "Dana"}
	now := time.Date(2026, 12, 1, 9, 0, 0, 0, time.UTC)
	for _, from := range Steps {
		for _, to := range Steps {
			want := false
			for _, l := range legal[from] {
				want = want || l == to
			}
			a := &Application{Step: from}
			err := a.MoveTo(to, who, " looks good ", now)
			switch {
			case want && err != nil:
				t.Errorf("%s -> %s refused: %v", from, to, err)
			case !want && err == nil:
				t.Errorf("%s -> %s allowed", from, to)
			case !want && CodeOf(err) != EConflict:
				t.Errorf("%s -> %s: %v, want EConflict", from, to, err)
			case want:
				m := a.History[len(a.History)-1]
				if a.Step != to || m.From != from || m.To != to || m.By != "u1" || m.ByName != "Dana" || !m.At.Equal(now) || m.Note != "looks good" {
					t.Errorf("%s -> %s: step %s, history %+v", from, to, a.Step, m)
				}
			case !want && (a.Step != from || len(a.History) != 0):
				t.Errorf("%s -> %s refused but changed the application", from, to)
			}
		}
	}
}

func TestWithdraw(t *testing.T) {
	who := &Principal{UserID: "c1", Name: "Casey"}
	for _, from := range Steps {
		a := &Application{Step: from}
		err := a.Withdraw(who, time.Now())
		if from.Final() != (err != nil) {
			t.Errorf("withdraw from %s: %v", from, err)
		}
		if err == nil && (a.Step != StepWithdrawn || len(a.History) != 1) {
			t.Errorf("withdraw from %s left %s", from, a.Step)
		}
	}
}

func TestApplicationIDs(t *testing.T) {
	id := ApplicationID("job-1", "cand-2")
	if j, c, ok := SplitApplicationID(id); !ok || j != "job-1" || c != "cand-2" {
		t.Errorf("split %q: %q %q %v", id, j, c, ok)
	}
	for _, bad := range []string{"", "~", "job~", "~cand", "nojoin", "a~b~c"} {
		if _, _, ok := SplitApplicationID(bad); ok {
			t.Errorf("split %q accepted", bad)
		}
	}
}

func TestMoveInputValidate(t *testing.T) {
	for _, tt := range []struct {
		in    MoveInput
		field string
	}{
		{MoveInput{Step: "screening"}, ""},
		{MoveInput{Step: "withdrawn"}, "stage"},
		{MoveInput{Step: "promoted"}, "stage"},
		{MoveInput{Step: "offer", Note: string([]byte{0xff})}, "note"},
	} {
		err := tt.in.Validate()
		if tt.field == "" {
			if err != nil {
				t.Errorf("%+v: %v", tt.in, err)
			}
			continue
		}
		var e *Error
		if !errors.As(err, &e) || len(e.Fields) == 0 || e.Fields[0].Field != tt.field {
			t.Errorf("%+v: %v, want a problem with %s", tt.in, err, tt.field)
		}
	}
}
