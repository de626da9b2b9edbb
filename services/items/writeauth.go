package items

import (
	"context"
	"slices"
	"sort"
)

// WriteAuthorizer is the write side of the permissions seam (spec 13 §8), implemented by
// services/auth.Authorizer. When the Authorizer also implements it, non-admin writes go through
// Directus's validateAccess (AuthorizeKeys: update/delete keys and fields against the item rules)
// and processPayload (AuthorizePayload: allowed fields, presets, permission validation).
// Added by the auth engineer (contracts-notes: auth 02:58, 03:28).
type WriteAuthorizer interface {
	AuthorizeKeys(ctx context.Context, action, collection string, keys []any, fields []string, accountability map[string]any, opts Options) error
	AuthorizePayload(ctx context.Context, action, collection string, payload map[string]any, accountability map[string]any) (map[string]any, error)
}

// authorizeWrite is the permission step of create/update/delete: the collection check, then, for a
// WriteAuthorizer, the key and payload checks. It returns the payload to write (with presets).
func (s *Service) authorizeWrite(ctx context.Context, action string, keys []any, payload map[string]any, trailing ...string) (map[string]any, error) {
	if _, err := s.authorize(ctx, action, &Query{}); err != nil {
		return nil, err
	}
	// processPayload's field rules run for every caller with an accountability, admin included.
	validate := s.opts.Accountability != nil && (action == "create" || action == "update")
	w, ok := s.opts.Authorizer.(WriteAuthorizer)
	if s.isAdmin() || !ok {
		if validate {
			if err := s.validatePayload(ctx, action, payload, nil); err != nil {
				return nil, err
			}
		}
		return payload, nil
	}
	if action == "update" || action == "delete" {
		var fields []string
		if action == "update" {
			fields = make([]string, 0, len(payload))
			for k := range payload {
				fields = append(fields, k)
			}
			sort.Strings(fields) // Directus lists them in payload order; a Go map has none
			for _, f := range trailing {
				if i := slices.Index(fields, f); i >= 0 {
					fields = append(slices.Delete(fields, i, i+1), f)
				}
			}
		}
		if err := w.AuthorizeKeys(ctx, action, s.collection, keys, fields, s.opts.Accountability, s.opts); err != nil {
			return nil, err
		}
	}
	if action != "create" && action != "update" {
		return payload, nil
	}
	withPresets, err := w.AuthorizePayload(ctx, action, s.collection, payload, s.opts.Accountability)
	if err != nil {
		if isValidationFailure(err) {
			// Directus checks field and permission rules in one pass: field failures come first.
			return nil, s.validatePayload(ctx, action, payload, err)
		}
		return nil, err
	}
	if err := s.validatePayload(ctx, action, withPresets, nil); err != nil {
		return nil, err
	}
	return withPresets, nil
}
