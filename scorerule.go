package jixiao

import (
	"strings"
	"time"
)

// ScoreRuleChoice is the scoring rule (an ID of score/rules, e.g. national-2020) a
// region's finance bureau chose for a year's self-evaluations of its departments
// (RegionID, the bureau's department, and its subtree).
type ScoreRuleChoice struct {
	RegionID int64     `json:"regionId"`
	Year     int       `json:"year"`
	Rule     string    `json:"rule"`
	SetBy    string    `json:"setBy"`
	Set      time.Time `json:"set"`
}

// Validate checks what the store can: a year and a rule named. Whether the rule exists
// is the caller's to check (score.Lookup).
func (c *ScoreRuleChoice) Validate() error {
	if c.Year < 1900 || c.Year > 2200 {
		return Errorf(EINVALID, "评分规则的年度“%d”不是有效的年份。", c.Year)
	}
	if strings.TrimSpace(c.Rule) == "" || len(c.Rule) > 100 {
		return Errorf(EINVALID, "请选择评分规则。")
	}
	return nil
}
