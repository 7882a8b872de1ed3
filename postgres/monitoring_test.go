package postgres_test

import (
	"testing"

	"jixiao"
	"jixiao/storetest"
)

func TestMonitoring(t *testing.T) {
	testURL(t)
	storetest.RunMonitoring(t, func(t *testing.T) jixiao.ReviewStore { return openFresh(t) })
}
