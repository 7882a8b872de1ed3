package jixiao

// OtherColumns are the headers of the columns ins keep in Indicator.Other (江苏's
// 半年(程)指标值, 黄石's 2021年实际实现值), as written, in the order they first appear: the
// extra columns a table of ins shows after the national ones. A header a row has twice is
// there twice, so that no value is lost.
func OtherColumns(ins []Indicator) []string {
	var out []string
	for _, in := range ins {
		seen := map[string]int{}
		for _, o := range in.Other {
			seen[o.Label]++
			if count(out, o.Label) < seen[o.Label] {
				out = append(out, o.Label)
			}
		}
	}
	return out
}

// OtherValues are in's values under cols (as OtherColumns makes them), "" where it has
// none: the n-th column of a header holds the row's n-th value under it.
func (in Indicator) OtherValues(cols []string) []string {
	out := make([]string, len(cols))
	for j, c := range cols {
		n := count(cols[:j], c)
		for _, o := range in.Other {
			if o.Label != c {
				continue
			}
			if n == 0 {
				out[j] = o.Value
				break
			}
			n--
		}
	}
	return out
}

func count(s []string, v string) int {
	n := 0
	for _, x := range s {
		if x == v {
			n++
		}
	}
	return n
}
