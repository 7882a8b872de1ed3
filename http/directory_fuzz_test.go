package http

import (
	"bytes"
	"context"
	"io"
	"log/slog"
	"path/filepath"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"jixiao"
	"jixiao/setup"
	"jixiao/sqlite"
)

// FuzzReadDirectory: no upload to 批量导入单位和账号 makes the reader panic or hang. A
// file it cannot read is refused with a Chinese sentence; in a file it reads, each
// problem is a sentence.
func FuzzReadDirectory(f *testing.F) {
	ctx := context.Background()
	db, err := sqlite.Open(filepath.Join(f.TempDir(), "jixiao.db"))
	if err != nil {
		f.Fatal(err)
	}
	defer db.Close()
	if _, err := setup.Setup(ctx, db, setup.Options{AdminPassword: "correct-horse-1", SecurityPassword: "correct-horse-1",
		AuditorPassword: "correct-horse-1"}); err != nil {
		f.Fatal(err)
	}
	s, err := New(db, Config{Logger: slog.New(slog.NewTextHandler(io.Discard, nil))})
	if err != nil {
		f.Fatal(err)
	}
	defer s.Close()
	book := func(depts, users [][]string) []byte {
		x := excelize.NewFile()
		defer x.Close()
		x.SetSheetName("Sheet1", "单位")
		x.NewSheet("账号")
		put := func(sheet string, header []string, rows [][]string) {
			x.SetSheetRow(sheet, "A1", &header)
			for i, r := range rows {
				cell, _ := excelize.CoordinatesToCellName(1, i+2)
				x.SetSheetRow(sheet, cell, &r)
			}
		}
		put("单位", deptHeader, depts)
		put("账号", userHeader, users)
		var buf bytes.Buffer
		if err := x.Write(&buf); err != nil {
			f.Fatal(err)
		}
		return buf.Bytes()
	}
	good := book([][]string{{"D900", "新设单位", "单位", setup.DemoDeptCode}}, [][]string{{"zhang.san", "张三", "单位填报", "D900"}})
	f.Add(good)
	f.Add(book([][]string{{"", "", "部门", "nowhere"}, {"D900", "重复", "外星", "D900"}, {"D900", "重复", "单位", "D901"}},
		[][]string{{"!", "", "上帝", ""}, {"zhang.san", "张三", "单位填报", "D999"}}))
	f.Add(good[:len(good)/3])
	f.Add([]byte("单位编码,单位名称,类型,上级单位编码\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		d, err := s.readDirectory(ctx, "名册.xlsx", data)
		if err != nil {
			if msg := jixiao.ErrorMessage(err); !strings.HasSuffix(msg, "。") {
				t.Errorf("refusal %q is not a sentence", msg)
			}
			return
		}
		for _, e := range d.Errors {
			if !strings.HasSuffix(e, "。") {
				t.Errorf("problem %q is not a sentence", e)
			}
		}
	})
}
