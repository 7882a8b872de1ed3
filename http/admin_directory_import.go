package http

import (
	"encoding/base64"
	"fmt"
	"net/http"

	"jixiao"
)

// adminDirectoryImport imports a previewed workbook (POST /admin/directory): it is
// read and checked again (the store may have changed since the preview), then every
// department and account is written in one transaction, or none. Each account gets a
// random password, shown once, and must choose its own at its first sign-in.
func adminDirectoryImport(s *Server, w http.ResponseWriter, r *http.Request, c *reqCtx) error {
	ctx := r.Context()
	name := r.PostFormValue("name")
	data, err := base64.StdEncoding.DecodeString(r.PostFormValue("data"))
	if err != nil || len(data) == 0 {
		return s.showDirectory(w, r, c, http.StatusUnprocessableEntity, &directoryPage{Error: "没有收到要导入的文件：请重新上传并预览。"})
	}
	if len(data) > maxUpload {
		return jixiao.Errorf(jixiao.ETOOLARGE, "上传的文件超过 %d MB，无法导入。", maxUpload>>20)
	}
	c.auditDetail = fmt.Sprintf("批量导入文件“%s”：未导入（文件有问题）", name)
	file, err := s.readDirectory(ctx, name, data)
	if err != nil || len(file.Errors) > 0 {
		return s.previewDirectory(w, r, c, name, data)
	}
	pg := &directoryPage{FileName: name, Depts: len(file.Depts)}
	deptName := map[string]string{}
	for _, d := range file.Depts {
		deptName[d.Code] = d.Name
	}
	now := s.cfg.Now()
	for i := range file.Accounts {
		a := &file.Accounts[i]
		pw := RandomPassword()
		h, err := s.hashPassword(ctx, pw)
		if err != nil {
			return err
		}
		a.User.PasswordHash, a.User.PasswordChanged, a.User.Created, a.User.MustChangePassword = h, now, now, true
		pg.Imported = append(pg.Imported, importedAccount{Username: a.User.Username, Name: a.User.Name, Role: a.User.Role.Label(),
			Department: a.DepartmentCode, Password: pw})
	}
	if err := s.store.ImportDirectory(ctx, file.Depts, file.Accounts); err != nil {
		if jixiao.ErrorCode(err) != jixiao.EINVALID {
			return err
		}
		pg := &directoryPage{FileName: name, File: file, Error: "未导入任何数据：" + jixiao.ErrorMessage(err)}
		return s.showDirectory(w, r, c, http.StatusUnprocessableEntity, pg)
	}
	c.auditObject = "directory"
	c.auditDetail = fmt.Sprintf("批量导入文件“%s”：新建单位 %d 个、账号 %d 个（初始密码随机生成，首次登录须修改）", name, len(file.Depts), len(file.Accounts))
	pg.Flash = fmt.Sprintf("已导入单位 %d 个、账号 %d 个。", len(file.Depts), len(file.Accounts))
	return s.showDirectory(w, r, c, http.StatusOK, pg)
}
