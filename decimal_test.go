package jixiao

import (
	"encoding/json"
	"math"
	"strconv"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestParseDecimal(t *testing.T) {
	tests := []struct {
		in     string
		micros int64
		places int
		str    string
	}{
		{"167.0104", 167_010_400, 4, "167.0104"},
		{"137.01041", 137_010_410, 5, "137.01041"},
		{"30", 30_000_000, 0, "30"},
		{"0.50", 500_000, 2, "0.50"},
		{"16.5", 16_500_000, 1, "16.5"},
		{"0", 0, 0, "0"},
		{"-0.0", 0, 1, "0.0"},
		{"-12.25", -12_250_000, 2, "-12.25"},
		{"+7", 7_000_000, 0, "7"},
		{" 42 ", 42_000_000, 0, "42"},
		{"1,670,104", 1_670_104_000_000, 0, "1670104"},
		{"44,926", 44_926_000_000, 0, "44926"},
		{"１２３．４５", 123_450_000, 2, "123.45"},
		{"１，０００", 1_000_000_000, 0, "1000"},
		{"－３", -3_000_000, 0, "-3"},
		{".5", 500_000, 1, "0.5"},
		{"5.", 5_000_000, 0, "5"},
		{"0.000001", 1, 6, "0.000001"},
		{"9223372036854.775807", math.MaxInt64, 6, "9223372036854.775807"},
		{"-9223372036854.775807", -math.MaxInt64, 6, "-9223372036854.775807"},
	}
	for _, tt := range tests {
		d, err := ParseDecimal(tt.in)
		if err != nil {
			t.Errorf("ParseDecimal(%q): %v", tt.in, err)
			continue
		}
		if d.Micros() != tt.micros || d.Places() != tt.places || !d.IsSet() {
			t.Errorf("ParseDecimal(%q) = %d micros, %d places, set %v; want %d, %d", tt.in, d.Micros(), d.Places(), d.IsSet(), tt.micros, tt.places)
		}
		if got := d.String(); got != tt.str {
			t.Errorf("ParseDecimal(%q).String() = %q, want %q", tt.in, got, tt.str)
		}
	}
}

func TestParseDecimalErrors(t *testing.T) {
	tests := []struct{ in, msg string }{
		{"", "数值为空。"},
		{"   ", "数值为空。"},
		{"abc", "“abc”不是数值。"},
		{"1.2.3", "“1.2.3”不是数值。"},
		{"12元", "“12元”不是数值。"},
		{"1,23", "“1,23”不是数值。"},
		{"1,2345", "“1,2345”不是数值。"},
		{"-", "“-”不是数值。"},
		{".", "“.”不是数值。"},
		{"--1", "“--1”不是数值。"},
		{"1e5", "“1e5”不是数值。"},
		{"0.1234567", "“0.1234567”的小数位数超过6位。"},
		{"137.010410001", "“137.010410001”的小数位数超过6位。"},
		{"9223372036855", "“9223372036855”数值过大。"},
		{"9223372036854.775808", "“9223372036854.775808”数值过大。"},
		{"99999999999999999999999", "“99999999999999999999999”数值过大。"},
	}
	for _, tt := range tests {
		_, err := ParseDecimal(tt.in)
		if err == nil {
			t.Errorf("ParseDecimal(%q): no error", tt.in)
			continue
		}
		if ErrorCode(err) != EINVALID || ErrorMessage(err) != tt.msg {
			t.Errorf("ParseDecimal(%q) error %s %q, want %s %q", tt.in, ErrorCode(err), ErrorMessage(err), EINVALID, tt.msg)
		}
	}
}

func TestMustDecimalPanics(t *testing.T) {
	defer func() {
		if recover() == nil {
			t.Error("MustDecimal(\"x\") did not panic")
		}
	}()
	MustDecimal("x")
}

func TestDecimalArithmetic(t *testing.T) {
	tests := []struct {
		name string
		got  Decimal
		want string
	}{
		{"seed split", MustDecimal("137.01041").Add(MustDecimal("30")), "167.01041"},
		{"seed difference", MustDecimal("167.0104").Sub(MustDecimal("167.01041")), "-0.00001"},
		{"places kept", MustDecimal("5").Add(MustDecimal("10")).Add(MustDecimal("15")), "30"},
		{"larger places", MustDecimal("0.1").Add(MustDecimal("0.20")), "0.30"},
		{"empty plus value", Decimal{}.Add(MustDecimal("2.5")), "2.5"},
		{"empty plus empty", Decimal{}.Add(Decimal{}), ""},
		{"empty minus empty", Decimal{}.Sub(Decimal{}), ""},
		{"yuan to wan", MustDecimal("1670104").DivInt(10000), "167.0104"},
		{"yuan with fen to wan", MustDecimal("1670104.5").DivInt(10000), "167.01045"},
		{"yuan to wan rounds at six places", MustDecimal("12.345").DivInt(10000), "0.001235"},
		{"negative rounds away from zero", MustDecimal("-12.345").DivInt(10000), "-0.001235"},
		{"third", MustDecimal("10").DivInt(3), "3"},
		{"DivInt by zero is unchanged", MustDecimal("7.5").DivInt(0), "7.5"},
		{"MulInt", MustDecimal("2.25").MulInt(4), "9.00"},
		{"Abs", MustDecimal("-3.5").Abs(), "3.5"},
		{"NewDecimal", NewDecimal(1670104, 4), "167.0104"},
		{"Int", Int(30), "30"},
		{"FromMicros", FromMicros(167_010_400, 4), "167.0104"},
		{"FromMicros clamps places", FromMicros(1, 9), "0.000001"},
		{"StringFixed min int", FromMicros(math.MinInt64, 6), "-9223372036854.775808"},
	}
	for _, tt := range tests {
		if got := tt.got.String(); got != tt.want {
			t.Errorf("%s: got %q, want %q", tt.name, got, tt.want)
		}
	}
	if got := MustDecimal("167.0104").Yuan(); got != "1670104.00" {
		t.Errorf("Yuan = %q", got)
	}
	if got := MustDecimal("2.5").StringFixed(0); got != "3" {
		t.Errorf("StringFixed(0) of 2.5 = %q, want 3", got)
	}
	if got := MustDecimal("-2.5").StringFixed(0); got != "-3" {
		t.Errorf("StringFixed(0) of -2.5 = %q, want -3", got)
	}
	if got := MustDecimal("0.004").StringFixed(2); got != "0.00" {
		t.Errorf("StringFixed(2) of 0.004 = %q", got)
	}
	a, b := MustDecimal("30"), MustDecimal("30.000")
	if !a.Equal(b) || a.Cmp(b) != 0 || a == b {
		t.Errorf("30 and 30.000: equal values, different places")
	}
	if MustDecimal("1").Cmp(MustDecimal("2")) != -1 || MustDecimal("2").Cmp(MustDecimal("1")) != 1 {
		t.Error("Cmp order")
	}
	if (Decimal{}).IsSet() || (Decimal{}).IsZero() || !MustDecimal("0").IsZero() {
		t.Error("empty is not zero; 0 is zero")
	}
	if f := MustDecimal("167.0104").Float64(); f != 167.0104 {
		t.Errorf("Float64 = %v", f)
	}
}

func TestDecimalJSON(t *testing.T) {
	type row struct {
		Amount Amount  `json:"amount"`
		Empty  Amount  `json:"empty"`
		Ptr    *Amount `json:"ptr,omitempty"`
	}
	in := row{Amount: MustDecimal("137.01041")}
	b, err := json.Marshal(in)
	if err != nil {
		t.Fatal(err)
	}
	if got, want := string(b), `{"amount":"137.01041","empty":null}`; got != want {
		t.Errorf("marshal = %s, want %s", got, want)
	}
	var out row
	if err := json.Unmarshal(b, &out); err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(in, out, decimalCmp); diff != "" {
		t.Errorf("round trip mismatch (-want +got):\n%s", diff)
	}
	for _, tt := range []struct{ in, want string }{{`"16.50"`, "16.50"}, {`16.5`, "16.5"}, {`""`, ""}, {`null`, ""}} {
		var d Decimal
		if err := json.Unmarshal([]byte(tt.in), &d); err != nil {
			t.Errorf("unmarshal %s: %v", tt.in, err)
		} else if d.String() != tt.want {
			t.Errorf("unmarshal %s = %q, want %q", tt.in, d.String(), tt.want)
		}
	}
	for _, bad := range []string{`"abc"`, `1e3`, `"0.1234567"`, `true`} {
		var d Decimal
		if err := json.Unmarshal([]byte(bad), &d); err == nil {
			t.Errorf("unmarshal %s: no error", bad)
		}
	}
}

func TestParseDecimalAllocs(t *testing.T) {
	for _, s := range []string{"167.0104", "１２３．４５", "44,926"} {
		if n := testing.AllocsPerRun(100, func() { _, _ = ParseDecimal(s) }); n != 0 {
			t.Errorf("ParseDecimal(%q) allocates %v times", s, n)
		}
	}
}

func FuzzParseDecimal(f *testing.F) {
	for _, s := range []string{"167.0104", "137.01041", "-0.0", "1,670,104", "１２３．４５", ".5", "5.", "0.1234567", "9223372036854.775807", "1e5"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		d, err := ParseDecimal(s)
		if err != nil {
			if ErrorCode(err) != EINVALID || ErrorMessage(err) == "" {
				t.Fatalf("ParseDecimal(%q): error %v is not EINVALID with a message", s, err)
			}
			return
		}
		if !d.IsSet() || d.Places() < 0 || d.Places() > MaxPlaces {
			t.Fatalf("ParseDecimal(%q) = %+v", s, d)
		}
		str := d.String()
		back, err := ParseDecimal(str)
		if err != nil || back != d {
			t.Fatalf("%q → %q → %+v, %v; want the same value and places", s, str, back, err)
		}
		// The value agrees with strconv on what it read (within float precision).
		if f, err := strconv.ParseFloat(str, 64); err != nil || math.Abs(f-d.Float64()) > 1e-6*math.Max(1, math.Abs(f)) {
			t.Fatalf("%q: %v vs float %v (%v)", s, d.Float64(), f, err)
		}
		b, err := json.Marshal(d)
		if err != nil {
			t.Fatal(err)
		}
		var j Decimal
		if err := json.Unmarshal(b, &j); err != nil || j != d {
			t.Fatalf("JSON round trip of %q: %s → %+v, %v", s, b, j, err)
		}
		if sum := d.Add(d).Sub(d); !sum.Equal(d) {
			t.Fatalf("%q: d+d-d = %s", s, sum)
		}
	})
}
