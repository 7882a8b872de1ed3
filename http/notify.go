package http

import (
	"context"
	"fmt"
	"strconv"

	"jixiao"
)

// Notifications: every workflow step, return, comment and reminder becomes an in-app
// message (jixiao.MessageService) to the people who act next. A message that cannot be
// stored never undoes the step it reports: it is logged for the operator.

// recipients are the users of department deptID with one of the roles; reviewers are
// those whose region (their department's subtree) holds the department.
func (s *Server) recipients(ctx context.Context, dept *jixiao.Department, roles ...jixiao.Role) ([]*jixiao.User, error) {
	us, err := s.store.Users(ctx)
	if err != nil {
		return nil, err
	}
	want := map[jixiao.Role]bool{}
	for _, r := range roles {
		want[r] = true
	}
	var above map[int64]bool
	var out []*jixiao.User
	for _, u := range us {
		if u.Disabled || !want[u.Role] {
			continue
		}
		if u.Role != jixiao.RoleReviewer {
			if u.DepartmentID == dept.ID {
				out = append(out, u)
			}
			continue
		}
		if above == nil {
			if above, err = s.ancestors(ctx, dept); err != nil {
				return nil, err
			}
		}
		if above[u.DepartmentID] {
			out = append(out, u)
		}
	}
	return out, nil
}

// ancestors is the set of the department and every department above it.
func (s *Server) ancestors(ctx context.Context, d *jixiao.Department) (map[int64]bool, error) {
	out := map[int64]bool{d.ID: true}
	for id := d.ParentID; id != 0 && !out[id]; {
		out[id] = true
		p, err := s.store.Department(ctx, id)
		if err != nil {
			return nil, err
		}
		id = p.ParentID
	}
	return out, nil
}

// send stores one message per recipient; a failure is logged, never returned.
func (s *Server) send(ctx context.Context, to []*jixiao.User, m jixiao.Message) int {
	ms := make([]*jixiao.Message, 0, len(to))
	for _, u := range to {
		mm := m
		mm.UserID = u.ID
		ms = append(ms, &mm)
	}
	if err := s.store.SendMessages(ctx, ms); err != nil {
		s.log.Error("send messages", "kind", m.Kind, "err", err)
		return 0
	}
	s.mailOut(ctx, ms)
	return len(ms)
}

// notifyStep tells the next people about a workflow step on plan p of dept.
func (s *Server) notifyStep(ctx context.Context, c *reqCtx, p *jixiao.Plan, dept *jixiao.Department, a jixiao.Action, reason string) {
	if dept == nil {
		return
	}
	var roles []jixiao.Role
	switch a {
	case jixiao.ActSubmit:
		roles = []jixiao.Role{jixiao.RoleLeader}
	case jixiao.ActUnitApprove:
		roles = []jixiao.Role{jixiao.RoleReviewer}
	case jixiao.ActUnitReturn, jixiao.ActApprove, jixiao.ActReturn, jixiao.ActPublish, jixiao.ActAdjust:
		roles = []jixiao.Role{jixiao.RoleFiller, jixiao.RoleLeader}
	default:
		return
	}
	to, err := s.recipients(ctx, dept, roles...)
	if err != nil {
		s.log.Error("message recipients", "plan", p.ID, "err", err)
		return
	}
	m := jixiao.Message{Kind: string(a), Link: "/plans/" + strconv.FormatInt(p.ID, 10), Sender: c.user.Name,
		Subject: fmt.Sprintf("%s%d年绩效目标：%s", dept.Name, p.Year, a.Label())}
	m.Body = fmt.Sprintf("%s对%s的%d年绩效目标执行了“%s”。", c.user.Name, dept.Name, p.Year, a.Label())
	if reason != "" {
		m.Body += "理由：" + reason
	}
	s.send(ctx, without(to, c.user.ID), m)
}

// without leaves the acting user out: nobody is told what they did themselves.
func without(us []*jixiao.User, id int64) []*jixiao.User {
	out := us[:0:0]
	for _, u := range us {
		if u.ID != id {
			out = append(out, u)
		}
	}
	return out
}

// remind sends a reminder (催报) to the fillers and leaders of each selected department
// of the user's region (form values: department ids); it returns how many departments
// it reached.
func (s *Server) remind(ctx context.Context, c *reqCtx, ids []string, note string) (int, error) {
	k, err := s.cockpit(ctx, c, 0)
	if err != nil {
		return 0, err
	}
	n := 0
	for _, v := range ids {
		id, err := strconv.ParseInt(v, 10, 64)
		if err != nil {
			continue
		}
		d, ok := k.depts[id]
		if !ok {
			continue // not in the user's region
		}
		m := jixiao.Message{Kind: "remind", Link: "/plans", Sender: c.user.Name,
			Subject: "催报：请尽快填报并提交绩效目标"}
		m.Body = fmt.Sprintf("%s提醒%s尽快完成绩效目标的填报和提交。", c.user.Name, d.Name)
		if k.Deadline != nil {
			m.Body += "报送截止时间：" + localTime(k.Deadline.Due) + "。"
		}
		if note != "" {
			m.Body += note
		}
		if ok, err := s.remindOne(ctx, d, m); err != nil {
			return n, err
		} else if ok {
			n++
		}
	}
	return n, nil
}

// remindOne sends the reminder m to the fillers and leaders of department d; it reports
// whether anyone got it.
func (s *Server) remindOne(ctx context.Context, d *jixiao.Department, m jixiao.Message) (bool, error) {
	to, err := s.recipients(ctx, d, jixiao.RoleFiller, jixiao.RoleLeader)
	if err != nil {
		return false, err
	}
	return len(to) > 0 && s.send(ctx, to, m) > 0, nil
}

// notifyComment tells the unit's fillers of a reviewer's comment on a cell.
func (s *Server) notifyComment(ctx context.Context, c *reqCtx, p *jixiao.Plan, dept *jixiao.Department, path, body string) {
	if dept == nil {
		return
	}
	s.tellFillers(ctx, c, dept, jixiao.Message{Kind: "comment", Link: fmt.Sprintf("/plans/%d#comments", p.ID),
		Subject: fmt.Sprintf("%s%d年绩效目标有新的审核意见", dept.Name, p.Year),
		Body:    fmt.Sprintf("%s对“%s”提出审核意见：%s", c.user.Name, place(path), body)})
}

// tellFillers sends m, from the user of c, to the fillers of dept but the user.
func (s *Server) tellFillers(ctx context.Context, c *reqCtx, dept *jixiao.Department, m jixiao.Message) {
	to, err := s.recipients(ctx, dept, jixiao.RoleFiller)
	if err != nil {
		s.log.Error("message recipients", "department", dept.ID, "err", err)
		return
	}
	m.Sender = c.user.Name
	s.send(ctx, without(to, c.user.ID), m)
}
