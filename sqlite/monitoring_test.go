package sqlite_test

import (
	"testing"

	"jixiao"
	"jixiao/storetest"
)

func TestMonitoring(t *testing.T) {
	storetest.RunMonitoring(t, func(t *testing.T) jixiao.ReviewStore { return openTemp(t) })
}
