package http

import (
	"encoding/base64"
	"errors"
	"fmt"
	"io"
	"net/http"

	"jixiao"
)

// adminDirectoryPreview checks an uploaded workbook and shows its rows with their
// problems (POST /admin/directory/preview); nothing is written.
func adminDirectoryPreview(s *Server, w http.ResponseWriter, r *http.Request, c *reqCtx) error {
	f, fh, err := r.FormFile(uploadField)
	if err != nil {
		return s.showDirectory(w, r, c, http.StatusUnprocessableEntity, &directoryPage{Error: "请选择要导入的 xlsx 文件。"})
	}
	defer f.Close()
	data, err := io.ReadAll(f)
	if err != nil {
		return err
	}
	c.auditDetail = fmt.Sprintf("预览导入文件“%s”（%d 字节）", fh.Filename, len(data))
	return s.previewDirectory(w, r, c, fh.Filename, data)
}

// previewDirectory reads and checks data and shows the preview (422 when the file
// cannot be imported as it is).
func (s *Server) previewDirectory(w http.ResponseWriter, r *http.Request, c *reqCtx, name string, data []byte) error {
	pg := &directoryPage{FileName: name}
	file, err := s.readDirectory(r.Context(), name, data)
	if err != nil {
		var je *jixiao.Error
		if !errors.As(err, &je) {
			return err
		}
		pg.Error = "无法读取：" + jixiao.ErrorMessage(err)
		return s.showDirectory(w, r, c, http.StatusUnprocessableEntity, pg)
	}
	pg.File = file
	if len(file.Errors) > 0 {
		pg.Error = fmt.Sprintf("文件“%s”有 %d 处问题，整个文件都不会导入：请按下表改正后重新上传。", name, len(file.Errors))
		return s.showDirectory(w, r, c, http.StatusUnprocessableEntity, pg)
	}
	pg.Data = base64.StdEncoding.EncodeToString(data)
	return s.showDirectory(w, r, c, http.StatusOK, pg)
}
