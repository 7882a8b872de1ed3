package xlsx

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"

	"jixiao"
)

// variant perturbs the seed plan into the i-th test plan: amounts with 0–6 places or
// empty, derived and written summary rows, several funds (one without items), long and
// duplicate item names (sheet names are cut to 31 characters), empty cells, multi-line
// cells, codes, frameworks and links. It stands in for gen.Region where that is absent.
func variant(seed *jixiao.Plan, i int) *jixiao.Plan {
	rng := rand.New(rand.NewPCG(uint64(i), 42))
	p := clonePlan(seed)
	amt := func() jixiao.Amount {
		if rng.IntN(8) == 0 {
			return jixiao.Amount{}
		}
		places := rng.IntN(7)
		return jixiao.NewDecimal(rng.Int64N(100_000_000), places)
	}
	p.Year = 2019 + rng.IntN(8)
	p.Department = fmt.Sprintf("%s第%d分部", p.Department, i)
	if i%3 == 0 {
		p.Submitter = ""
	}
	if i%2 == 0 {
		p.DepartmentCode = fmt.Sprintf("8%05d", i)
		p.Framework = []string{"hunan-2021", "national-2021"}[i%4/2]
	}
	p.Budget = jixiao.Budget{Total: amt(), GeneralBudget: amt(), GovFund: amt(), OtherFunds: amt(), Basic: amt(), Project: amt()}
	p.FundsTotal = amt()
	if i%5 == 0 {
		p.Duties = "第一行\n第二行：带冒号\n  缩进的第三行"
	}
	if i%7 == 0 {
		p.KeyTasks = nil
	}
	// Indicators: reorder, blank some cells, repeat levels.
	rng.Shuffle(len(p.Indicators), func(a, b int) { p.Indicators[a], p.Indicators[b] = p.Indicators[b], p.Indicators[a] })
	for k := range p.Indicators {
		in := &p.Indicators[k]
		switch rng.IntN(10) {
		case 0:
			*in = jixiao.NewIndicator(in.Level1, in.Level2, in.Name, "", "")
		case 1:
			*in = jixiao.NewIndicator(in.Level1, in.Level2, in.Name, fmt.Sprintf("≥%d%%", rng.IntN(100)), "备注"+fmt.Sprint(k))
		case 2:
			*in = jixiao.NewIndicator(in.Level1, "", in.Name, "≤5万元", "")
		}
	}
	// Funds: one to four, the last possibly without items; items copied from the seed.
	var items []jixiao.FundItem
	for _, f := range seed.SpecialFunds {
		items = append(items, f.Items...)
	}
	nf := 1 + rng.IntN(4)
	p.SpecialFunds = nil
	for f := range nf {
		fund := jixiao.SpecialFund{Name: fmt.Sprintf("专项资金%d", f+1), Amount: amt()}
		ni := rng.IntN(4)
		if f == 0 {
			ni = 1 + rng.IntN(4)
		}
		for k := range ni {
			it := cloneItem(items[rng.IntN(len(items))])
			it.Amount = amt()
			switch rng.IntN(4) {
			case 0:
				it.Summary = nil
			case 1:
				it.Summary = &jixiao.FundItemSummary{No: fmt.Sprint(k + 1), Amount: amt(), PeriodGoal: "汇总表写的目标", AnnualGoal: it.AnnualGoal}
			case 2:
				if it.Summary == nil {
					s := derivedSummary(&it, k+1)
					it.Summary = &s
				}
			}
			if rng.IntN(3) == 0 {
				it.Name = strings.Repeat("很长的支出方向名称", 4) // > 31 characters, repeated
			}
			if rng.IntN(5) == 0 {
				it.Period, _ = jixiao.ParsePeriod(fmt.Sprintf("%d.%d-%d.12", p.Year, 1+rng.IntN(12), p.Year))
			}
			fund.Items = append(fund.Items, it)
		}
		p.SpecialFunds = append(p.SpecialFunds, fund)
	}
	if i%4 == 1 {
		p.Links = []jixiao.RollupLink{{Department: "indicators[0].target.parts[0]", Items: []string{"specialFunds[0].items[0].indicators[0].target.parts[0]"}, Confirmed: true}}
	}
	return p
}

func clonePlan(p *jixiao.Plan) *jixiao.Plan {
	c := *p
	c.KeyTasks = append([]jixiao.KeyTask(nil), p.KeyTasks...)
	c.Indicators = append([]jixiao.Indicator(nil), p.Indicators...)
	c.SpecialFunds = nil
	for _, f := range p.SpecialFunds {
		nf := f
		nf.Items = nil
		for _, it := range f.Items {
			nf.Items = append(nf.Items, cloneItem(it))
		}
		c.SpecialFunds = append(c.SpecialFunds, nf)
	}
	return &c
}

func cloneItem(it jixiao.FundItem) jixiao.FundItem {
	it.Indicators = append([]jixiao.Indicator(nil), it.Indicators...)
	if it.Summary != nil {
		s := *it.Summary
		it.Summary = &s
	}
	return it
}

func TestRoundTripVariants(t *testing.T) {
	seed := seedPlan(t)
	n := 200
	if testing.Short() {
		n = 20
	}
	for i := range n {
		want := variant(seed, i)
		got, err := Read(fmt.Sprintf("v%d.xlsx", i), writeBytes(t, want))
		if err != nil {
			t.Fatalf("plan %d: Read: %v", i, err)
		}
		t.Run(fmt.Sprint(i), func(t *testing.T) { samePlan(t, want, got) })
	}
}
