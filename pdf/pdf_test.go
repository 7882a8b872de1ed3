package pdf

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"image"
	"image/png"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"testing"

	"jixiao"
)

// needTools skips when Chromium, the CJK fonts or poppler-utils are missing, except in
// CI (CI=true), where a missing tool is a failure: a missing install step must not turn
// into silent skips.
func needTools(t testing.TB) {
	t.Helper()
	var missing []string
	if _, err := Chromium(Options{}); err != nil {
		missing = append(missing, "chromium")
	}
	for _, tool := range []string{"pdftoppm", "pdftotext", "pdffonts", "pdfinfo", "fc-list"} {
		if _, err := exec.LookPath(tool); err != nil {
			missing = append(missing, tool)
		}
	}
	if out, err := exec.Command("fc-list", ":lang=zh-cn", "family").Output(); err != nil || !bytes.Contains(out, []byte("Noto Serif CJK SC")) {
		missing = append(missing, "fonts-noto-cjk (Noto Serif CJK SC)")
	}
	if len(missing) == 0 {
		return
	}
	msg := "missing " + strings.Join(missing, ", ") + " (apt-get install -y --no-install-recommends chromium fonts-noto-cjk poppler-utils)"
	if os.Getenv("CI") == "true" {
		t.Fatal(msg)
	}
	t.Skip(msg)
}

var (
	sharedOnce sync.Once
	shared     *Printer
	sharedErr  error
)

// printer returns a browser shared by the tests that do not test starting one.
func printer(t testing.TB) *Printer {
	t.Helper()
	needTools(t)
	sharedOnce.Do(func() { shared, sharedErr = NewPrinter(context.Background(), Options{}) })
	if sharedErr != nil {
		t.Fatal(sharedErr)
	}
	return shared
}

func TestMain(m *testing.M) {
	code := m.Run()
	if shared != nil {
		shared.Close()
	}
	os.Exit(code)
}

// seedPlan is the seed built by hand (a copy of render/testdata/seed.plan.json).
func seedPlan(t testing.TB) *jixiao.Plan {
	t.Helper()
	data, err := os.ReadFile("testdata/seed.plan.json")
	if err != nil {
		t.Fatal(err)
	}
	var p jixiao.Plan
	if err := json.Unmarshal(data, &p); err != nil {
		t.Fatal(err)
	}
	return &p
}

// charsPlan is a small plan with every kind of character a PDF font might lack.
func charsPlan() *jixiao.Plan {
	ind := jixiao.NewIndicator
	return &jixiao.Plan{
		Department: "某某市某某区教育局",
		Year:       2025,
		Budget:     jixiao.Budget{Total: jixiao.MustDecimal("1280.5"), GeneralBudget: jixiao.MustDecimal("1280.5"), Basic: jixiao.MustDecimal("980.5"), Project: jixiao.MustDecimal("300")},
		Duties:     "（一）贯彻执行教育方针；（二）管理“中小学校”。",
		Indicators: []jixiao.Indicator{
			ind("产出指标", "数量指标", "维修学校数", "≥12所", ""),
			ind("产出指标", "成本指标", "生均公用经费", "≤¥1200元/人", "０１２３４５６７８９"),
			ind("满意度指标", "服务对象满意度指标", "家长满意度", "≥90%", "！？、"),
		},
	}
}

func writeTemp(t *testing.T, name string, b []byte) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(path, b, 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

func command(t *testing.T, name string, args ...string) string {
	t.Helper()
	out, err := exec.Command(name, args...).CombinedOutput()
	if err != nil {
		t.Fatalf("%s %s: %v\n%s", name, strings.Join(args, " "), err, out)
	}
	return string(out)
}

func pages(t *testing.T, path string) int {
	t.Helper()
	m := regexp.MustCompile(`(?m)^Pages:\s+(\d+)`).FindStringSubmatch(command(t, "pdfinfo", path))
	if m == nil {
		t.Fatal("pdfinfo: no page count")
	}
	n, _ := strconv.Atoi(m[1])
	return n
}

func pageText(t *testing.T, path string, page int) string {
	t.Helper()
	return command(t, "pdftotext", "-f", strconv.Itoa(page), "-l", strconv.Itoa(page), "-layout", path, "-")
}

// squash removes the spaces pdftotext puts between glyphs, so that text reads back as
// it was written.
func squash(s string) string {
	return strings.Join(strings.Fields(s), "")
}

func TestRenderSeed(t *testing.T) {
	needTools(t)
	p := seedPlan(t)
	b, err := Render(context.Background(), p, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.HasPrefix(b, []byte("%PDF-")) {
		t.Fatalf("not a PDF: %.20q", b)
	}
	path := writeTemp(t, "seed.pdf", b)

	// The text comes back.
	all := squash(command(t, "pdftotext", path, "-"))
	for _, want := range []string{
		"中共株洲市石峰区委员会统一战线工作部",
		"资金总额：167.0104万元",
		"137.01041万元",
		"≤5万元",
		"≤200元/人",
		"2021年部门整体支出绩效目标表",
		"2021年专项资金预算绩效目标汇总表",
		"2021年专项资金支出方向绩效目标表",
		"附件3",
		"协调处理好各方面关系", // derived summary: the 附件3 text
	} {
		if !strings.Contains(all, want) {
			t.Errorf("pdftotext lacks %q", want)
		}
	}

	// Each table starts on a page of its own, in order, and every page carries the
	// running header (department, year, the title of its table) and its page number.
	n := pages(t, path)
	titles := []string{"2021年部门整体支出绩效目标表", "2021年专项资金预算绩效目标汇总表",
		"2021年专项资金支出方向绩效目标表（民主党派基层建设经费）",
		"2021年专项资金支出方向绩效目标表（统战特别政治经费）",
		"2021年专项资金支出方向绩效目标表（统战业务专项）"}
	next, firstPages := 0, []int{}
	for pg := 1; pg <= n; pg++ {
		txt := squash(pageText(t, path, pg))
		if !strings.Contains(txt, "中共株洲市石峰区委员会统一战线工作部2021年预算绩效目标") {
			t.Errorf("page %d: no running header with department and year", pg)
		}
		if want := "第" + strconv.Itoa(pg) + "页共" + strconv.Itoa(n) + "页"; !strings.Contains(txt, want) {
			t.Errorf("page %d: no %q", pg, want)
		}
		// The header names the current table; a table's first page also holds its
		// title as a heading (the header's title plus the heading: twice).
		for next < len(titles) && isStart(txt, titles[next]) {
			firstPages = append(firstPages, pg)
			next++
		}
	}
	if next != len(titles) {
		t.Errorf("tables found starting on pages %v; want %d tables, each on its own page", firstPages, len(titles))
	}
	for i := 1; i < len(firstPages); i++ {
		if firstPages[i] <= firstPages[i-1] {
			t.Errorf("tables start on pages %v: two tables share a page", firstPages)
		}
	}

	// The first page is not blank.
	checkInk(t, path, 1)

	// No Kai (brush) face embedded by name (a TrueType Kai such as LXGW WenKai would
	// be).
	fonts := command(t, "pdffonts", path)
	if strings.Contains(strings.ToLower(fonts), "kai") {
		t.Errorf("a Kai face is embedded:\n%s", fonts)
	}
	// Which faces were drawn is checked in the browser (TestFontsUsed): Chromium embeds
	// CFF fonts such as Noto CJK as Type 3 fonts, which carry no name.
}

// isStart reports whether a page holds the heading of a table and not only its running
// header: the heading is the table's title without the item name in brackets.
func isStart(txt, headerTitle string) bool {
	heading := headerTitle
	if i := strings.Index(heading, "（"); i >= 0 {
		heading = heading[:i]
	}
	return strings.Contains(txt, headerTitle) && strings.Count(txt, heading) >= 2
}

// checkInk renders a page at 50 dpi and checks that a fair share of it is ink: more than
// a blank page, less than a black one.
func checkInk(t *testing.T, path string, page int) {
	t.Helper()
	prefix := filepath.Join(t.TempDir(), "page")
	command(t, "pdftoppm", "-png", "-r", "50", "-f", strconv.Itoa(page), "-l", strconv.Itoa(page), "-singlefile", path, prefix)
	f, err := os.Open(prefix + ".png")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	img, err := png.Decode(f)
	if err != nil {
		t.Fatal(err)
	}
	ink, total := inkRatio(img)
	if ink < total/100 || ink > total/2 {
		t.Errorf("page %d: %d of %d pixels are ink; want between 1%% and 50%%", page, ink, total)
	}
}

func inkRatio(img image.Image) (ink, total int) {
	b := img.Bounds()
	for y := b.Min.Y; y < b.Max.Y; y++ {
		for x := b.Min.X; x < b.Max.X; x++ {
			r, g, bl, _ := img.At(x, y).RGBA()
			if r < 0xe000 || g < 0xe000 || bl < 0xe000 {
				ink++
			}
			total++
		}
	}
	return ink, total
}

func TestEveryCharacter(t *testing.T) {
	b, err := printer(t).Render(context.Background(), charsPlan(), Options{})
	if err != nil {
		t.Fatal(err)
	}
	path := writeTemp(t, "chars.pdf", b)
	txt := squash(command(t, "pdftotext", path, "-"))
	for _, want := range []string{"≥12所", "≤¥1200元/人", "≥90%", "０１２３４５６７８９", "！？、", "（一）贯彻执行教育方针；（二）管理“中小学校”。", "1280.5万元", "2025年部门整体支出绩效目标表"} {
		if !strings.Contains(txt, want) {
			t.Errorf("pdftotext lacks %q", want)
		}
	}
	// A plan without funds prints the department table alone.
	if n := pages(t, path); n != 1 {
		t.Errorf("%d pages, want 1", n)
	}
}

func TestNoChromium(t *testing.T) {
	_, err := Render(context.Background(), charsPlan(), Options{Chromium: filepath.Join(t.TempDir(), "no-chromium")})
	if !errors.Is(err, ErrNoChromium) {
		t.Fatalf("err = %v, want ErrNoChromium", err)
	}
	if msg := jixiao.ErrorMessage(err); !strings.HasPrefix(msg, "未找到 Chromium：请安装 chromium 软件包") {
		t.Errorf("message %q", msg)
	}
}

func TestPrinterReuseAndCancel(t *testing.T) {
	needTools(t)
	pr, err := NewPrinter(context.Background(), Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer pr.Close()
	// Two documents in parallel from one browser.
	errs := make(chan error, 2)
	for _, p := range []*jixiao.Plan{charsPlan(), seedPlan(t)} {
		go func() {
			b, err := pr.Render(context.Background(), p, Options{})
			if err == nil && !bytes.HasPrefix(b, []byte("%PDF-")) {
				err = errors.New("not a PDF")
			}
			errs <- err
		}()
	}
	for range 2 {
		if err := <-errs; err != nil {
			t.Error(err)
		}
	}
	// A cancelled request fails with the context's error and leaves the printer usable.
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := pr.Render(ctx, charsPlan(), Options{}); !errors.Is(err, context.Canceled) {
		t.Errorf("cancelled render: %v, want context.Canceled", err)
	}
	if _, err := pr.Render(context.Background(), charsPlan(), Options{}); err != nil {
		t.Errorf("render after a cancelled one: %v", err)
	}
	if _, err := pr.Render(context.Background(), nil, Options{}); jixiao.ErrorCode(err) != jixiao.EINVALID {
		t.Errorf("nil plan: %v", err)
	}
	dir := pr.dir
	if err := pr.Close(); err != nil {
		t.Error(err)
	}
	if _, err := os.Stat(dir); !os.IsNotExist(err) {
		t.Errorf("temporary directory %s left behind", dir)
	}
}

// BenchmarkRender prints the seed with a browser started per document (Render).
func BenchmarkRender(b *testing.B) {
	needTools(b)
	p := seedPlan(b)
	for b.Loop() {
		if _, err := Render(context.Background(), p, Options{}); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkPrinter prints the seed in a running browser (Printer.Render).
func BenchmarkPrinter(b *testing.B) {
	needTools(b)
	p := seedPlan(b)
	pr, err := NewPrinter(context.Background(), Options{})
	if err != nil {
		b.Fatal(err)
	}
	defer pr.Close()
	for b.Loop() {
		if _, err := pr.Render(context.Background(), p, Options{}); err != nil {
			b.Fatal(err)
		}
	}
}
