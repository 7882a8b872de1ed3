// Package textdoc reads the tab-celled text of Word tables (the seed's format).
package textdoc

import "jixiao"

// Read reads a document in the tab-celled text format; name is used in messages.
func Read(name string, data []byte) (*jixiao.Plan, error) {
	return nil, jixiao.Errorf(jixiao.EINVALID, "%s：文本表格读取器尚在编写中", name)
}
