package sqlite_test

import (
	"testing"

	"jixiao"
	"jixiao/storetest"
)

func TestHeadConformance(t *testing.T) {
	storetest.RunHead(t, func(t *testing.T) jixiao.ReviewStore { return openTemp(t) })
}
