package http

import (
	"net/http"
)

// directoryPage is the directory import: the template, the upload form, then the
// preview of a file (its rows, each with its problems) and, when every row is good, the
// button that imports it; after the import, the new accounts with their passwords,
// shown once.
type directoryPage struct {
	layout
	FileName string
	Data     string // the checked file, base64, carried to the import
	File     *directoryFile
	Error    string
	Imported []importedAccount
	Depts    int // departments imported
}

// importedAccount is an imported account with its one-time password.
type importedAccount struct {
	Username, Name, Role, Department, Password string
}

func (s *Server) showDirectory(w http.ResponseWriter, r *http.Request, c *reqCtx, status int, pg *directoryPage) error {
	pg.Title, pg.Nav = "批量导入单位和账号", "directory"
	pg.Crumbs = []crumb{{Label: "系统管理"}, {Label: "单位管理", URL: "/admin/departments"}, {Label: "批量导入"}}
	s.render(w, r, c, status, "admin_directory", pg)
	return nil
}

// adminDirectory shows the import page (GET /admin/directory).
func adminDirectory(s *Server, w http.ResponseWriter, r *http.Request, c *reqCtx) error {
	return s.showDirectory(w, r, c, http.StatusOK, &directoryPage{})
}
