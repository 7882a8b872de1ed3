package jixiao

import (
	"context"
	"time"
)

// StoredRound is a 监控轮次 the finance bureau opened: a year and a cut-off (截至7月底),
// a deadline for the units, the warning rules it is judged by, and the region (the
// opener's department and its subtree) whose approved plans it covers.
type StoredRound struct {
	ID int64 `json:"id"`
	MonitoringRound
	Deadline     time.Time `json:"deadline"`
	Rules        string    `json:"rules"`        // the warning rules' id, e.g. national-2019
	DepartmentID int64     `json:"departmentId"` // the region's top: the finance bureau's department
	OpenedBy     string    `json:"openedBy"`
	Status       string    `json:"status"` // RoundOpen or RoundClosed
	Created      time.Time `json:"created"`
	Records      int       `json:"records"` // how many records the round made
}

// Round states.
const (
	RoundOpen   = "open"
	RoundClosed = "closed"
)

// Alert levels of a stored record, computed by the caller (package monitor) on every save
// and kept so that the board reads them without recomputing.
const (
	LevelNone   = ""       // not filled yet
	LevelGreen  = "green"  // filled, no alert
	LevelYellow = "yellow" // 黄色预警
	LevelRed    = "red"    // 红色预警
)

// StoredMonitoring is the stored monitoring record (绩效监控表) of one table of an approved
// plan for one round: Table 0 is the department table, i ≥ 1 the i-th of
// NewMonitoringRecords (the plan's projects in order). It is made from the plan's
// approved version, whose targets it keeps read-only, and goes through the review
// workflow (draft → submitted → unit_approved → approved, returned with a reason: 督促整改),
// each save a new immutable revision.
type StoredMonitoring struct {
	ID           int64            `json:"id"`
	RoundID      int64            `json:"roundId"`
	PlanID       int64            `json:"planId"`
	PlanVersion  int              `json:"planVersion"` // the approved plan version the targets come from
	DepartmentID int64            `json:"departmentId"`
	Department   string           `json:"department"` // the department's registered name (read only)
	Year         int              `json:"year"`
	Table        int              `json:"table"`
	Status       Status           `json:"status"`
	Version      int              `json:"version"` // the version it was read at
	Level        string           `json:"level"`   // LevelGreen …; set by the caller on save
	Alerts       int              `json:"alerts"`  // how many alerts; set by the caller on save
	Record       MonitoringRecord `json:"record"`
	Updated      time.Time        `json:"updated"`
	UpdatedBy    string           `json:"updatedBy"`
}

// MonitoringStep is one recorded workflow step of a monitoring record.
type MonitoringStep struct {
	ID       int64     `json:"id"`
	RecordID int64     `json:"recordId"`
	Version  int       `json:"version"` // the version acted on
	Result   int       `json:"result"`  // the version the step created (set by the store)
	Action   Action    `json:"action"`
	From     Status    `json:"from"`
	To       Status    `json:"to"`
	Actor    string    `json:"actor"`
	Reason   string    `json:"reason"`
	Created  time.Time `json:"created"`
}

// Adjustment is a 调整 proposed from a monitoring record: the plan, approved at
// FromVersion, reopened as the draft Draft (the plan's ActAdjust step), to go through
// the review again and become a new approved version.
type Adjustment struct {
	ID          int64     `json:"id"`
	RecordID    int64     `json:"recordId"`
	PlanID      int64     `json:"planId"`
	FromVersion int       `json:"fromVersion"` // the approved version the record was filed against
	Draft       int       `json:"draft"`       // the plan version the adjustment opened
	Actor       string    `json:"actor"`
	Reason      string    `json:"reason"`
	Created     time.Time `json:"created"`
}

// MonitoringFilter selects the records of a round on the board.
type MonitoringFilter struct {
	RoundID  int64
	RegionID int64  // only departments at or under this one (0: all)
	Level    string // LevelRed …, "none" for not filled, "" for every level
	Status   Status // "" for every state
	Query    string // a department's name or code, or a project's name, contains it
	Limit    int    // rows to return (0: 200); the counts are of every matching record
}

// MonitoringBoard is the board of one round: counts by level and state of every record
// the filter's region and round hold, and the first rows matching the filter.
type MonitoringBoard struct {
	Total    int            `json:"total"`    // records matching the filter
	ByLevel  map[string]int `json:"byLevel"`  // of the region's records; key "" for not filled
	ByStatus map[Status]int `json:"byStatus"` // of the region's records
	Rows     []MonitoringRow
}

// MonitoringRow is one record on the board, without its document.
type MonitoringRow struct {
	ID           int64     `json:"id"`
	PlanID       int64     `json:"planId"`
	DepartmentID int64     `json:"departmentId"`
	Code         string    `json:"code"`
	Department   string    `json:"department"`
	Table        int       `json:"table"`
	Project      string    `json:"project"` // "" for the department table
	Status       Status    `json:"status"`
	Level        string    `json:"level"`
	Alerts       int       `json:"alerts"`
	Version      int       `json:"version"`
	Updated      time.Time `json:"updated"`
}

// MonitoringUnit is one department on the board's summary by unit: how many of its
// records are at each level (key "" for not filled).
type MonitoringUnit struct {
	DepartmentID int64          `json:"departmentId"`
	Code         string         `json:"code"`
	Department   string         `json:"department"`
	ByLevel      map[string]int `json:"byLevel"`
}

// Worst is the unit's worst level: red, yellow, green, or "" when nothing is filled.
func (u MonitoringUnit) Worst() string {
	for _, l := range []string{LevelRed, LevelYellow, LevelGreen} {
		if u.ByLevel[l] > 0 {
			return l
		}
	}
	return LevelNone
}

// MonitoringService keeps the monitoring rounds, their records, revisions, workflow
// steps and the adjustments proposed from them.
type MonitoringService interface {
	// OpenMonitoringRound stores the round r and makes the empty records
	// (NewMonitoringRecords) of every approved plan of r.Year in the region of
	// r.DepartmentID, from each plan's approved version; it sets r.ID, r.Created and
	// r.Records. EINVALID when the region already has a round for that year and month.
	OpenMonitoringRound(ctx context.Context, r *StoredRound) error
	// MonitoringRounds lists the rounds of a year (0: every year), newest first.
	MonitoringRounds(ctx context.Context, year int) ([]*StoredRound, error)
	MonitoringRoundByID(ctx context.Context, id int64) (*StoredRound, error)
	// CloseMonitoringRound ends round id (结束本轮监控) and returns it: its records become
	// read-only for everyone (SaveMonitoring, TransitionMonitoring and
	// ProposeAdjustment refuse with ELOCKED). ECONFLICT when it was closed already.
	CloseMonitoringRound(ctx context.Context, id int64) (*StoredRound, error)
	// PlanMonitoring lists the records of a plan, by round then table.
	PlanMonitoring(ctx context.Context, planID int64) ([]*StoredMonitoring, error)
	MonitoringEntry(ctx context.Context, id int64) (*StoredMonitoring, error)
	// SaveMonitoring saves m.Record, m.Level and m.Alerts over record m.ID if it is
	// still at m.Version and editable (draft or returned), as a new revision, and sets
	// m.Version; ECONFLICT on a stale version, ELOCKED when not editable, EINVALID when
	// a target (indicator, level or 指标值) differs from the record's.
	SaveMonitoring(ctx context.Context, m *StoredMonitoring, info SaveInfo) error
	// MonitoringRevisions lists the saved versions (Revision.PlanID holds the record's ID).
	MonitoringRevisions(ctx context.Context, id int64) ([]Revision, error)
	// MonitoringAt returns the record as saved at version.
	MonitoringAt(ctx context.Context, id int64, version int) (*StoredMonitoring, error)
	// TransitionMonitoring records step and moves the record to step.To as a new
	// revision if it is still at step.Version and in state step.From; ECONFLICT
	// otherwise. The caller has checked NextStatus and the rights.
	TransitionMonitoring(ctx context.Context, step *MonitoringStep) (int, error)
	MonitoringSteps(ctx context.Context, id int64) ([]MonitoringStep, error)
	// MonitoringBoardOf reads the board of a round.
	MonitoringBoardOf(ctx context.Context, f MonitoringFilter) (*MonitoringBoard, error)
	// MonitoringUnits summarises the board by department: the f.Limit first of the
	// departments of f.RegionID with records in round f.RoundID (f.Query: whose name or
	// code contains it), worst first then by code, and how many there are in all.
	MonitoringUnits(ctx context.Context, f MonitoringFilter) ([]MonitoringUnit, int, error)
	// ProposeAdjustment reopens the record's plan as a draft (the plan's ActAdjust step,
	// taken by a.Actor on plan version planVersion) and links it to the record, in one
	// transaction; ECONFLICT when the plan is no longer at that version or not approved
	// or published. It sets a.ID, a.FromVersion, a.Draft and a.Created.
	ProposeAdjustment(ctx context.Context, a *Adjustment, planVersion int) error
	// Adjustments lists the adjustments proposed from a record, oldest first.
	Adjustments(ctx context.Context, recordID int64) ([]Adjustment, error)
}

// SameProgressTargets reports the first indicator whose 一级/二级/三级 or 指标值 differs
// between a and b (-1 when none, or len when the counts differ): targets come from the
// approved plan and are read-only in a monitoring record; they change by adjustment.
func SameProgressTargets(a, b []IndicatorProgress) int {
	if len(a) != len(b) {
		return min(len(a), len(b))
	}
	for i := range a {
		x, y := &a[i].Indicator, &b[i].Indicator
		if x.Level1 != y.Level1 || x.Level2 != y.Level2 || x.Name != y.Name || x.Target.Text != y.Target.Text {
			return i
		}
	}
	return -1
}
