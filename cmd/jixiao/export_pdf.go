package main

import (
	"context"

	"jixiao"
	"jixiao/pdf"
)

func init() {
	renderPDF = func(ctx context.Context, p *jixiao.Plan) ([]byte, error) {
		return pdf.Render(ctx, p, pdf.Options{})
	}
	printHTML = func(ctx context.Context, page []byte) ([]byte, error) {
		return pdf.RenderHTML(ctx, page, pdf.Options{})
	}
}
