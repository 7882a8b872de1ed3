package postgres_test

import (
	"testing"

	"jixiao"
	"jixiao/storetest"
)

func TestLibrary(t *testing.T) {
	testURL(t)
	storetest.RunLibrary(t, func(t *testing.T) jixiao.ReviewStore { return openFresh(t) })
}
