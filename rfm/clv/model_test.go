package clv_test

import (
	"bytes"
	"encoding/json"
	"errors"
	"math"
	"path/filepath"
	"testing"

	"github.com/clientele-go/clientele/internal/golden"
	"github.com/clientele-go/clientele/rfm/clv"
	"github.com/google/go-cmp/cmp"
)

// clvSaved is a set of models as a service would save them.
type clvSaved struct {
	BGNBD      clv.BGNBD      `json:"bgnbd"`
	MBGNBD     clv.MBGNBD     `json:"mbgnbd"`
	ParetoNBD  clv.ParetoNBD  `json:"paretonbd"`
	BGBB       clv.BGBB       `json:"bgbb"`
	GammaGamma clv.GammaGamma `json:"gammagamma"`
}

// TestModelJSONGolden pins the JSON form of every model (field names,
// parameter order, version) with models given by hand, so that the file
// does not depend on the platform's floating point.
func TestModelJSONGolden(t *testing.T) {
	saved := clvSaved{
		BGNBD: clv.BGNBD{R: 0.243, Alpha: 4.414, A: 0.793, B: 2.426, LogLikelihood: -9582.4, Customers: 2357,
			Covariance: [][]float64{{1.5e-4, 0.003, 0, 0}, {0.003, 0.143, 0, 0}, {0, 0, 0.0345, 0.12}, {0, 0, 0.12, 0.4975}}},
		MBGNBD:     clv.MBGNBD{R: 0.525, Alpha: 6.183, A: 0.891, B: 1.614},
		ParetoNBD:  clv.ParetoNBD{R: 0.553, Alpha: 10.578, S: 0.606, Beta: 11.669, LogLikelihood: -9595, Customers: 2357},
		BGBB:       clv.BGBB{Alpha: 1.204, Beta: 0.75, Gamma: 0.657, Delta: 2.783, LogLikelihood: -33225.6, Customers: 11104},
		GammaGamma: clv.GammaGamma{P: 6.25, Q: 3.74, Gamma: 15.44, LogLikelihood: -4055.9177, Customers: 946, Correlation: 0.1139},
	}
	got, err := json.MarshalIndent(saved, "", "  ")
	if err != nil {
		t.Fatal(err)
	}
	golden.Check(t, filepath.Join("testdata", "models.golden.json"), append(got, '\n'))
	var back clvSaved
	if err := json.Unmarshal(got, &back); err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(saved, back); diff != "" {
		t.Errorf("JSON round trip mismatch (-want +got):\n%s", diff)
	}
}

// TestModelJSONRoundTrip saves fitted models and loads them back: every
// field, the covariance included, comes back bit for bit, and the loaded
// model predicts exactly as the fitted one.
func TestModelJSONRoundTrip(t *testing.T) {
	data := clvCDNOWSummary(t)
	bg, err := clv.FitBGNBD(t.Context(), data, clv.FitOptions{})
	if err != nil {
		t.Fatal(err)
	}
	pn, err := clv.FitParetoNBD(t.Context(), data, clv.FitOptions{})
	if err != nil {
		t.Fatal(err)
	}
	gg, err := clv.FitGammaGamma(t.Context(), data, clv.FitOptions{})
	if err != nil {
		t.Fatal(err)
	}
	bb, err := clv.FitBGBB(t.Context(), bgbbDonations, clv.FitOptions{})
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		in, out any
	}{
		{bg, new(clv.BGNBD)}, {pn, new(clv.ParetoNBD)}, {gg, new(clv.GammaGamma)}, {bb, new(clv.BGBB)},
	} {
		b, err := json.Marshal(tc.in)
		if err != nil {
			t.Fatal(err)
		}
		if err := json.Unmarshal(b, tc.out); err != nil {
			t.Fatalf("Unmarshal(%s): %v", b, err)
		}
		if diff := cmp.Diff(tc.in, tc.out); diff != "" {
			t.Errorf("%T round trip mismatch (-want +got):\n%s", tc.in, diff)
		}
	}
	var back clv.ParetoNBD
	b, _ := json.Marshal(pn)
	_ = json.Unmarshal(b, &back)
	c := clv.CBS{X: 2, TX: 30.43, T: 38.86}
	if back.ConditionalExpectedPurchases(39, c) != pn.ConditionalExpectedPurchases(39, c) {
		t.Error("loaded Pareto/NBD predicts differently from the fitted one")
	}
}

// TestModelJSONErrors checks that loading rejects another model's JSON,
// unknown versions, missing or invalid parameters and malformed input,
// leaving the target unchanged.
func TestModelJSONErrors(t *testing.T) {
	for _, in := range []string{
		`{"model":"bgnbd","version":1,"params":{"r":1,"alpha":1,"a":1,"b":1}}`,                           // another model
		`{"model":"paretonbd","version":2,"params":{"r":1,"alpha":1,"s":1,"beta":1}}`,                    // future version
		`{"model":"paretonbd","version":0,"params":{"r":1,"alpha":1,"s":1,"beta":1}}`,                    // no version
		`{"model":"paretonbd","version":1,"params":{"r":1,"alpha":1,"s":1}}`,                             // missing beta
		`{"model":"paretonbd","version":1,"params":{"r":1,"alpha":1,"s":1,"b":1}}`,                       // wrong name
		`{"model":"paretonbd","version":1,"params":{"r":-1,"alpha":1,"s":1,"beta":1}}`,                   // invalid value
		`{"model":"paretonbd","version":1,"params":{"r":1,"alpha":1,"s":1,"beta":1},"covariance":[[1]]}`, // bad shape
		`{"model":"paretonbd","version":1,"params":{"r":1,"alpha":1,"s":1,"beta":1},"customers":-3}`,     // bad count
		`{"model":"paretonbd","version":1,"params":[1,2,3,4]}`,                                           // params not an object
	} {
		m := paretoFHL
		if err := json.Unmarshal([]byte(in), &m); !errors.Is(err, clv.ErrInvalidModel) {
			t.Errorf("Unmarshal(%s) error = %v, want ErrInvalidModel", in, err)
		}
		if !cmp.Equal(m, paretoFHL) {
			t.Errorf("Unmarshal(%s) changed the model to %+v", in, m)
		}
	}
	// Malformed JSON fails in encoding/json's syntax check, before the
	// model sees it.
	m := paretoFHL
	var syntax *json.SyntaxError
	if err := json.Unmarshal([]byte(`{"model":"paretonbd"`), &m); !errors.As(err, &syntax) || !cmp.Equal(m, paretoFHL) {
		t.Errorf("Unmarshal(truncated) error = %v, model %+v; want a *json.SyntaxError and no change", err, m)
	}
	if _, err := json.Marshal(clv.BGNBD{R: math.NaN(), Alpha: 1, A: 1, B: 1}); !errors.Is(err, clv.ErrInvalidModel) {
		t.Errorf("Marshal(NaN parameter) error = %v, want ErrInvalidModel", err)
	}
	var gg clv.GammaGamma
	if err := json.Unmarshal([]byte(`{"model":"gammagamma","version":1,"params":{"p":1,"q":0.5,"gamma":1}}`), &gg); !errors.Is(err, clv.ErrInvalidModel) {
		t.Errorf("Unmarshal(Gamma-Gamma q = 0.5) error = %v, want ErrInvalidModel", err)
	}
	// Field names are stable: a minimal hand-written file loads.
	var bg clv.BGNBD
	if err := json.NewDecoder(bytes.NewReader([]byte(`{"model":"bgnbd","version":1,"params":{"r":0.243,"alpha":4.414,"a":0.793,"b":2.426}}`))).Decode(&bg); err != nil || bg.Alpha != 4.414 {
		t.Errorf("Decode(minimal BG/NBD) = %+v, %v", bg, err)
	}
}
