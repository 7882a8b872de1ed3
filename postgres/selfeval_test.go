package postgres_test

import (
	"testing"

	"jixiao"
	"jixiao/storetest"
)

func TestSelfEval(t *testing.T) {
	testURL(t)
	storetest.RunSelfEval(t, func(t *testing.T) jixiao.ReviewStore { return openFresh(t) })
}
