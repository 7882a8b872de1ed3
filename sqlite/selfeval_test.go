package sqlite_test

import (
	"testing"

	"jixiao"
	"jixiao/storetest"
)

func TestSelfEval(t *testing.T) {
	storetest.RunSelfEval(t, func(t *testing.T) jixiao.ReviewStore { return openTemp(t) })
}
