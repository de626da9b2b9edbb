package schemasvc

import (
	"context"
	"fmt"

	"github.com/dxhost/dxhost/services/errs"
	"github.com/dxhost/dxhost/services/items"
)

// Reads by a non-admin caller are limited to what their read permissions allow (Directus's
// fetchAllowedCollections / fetchAllowedFieldMap / validateAccess), asked of Options.Authorizer.

// readAccess is one collection's read permission: ok = any access, all = every field.
type readAccess struct {
	ok, all bool
	fields  map[string]bool
}

func (a readAccess) field(name string) bool { return a.ok && (a.all || a.fields[name]) }

// restricted reports whether reads must be checked (a non-admin caller).
func (b *base) restricted() bool { return b.opts.Accountability != nil && !b.isAdmin() }

// access asks the authorizer for the caller's read permission on collection.
func (b *base) access(ctx context.Context, collection string) (readAccess, error) {
	if !b.restricted() {
		return readAccess{ok: true, all: true}, nil
	}
	if b.opts.Authorizer == nil {
		return readAccess{}, nil
	}
	q, err := b.opts.Authorizer.Authorize(ctx, "read", collection, &items.Query{Fields: []string{"*"}}, b.opts.Accountability)
	if err != nil {
		if errs.Is(err, "FORBIDDEN") {
			return readAccess{}, nil
		}
		return readAccess{}, err
	}
	acc := readAccess{ok: true, fields: map[string]bool{}}
	var ca *items.CollectionAccess
	if q.Access != nil {
		ca = q.Access.Collections[collection]
	}
	if ca == nil || ca.Fields == nil {
		acc.all = true
		return acc, nil
	}
	for _, f := range ca.Fields {
		acc.fields[f] = true
	}
	return acc, nil
}

// validateAccess is Directus's validateAccess for a read: FORBIDDEN without read access.
func (b *base) validateAccess(ctx context.Context, collection string) error {
	a, err := b.access(ctx, collection)
	if err != nil {
		return err
	}
	if !a.ok {
		return errs.ForbiddenReason(fmt.Sprintf(`You don't have permission to perform "read" for collection "%s" or it does not exist.`, collection))
	}
	return nil
}

// accessMap caches access per collection for one call.
type accessMap struct {
	b    *base
	seen map[string]readAccess
}

func (b *base) accessMap() *accessMap { return &accessMap{b: b, seen: map[string]readAccess{}} }

func (m *accessMap) get(ctx context.Context, collection string) (readAccess, error) {
	if a, ok := m.seen[collection]; ok {
		return a, nil
	}
	a, err := m.b.access(ctx, collection)
	if err != nil {
		return a, err
	}
	m.seen[collection] = a
	return a, nil
}
