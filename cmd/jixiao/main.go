// Command jixiao is the one binary of the jixiao budget performance target system: it
// reads, checks, renders, imports, stores and serves performance target tables.
//
// Each subcommand lives in a file of its own and registers itself in init with
// register; main only dispatches.
package main

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"sort"
	"strings"
	"syscall"

	"jixiao"
)

// command is one subcommand of the binary.
type command struct {
	Name    string
	Summary string // one line, Chinese
	Usage   string // the argument synopsis, e.g. "FILE [--format text|json]"
	// Run runs the command with its own flag set already made; it parses args itself
	// (via parseFlags) so that flags may come after positional arguments.
	Run func(ctx context.Context, env *env, args []string) error
}

// env is what a command may touch: standard streams and the process environment.
type env struct {
	Stdin  io.Reader
	Stdout io.Writer
	Stderr io.Writer
	Getenv func(string) string
}

var commands = map[string]*command{}

func register(c *command) {
	if _, dup := commands[c.Name]; dup {
		panic("duplicate command " + c.Name)
	}
	commands[c.Name] = c
}

// exitError carries an exit code that is not derived from an error code (exit 1: the
// checks found errors).
type exitError struct{ code int }

func (e exitError) Error() string { return fmt.Sprintf("exit %d", e.code) }

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	code := run(ctx, &env{Stdin: os.Stdin, Stdout: os.Stdout, Stderr: os.Stderr, Getenv: os.Getenv}, os.Args[1:])
	stop()
	os.Exit(code)
}

// run runs the command line args and returns the exit code.
func run(ctx context.Context, e *env, args []string) int {
	if len(args) == 0 || args[0] == "-h" || args[0] == "--help" || args[0] == "help" {
		if len(args) > 1 {
			if c, ok := commands[args[1]]; ok {
				printCommandHelp(e.Stdout, c)
				return 0
			}
		}
		usage(e.Stdout)
		if len(args) == 0 {
			return 2
		}
		return 0
	}
	c, ok := commands[args[0]]
	if !ok {
		fmt.Fprintf(e.Stderr, "jixiao：未知命令“%s”。运行 jixiao --help 查看所有命令。\n", args[0])
		return 2
	}
	err := c.Run(ctx, e, args[1:])
	var ee exitError
	switch {
	case err == nil:
		return 0
	case errors.As(err, &ee):
		return ee.code
	case errors.Is(err, flag.ErrHelp):
		return 0
	case errors.Is(err, errUsage):
		return 2
	}
	// A user's error (*jixiao.Error, whatever its code) is shown by its Chinese message;
	// any other error is an operator's and shown as it is.
	var ue *jixiao.Error
	if errors.As(err, &ue) {
		fmt.Fprintf(e.Stderr, "jixiao %s：%s\n", c.Name, ue.Message)
		// The cause (jixiao.WrapError) is the operator's: its English text goes on a line
		// of its own, never inside the Chinese sentence.
		if ue.Err != nil {
			fmt.Fprintf(e.Stderr, "jixiao %s: cause: %v\n", c.Name, ue.Err)
		}
	} else {
		fmt.Fprintf(e.Stderr, "jixiao %s：%v\n", c.Name, err)
	}
	return jixiao.ExitCode(err)
}

var errUsage = errors.New("usage")

func usage(w io.Writer) {
	fmt.Fprintln(w, "jixiao — 预算绩效管理系统")
	fmt.Fprintln(w)
	fmt.Fprintln(w, "用法：jixiao 命令 [参数]")
	fmt.Fprintln(w)
	fmt.Fprintln(w, "命令：")
	names := make([]string, 0, len(commands))
	for n := range commands {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		fmt.Fprintf(w, "  %-12s %s\n", n, commands[n].Summary)
	}
	fmt.Fprintln(w)
	fmt.Fprintln(w, "运行 jixiao 命令 --help 查看该命令的参数。")
}

func printCommandHelp(w io.Writer, c *command) {
	fmt.Fprintf(w, "%s\n\n用法：jixiao %s %s\n\n运行 jixiao %s --help 查看全部参数。\n", c.Summary, c.Name, c.Usage, c.Name)
}

// newFlags returns a flag set for a command whose usage message is in Chinese.
func newFlags(e *env, c *command) *flag.FlagSet {
	fs := flag.NewFlagSet(c.Name, flag.ContinueOnError)
	fs.SetOutput(e.Stderr)
	fs.Usage = func() {
		fmt.Fprintf(e.Stderr, "%s\n\n用法：jixiao %s %s\n", c.Summary, c.Name, c.Usage)
		var has bool
		fs.VisitAll(func(*flag.Flag) { has = true })
		if has {
			fmt.Fprintln(e.Stderr, "\n参数：")
			fs.PrintDefaults()
		}
	}
	return fs
}

// parseFlags parses args allowing flags before and after positional arguments
// ("jixiao check seed.txt --format json"). It returns the positional arguments.
func parseFlags(fs *flag.FlagSet, args []string) ([]string, error) {
	var pos []string
	for {
		if err := fs.Parse(args); err != nil {
			if errors.Is(err, flag.ErrHelp) {
				return nil, flag.ErrHelp
			}
			return nil, errUsage
		}
		args = fs.Args()
		if len(args) == 0 {
			return pos, nil
		}
		if args[0] == "--" {
			return append(pos, args[1:]...), nil
		}
		pos = append(pos, args[0])
		args = args[1:]
		if len(args) == 0 {
			return pos, nil
		}
		if !strings.HasPrefix(args[0], "-") {
			// keep collecting positionals until a flag appears
			for len(args) > 0 && !strings.HasPrefix(args[0], "-") {
				pos = append(pos, args[0])
				args = args[1:]
			}
			if len(args) == 0 {
				return pos, nil
			}
		}
	}
}

// addYearFlag adds --year: the budget year of a table that states none anywhere (used
// only then, never over a year the table states).
func addYearFlag(fs *flag.FlagSet) *int {
	return fs.Int("year", 0, "表中没有写预算年度时使用的年度（如 2022）；表中写了年度时以表为准")
}

// addFormatFlag adds --format text|json to a listing command.
func addFormatFlag(fs *flag.FlagSet) *string {
	return fs.String("format", "text", "输出格式：text 或 json")
}

// checkFormat refuses a --format other than text or json.
func checkFormat(format string) error {
	if format != "text" && format != "json" {
		return jixiao.Errorf(jixiao.EINVALID, "不支持的输出格式“%s”：请用“text”或“json”。", format)
	}
	return nil
}

// writeJSON writes v as indented JSON, with <, > and & as they are (the output is read
// by people and programs, never embedded in HTML).
func writeJSON(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(v)
}
