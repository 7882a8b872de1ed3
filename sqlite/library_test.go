package sqlite_test

import (
	"testing"

	"jixiao"
	"jixiao/storetest"
)

func TestLibrary(t *testing.T) {
	storetest.RunLibrary(t, func(t *testing.T) jixiao.ReviewStore { return openTemp(t) })
}
