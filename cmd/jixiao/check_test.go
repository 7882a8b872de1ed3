package main

import (
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestCheckSeedText(t *testing.T) {
	code, stdout, stderr := runParseCmd(t, "check", parseSeed, "--passes", "--explain")
	if code != 1 {
		t.Fatalf("exit %d, want 1 (the seed has errors); stderr %q", code, stderr)
	}
	for _, want := range []string{
		"指标体系：hunan-2021", "根据表格结构自动判断", "满意度列在效益指标之下",
		"错误（4）", "137.01041 + 30 = 167.01041 ≠ 资金总额 167.0104", "相差 0.1 元",
		"汇总表“…协调处理关系…”，附件3“…协调处理好各方面关系…”",
		"“选拨”应为“选拔”", "拆分为 7 个指标", "培训 ≥8次",
		"通过（", "6 + 2 = 8", "5 + 10 + 15 = 30 = 项目支出 30", "说明：",
		"位置：附件3“统战特别政治经费” › 实施期绩效目标",
	} {
		if !strings.Contains(stdout, want) {
			t.Errorf("output lacks %q", want)
		}
	}
}

func TestCheckSeedJSONNational(t *testing.T) {
	code, stdout, stderr := runParseCmd(t, "check", parseSeed, "--framework", "national-2021", "--format", "json")
	if code != 1 {
		t.Fatalf("exit %d; stderr %q", code, stderr)
	}
	var r struct {
		Framework, FrameworkSource string
		Findings                   []struct{ Rule, Severity, Path, Explanation string }
		Passes                     []any
	}
	if err := json.Unmarshal([]byte(stdout), &r); err != nil {
		t.Fatal(err)
	}
	if r.Framework != "national-2021" || r.FrameworkSource != "option" || r.Passes != nil {
		t.Errorf("framework %s (%s), passes %v", r.Framework, r.FrameworkSource, r.Passes)
	}
	n := 0
	for _, f := range r.Findings {
		if f.Rule == "framework.level2" {
			n++
		}
		if f.Explanation != "" {
			t.Errorf("explanation without --explain: %s", f.Rule)
		}
	}
	if n != 4 {
		t.Errorf("%d framework findings, want 4 (满意度 under 效益 in each table)", n)
	}
}

func TestCheckExitCodes(t *testing.T) {
	if code, _, stderr := runParseCmd(t, "check", "no-such-file.txt"); code != 2 || !strings.Contains(stderr, "无法打开") {
		t.Errorf("missing file: exit %d, stderr %q", code, stderr)
	}
	if code, _, stderr := runParseCmd(t, "check", parseSeed, "--framework", "mars-2099"); code != 2 || !strings.Contains(stderr, "未知的指标体系") {
		t.Errorf("unknown framework: exit %d, stderr %q", code, stderr)
	}
	if code, _, _ := runParseCmd(t, "check"); code != 2 {
		t.Errorf("no file: exit %d", code)
	}
}

func TestRulesAndFrameworksCommands(t *testing.T) {
	code, stdout, _ := runParseCmd(t, "rules")
	if code != 0 || !strings.Contains(stdout, "budget.spending-sum") || !strings.Contains(stdout, "amount.decimals") || !strings.Contains(stdout, "规则包 common") {
		t.Errorf("rules: exit %d\n%s", code, stdout)
	}
	code, stdout, _ = runParseCmd(t, "rules", "--format", "json")
	var rules []struct{ ID, Severity, Explanation string }
	if err := json.Unmarshal([]byte(stdout), &rules); err != nil || code != 0 || len(rules) < 30 {
		t.Errorf("rules json: exit %d, %d rules, %v", code, len(rules), err)
	}
	for _, r := range rules {
		if r.Explanation == "" {
			t.Errorf("rule %s without explanation", r.ID)
		}
	}
	code, stdout, _ = runParseCmd(t, "frameworks")
	for _, id := range []string{"hunan-2021", "national-2021", "cost-level1", "社会公众及服务对象满意度"} {
		if code != 0 || !strings.Contains(stdout, id) {
			t.Errorf("frameworks: exit %d, lacks %s", code, id)
		}
	}
}

var update = flag.Bool("update", false, "rewrite the golden files in testdata/")

// TestCheckSeedGolden holds the whole text report of the seed, with explanations and
// passes, under the framework chosen from the layout and under national-2021.
// Refresh with: go test ./cmd/jixiao/ -run TestCheckSeedGolden -update
func TestCheckSeedGolden(t *testing.T) {
	for _, c := range []struct {
		golden string
		args   []string
	}{
		{"check-seed.golden", []string{"check", parseSeed, "--explain", "--passes"}},
		{"check-seed-national.golden", []string{"check", parseSeed, "--framework", "national-2021"}},
	} {
		t.Run(c.golden, func(t *testing.T) {
			code, stdout, stderr := runParseCmd(t, c.args...)
			if code != 1 {
				t.Fatalf("exit %d, want 1; stderr %q", code, stderr)
			}
			path := filepath.Join("testdata", c.golden)
			if *update {
				if err := os.MkdirAll("testdata", 0o755); err != nil {
					t.Fatal(err)
				}
				if err := os.WriteFile(path, []byte(stdout), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			want, err := os.ReadFile(path)
			if err != nil {
				t.Fatalf("%v (run with -update to create it)", err)
			}
			if diff := cmp.Diff(string(want), stdout); diff != "" {
				t.Errorf("mismatch (-want +got):\n%s", diff)
			}
		})
	}
}

var nextFinding = regexp.MustCompile(`\n(  \d+\. |\S)`)

// TestCheckExplainEveryFinding: with --explain, every finding of the seed is followed by
// its explanation, line by line, under both frameworks.
func TestCheckExplainEveryFinding(t *testing.T) {
	for _, fw := range []string{"hunan-2021", "national-2021"} {
		_, js, _ := runParseCmd(t, "check", parseSeed, "--framework", fw, "--format", "json", "--explain")
		var r struct {
			Findings []struct{ Rule, Message, Explanation string }
		}
		if err := json.Unmarshal([]byte(js), &r); err != nil {
			t.Fatal(err)
		}
		_, text, _ := runParseCmd(t, "check", parseSeed, "--framework", fw, "--explain")
		if len(r.Findings) == 0 {
			t.Fatal("no findings")
		}
		for _, f := range r.Findings {
			if f.Explanation == "" {
				t.Errorf("%s: %s %q has no explanation", fw, f.Rule, f.Message)
				continue
			}
			var block strings.Builder
			block.WriteString(f.Message + "\n")
			i := strings.Index(text, block.String())
			if i < 0 {
				t.Errorf("%s: text lacks %q", fw, f.Message)
				continue
			}
			rest := text[i:]
			if end := nextFinding.FindStringIndex(rest); end != nil {
				rest = rest[:end[0]+1] // up to the next finding
			}
			for _, line := range strings.Split(f.Explanation, "\n") {
				if !strings.Contains(rest, "说明："+line+"\n") {
					t.Errorf("%s: %s %q printed without its explanation line %q in:\n%s", fw, f.Rule, f.Message, line, rest)
				}
			}
		}
		if code, plain, _ := runParseCmd(t, "check", parseSeed, "--framework", fw); code != 1 || strings.Contains(plain, "说明：") {
			t.Errorf("%s: explanations printed without --explain (exit %d)", fw, code)
		}
	}
}
