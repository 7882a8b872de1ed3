package http

import (
	"bytes"
	"net/http"
	"net/url"

	"jixiao/xlsx"
)

// adminDirectoryTemplate downloads the import template (GET
// /admin/directory/template.xlsx): a sheet of departments, a sheet of accounts and the
// instructions.
func adminDirectoryTemplate(s *Server, w http.ResponseWriter, r *http.Request, c *reqCtx) error {
	var buf bytes.Buffer
	err := xlsx.WriteSheets(&buf, []xlsx.Sheet{
		{Name: "单位", Header: deptHeader, Widths: []float64{16, 30, 10, 16}},
		{Name: "账号", Header: userHeader, Widths: []float64{18, 14, 14, 16}},
		{Name: "填写说明", Header: []string{"说明"}, Widths: []float64{100}, Rows: [][]any{
			{"“单位”表：每行一个新单位。单位编码不能与已有单位或本表其他行重复。"},
			{"类型填写“财政局”“部门”或“单位”。上级单位编码填写已有单位的编码，或本表中其他行的编码（上级可写在下级之后）。"},
			{"“账号”表：每行一个新账号。用户名由 3～32 位字母、数字、点、下划线或连字符组成，不能与已有账号重复。"},
			{"角色填写“单位填报”“单位负责人”或“财政审核”。单位编码填写已有单位或“单位”表中的编码。"},
			{"初始密码由系统随机生成，导入后只显示一次；账号首次登录时必须修改为本人的密码（三员分立：管理员不设定密码）。"},
			{"导入前系统逐行检查并列出全部问题；只要有一行有问题，整个文件都不会导入。"},
		}},
	})
	if err != nil {
		return err
	}
	w.Header().Set("Content-Type", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
	w.Header().Set("Content-Disposition", "attachment; filename=\"directory.xlsx\"; filename*=UTF-8''"+url.PathEscape("单位和账号导入模板.xlsx"))
	w.Write(buf.Bytes())
	return nil
}
