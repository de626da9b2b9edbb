package auth_test

import (
	"bytes"
	"context"
	"encoding/json"
	"net/url"
	"os"
	"strconv"
	"strings"
	"testing"

	"github.com/dxhost/dxhost/services/auth"
	"github.com/dxhost/dxhost/services/auth/authtest"
	"github.com/dxhost/dxhost/services/db"
	"github.com/dxhost/dxhost/services/errs"
	"github.com/dxhost/dxhost/services/items"
	"github.com/dxhost/dxhost/services/schema"
)

// rulesRecording is testdata/recording-rules.json (record-rules.mjs): custom permission rules as a
// licensed Directus 12.4.1 enforces them.
type rulesRecording struct {
	Calls []struct {
		Caller  string         `json:"caller"`
		Method  string         `json:"method"`
		Path    string         `json:"path"`
		Request map[string]any `json:"request"`
		authtest.Response
	} `json:"calls"`
	Users        map[string]string           `json:"users"`
	NestedTables map[string][]map[string]any `json:"nestedTables"`
	LinkTables   map[string][]map[string]any `json:"linkTables"`
	M2MFrom      int                         `json:"m2mFrom"`
	M2MTables    map[string][]map[string]any `json:"m2mTables"`
	Tables       map[string][]map[string]any `json:"tables"`
}

// knownGaps are recorded calls dxhost does not reproduce yet, with the reason. The test fails if
// one of them starts matching (so the list only shrinks).
var knownGaps = map[int]string{}

// notOnPostgres are recorded calls whose SQLite answer does not speak for PostgreSQL: Directus on
// PostgreSQL answers COUNT as a string (bigint; services/items' pg recording rest-aggregate), and
// PostgreSQL sorts NULLs last.
var notOnPostgres = map[int]string{
	61: "COUNT is a string on PostgreSQL",
	63: "COUNT is a string on PostgreSQL",
	66: "COUNT is a string on PostgreSQL",
	76: "COUNT is a string on PostgreSQL",
	77: "COUNT is a string and NULLs sort last on PostgreSQL",
	78: "COUNT is a string and NULLs sort last on PostgreSQL",
}

// serverAnswers is testdata/recording-rules-servers.json: the recorded calls Directus answers
// differently on PostgreSQL and MariaDB than on SQLite, per client and index. They come after a
// refused nested write that had already inserted a row: SQLite hands the rolled-back id out again,
// a PostgreSQL sequence and a MariaDB AUTO_INCREMENT keep it used.
type serverAnswers map[string]map[string]serverCall

type serverCall struct {
	Path string `json:"path"`
	authtest.Response
}

// TestCustomRulesMatchDirectus replays the recorded calls: reads through ItemsService with the
// Authorizer; writes the way ItemsService must call the Authorizer (AuthorizeKeys = validateAccess,
// AuthorizePayload = processPayload's permission part), which ItemsService now calls itself.
func TestCustomRulesMatchDirectus(t *testing.T) {
	data, err := os.ReadFile("testdata/recording-rules.json")
	if err != nil {
		t.Fatal(err)
	}
	var rec rulesRecording
	if err := json.Unmarshal(data, &rec); err != nil {
		t.Fatal(err)
	}
	var raw map[string]json.RawMessage
	if data, err = os.ReadFile("testdata/recording-rules-servers.json"); err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(data, &raw); err != nil {
		t.Fatal(err)
	}
	servers := serverAnswers{}
	for _, client := range []string{db.ClientPostgres, db.ClientMySQL} {
		var calls map[string]serverCall
		if err := json.Unmarshal(raw[client], &calls); err != nil {
			t.Fatal(err)
		}
		servers[client] = calls
	}
	tokens := map[string]string{"junior": "tok-junior", "reader": "tok-reader", "app": "tok-app", "sorter": "tok-sorter", "writer": "tok-writer", "tagger": "tok-tagger", "linker": "tok-linker", "public": ""}
	for _, client := range clients {
		t.Run(client, func(t *testing.T) {
			ctx := context.Background()
			d := authtest.SeededDB(t, client, &authtest.Recording{Tables: rec.Tables})
			createRulesTable(t, d, rec.Users)
			sch, err := schema.Build(ctx, d, d.Client, schema.BuildOptions{})
			if err != nil {
				t.Fatal(err)
			}
			svc := auth.New(d, authtest.Config("s"), nil)
			authorizer := &auth.Authorizer{Auth: svc, Schema: func(context.Context) (*schema.Overview, error) { return sch, nil }}
			nested, links, m2m := false, false, false
			for i, c := range rec.Calls {
				if !nested && strings.Contains(c.Path, "tags") {
					// record-rules.mjs created the tags collection after the first calls.
					createNestedTables(t, d, rec.NestedTables)
					if sch, err = schema.Build(ctx, d, d.Client, schema.BuildOptions{}); err != nil {
						t.Fatal(err)
					}
					nested = true
				}
				if !links && strings.HasPrefix(c.Path, "/items/links") {
					// then links (m2o article, a2o item) for the rules below the root.
					createLinkTables(t, d, rec.LinkTables)
					if sch, err = schema.Build(ctx, d, d.Client, schema.BuildOptions{}); err != nil {
						t.Fatal(err)
					}
					links = true
				}
				if !m2m && rec.M2MFrom > 0 && i >= rec.M2MFrom {
					// then labels and the junction articles_labels (m2m articles.labels).
					createM2MTables(t, d, rec.M2MTables)
					if sch, err = schema.Build(ctx, d, d.Client, schema.BuildOptions{}); err != nil {
						t.Fatal(err)
					}
					m2m = true
				}
				if strings.HasPrefix(c.Path, "/items/directus_") {
					continue // the REST controller refuses system collections; not an ItemsService rule
				}
				acc, err := svc.Accountability(ctx, tokens[c.Caller], auth.DefaultAccountability("127.0.0.1"))
				if err != nil {
					t.Fatal(err)
				}
				opts := items.Options{Schema: sch, DB: d, Accountability: acc, Authorizer: authorizer}
				status, body := rulesCall(ctx, t, authorizer, items.New("articles", opts), opts, c.Method, c.Path, c.Request, acc)
				want := c.Response
				if s, ok := servers[client][strconv.Itoa(i)]; ok {
					if s.Path != c.Path {
						t.Fatalf("#%d: server answer is for %s, not %s", i, s.Path, c.Path)
					}
					want = s.Response
				}
				got, _ := json.Marshal(body)
				match := status == want.Status && sameJSON(string(got), string(want.Body))
				if match && status == 200 {
					// Successful bodies must also keep Directus's key order.
					match = string(got) == compactOrdered(want.Body)
				}
				if reason, skip := notOnPostgres[i]; skip && client == db.ClientPostgres {
					t.Logf("#%d not compared on PostgreSQL (%s)", i, reason)
					continue
				}
				if reason, gap := knownGaps[i]; gap {
					if match {
						t.Errorf("#%d now matches Directus: remove it from knownGaps (%s)", i, reason)
					} else {
						t.Logf("#%d KNOWN GAP (%s): %s %s\ngot  %s\nwant %s", i, reason, c.Method, c.Path, got, compactOrdered(c.Body))
					}
					continue
				}
				if !match {
					t.Errorf("#%d %s %s %s %v: got %d %s\nwant %d %s", i, c.Caller, c.Method, c.Path, c.Request, status, got, want.Status, compactJSON(string(want.Body)))
				}
			}
		})
	}
}

func rulesCall(ctx context.Context, t *testing.T, a *auth.Authorizer, s *items.Service, opts items.Options, method, path string, body map[string]any, acc map[string]any) (int, any) {
	u, _ := url.Parse(path)
	parts := strings.Split(strings.Trim(u.Path, "/"), "/")
	var key any
	if len(parts) == 3 {
		key = parts[2]
	}
	if len(parts) >= 2 && parts[0] == "items" && parts[1] != "articles" {
		opts.Accountability = acc
		s = items.New(parts[1], opts)
	}
	respond := func(err error) (int, any) {
		var list []any
		status := 0
		var errsList []error
		if v, ok := err.(auth.ValidationErrors); ok {
			for _, e := range v {
				errsList = append(errsList, e)
			}
		} else {
			errsList = []error{err}
		}
		for _, e := range errsList {
			de := errs.As(e)
			if de == nil {
				t.Fatalf("%s %s: %v", method, path, err)
			}
			status = de.Status
			ext := map[string]any{}
			for k, v := range de.Extensions {
				ext[k] = v
			}
			ext["code"] = de.Code
			list = append(list, map[string]any{"message": de.Message, "extensions": ext})
		}
		return status, map[string]any{"errors": list}
	}
	if u.Path == "/users/me" {
		// users controller's GET /me: no user → INVALID_CREDENTIALS; FORBIDDEN → {id}.
		if acc["user"] == nil {
			return respond(errs.InvalidCredentials())
		}
		q := &items.Query{}
		if f := u.Query().Get("fields"); f != "" {
			q.Fields = strings.Split(f, ",")
		}
		opts.Accountability = acc
		it, err := items.New("directus_users", opts).ReadOne(ctx, acc["user"], q, items.ReadOptions{})
		if errs.Is(err, errs.CodeForbidden) {
			return 200, map[string]any{"data": map[string]any{"id": acc["user"]}}
		}
		if err != nil {
			return respond(err)
		}
		return 200, map[string]any{"data": it}
	}
	switch method {
	case "GET":
		q := &items.Query{}
		vals := u.Query()
		if f := vals.Get("fields"); f != "" {
			q.Fields = strings.Split(f, ",")
		}
		if srt := vals.Get("sort"); srt != "" {
			q.Sort = strings.Split(srt, ",")
		}
		if v := vals.Get("filter[secret][_eq]"); v != "" {
			q.Filter = map[string]any{"secret": map[string]any{"_eq": v}}
		}
		if v := vals.Get("filter[id][_eq]"); v != "" {
			q.Filter = map[string]any{"id": map[string]any{"_eq": v}}
		}
		for name, dst := range map[string]*map[string]any{"filter": &q.Filter, "deep": &q.Deep} {
			if v := vals.Get(name); v != "" {
				if err := json.Unmarshal([]byte(v), dst); err != nil {
					t.Fatalf("%s %s: %v", name, v, err)
				}
			}
		}
		for k, v := range vals {
			if op, ok := strings.CutPrefix(k, "aggregate["); ok {
				if q.Aggregate == nil {
					q.Aggregate = map[string][]string{}
				}
				q.Aggregate[strings.TrimSuffix(op, "]")] = v
			}
		}
		q.Group = vals["groupBy[]"]
		if v := vals.Get("search"); v != "" {
			q.Search = &v
		}
		if key != nil {
			it, err := s.ReadOne(ctx, key, q, items.ReadOptions{})
			if err != nil {
				return respond(err)
			}
			return 200, map[string]any{"data": it}
		}
		list, err := s.ReadByQuery(ctx, q, items.ReadOptions{})
		if err != nil {
			return respond(err)
		}
		data := make([]any, len(list))
		for i, it := range list {
			data[i] = it
		}
		if m := vals.Get("meta"); m != "" {
			// The items controller answers { meta, data }, meta first.
			meta, err := s.Meta(ctx, q, strings.Split(m, ","))
			if err != nil {
				return respond(err)
			}
			return 200, struct {
				Meta any   `json:"meta"`
				Data []any `json:"data"`
			}{meta, data}
		}
		return 200, map[string]any{"data": data}
	case "POST":
		// ItemsService calls the Authorizer's write checks itself (items.WriteAuthorizer).
		newKey, err := s.CreateOne(ctx, body, items.MutationOptions{})
		if err != nil {
			return respond(err)
		}
		it, err := s.ReadOne(ctx, newKey, &items.Query{}, items.ReadOptions{})
		if err != nil {
			return respond(err)
		}
		return 200, map[string]any{"data": it}
	case "PATCH":
		if _, err := s.UpdateOne(ctx, key, body, items.MutationOptions{}); err != nil {
			return respond(err)
		}
		it, err := s.ReadOne(ctx, key, &items.Query{}, items.ReadOptions{})
		if err != nil {
			return respond(err)
		}
		return 200, map[string]any{"data": it}
	case "DELETE":
		if _, err := s.DeleteOne(ctx, key, items.MutationOptions{}); err != nil {
			return respond(err)
		}
		return 204, nil
	}
	return 0, nil
}

func createRulesTable(t *testing.T, d *db.DB, users map[string]string) {
	t.Helper()
	pk := pkDDL(d.Client)
	j, o := users["junior"], users["other"]
	stmts := []string{
		`CREATE TABLE articles (id ` + pk + `, title varchar(255), status varchar(255), secret varchar(255), owner varchar(255))`,
		`INSERT INTO articles (title, status, secret, owner) VALUES ('a1', 'published', 's1', '` + o + `'), ('a2', 'draft', 's2', '` + j + `'), ('a3', 'published', 's3', '` + j + `'), ('a4', 'draft', 's4', '` + o + `'), ('a5', 'draft', 's5', '` + j + `')`,
		`INSERT INTO directus_collections (collection) VALUES ('articles')`,
	}
	for _, s := range stmts {
		if _, err := d.Exec(s); err != nil {
			t.Fatalf("%s: %v", s, err)
		}
	}
}

// compactOrdered is the recorded JSON without whitespace, key order kept.
func compactOrdered(raw []byte) string {
	var buf bytes.Buffer
	if err := json.Compact(&buf, raw); err != nil {
		return string(raw)
	}
	return buf.String()
}

// createNestedTables adds the recording's tags collection (m2o tags.article → articles, o2m alias
// articles.tags) with its directus_fields / directus_relations rows and items.
func createNestedTables(t *testing.T, d *db.DB, tables map[string][]map[string]any) {
	t.Helper()
	stmts := []string{`CREATE TABLE tags (id ` + pkDDL(d.Client) + `, name varchar(255), article integer NULL REFERENCES articles (id) ON DELETE SET NULL)`}
	if d.Client == db.ClientMySQL {
		stmts[0] = `CREATE TABLE tags (id ` + pkDDL(d.Client) + `, name varchar(255), article int unsigned NULL, FOREIGN KEY (article) REFERENCES articles (id) ON DELETE SET NULL)`
	}
	stmts = append(stmts, `INSERT INTO directus_collections (collection) VALUES ('tags')`)
	for _, s := range stmts {
		if _, err := d.Exec(s); err != nil {
			t.Fatalf("%s: %v", s, err)
		}
	}
	insertRows(t, d, tables, "directus_fields", "directus_relations", "tags")
}

// createLinkTables adds the recording's links collection (m2o article → articles, a2o item +
// collection → articles | tags) with its directus_fields / directus_relations rows and items.
func createLinkTables(t *testing.T, d *db.DB, tables map[string][]map[string]any) {
	t.Helper()
	article := `article integer NULL REFERENCES articles (id) ON DELETE SET NULL`
	if d.Client == db.ClientMySQL {
		article = `article int unsigned NULL, FOREIGN KEY (article) REFERENCES articles (id) ON DELETE SET NULL`
	}
	for _, s := range []string{
		`CREATE TABLE links (id ` + pkDDL(d.Client) + `, label varchar(255), item varchar(255), ` + d.Dialect().Quote("collection") + ` varchar(255), ` + article + `)`,
		`INSERT INTO directus_collections (collection) VALUES ('links')`,
	} {
		if _, err := d.Exec(s); err != nil {
			t.Fatalf("%s: %v", s, err)
		}
	}
	insertRows(t, d, tables, "directus_fields", "directus_relations", "links")
}

// createM2MTables adds the recording's labels collection and the junction articles_labels
// (m2m alias articles.labels, deselected junction rows deleted) with their metadata and items.
func createM2MTables(t *testing.T, d *db.DB, tables map[string][]map[string]any) {
	t.Helper()
	ref := func(col, target string) string {
		if d.Client == db.ClientMySQL {
			return col + ` int unsigned NULL, FOREIGN KEY (` + col + `) REFERENCES ` + target + ` (id) ON DELETE SET NULL`
		}
		return col + ` integer NULL REFERENCES ` + target + ` (id) ON DELETE SET NULL`
	}
	for _, s := range []string{
		`CREATE TABLE labels (id ` + pkDDL(d.Client) + `, name varchar(255))`,
		`CREATE TABLE articles_labels (id ` + pkDDL(d.Client) + `, ` + ref("articles_id", "articles") + `, ` + ref("labels_id", "labels") + `)`,
		`INSERT INTO directus_collections (collection) VALUES ('labels'), ('articles_labels')`,
	} {
		if _, err := d.Exec(s); err != nil {
			t.Fatalf("%s: %v", s, err)
		}
	}
	insertRows(t, d, tables, "directus_fields", "directus_relations", "labels", "articles_labels")
}

// insertRows copies recorded rows into their tables, in the order given.
func insertRows(t *testing.T, d *db.DB, tables map[string][]map[string]any, names ...string) {
	t.Helper()
	dialect := d.Dialect()
	for _, table := range names {
		for _, row := range tables[table] {
			var cols, marks []string
			var args []any
			for k, v := range row {
				cols = append(cols, dialect.Quote(k))
				marks = append(marks, "?")
				args = append(args, v)
			}
			q := "INSERT INTO " + dialect.Quote(table) + " (" + strings.Join(cols, ", ") + ") VALUES (" + strings.Join(marks, ", ") + ")"
			if _, err := d.Exec(dialect.Rebind(q), args...); err != nil {
				t.Fatalf("%s: %v", q, err)
			}
		}
		if d.Client == db.ClientPostgres && !strings.HasPrefix(table, "directus_") && len(tables[table]) > 0 {
			// Explicit ids leave a serial sequence behind; later creates would reuse them.
			q := `SELECT setval(pg_get_serial_sequence('` + table + `', 'id'), (SELECT MAX(id) FROM ` + dialect.Quote(table) + `))`
			if _, err := d.Exec(q); err != nil {
				t.Fatalf("%s: %v", q, err)
			}
		}
	}
}
