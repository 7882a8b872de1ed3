package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

const (
	monitorHubei    = "../../testdata/published/hubei-2019-monitor-huangshi-shenyi.txt"
	monitorCentral  = "../../selfeval/testdata/monitor/central-2021-project-monitor.txt"
	monitorProvince = "../../selfeval/testdata/monitor/province-2022-project-monitor.txt"
)

func TestMonitorCommand(t *testing.T) {
	tests := []struct {
		name string
		args []string
		code int
		want []string
	}{
		{"yellow only: exit 0", []string{monitorHubei}, 0, []string{"2019年截至6月底，序时进度 50.00%，执行率 39.80%", "黄色预警  第31行：截至6月底执行率 39.80%，低于序时进度 50.00% 超过 10 个百分点。",
			"黄色预警  第73行：“成本”的截至本期实际完成值“按进度执行,已使用约40%”无法与指标值“年度预算220万元”比较：请按指标值的写法填写数值和单位或定性结果。", "红色预警 0 条，黄色预警 2 条。"}},
		{"--as-of moves the cut-off: red", []string{monitorHubei, "--as-of", "2019-09"}, 1, []string{"序时进度 75.00%", "红色预警  第31行：截至9月底执行率 39.80%，低于序时进度 75.00% 超过 20 个百分点。"}},
		{"red: exit 1", []string{monitorCentral}, 1, []string{"红色预警  第32行：截至7月底执行率 25.00%", "“水样检测数量”全年预计完成值“380份”达不到指标值“≥400份”。"}},
		{"Hubei's categories", []string{monitorProvince, "--rules", "hubei-2020"}, 1, []string{"红色预警 1 条，黄色预警 6 条。",
			"黄色预警  第99行：“数字资源平台上线”的偏差原因类别“硬件条件保障”不在本地区的类别中（规划和目标设计、投入保障、制度保障、项目管理、其他）。",
			"黄色预警  第88行：“图书外借率”的完成目标可能性为“有可能”，但未填写完善措施（纠偏措施）。"}},
		{"the national categories", []string{monitorProvince}, 1, []string{"红色预警 1 条，黄色预警 5 条。", "红色预警 1 条，黄色预警 1 条。"}},
		{"early in the year nothing is behind", []string{monitorCentral, "--as-of", "2"}, 0, []string{"序时进度 16.67%", "红色预警 0 条，黄色预警 2 条。"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, stdout, stderr := runParseCmd(t, append([]string{"monitor"}, tt.args...)...)
			if code != tt.code {
				t.Errorf("exit %d, want %d; stderr %q\n%s", code, tt.code, stderr, stdout)
			}
			for _, w := range tt.want {
				if !strings.Contains(stdout, w) {
					t.Errorf("output lacks %q:\n%s", w, stdout)
				}
			}
		})
	}
}

func TestMonitorCommandJSON(t *testing.T) {
	code, stdout, stderr := runParseCmd(t, "monitor", monitorCentral, "--format", "json")
	if code != 1 {
		t.Fatalf("exit %d, want 1; stderr %q", code, stderr)
	}
	var r struct {
		Level  string
		Alerts []struct{ Rule, Level, Path, Where string }
		Record struct {
			Round struct{ Year, AsOf int }
			Funds []struct{ Executed, ForecastExecuted string }
		}
	}
	if err := json.Unmarshal([]byte(stdout), &r); err != nil {
		t.Fatalf("not JSON: %v\n%s", err, stdout)
	}
	if r.Level != "red" || len(r.Alerts) != 3 || r.Alerts[0].Path != "funds[0].executed" || r.Alerts[0].Where != "第32行" ||
		r.Record.Round.AsOf != 7 || r.Record.Funds[0].ForecastExecuted != "118" {
		t.Errorf("report = %+v", r)
	}
}

func TestMonitorCommandErrors(t *testing.T) {
	dir := t.TempDir()
	junk := filepath.Join(dir, "junk.txt")
	if err := os.WriteFile(junk, []byte(" \t随便写写\n\n\t没有表头\n\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, args := range [][]string{
		{"monitor", junk},
		{"monitor", filepath.Join(dir, "missing.txt")},
		{"monitor", monitorHubei, "--as-of", "2019-13"},
		{"monitor", monitorHubei, "--rules", "atlantis"},
		{"monitor", monitorHubei, "--format", "xml"},
	} {
		code, _, stderr := runParseCmd(t, args...)
		if code != 2 || !strings.Contains(stderr, "。") {
			t.Errorf("%v: exit %d, want 2 with a sentence; stderr %q", args, code, stderr)
		}
	}
}

// jixiao parse of a monitoring table prints the record.
func TestParseMonitoring(t *testing.T) {
	code, stdout, stderr := runParseCmd(t, "parse", monitorHubei)
	if code != 0 {
		t.Fatalf("exit %d; stderr %q", code, stderr)
	}
	var r struct {
		Title   string
		Project string
		Round   struct{ Year, AsOf int }
		Funds   []struct{ Name, Initial, Executed string }
	}
	if err := json.Unmarshal([]byte(stdout), &r); err != nil {
		t.Fatalf("not JSON: %v\n%s", err, stdout)
	}
	if r.Project != "申遗经费" || r.Round.AsOf != 6 || len(r.Funds) != 2 || r.Funds[0].Executed != "87.57" {
		t.Errorf("record = %+v", r)
	}
}

// --template writes the fill-in template of an approved plan, which jixiao monitor then
// reads: nothing filled, so no alert but the money not yet spent.
func TestMonitorTemplateCommand(t *testing.T) {
	out := filepath.Join(t.TempDir(), "monitor.xlsx")
	code, stdout, stderr := runParseCmd(t, "monitor", parseSeed, "--template", "--as-of", "2021-07", "-o", out)
	if code != 0 {
		t.Fatalf("exit %d; stderr %q\n%s", code, stderr, stdout)
	}
	code, stdout, stderr = runParseCmd(t, "monitor", out, "--format", "json")
	if code != 0 {
		t.Fatalf("exit %d; stderr %q\n%s", code, stderr, stdout)
	}
	var reps []struct {
		Level  string
		Record struct {
			Title string
			Round struct{ Year, AsOf int }
		}
	}
	if err := json.Unmarshal([]byte(stdout), &reps); err != nil {
		t.Fatalf("not JSON: %v\n%s", err, stdout)
	}
	if len(reps) < 2 || reps[0].Record.Title != "2021年部门整体支出绩效监控表" || reps[1].Record.Round.AsOf != 7 || reps[0].Level != "" {
		t.Errorf("reports = %+v", reps)
	}
	if code, _, stderr := runParseCmd(t, "monitor", parseSeed, "--template", "-o", out); code != 2 || !strings.Contains(stderr, "--as-of") {
		t.Errorf("no --as-of: exit %d, stderr %q", code, stderr)
	}
}

// -o writes the table in the official layout with the alerts on their cells.
func TestMonitorCommandHTML(t *testing.T) {
	out := filepath.Join(t.TempDir(), "m.html")
	code, _, stderr := runParseCmd(t, "monitor", monitorCentral, "-o", out)
	if code != 1 {
		t.Fatalf("exit %d, want 1; stderr %q", code, stderr)
	}
	b, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"项目支出绩效目标执行监控表", "class=\"jx-num jx-red\" title=\"截至7月底执行率 25.00%", "黄色预警：“水样检测数量”全年预计完成值“380份”达不到指标值“≥400份”。"} {
		if !strings.Contains(string(b), want) {
			t.Errorf("HTML lacks %q", want)
		}
	}
}
