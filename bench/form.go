package bench

import (
	"html"
	"net/url"
	"regexp"
	"strings"
)

var (
	tagRe  = regexp.MustCompile(`(?s)<(input|textarea|select|option|/select)\b([^>]*)>`)
	attrRe = regexp.MustCompile(`([a-zA-Z_:][-a-zA-Z0-9_:.]*)(?:\s*=\s*"([^"]*)")?`)
)

func attrs(s string) map[string]string {
	m := map[string]string{}
	for _, a := range attrRe.FindAllStringSubmatch(s, -1) {
		m[strings.ToLower(a[1])] = html.UnescapeString(a[2])
	}
	return m
}

// FormValues returns what a browser would submit from the form of page whose action is
// action, without pressing any of its buttons: its inputs (checkboxes and radios only
// when checked), textareas and the selected option of each select. The pages come from
// html/template, which always quotes attributes with double quotes. ok is false when
// the page has no such form.
func FormValues(page, action string) (vals url.Values, ok bool) {
	i := strings.Index(page, `action="`+action+`"`)
	if i < 0 {
		return nil, false
	}
	start := strings.LastIndex(page[:i], "<form")
	end := strings.Index(page[i:], "</form>")
	if start < 0 || end < 0 {
		return nil, false
	}
	form := page[start : i+end]
	vals = url.Values{}
	var sel string   // the select being read
	var first string // its first option, submitted when none is selected
	var chosen bool  // an option of it was selected
	for _, m := range tagRe.FindAllStringSubmatchIndex(form, -1) {
		tag := form[m[2]:m[3]]
		a := attrs(form[m[4]:m[5]])
		_, disabled := a["disabled"]
		switch tag {
		case "input":
			name := a["name"]
			typ := strings.ToLower(a["type"])
			if name == "" || disabled || typ == "submit" || typ == "button" || typ == "image" || typ == "reset" || typ == "file" {
				continue
			}
			if _, checked := a["checked"]; (typ == "checkbox" || typ == "radio") && !checked {
				continue
			}
			v, has := a["value"]
			if !has && (typ == "checkbox" || typ == "radio") {
				v = "on"
			}
			vals.Add(name, v)
		case "textarea":
			body := form[m[1]:]
			if k := strings.Index(body, "</textarea>"); k >= 0 {
				body = body[:k]
			}
			body = strings.TrimPrefix(body, "\n") // as a browser does
			if a["name"] != "" && !disabled {
				vals.Add(a["name"], html.UnescapeString(body))
			}
		case "select":
			sel, first, chosen = "", "", false
			if !disabled {
				sel = a["name"]
			}
		case "option":
			if sel == "" {
				continue
			}
			v, has := a["value"]
			if !has {
				body := form[m[1]:]
				if k := strings.Index(body, "<"); k >= 0 {
					body = body[:k]
				}
				v = strings.TrimSpace(html.UnescapeString(body))
			}
			if first == "" {
				first = v
			}
			if _, s := a["selected"]; s && !chosen {
				vals.Add(sel, v)
				chosen = true
			}
		case "/select":
			if sel != "" && !chosen {
				vals.Add(sel, first)
			}
			sel = ""
		}
	}
	return vals, true
}
