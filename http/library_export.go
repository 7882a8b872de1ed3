package http

import (
	"bytes"
	"fmt"
	"net/http"
	"net/url"
	"time"

	"jixiao"
	"jixiao/library"
)

// libraryExport downloads the library as xlsx with the finance bureau's views
// (GET /review/library.xlsx).
func libraryExport(s *Server, w http.ResponseWriter, r *http.Request, c *reqCtx) error {
	l, err := s.library.Library(r.Context())
	if err != nil {
		return err
	}
	var b bytes.Buffer
	if err := l.Export(&b, true); err != nil {
		return err
	}
	c.auditDetail = fmt.Sprintf("%d 条指标", len(l.Entries))
	name := "指标库-" + s.cfg.Now().In(jixiao.ChinaTime()).Format("20060102") + ".xlsx"
	w.Header().Set("Content-Type", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
	w.Header().Set("Content-Disposition", "attachment; filename=\"library.xlsx\"; filename*=UTF-8''"+url.PathEscape(name))
	http.ServeContent(w, r, "library.xlsx", time.Time{}, bytes.NewReader(b.Bytes()))
	return nil
}

// libraryImport reads an uploaded library workbook (POST /review/library/import) and
// saves it in one transaction: every row or none. A workbook that cannot be read, or an
// entry changed by someone else meanwhile, leaves the library as it was.
func libraryImport(s *Server, w http.ResponseWriter, r *http.Request, c *reqCtx) error {
	file, fh, err := r.FormFile(uploadField)
	if err != nil {
		return s.showLibrary(w, r, c, http.StatusUnprocessableEntity, "请选择要导入的指标库文件（xlsx）。", "")
	}
	defer file.Close()
	var b bytes.Buffer
	if _, err := b.ReadFrom(file); err != nil {
		return err
	}
	c.auditDetail = fmt.Sprintf("导入文件“%s”（%d 字节）", fh.Filename, b.Len())
	entries, err := library.Import(fh.Filename, b.Bytes())
	if err != nil {
		if jixiao.ErrorCode(err) == jixiao.EINTERNAL {
			return err
		}
		return s.showLibrary(w, r, c, http.StatusUnprocessableEntity, "无法导入："+jixiao.ErrorMessage(err), "")
	}
	l, err := library.Open(r.Context(), s.store)
	if err != nil {
		return err
	}
	added, changed, err := library.ImportInto(r.Context(), s.store, l, entries,
		jixiao.SaveInfo{Author: c.user.Username, Reason: "导入 " + fh.Filename})
	if jixiao.ErrorCode(err) == jixiao.ECONFLICT {
		return s.showLibrary(w, r, c, http.StatusConflict, "无法导入："+jixiao.ErrorMessage(err)+"指标库未作任何改动，请重新导入。", "")
	} else if err != nil {
		return err
	}
	c.auditDetail += fmt.Sprintf("：新增 %d 条，修改 %d 条", added, changed)
	http.Redirect(w, r, fmt.Sprintf("/review/library?done=import&added=%d&changed=%d", added, changed), http.StatusSeeOther)
	return nil
}
