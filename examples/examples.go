// Package examples embeds the example documents of the repository, so that the binary
// can load demo data on an offline machine (jixiao serve on an empty database).
package examples

import (
	_ "embed"

	"jixiao"
	"jixiao/textdoc"
)

// ShifengName is the file name of the seed example.
const ShifengName = "shifeng-tongzhanbu-2021.txt"

// Shifeng is the seed example: the 2021 performance target tables of the United Front
// Work Department (统战部) of Shifeng District, Zhuzhou, Hunan, as the tab-celled text of
// the Word document.
//
//go:embed shifeng-tongzhanbu-2021.txt
var Shifeng []byte

// ShifengPlan reads the seed example into a plan.
func ShifengPlan() (*jixiao.Plan, error) {
	return textdoc.Read(ShifengName, Shifeng)
}
