package http_test

import (
	"fmt"
	"regexp"
	"strings"
	"testing"
)

// TestFindingsNamePlaces: in the department editor, the summary names each finding's
// cell in words (部门整体表 · 年度绩效指标 · 第N行 …), never leaving the reader to guess
// which row a message is about, and no code path appears in a finding.
func TestFindingsNamePlaces(t *testing.T) {
	f := newFixture(t)
	c := f.login("filler")
	st, body := c.get(fmt.Sprintf("/plans/%d/department", f.demo))
	if st != 200 {
		t.Fatalf("editor: %d", st)
	}
	summary := regexp.MustCompile(`<small>（(部门整体表 · [^）]+)）</small>`).FindAllStringSubmatch(body, -1)
	if len(summary) == 0 {
		t.Fatal("the findings summary names no cell in words")
	}
	for _, m := range summary {
		if strings.ContainsAny(m[1], "[]") || strings.Contains(m[1], "indicators") {
			t.Errorf("a finding's place is a code path: %q", m[1])
		}
	}
	if !strings.Contains(body, "部门整体表 · 年度绩效指标 · 第") {
		t.Error("no finding names an indicator row in words")
	}
}
