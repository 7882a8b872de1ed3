package check

import (
	"strconv"
	"strings"
)

// hunk is one place where two texts differ: a[a0:a1] was replaced by b[b0:b1].
type hunk struct{ a0, a1, b0, b1 int }

// diffRunes compares two texts rune by rune (longest common subsequence) and returns the
// places where they differ. Differences separated by fewer than minEqual equal runes are
// merged, so that a coincidental common character (实践 / 实施) does not split a hunk.
func diffRunes(a, b []rune, minEqual int) []hunk { return diffRunesBuf(a, b, minEqual, nil) }

// diffRunesBuf is diffRunes with a reusable table (nil: allocate one).
func diffRunesBuf(a, b []rune, minEqual int, scratch *[]int32) []hunk {
	// Common prefix and suffix first: most differences are short edits in long texts.
	p := 0
	for p < len(a) && p < len(b) && a[p] == b[p] {
		p++
	}
	q := 0
	for q < len(a)-p && q < len(b)-p && a[len(a)-1-q] == b[len(b)-1-q] {
		q++
	}
	am, bm := a[p:len(a)-q], b[p:len(b)-q]
	if len(am) == 0 && len(bm) == 0 {
		return nil
	}
	if len(am) == 0 || len(bm) == 0 || len(am)*len(bm) > 4_000_000 {
		return []hunk{{p, len(a) - q, p, len(b) - q}}
	}
	// LCS table over the middle parts.
	n, m := len(am), len(bm)
	var L []int32
	if need := (n + 1) * (m + 1); scratch != nil && cap(*scratch) >= need {
		L = (*scratch)[:need]
		clear(L)
	} else {
		L = make([]int32, need)
		if scratch != nil {
			*scratch = L
		}
	}
	w := m + 1
	for i := n - 1; i >= 0; i-- {
		for j := m - 1; j >= 0; j-- {
			if am[i] == bm[j] {
				L[i*w+j] = L[(i+1)*w+j+1] + 1
			} else if L[(i+1)*w+j] >= L[i*w+j+1] {
				L[i*w+j] = L[(i+1)*w+j]
			} else {
				L[i*w+j] = L[i*w+j+1]
			}
		}
	}
	var hs []hunk
	i, j := 0, 0
	cur := hunk{-1, -1, -1, -1}
	flush := func() {
		if cur.a0 >= 0 {
			hs = append(hs, hunk{cur.a0 + p, cur.a1 + p, cur.b0 + p, cur.b1 + p})
			cur = hunk{-1, -1, -1, -1}
		}
	}
	for i < n || j < m {
		if i < n && j < m && am[i] == bm[j] {
			flush()
			i++
			j++
			continue
		}
		if cur.a0 < 0 {
			cur = hunk{i, i, j, j}
		}
		if j < m && (i == n || L[i*w+j+1] >= L[(i+1)*w+j]) {
			j++
		} else {
			i++
		}
		cur.a1, cur.b1 = i, j
	}
	flush()
	// Merge hunks separated by short equal runs.
	out := hs[:0]
	for _, h := range hs {
		if len(out) > 0 {
			last := &out[len(out)-1]
			if h.a0-last.a1 < minEqual {
				last.a1, last.b1 = h.a1, h.b1
				continue
			}
		}
		out = append(out, h)
	}
	return out
}

// textDiff describes where two texts differ, in Chinese, showing up to max places with a
// little context: 汇总表“协调处理关系”，附件3“协调处理好各方面关系”.
func textDiff(summary, detail string, max int) string {
	return textDiffBuf(summary, detail, max, nil)
}

func textDiffBuf(summary, detail string, max int, scratch *[]int32) string {
	a, b := []rune(summary), []rune(detail)
	hs := diffRunesBuf(a, b, 4, scratch)
	var sb strings.Builder
	for k, h := range hs {
		if k == max {
			sb.WriteString("；另有 " + strconv.Itoa(len(hs)-max) + " 处不同")
			break
		}
		if k > 0 {
			sb.WriteString("；")
		}
		beforeA, beforeB := max0(h.a0-4, 0), max0(h.b0-4, 0)
		afterA := min(h.a1+2, len(a))
		afterB := min(h.b1+2, len(b))
		sb.WriteString("汇总表“")
		if beforeA > 0 {
			sb.WriteString("…")
		}
		sb.WriteString(clip(string(a[beforeA:afterA]), 40))
		if afterA < len(a) {
			sb.WriteString("…")
		}
		sb.WriteString("”，附件3“")
		if beforeB > 0 {
			sb.WriteString("…")
		}
		sb.WriteString(clip(string(b[beforeB:afterB]), 40))
		if afterB < len(b) {
			sb.WriteString("…")
		}
		sb.WriteString("”")
	}
	return sb.String()
}

func max0(a, b int) int {
	if a > b {
		return a
	}
	return b
}

// clip shortens a text to n runes, keeping its start and end.
func clip(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	h := n / 2
	return string(r[:h]) + "……" + string(r[len(r)-h:])
}
