package jixiao_test

import (
	"go/ast"
	"go/parser"
	"go/token"
	"io/fs"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"unicode/utf8"
)

// voiceSkipDirs are not walked by TestVoice.
// TODO(integrator): remove once the store core lands: sqlite/, postgres/ and sqlstore/
// are being rewritten into one core in parallel, which fixes their messages there.
var voiceSkipDirs = map[string]bool{}

// voiceCodes are the words in Latin letters a Chinese message may hold as they are:
// abbreviations and names with no Chinese word in use for them (“xlsx 文件”, “TLS 证书”,
// “超过 20 MB”, “CSRF 校验”). Anything else in Latin letters is English text inside a
// Chinese sentence, typically a driver's or the OS's error spliced in with %v. What a
// user types is exempt on its own terms (voiceLiteral).
var voiceCodes = map[string]bool{
	"xlsx": true, "docx": true, "xls": true, "doc": true, "zip": true, "txt": true, "csv": true, "pdf": true,
	"PDF": true, "CSV": true, "JSON": true, "XML": true, "HTML": true, "URL": true, "HTTP": true, "HTTPS": true,
	"ID": true, "SQL": true, "SQLite": true, "PostgreSQL": true, "Excel": true, "Word": true, "WPS": true,
	"Office": true, "TLS": true, "CSRF": true, "KB": true, "MB": true, "GB": true, "A": true, "UTF": true,
	"GBK": true, "jixiao": true,
}

// voiceLiteral matches what a message shows for the user to type or find as it is, which
// may be in Latin letters: a quotation (“text”), a flag (--out, -o), a command
// (jixiao backup), and a token holding / _ : . or = (word/document.xml, pg_dump,
// sqlite:文件路径, item:1, .zip).
var voiceLiteral = regexp.MustCompile(`“[^”]*”|(?:^|[^A-Za-z0-9_])--?[A-Za-z][A-Za-z0-9-]*|jixiao [a-z]+|[A-Za-z0-9_./:=-]*[/_:.=][A-Za-z0-9_./:=-]*`)

// voiceVerb is one verb of a format string: %v, %[2]s, %-5d, … (%% excluded).
var voiceVerb = regexp.MustCompile(`%(?:\[(\d+)\])?[-+# 0]*(?:\d+|\*)?(?:\.\d+)?([a-zA-Z%])`)

// voiceWord is a run of Latin letters, with the digits glued to it (A4, utf8).
var voiceWord = regexp.MustCompile(`[A-Za-z][A-Za-z0-9]*`)

// TestVoice holds every user message of the tree to the house rules (README, style.md):
// the format string of every Errorf and WrapError call is a full sentence ending in 。
// (or ？/！), holds no English words, and splices in no error with a verb: the cause of
// a WrapError is kept for operators, never shown.
func TestVoice(t *testing.T) {
	fset := token.NewFileSet()
	var problems []string
	err := filepath.WalkDir(".", func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() {
			if path != "." && (voiceSkipDirs[path] || strings.HasPrefix(d.Name(), ".") || d.Name() == "testdata") {
				return filepath.SkipDir
			}
			return nil
		}
		if !strings.HasSuffix(path, ".go") || strings.HasSuffix(path, "_test.go") {
			return nil
		}
		f, err := parser.ParseFile(fset, path, nil, 0)
		if err != nil {
			return err
		}
		root := f.Name.Name == "jixiao"
		ast.Inspect(f, func(n ast.Node) bool {
			call, ok := n.(*ast.CallExpr)
			if !ok {
				return true
			}
			at := voiceFormatIndex(call, root)
			if at < 0 || at >= len(call.Args) {
				return true
			}
			where := fset.Position(call.Pos()).String()
			format, ok := voiceConst(call.Args[at])
			if !ok {
				problems = append(problems, where+": the message is not a string constant")
				return true
			}
			for _, p := range voiceProblems(format, call.Args[at+1:]) {
				problems = append(problems, where+": "+p+": "+strconv.Quote(format))
			}
			return true
		})
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range problems {
		t.Error(p)
	}
}

// voiceFormatIndex returns the index of the format argument of a call of Errorf or
// WrapError of package jixiao (unqualified inside it), or -1.
func voiceFormatIndex(call *ast.CallExpr, root bool) int {
	var name string
	switch fn := call.Fun.(type) {
	case *ast.SelectorExpr:
		if x, ok := fn.X.(*ast.Ident); ok && x.Name == "jixiao" {
			name = fn.Sel.Name
		}
	case *ast.Ident:
		if root {
			name = fn.Name
		}
	}
	switch name {
	case "Errorf":
		return 1
	case "WrapError":
		return 2
	}
	return -1
}

// voiceConst returns the value of a string literal or a concatenation of literals.
func voiceConst(e ast.Expr) (string, bool) {
	switch e := e.(type) {
	case *ast.BasicLit:
		if e.Kind != token.STRING {
			return "", false
		}
		s, err := strconv.Unquote(e.Value)
		return s, err == nil
	case *ast.BinaryExpr:
		if e.Op != token.ADD {
			return "", false
		}
		a, ok1 := voiceConst(e.X)
		b, ok2 := voiceConst(e.Y)
		return a + b, ok1 && ok2
	case *ast.ParenExpr:
		return voiceConst(e.X)
	}
	return "", false
}

// voiceProblems lists what is wrong with one message.
func voiceProblems(format string, args []ast.Expr) []string {
	var out []string
	// A bare "%s" passes on a message made whole elsewhere (a deadline's Lock.Reason).
	end, _ := utf8.DecodeLastRuneInString(format)
	if format != "%s" && end != '。' && end != '？' && end != '！' {
		out = append(out, "does not end with 。")
	}
	text := format
	next := 0
	for _, m := range voiceVerb.FindAllStringSubmatchIndex(format, -1) {
		verb := format[m[4]:m[5]]
		if verb == "%" {
			continue
		}
		i := next
		if m[2] >= 0 {
			n, _ := strconv.Atoi(format[m[2]:m[3]])
			i = n - 1
		}
		next = i + 1
		if i < len(args) && voiceIsError(args[i]) {
			out = append(out, "splices an error in with %"+verb+" (use WrapError)")
		}
	}
	text = voiceVerb.ReplaceAllString(text, " ")
	text = voiceLiteral.ReplaceAllString(text, " ")
	for _, w := range voiceWord.FindAllString(text, -1) {
		if !voiceCodes[strings.TrimRight(w, "0123456789")] && !voiceCodes[w] {
			out = append(out, "holds the English word “"+w+"”")
		}
	}
	return out
}

// voiceIsError reports whether an argument is an error by the tree's naming: a variable
// err, or one whose name ends in err or Err (perr, readErr), or a call of its Error method.
// (A parse, not a type check: the test must run in a second, without the dependencies'
// export data.)
func voiceIsError(e ast.Expr) bool {
	switch e := e.(type) {
	case *ast.Ident:
		return e.Name == "err" || strings.HasSuffix(e.Name, "Err") || strings.HasSuffix(e.Name, "err")
	case *ast.SelectorExpr:
		return e.Sel.Name == "Err"
	case *ast.CallExpr:
		if sel, ok := e.Fun.(*ast.SelectorExpr); ok && sel.Sel.Name == "Error" && len(e.Args) == 0 {
			return true
		}
	case *ast.ParenExpr:
		return voiceIsError(e.X)
	}
	return false
}
