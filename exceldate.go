package jixiao

import "time"

// Excel serial dates. A 时效 indicator's 指标值 typed as a date in Excel and copied into
// Word, the web form or the seed's text loses its format and arrives as a bare number
// (44926 for 2022-12-31). NewIndicator, which every reader calls, reads it back as a
// deadline, so this lives in the domain, not in xlsx/ (which reads the cells' own date
// types with the xlsx library).

// Excel stores dates as days since 1899-12-30 (the 1900 leap-year bug folded in). Serial
// numbers from 1990-01-01 to 2100-12-31 are read as dates in 时效 indicators.
var excelEpoch = time.Date(1899, 12, 30, 0, 0, 0, 0, time.UTC)

const (
	minExcelSerial = 32874 // 1990-01-01
	maxExcelSerial = 73415 // 2100-12-31
)

// isExcelSerial reports whether a whole number is the serial of a date this system reads
// as one (1990–2100).
func isExcelSerial(n int64) bool { return n >= minExcelSerial && n <= maxExcelSerial }

// excelSerialDeadline is the deadline of the serial date n: January to its month of its
// year, written as the date (2022-12-31).
func excelSerialDeadline(n int64) Period {
	d := excelEpoch.AddDate(0, 0, int(n))
	return Period{Text: d.Format(time.DateOnly), FromYear: d.Year(), FromMonth: 1, ToYear: d.Year(), ToMonth: int(d.Month())}
}
