package http

import (
	"context"
	"strconv"
	"strings"

	"jixiao"
	"jixiao/check"
	"jixiao/library"
)

// Rules of the indicator library's warnings among a plan's findings.
const (
	ruleLibraryRange    = "library.range"
	ruleLibraryLastYear = "library.lastYear"
)

// Explanations of the library's findings, also shown in the rule catalogue.
const (
	explainLibraryRange    = "指标库按已通过和已公开的绩效目标统计同类单位的指标值。这是供参考的依据，不是结论：指标值确有理由的，可以不改。"
	explainLibraryLastYear = "指标库从已通过和已公开的绩效自评中读取本单位上年的实际完成值。目标低于上年已经达到的水平，通常说明目标定得不够积极；确有理由的，可以不改。"
)

// libraryRuleViews are the library's rules for the catalogue (GET /rules), which the
// findings' 说明 link to.
func libraryRuleViews() []ruleView {
	return []ruleView{
		{ID: ruleLibraryRange, Title: "指标值远离同类单位的常见范围", Explanation: explainLibraryRange,
			Source: "指标库", Severity: string(check.Warning), Label: check.Warning.Label(), Icon: severityIcon(check.Warning)},
		{ID: ruleLibraryLastYear, Title: "指标值低于本单位上年的实际完成值（成本类为高于）", Explanation: explainLibraryLastYear,
			Source: "指标库", Severity: string(check.Warning), Label: check.Warning.Label(), Icon: severityIcon(check.Warning)},
	}
}

// withLibraryFindings returns r with the indicator library's warnings about p's targets
// added as warnings beside each target's cell (a target far outside the range of
// similar units; a target below the unit's actual of last year), with their numbers,
// so that the editors show them after a save and without the script that shows them
// while typing. r itself, which may be cached, is left alone. key names the library's
// stamp for the page's cache key ("" when the library could not be read: the page
// then shows the checks without it, and the log says why).
//
// stored says p is the stored version p.ID, p.Version (not a posted form shown unsaved):
// its result is then kept per version and library stamp, since neither changes it, and
// the plan's pages do not ask the library about every indicator again on every view.
func (s *Server) withLibraryFindings(ctx context.Context, p *jixiao.Plan, r *check.Report, stored bool) (*check.Report, string) {
	l, stamp, err := s.library.Current(ctx)
	if err != nil {
		s.log.Warn("indicator library not read for the plan's findings", "plan", p.ID, "err", err)
		return r, ""
	}
	key := "|lib" + strconv.FormatInt(stamp, 10)
	if !stored || p.ID == 0 || p.Version <= 0 {
		return libraryFindings(l, p, r), key
	}
	k := libReportKey{planKey{p.ID, p.Version}, stamp}
	if c, ok := s.libReports.get(k); ok {
		return c, key
	}
	c := libraryFindings(l, p, r)
	s.libReports.put(k, c)
	return c, key
}

// libReportKey names a stored plan version's report with the library's warnings: by the
// version and the library's stamp.
type libReportKey struct {
	plan  planKey
	stamp int64
}

// libraryFindings returns r with the warnings of l about p's targets (see
// withLibraryFindings), r itself when there are none.
func libraryFindings(l *library.Library, p *jixiao.Plan, r *check.Report) *check.Report {
	var add []check.Finding
	table := func(prefix string, ins []jixiao.Indicator) {
		for i := range ins {
			in := &ins[i]
			if strings.TrimSpace(in.Name) == "" {
				continue
			}
			for _, w := range l.CheckPlan(p, in.Name, in.Target) {
				f := check.Finding{Rule: ruleLibraryRange, Severity: check.Warning,
					Path:        prefix + "indicators[" + strconv.Itoa(i) + "].target",
					Message:     strings.TrimSuffix(w.Message, "。"),
					Explanation: explainLibraryRange}
				if w.Kind == library.WarnLastYear {
					f.Rule = ruleLibraryLastYear
					f.Explanation = explainLibraryLastYear
				}
				add = append(add, f)
			}
		}
	}
	table("", p.Indicators)
	for fi, f := range p.SpecialFunds {
		for ii, it := range f.Items {
			table("specialFunds["+strconv.Itoa(fi)+"].items["+strconv.Itoa(ii)+"].", it.Indicators)
		}
	}
	for k, pr := range p.Projects {
		table("projects["+strconv.Itoa(k)+"].", pr.Indicators)
	}
	if len(add) == 0 {
		return r
	}
	c := *r
	// Most serious first: the library's warnings go after the checks' errors and warnings.
	at := 0
	for at < len(r.Findings) && (r.Findings[at].Severity == check.Error || r.Findings[at].Severity == check.Warning) {
		at++
	}
	c.Findings = make([]check.Finding, 0, len(r.Findings)+len(add))
	c.Findings = append(append(append(c.Findings, r.Findings[:at]...), add...), r.Findings[at:]...)
	return &c
}
