package items

import (
	"context"
	"errors"
	"time"

	"github.com/dxhost/dxhost/services/schema"
	"github.com/dxhost/dxhost/services/validation"
)

// generateSpecial are @directus/constants GENERATE_SPECIAL: fields whose value Directus fills in,
// so they count as nullable for validation even when the column is NOT NULL.
var generateSpecial = []string{"uuid", "date-created", "date-updated", "role-created", "role-updated", "user-created", "user-updated"}

// fieldRules is the schema part of Directus's processPayload, in field order: a non-nullable field
// must be submitted on create when its default is null (_submitted) and must never be null
// (_nnull); a field's directus_fields.validation rule applies with its dynamic variables resolved.
// Directus runs them (only when the caller has an accountability, admin included) together with
// the permission rules, field rules first.
func (s *Service) fieldRules(ctx context.Context, col *schema.Collection, action string) ([]any, error) {
	var rules []any
	for _, name := range col.FieldOrder {
		f := col.Fields[name]
		if f == nil {
			continue
		}
		if !fieldNullable(f) {
			if action == "create" && f.DefaultValue == nil {
				rules = append(rules, map[string]any{f.Field: map[string]any{"_submitted": true}})
			}
			rules = append(rules, map[string]any{f.Field: map[string]any{"_nnull": true}})
		}
		rule, ok := f.Validation.(map[string]any)
		if !ok || len(rule) == 0 {
			continue
		}
		parsed, err := ParseFilter(ctx, rule, s.validationVariables())
		if err != nil {
			return nil, err
		}
		rules = append(rules, parsed)
	}
	return rules, nil
}

// fieldNullable is isFieldNullable: nullable, generated or filled in by a generating special.
func fieldNullable(f *schema.Field) bool {
	if f.Nullable || f.Generated {
		return true
	}
	for _, sp := range generateSpecial {
		if contains(f.Special, sp) {
			return true
		}
	}
	return false
}

// validationVariables are the dynamic variables of a field rule. Directus fetches the
// $CURRENT_USER/$CURRENT_ROLE paths a rule names; here such paths read as null (no lookup).
func (s *Service) validationVariables() Variables {
	acc := s.opts.Accountability
	vars := Variables{Now: time.Now(), User: acc["user"], Role: acc["role"]}
	if roles, ok := acc["roles"].([]any); ok {
		vars.Roles = roles
	}
	return vars
}

// validatePayload runs the field rules against payload (with presets): nil when all pass, else the
// FAILED_VALIDATION list (validation.Errors) Directus throws. permission holds the failures of the
// permission rules (which Directus checks in the same pass, after the field rules), if any.
func (s *Service) validatePayload(ctx context.Context, action string, payload map[string]any, permission error) error {
	col, err := s.collectionInfo(s.collection)
	if err != nil {
		return err
	}
	rules, err := s.fieldRules(ctx, col, action)
	if err != nil {
		return err
	}
	var failures validation.Errors
	if len(rules) > 0 {
		failures = validation.Payload(map[string]any{"_and": rules}, payload, s.nestedPath())
	}
	if permission != nil {
		var perm validation.Errors
		if !errors.As(permission, &perm) {
			return permission
		}
		failures = append(failures, perm.Under(s.nestedPath())...)
	}
	if len(failures) == 0 {
		return nil
	}
	return failures
}

// isValidationFailure reports whether err is a list of FAILED_VALIDATION errors.
func isValidationFailure(err error) bool {
	var list validation.Errors
	return errors.As(err, &list)
}

// nestedPath is s.nested as a validation error path.
func (s *Service) nestedPath() []any {
	path := make([]any, len(s.nested))
	for i, p := range s.nested {
		path[i] = p
	}
	return path
}
