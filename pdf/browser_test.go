package pdf

import (
	"bytes"
	"context"
	"flag"
	"fmt"
	"image/png"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/css"
	"github.com/chromedp/chromedp"

	"jixiao/render"
)

var shots = flag.String("shots", "", "directory to keep the screenshots of TestScreenshotSeed in, to look at them")

// usedFonts returns the platform fonts Chromium used to draw the text of the elements
// matching sel: what was drawn, not what the stylesheet asked for.
func usedFonts(t *testing.T, tab context.Context, sel string) map[string]float64 {
	t.Helper()
	nodes, err := chromedp.Run(tab, chromedp.Nodes(chromedp.CSSAll(sel)))
	if err != nil || len(nodes) == 0 {
		t.Fatalf("no %s: %v", sel, err)
	}
	got := map[string]float64{}
	_, err = chromedp.Run(tab, func(ctx context.Context, target *chromedp.Target) (chromedp.Void, error) {
		if _, err := cdp.Call(ctx, target, css.Enable, cdp.Empty{}); err != nil {
			return chromedp.Void{}, err
		}
		for _, n := range nodes {
			res, err := cdp.Call(ctx, target, css.GetPlatformFontsForNode, css.GetPlatformFontsForNodeParams{NodeID: n.NodeID})
			if err != nil {
				return chromedp.Void{}, err
			}
			for _, f := range res.Fonts {
				got[f.FamilyName] += f.GlyphCount
			}
		}
		return chromedp.Void{}, nil
	})
	if err != nil {
		t.Fatalf("fonts of %s: %v", sel, err)
	}
	return got
}

// TestFontsUsed checks the faces the browser really drew with: Song (Noto Serif CJK SC)
// for the cells, Hei (Noto Sans CJK SC) for titles and header cells, never a Kai face.
// pdffonts cannot tell: Chromium embeds CFF-outline fonts such as Noto CJK as Type 3
// fonts without names.
func TestFontsUsed(t *testing.T) {
	needTools(t)
	var page bytes.Buffer
	if err := render.HTML(&page, seedPlan(t), render.Options{}); err != nil {
		t.Fatal(err)
	}
	pr := printer(t)
	tab, done, err := pr.open(context.Background(), page.Bytes())
	if err != nil {
		t.Fatal(err)
	}
	defer done()
	for sel, want := range map[string]string{
		"td":                     "Noto Serif CJK SC",
		".jx-meta":               "Noto Serif CJK SC",
		"h1":                     "Noto Sans CJK SC",
		"th":                     "Noto Sans CJK SC",
		".jx-annex":              "Noto Sans CJK SC",
		"#jx-department .jx-num": "Noto Serif CJK SC", // digits and 万元 in the Song face too
	} {
		fonts := usedFonts(t, tab, sel)
		for name := range fonts {
			if strings.Contains(strings.ToLower(name), "kai") {
				t.Errorf("%s drawn with a Kai face %q", sel, name)
			}
		}
		if len(fonts) != 1 || fonts[want] == 0 {
			t.Errorf("%s drawn with %v, want %s alone", sel, fonts, want)
		}
	}
}

// TestScreenshotSeed shows the seed's HTML in Chromium and captures each table at the
// top of the window: every capture must show ink (a layout that pushed a table off
// screen or drew nothing fails). With -shots DIR the captures are kept for a person to
// look at.
func TestScreenshotSeed(t *testing.T) {
	needTools(t)
	p := seedPlan(t)
	var page bytes.Buffer
	if err := render.HTML(&page, p, render.Options{}); err != nil {
		t.Fatal(err)
	}
	pr := printer(t)
	tab, done, err := pr.open(context.Background(), page.Bytes())
	if err != nil {
		t.Fatal(err)
	}
	defer done()
	if err := chromedp.Do(tab, chromedp.EmulateViewport(900, 1300)); err != nil {
		t.Fatal(err)
	}
	dir := *shots
	if dir == "" {
		dir = t.TempDir()
	}
	for _, r := range render.Tables(p) {
		id := "jx-" + strings.ReplaceAll(r.Which, ":", "-")
		if _, err := chromedp.Run(tab, chromedp.Evaluate[bool](fmt.Sprintf(`document.getElementById(%q).scrollIntoView(), true`, id))); err != nil {
			t.Fatalf("scroll to %s: %v", id, err)
		}
		b, err := chromedp.Run(tab, chromedp.CaptureScreenshot())
		if err != nil {
			t.Fatal(err)
		}
		img, err := png.Decode(bytes.NewReader(b))
		if err != nil {
			t.Fatal(err)
		}
		// The capture is the sheet of paper: mostly white with the table's ink on it.
		if ink, total := inkRatio(img); ink < total/50 || ink > total*9/10 {
			t.Errorf("%s: %d of %d pixels are ink", r.Which, ink, total)
		}
		if err := os.WriteFile(filepath.Join(dir, id+".png"), b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
}
