package postgres_test

import (
	"testing"

	"jixiao"
	"jixiao/storetest"
)

func TestHeadConformance(t *testing.T) {
	testURL(t)
	storetest.RunHead(t, func(t *testing.T) jixiao.ReviewStore { return openFresh(t) })
}
