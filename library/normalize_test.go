package library

import (
	"bufio"
	"fmt"
	"os"
	"strings"
	"testing"
	"time"
)

// pair is one labelled row of testdata/published/indicator-pairs.tsv.
type pair struct {
	A, B    string
	Same    bool
	Cluster int // index of the note's reason, in order of first appearance
}

// readPairs reads the labelled pairs. A cluster is the pairs that share the note's
// reason (the text before " [a:"); every 5th cluster (index%5 == 4) is held out: it was
// not looked at while the vocabulary was tuned.
func readPairs(t testing.TB) []pair {
	return readPairsFile(t, "../testdata/published/indicator-pairs.tsv")
}

// readPairsFile reads a file of labelled pairs (a, b, same, note).
func readPairsFile(t testing.TB, name string) []pair {
	f, err := os.Open(name)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var out []pair
	clusters := map[string]int{}
	sc := bufio.NewScanner(f)
	for first := true; sc.Scan(); {
		if strings.HasPrefix(sc.Text(), "#") {
			continue // comments: the labelling rule and the sources
		}
		if first {
			first = false
			continue // the header
		}
		c := strings.Split(sc.Text(), "\t")
		if len(c) < 4 {
			t.Fatalf("bad row %q", sc.Text())
		}
		reason, _, _ := strings.Cut(c[3], " [a:")
		k, ok := clusters[reason]
		if !ok {
			k = len(clusters)
			clusters[reason] = k
		}
		out = append(out, pair{A: c[0], B: c[1], Same: c[2] == "1", Cluster: k})
	}
	return out
}

func heldOut(p pair) bool { return p.Cluster%5 == 4 }

type score struct{ TP, FP, FN, TN int }

func (s score) precision() float64 { return float64(s.TP) / float64(s.TP+s.FP) }
func (s score) recall() float64    { return float64(s.TP) / float64(s.TP+s.FN) }

// add counts one pair: got is what Same said, want the label.
func (s *score) add(got, want bool) {
	switch {
	case got && want:
		s.TP++
	case got && !want:
		s.FP++
	case !got && want:
		s.FN++
	default:
		s.TN++
	}
}

func (s score) plus(o score) score {
	return score{s.TP + o.TP, s.FP + o.FP, s.FN + o.FN, s.TN + o.TN}
}

func (s score) pairs() int { return s.TP + s.FP + s.FN + s.TN }

func (s score) String() string {
	return fmt.Sprintf("pairs=%d same=%d: precision %.3f, recall %.3f (TP %d FP %d FN %d TN %d)",
		s.pairs(), s.TP+s.FN, s.precision(), s.recall(), s.TP, s.FP, s.FN, s.TN)
}

// TestPairsPrecisionRecall measures "same" on the labelled real pairs: all of them,
// the tuning part and the held-out part. It fails below precision 0.95 or recall 0.8
// on all the pairs.
func TestPairsPrecisionRecall(t *testing.T) {
	n := NewNormalizer(nil)
	var all, tune, hold score
	for _, p := range readPairs(t) {
		got := n.Same(p.A, p.B)
		all.add(got, p.Same)
		map[bool]*score{true: &hold, false: &tune}[heldOut(p)].add(got, p.Same)
		if got != p.Same && !heldOut(p) {
			t.Logf("wrong: %s | %s (want same=%v): %s | %s", p.A, p.B, p.Same, n.Normal(p.A), n.Normal(p.B))
		}
	}
	for _, r := range []struct {
		name string
		s    score
	}{{"all", all}, {"tuning", tune}, {"held-out", hold}} {
		t.Logf("%-8s %v", r.name, r.s)
	}
	if all.precision() < 0.95 || all.recall() < 0.8 {
		t.Errorf("precision %.3f recall %.3f: want ≥ 0.95 and ≥ 0.8", all.precision(), all.recall())
	}
}

// TestHeldOutPairs measures "same" on indicator-pairs-heldout.tsv: 106 pairs labelled
// after the vocabulary was tuned, from names the tuning pairs do not hold (or pairs of
// them that were never labelled). Its first measurement, before anything was changed,
// was precision 1.000, recall 0.625 (TP 5 FP 0 FN 3 TN 98); the three misses were then
// looked at and two vocabulary words added (当年/本年 restate the year, like 年度; a name
// that is only 资金投入 is the project's money, like 金额), so the file is no longer
// unseen: it now guards precision. The goal is checked on precision only, since 8 same
// pairs are too few for recall to be more than an indication.
func TestHeldOutPairs(t *testing.T) {
	s, _ := measurePairs(t, NewNormalizer(nil), "../testdata/published/indicator-pairs-heldout.tsv")
	t.Logf("held-out file: %v", s)
	if s.TP+s.FP > 0 && s.precision() < 0.95 {
		t.Errorf("precision %.3f on the held-out file: want ≥ 0.95", s.precision())
	}
}

// measurePairs scores n.Same on the labelled pairs of one file.
func measurePairs(t testing.TB, n *Normalizer, name string) (score, []pair) {
	var s score
	var wrong []pair
	for _, p := range readPairsFile(t, name) {
		got := n.Same(p.A, p.B)
		s.add(got, p.Same)
		if got != p.Same {
			wrong = append(wrong, p)
		}
	}
	return s, wrong
}

// TestHeldOut2Pairs measures "same" on indicator-pairs-heldout2.tsv: pairs collected and
// labelled before the normaliser was changed after indicator-pairs-heldout.tsv, never
// tuned on. It reports the figures; it does not list the wrong pairs, so that nobody
// tunes on them by reading the test output. Measured once before the change that
// followed it (commit f1df766): precision 0.955, recall 0.500 (TP 21 FP 1 FN 21 TN 103);
// once after (vocabulary tuned on the two older files only, see TestNormalRules):
// precision 0.963, recall 0.619 (TP 26 FP 1 FN 16 TN 103).
// Since the change after held-out 3 it is a training file too (see TestHeldOut3Pairs).
func TestHeldOut2Pairs(t *testing.T) {
	reportHeldOut(t, "indicator-pairs-heldout2.tsv", 120, 40)
}

// reportHeldOut logs the figures of one held-out file (never its wrong pairs) and fails
// when it holds fewer than minPairs pairs or minSame same pairs.
func reportHeldOut(t *testing.T, file string, minPairs, minSame int) {
	s, _ := measurePairs(t, NewNormalizer(nil), "../testdata/published/"+file)
	t.Logf("%s: %v", file, s)
	if s.pairs() < minPairs || s.TP+s.FN < minSame {
		t.Errorf("%s holds %d pairs, %d same: want at least %d and %d", file, s.pairs(), s.TP+s.FN, minPairs, minSame)
	}
}

// TestNormalRules checks the rules added after the second held-out set was committed, on
// names of the training files and the issue's own examples (not on held-out 2).
func TestNormalRules(t *testing.T) {
	n := NewNormalizer(nil)
	for _, c := range []struct {
		a, b string
		same bool
	}{
		{"学生家长满意度", "家长满意度", true},  // 学生家长 = 家长 (training miss)
		{"控制在预算成本内", "不超过预算", true}, // the cost ceiling as a statement (training miss)
		{"控制在预算成本内", "项目总成本", true}, //
		{"补贴特校数", "补贴特校数量", true},   // 数量 = 数 at the end
		{"按照要求每月及时完成符合条件对象审批的比例", "按照要求每月及时完成符合条件对象审批率", true}, // 比例 = 率 at the end
		{"农村低保救助资金按标准发放的比率", "农村低保救助资金按标准发放率", true},
		{"项目总投资", "项目计划总投资", true},  // 总投资 = 计划总投资 = 成本
		{"项目实施时间", "项目完成时间", false}, // 实施 is a filler, 完成 is not
		{"受益人口数量", "受益人数", true},    // 人口数量 = 人数
		{"出差人数", "出差人次", false},     // 人数 ≠ 人次
		{"接受临时救助的人次数", "接受临时救助的人次", true},
		{"结算款支付及时", "结算款支付及时性", true},
		{"服务对象满意率", "满意度", true},
		{"培训次数", "组织培训(次)", true},
		{"开展培训次数", "组织培训(次)", true},
		{"理论教育和党性教育课时比例", "理论教育和党性教育课时比例完成率", false},
		// Wave 6, from the misses of the three older files (not held-out 3):
		{"指标1:工程验收合格率", "项目(工程)验收合格率", true},              // a row label before the name
		{"★★★受益建档立卡贫困人口数≥**人", "受益建档立卡贫困人口数(≥**人)", true}, // core-indicator stars
		{"★补助鱼塘面积", "补助鱼塘面积", true},                       //
		{"参训学员满意度", "受训学员满意度(%)", true},                   // 参训 = 受训
		{"★受助对象满意度(≥**%)", "救助对象对救助工作满意度(%)", true},       // 受助 = 救助; 对… restating the people
		{"师生对仪器购置的满意度", "师生对实验室改造满意度", false},             // 对… naming what they are asked about
		{"发放时间达标率", "及时发放率", true},                        // 时间达标率 = 及时率
		{"12350安全生产举报奖励次数", "安全生产举报奖励次数", false},          // 12350 is the hotline, part of the name, not a row number
		// Wave 7, general rules written before held-out 4 was measured (from the usage of
		// the national and provincial forms, not from any pair of held-out 4):
		{"经费支出合规率", "资金使用合规性", true},    // 性 = 率 at the end; 经费支出 = 资金使用
		{"实际支出率", "预算执行率", true},        // the share of the budget spent, however named
		{"资金支付率", "资金使用率", true},        //
		{"项目采购节约率", "政府采购节支率(%)", true}, // 节支 = 节约; 政府采购 is the only 采购
		{"培训费", "培训成本", true},           // 费 = 成本 at the end
		{"培训费用", "培训成本", true},          //
		{"建设村(个)", "建设村个数", true},       // 个数 = 数 = (个)
		{"改造学校(所)", "改造学校数量", true},     // a count unit adds 数
		{"道路硬化(公里)", "道路硬化里程", true},    // a length unit adds 里程
		{"造林(亩)", "造林面积", true},         // an area unit adds 面积
		{"验收合格(%)", "验收合格率", true},      // (%) adds 率 when the name has none
		{"全县培训总人数", "培训人数", true},       // 全县 restates the unit's scope; 总人数 = 人数
		{"完成培训人次", "培训人次", true},        // 完成 before a measure of its own
		{"完成率", "培训人次", false},          // …but 完成率 keeps it
		{"完成时间", "时间", false},           // …and so does 完成时间
		{"目标达成率", "目标完成率", true},        // 达成 = 完成
		{"水质达标率", "水质合格率", true},        // 达标率 = 合格率
		{"设备利用率", "设备使用率", true},        // 利用率 = 使用率
		{"检查频次", "检查次数", true},          // 频次 = 次数
		{"发放量", "发放数量", true},           // 量 = 数量 = 数 at the end
		{"培训人数", "培训人次", false},         // still: 人数 ≠ 人次
		{"培训次数", "培训人次", false},         //
		{"资金到位率", "资金使用率", false},       // arrived ≠ spent
		// After held-out 4 was measured (from its misses, general forms only):
		{"指标2工程验收合格率", "工程竣工验收合格率", true},      // a row label with no separator (指标2)
		{"项目建设通过验收", "项目验收合格率", true},          // an acceptance written as a statement
		{"资金执行在预算范围内", "项目总成本", true},          // a cost ceiling written as a statement
		{"成本控制", "项目总成本", true},                //
		{"资金到位在预算内完成率", "项目总成本", false},        // …but a rate is not a statement
		{"不超预算项目占比", "项目总成本", false},           // …nor a share
		{"不超预算项目数", "项目总成本", false},            // …nor a count
		{"项目不超预算率", "项目总成本", false},            //
		{"不超过投资计划进度", "项目总成本", false},          // …nor a schedule
		{"不超过预算", "项目总成本", true},               // the ceiling itself is
		{"以乡镇为单位适龄儿童疫苗接种率", "适龄儿童疫苗接种率", true}, // the basis of a rate says how, not what
		{"人民群众满意度", "群众满意度", true},             // 人民群众 = 群众
		{"受益群众满意度", "受益学生满意度", false},          // still: two populations
		// Wave 8, general forms written before held-out 6 was measured (from the labelling
		// rule of held-out 5's header and the usual wording of the forms, no pair of held-out 6):
		{"是否有利于提高执法能力", "是否提高执法能力", true}, // a verb that only restates the question
		{"是否能够按时完成", "是否按时完成", true},      //
		{"数据正确率", "数据准确率", true},          // 正确率 = 准确率
		{"档案错误率", "档案差错率", true},          // 错误率 = 出错率 = 差错率
		{"数据准确率", "数据差错率", false},         // …the one is not the other
		{"设备完好度", "设备完好率", true},          //
		{"是否有效防止疫情传入", "是否防止疫情传入", false}, // 有效 says how well: kept
		// From the names of the published target tables (training data), near pairs that
		// did not group:
		{"居民群众满意度", "群众满意度", true},     // 居民群众 = 群众
		{"居民满意度", "群众满意度", false},      // …but 居民 alone is another population
		{"工作计划按时完成时间", "项目完成时间", true}, // a planned, on-time completion time is the completion time
		{"培训计划完成时间", "完成时间", false},    // …of what: 培训 stays
		// Wave 9, written before held-out 7 was collected: the usual wording of the forms and the
		// labelling rule of held-out 6's header (申请 = 申报, 产检 = 产前检查, 本年度 restates the year),
		// each with a near miss:
		{"本年度培训次数", "培训次数", true},                 // 本年度 restates the year (本 was left over)
		{"当年度发放金额", "发放金额", true},                 //
		{"每年体检次数", "体检次数", true},                  //
		{"年接待人次", "接待人次", true},                   // a leading 年 only says "in the year"
		{"年龄达标率", "达标率", false},                   // …but 年龄 is a word
		{"年均接待人次", "接待人次", false},                 // …and so is 年均
		{"申请补助对象审核率", "申报补助对象审核率", true},          // 申请 = 申报
		{"孕产妇产检率", "产前检查率", true},                 // 产检 = 产前检查, of pregnant women by definition
		{"产前检查率", "产后访视率", false},                 //
		{"规范化管理率", "规范管理率", true},                 // 规范化 = 规范
		{"0～6岁儿童健康管理率", "7岁以下儿童健康管理率", true},      // an age range from birth
		{"0-3岁儿童健康管理率", "7岁以下儿童健康管理率", false},     // …another range
		{"65岁及以上老年人健康管理率", "65岁以上老年人健康管理率", true}, // 及以上 = 以上
		{"培训人员数量", "培训人数", true},                  // X人员数 counts people
		{"受益人口", "受益人数", true},                    // 人口 at the end counts people
		{"工程完成度", "工程完成率", true},                  // 度 = 率 at the end
		{"社会公众满意度", "公众满意度", true},                //
		{"社会公众满意度", "受益群众满意度", false},             //
		{"适龄儿童国家免疫规划疫苗接种率", "适龄儿童疫苗接种率", true},    // the programme's vaccines
		{"适龄儿童非免疫规划疫苗接种率", "适龄儿童疫苗接种率", false},    // …not the others
		{"配套资金到位率", "配套到位率", true},                // 资金 restates the money
		{"配套资金到位率", "资金到位率", false},               // …a named money stays
		{"补贴资金发放及时率", "补贴发放及时率", true},            //
		{"识别精准率", "识别准确率", true},                  //
		{"一次性验收合格率", "一次验收合格率", true},             //
		{"安全事故发生次数", "安全事故次数", true},              //
		{"安全事故发生率", "安全事故次数", false},              //
		{"救助对象对社会救助实施的满意度", "救助对象满意度", true},      // asked about what their name says
		{"患者对医疗服务的满意度", "患者满意度", false},           // …about something else: kept
		// Wave 9, common words of the forms that say the same:
		{"参加培训人数", "参与培训人数", true},     // 参加 = 参与
		{"惠及群众人数", "受益群众人数", true},     // 惠及 = 受益
		{"服务水平提升率", "服务水平提高率", true},   // 提升 = 提高
		{"同比增幅", "同比增长率", true},        // 增幅 = 增长幅度 = 增长率
		{"同比增长率", "同比降低率", false},      //
		{"发病率下降幅度", "发病率降低幅度", true},   // 下降 = 降低
		{"病人满意度", "患者满意度", true},       // 病人 = 患者
		{"老年人健康管理率", "老人健康管理率", true},  // 老年人 = 老人
		{"老年人健康管理率", "儿童健康管理率", false}, //
		{"巡查(次/年)", "巡查次数", true},      // a unit over a year counts the unit
		{"培训(人次/年)", "培训次数", false},    //
		{"培训(名)", "培训人数", true},        // 名 counts people
		{"举办培训班(期)", "培训班期数", true},    //
		{"巡查(天)", "巡查天数", true},        //
		{"接待游客(万人次)", "接待游客人次", true},  //
		{"接待游客(万人次)", "接待游客人数", false}, //
	} {
		if got := n.Same(c.a, c.b); got != c.same {
			t.Errorf("Same(%s, %s) = %v, want %v (%s | %s)", c.a, c.b, got, c.same, n.Normal(c.a), n.Normal(c.b))
		}
	}
}

// TestPairsAllFiles reports the figures over every labelled file together and fails
// when there are fewer than 200 pairs or when precision on the training files
// (indicator-pairs.tsv and indicator-pairs-heldout.tsv, both tuned on) is below 0.95.
func TestPairsAllFiles(t *testing.T) {
	n := NewNormalizer(nil)
	var train, all score
	for _, f := range []struct {
		name  string
		train bool
	}{
		{"indicator-pairs.tsv", true},
		{"indicator-pairs-heldout.tsv", true},
		{"indicator-pairs-heldout2.tsv", false},
		{"indicator-pairs-heldout3.tsv", false},
		{"indicator-pairs-heldout4.tsv", false},
		{"indicator-pairs-heldout5.tsv", false},
		{"indicator-pairs-heldout6.tsv", false},
	} {
		s, _ := measurePairs(t, n, "../testdata/published/"+f.name)
		t.Logf("%-30s %v", f.name, s)
		all = all.plus(s)
		if f.train {
			train = train.plus(s)
		}
	}
	for _, r := range []struct {
		name string
		s    score
	}{{"training files", train}, {"all files", all}} {
		t.Logf("%-30s %v", r.name, r.s)
	}
	if n := all.pairs(); n < 200 {
		t.Errorf("%d labelled pairs in all: want at least 200", n)
	}
	if train.precision() < 0.95 {
		t.Errorf("precision %.3f on the training files: want ≥ 0.95", train.precision())
	}
}

// TestHeldOut3Pairs measures "same" on indicator-pairs-heldout3.tsv: 151 pairs from
// provinces and fields the older files hardly use (market regulation, forestry, sport,
// emergency management, 中职 aid), collected and labelled before the normaliser was
// changed after indicator-pairs-heldout2.tsv, never tuned on. Like TestHeldOut2Pairs it
// reports the figures and does not list the wrong pairs. Measured once before the change
// that followed it: precision 1.000, recall 0.417 (TP 15 FP 0 FN 21 TN 115); once after
// (rules added from the misses of the three older files only, see TestNormalRules):
// precision 1.000, recall 0.667 (TP 24 FP 0 FN 12 TN 115).
func TestHeldOut3Pairs(t *testing.T) {
	reportHeldOut(t, "indicator-pairs-heldout3.tsv", 150, 30)
}

// TestHeldOut4Pairs measures "same" on indicator-pairs-heldout4.tsv: 209 pairs of names
// that occur in none of the four older files (基本公卫 tables and the 2023 national list,
// student aid, 低保 and 医疗救助, forestry, works, 城市更新, department tables; 30 published
// sources), collected and labelled before the normaliser was changed after
// indicator-pairs-heldout3.tsv, never tuned on. Like TestHeldOut3Pairs it reports the
// figures and does not list the wrong pairs. Measured once on the unchanged normaliser:
// precision 1.000, recall 0.143 (TP 2 FP 0 FN 12 TN 195) — only 14 same pairs, so the recall
// is a rough figure.
func TestHeldOut4Pairs(t *testing.T) {
	reportHeldOut(t, "indicator-pairs-heldout4.tsv", 200, 10)
}

// TestHeldOut5Pairs measures "same" on indicator-pairs-heldout5.tsv: pairs of names that
// occur in none of the five older files (the 检验检疫 programme evaluation tables of a public
// repository, 地震, 档案, 法院 and 检察院 tables; sources at the top of the file), collected
// and labelled after the change that followed indicator-pairs-heldout4.tsv and before any later
// one, never tuned on. Like TestHeldOut4Pairs it reports the figures and does not list the wrong pairs.
// Measured once on the normaliser as at fccdc81: 151 pairs, only 4 same: precision 1.000,
// recall 0.500 (TP 2 FP 0 FN 2 TN 147) — the recall rests on 4 pairs and says next to nothing.
func TestHeldOut5Pairs(t *testing.T) {
	reportHeldOut(t, "indicator-pairs-heldout5.tsv", 100, 4)
}

// BenchmarkNormalUncached measures the normaliser itself (Key without its memory): every
// name of the labelled pair files, once per iteration.
func BenchmarkNormalUncached(b *testing.B) {
	n := NewNormalizer(nil)
	var names []string
	for _, f := range []string{"indicator-pairs.tsv", "indicator-pairs-heldout.tsv", "indicator-pairs-heldout2.tsv", "indicator-pairs-heldout3.tsv", "indicator-pairs-heldout4.tsv", "indicator-pairs-heldout5.tsv"} {
		for _, p := range readPairsFile(b, "../testdata/published/"+f) {
			names = append(names, p.A, p.B)
		}
	}
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		for _, s := range names {
			_ = sortRunes(n.Normal(s))
		}
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*len(names)), "ns/name")
}

// TestCutParens: every balanced bracket goes with what it holds, nested ones too; an
// unmatched one stays (for markReplacer); and a name of 20,000 nested brackets takes
// milliseconds (removing the innermost pair until none was left took seconds).
func TestCutParens(t *testing.T) {
	for _, c := range [][2]string{
		{"项目(工程(一期))建设", "项目建设"}, {"((a)b", "(b"}, {"a)b(c)d(", "a)bd("}, {"(x)(y)z", "z"},
		{"((((", "(((("}, {"))((", "))(("}, {"a(b(c)d(e)f)g(h", "ag(h"}, {"(())()", ""}, {"培训(次)(≥**次)", "培训"},
	} {
		if got := cutParens(c[0]); got != c[1] {
			t.Errorf("cutParens(%q) = %q, want %q", c[0], got, c[1])
		}
	}
	deep := strings.Repeat("(", 20000) + "培训" + strings.Repeat(")", 20000) + "次数"
	start := time.Now()
	if got := NewNormalizer(nil).Normal(deep); got != "次数" {
		t.Errorf("Normal of the deep name = %q", got)
	}
	if d := time.Since(start); d > time.Second {
		t.Errorf("Normal of 20,000 nested brackets took %v", d)
	}
}
