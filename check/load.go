package check

import (
	"embed"
	"encoding/json"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"sync"

	"jixiao"
)

//go:embed frameworks/*.json packs/*.json wording/*.json
var embedded embed.FS

// Checker holds the prepared frameworks, rule packs and wording list. It is safe for
// concurrent use; build it once (Default, Load) and reuse it.
type Checker struct {
	frameworks []*jixiao.Framework // by priority
	byID       map[string]*jixiao.Framework
	// global lookups over every framework, to know what a label measures even when the
	// plan's framework does not allow it there.
	globalL1 map[string]jixiao.Category
	globalL2 map[string]jixiao.Category

	labels  map[string]*labelInfo // every framework's normalised names and aliases
	noLabel *labelInfo            // label(""): what an empty (merged) label cell means

	packs  []*Pack
	nrules int // rules of all packs (PackRule.idx)
	words  *wordList

	pool sync.Pool // *state
}

// Load builds a checker from the embedded data plus the JSON files in dirs (each file
// says its kind: "framework", "rules" or "wording"). A file in a directory replaces an
// embedded framework or pack of the same id; wording lists are added to.
func Load(dirs ...string) (*Checker, error) {
	var files []dataFile
	err := fs.WalkDir(embedded, ".", func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(path, ".json") {
			return err
		}
		b, err := embedded.ReadFile(path)
		if err != nil {
			return err
		}
		files = append(files, dataFile{name: "embedded:" + path, data: b})
		return nil
	})
	if err != nil {
		return nil, err
	}
	for _, dir := range dirs {
		entries, err := os.ReadDir(dir)
		if err != nil {
			return nil, jixiao.WrapError(err, jixiao.EINVALID, "无法读取规则目录“%s”。", dir)
		}
		for _, e := range entries {
			if e.IsDir() || !strings.HasSuffix(e.Name(), ".json") {
				continue
			}
			p := filepath.Join(dir, e.Name())
			b, err := os.ReadFile(p)
			if err != nil {
				return nil, jixiao.WrapError(err, jixiao.EINVALID, "无法读取“%s”。", p)
			}
			files = append(files, dataFile{name: p, data: b})
		}
	}
	return build(files)
}

type dataFile struct {
	name string
	data []byte
}

func build(files []dataFile) (*Checker, error) {
	c := &Checker{byID: map[string]*jixiao.Framework{}, globalL1: map[string]jixiao.Category{}, globalL2: map[string]jixiao.Category{}}
	packs := map[string]*Pack{}
	var packOrder []string
	c.words = &wordList{}
	for _, f := range files {
		var head struct {
			Kind string `json:"kind"`
		}
		if err := json.Unmarshal(f.data, &head); err != nil {
			return nil, jixiao.WrapError(err, jixiao.EINVALID, "“%s”不是有效的 JSON。", f.name)
		}
		switch head.Kind {
		case "framework":
			fw := new(jixiao.Framework)
			if err := decodeStrict(f.data, fw); err != nil {
				return nil, jixiao.WrapError(err, jixiao.EINVALID, "指标体系文件“%s”有误。", f.name)
			}
			if err := fw.Prepare(); err != nil {
				return nil, jixiao.WrapError(err, jixiao.EINVALID, "指标体系文件“%s”有误。", f.name)
			}
			c.byID[fw.ID] = fw
		case "rules":
			pk := new(Pack)
			if err := decodeStrict(f.data, pk); err != nil {
				return nil, jixiao.WrapError(err, jixiao.EINVALID, "规则包文件“%s”有误。", f.name)
			}
			if err := pk.compile(); err != nil {
				return nil, jixiao.WrapError(err, jixiao.EINVALID, "规则包文件“%s”有误。", f.name)
			}
			if _, ok := packs[pk.ID]; !ok {
				packOrder = append(packOrder, pk.ID)
			}
			packs[pk.ID] = pk
		case "wording":
			var wf wordingFile
			if err := decodeStrict(f.data, &wf); err != nil {
				return nil, jixiao.WrapError(err, jixiao.EINVALID, "用词文件“%s”有误。", f.name)
			}
			if err := c.words.add(&wf); err != nil {
				return nil, jixiao.WrapError(err, jixiao.EINVALID, "用词文件“%s”有误。", f.name)
			}
		default:
			return nil, jixiao.Errorf(jixiao.EINVALID, "“%s”的“kind”应为“framework”“rules”或“wording”，而不是“%s”。", f.name, head.Kind)
		}
	}
	for _, fw := range c.byID {
		c.frameworks = append(c.frameworks, fw)
	}
	sort.Slice(c.frameworks, func(i, j int) bool {
		a, b := c.frameworks[i], c.frameworks[j]
		if a.Priority != b.Priority {
			return a.Priority < b.Priority
		}
		return a.ID < b.ID
	})
	// Global lookups: the first framework (by priority) that knows a label decides.
	for i := len(c.frameworks) - 1; i >= 0; i-- {
		fw := c.frameworks[i]
		for k, v := range fw.Level1Labels() {
			c.globalL1[k] = v
		}
		for k, v := range fw.Level2Labels() {
			c.globalL2[k] = v.Category
		}
	}
	c.prepareLabels()
	c.noLabel = c.label("")
	for _, id := range packOrder {
		pk := packs[id]
		for _, fwID := range pk.Frameworks {
			if fwID != "*" && c.byID[fwID] == nil {
				return nil, jixiao.Errorf(jixiao.EINVALID, "规则包“%s”引用了不存在的指标体系“%s”。", pk.ID, fwID)
			}
		}
		c.packs = append(c.packs, pk)
		for i := range pk.Rules {
			pk.Rules[i].idx = c.nrules
			c.nrules++
		}
	}
	if err := c.words.prepare(); err != nil {
		return nil, jixiao.WrapError(err, jixiao.EINVALID, "用词表有误。")
	}
	if len(c.frameworks) == 0 {
		return nil, jixiao.Errorf(jixiao.EINVALID, "没有任何指标体系。")
	}
	return c, nil
}

func decodeStrict(b []byte, v any) error {
	d := json.NewDecoder(strings.NewReader(string(b)))
	d.DisallowUnknownFields()
	if err := d.Decode(v); err != nil {
		return err
	}
	return nil
}

// Frameworks returns the frameworks, by priority.
func (c *Checker) Frameworks() []*jixiao.Framework { return c.frameworks }

// Framework returns the framework with the id, or nil.
func (c *Checker) Framework(id string) *jixiao.Framework { return c.byID[id] }

// index returns the position of the framework with the id in c.frameworks.
func (c *Checker) index(id string) (int, bool) {
	for i, fw := range c.frameworks {
		if fw.ID == id {
			return i, true
		}
	}
	return 0, false
}

// FrameworkIDs returns the ids of the frameworks, by priority.
func (c *Checker) FrameworkIDs() []string {
	ids := make([]string, len(c.frameworks))
	for i, f := range c.frameworks {
		ids[i] = f.ID
	}
	return ids
}

// Packs returns the rule packs in load order.
func (c *Checker) Packs() []*Pack { return c.packs }

func (c *Checker) l1Category(name string) jixiao.Category {
	if v, ok := c.globalL1[jixiao.NormLabel(name)]; ok {
		return v
	}
	return keywordCategory(name)
}

func (c *Checker) l2Category(name string) jixiao.Category {
	if v, ok := c.globalL2[jixiao.NormLabel(name)]; ok {
		return v
	}
	return keywordCategory(name)
}
