package docx

import (
	"runtime"
	"strings"
	"testing"

	"jixiao"
	bombs "jixiao/internal/hostile"
)

// TestBombs: a docx whose body expands past MaxDocumentXML, or whose text passes
// MaxText, is refused with ETOOLARGE and a message naming the limit, while streaming:
// reading it allocates a fraction of what it holds.
func TestBombs(t *testing.T) {
	for _, tc := range []struct {
		name string
		data []byte
		want string
	}{
		{"60MiB-body", bombs.DocxText(60 << 20), "16 MB"},
		{"15MiB-text", bombs.DocxText(15 << 20), "文字超过 4 MB 的上限"},
	} {
		var before, after runtime.MemStats
		runtime.GC()
		runtime.ReadMemStats(&before)
		_, err := Read(tc.name+".docx", tc.data)
		runtime.ReadMemStats(&after)
		if jixiao.ErrorCode(err) != jixiao.ETOOLARGE || !strings.Contains(jixiao.ErrorMessage(err), tc.want) {
			t.Errorf("%s: err = %v, want ETOOLARGE saying %q", tc.name, err, tc.want)
		}
		if n := after.TotalAlloc - before.TotalAlloc; n > 64<<20 {
			t.Errorf("%s: refusing it allocated %d MB", tc.name, n>>20)
		}
	}
}
